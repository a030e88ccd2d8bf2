"""The layers hold: no lower layer imports a higher one, no import circle
(scripts/layers.py, which scripts/check also runs)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_lower_layer_imports_a_higher_one_and_no_circle() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "layers.py")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_no_command_module_prints_or_chooses_json_itself() -> None:
    for path in sorted((ROOT / "advisors" / "commands").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for forbidden in ("print(", "console.", "emit_json", "if as_json", "sys.stdout"):
            assert forbidden not in text, f"{path.name} uses {forbidden}"


def test_importers_and_the_editor_import_nothing_from_the_commands() -> None:
    for path in [*(ROOT / "advisors" / "formats").glob("*.py"), ROOT / "advisors" / "editor.py"]:
        assert "advisors.commands" not in path.read_text(encoding="utf-8"), path.name
