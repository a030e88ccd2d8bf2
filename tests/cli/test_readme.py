"""The README's console samples are real: run in order on a fresh data file
with a fixed date, each prints what the README shows under it."""

from __future__ import annotations

import runpy
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "readme_samples.py"


def test_every_console_sample_prints_what_the_readme_shows(env) -> None:
    samples = runpy.run_path(str(SCRIPT))
    text = samples["README"].read_text(encoding="utf-8")
    blocks = samples["BLOCK"].findall(text)
    assert len(blocks) >= 4
    ran = samples["run_all"](text)
    for block, actual in zip(blocks, ran, strict=True):
        for (command, shown), (_same, printed) in zip(
            samples["commands"](block), actual, strict=True
        ):
            assert printed == shown, f"$ {command}"
