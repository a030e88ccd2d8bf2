"""Every file of the corpus in tests/data/real (address books and calendars
as vendors write them, and the test files of vobject, icalendar and
recurring-ical-events) imported through the real CLI into a board of five
people: never an internal error, and what each yields matches the table in
tests/data/real/expected.json.

After a change that means to alter what a file yields, rewrite the table
with ``ADVISORS_UPDATE_REAL=1 pytest tests/cli/test_real_files.py`` and
read the diff.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import Env, run

REAL = Path(__file__).parent.parent / "data" / "real"
EXPECTED = REAL / "expected.json"
FILES = sorted(
    p for p in REAL.rglob("*") if p.suffix.lower() in (".ics", ".vcf", ".csv") and p.is_file()
)
BOARD = [
    ("Ana López", "ana@acme.example"),
    ("Bo Chen", "bo.chen@example.com"),
    ("Priya Raman", "priya@initech.example"),
    ("Carla Lopez", "carla@fabrikam.example"),
    ("José López", "jose@example.com"),
]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder holding the five people, made once and copied per file."""
    folder = tmp_path_factory.mktemp("seed")
    os.environ["ADVISORS_DB"] = str(folder / "advisors.json")
    try:
        for name, email in BOARD:
            assert run("add", name, "--email", email, "--role", "peer").exit_code == 0
    finally:
        del os.environ["ADVISORS_DB"]
    return folder


def yields(env: Env, seeded: Path, path: Path) -> dict[str, object]:
    shutil.copytree(seeded, env.db.parent)
    env.config.write_text('me = ["me@example.com"]\n')
    form = "vcard" if b"BEGIN:VCARD" in path.read_bytes()[:2000].upper() else None
    args = ["import", str(path), "--yes", "--json", *(["--format", form] if form else [])]
    result = run(*args)
    assert result.exit_code in (0, 2), (path.name, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    if result.exit_code == 2:
        assert result.stderr.count("\n") == 1, result.stderr  # one line
        assert "'list' object" not in result.stderr and "KeyError" not in result.stderr
        return {"refused": result.stderr.strip().removeprefix("advisors: error: ")}
    report = result.json()
    added: dict[str, int] = {}
    for change in report["changes"]:
        if change["action"] in ("add", "update"):
            key = f"{change['action']} {change['kind']}"
            added[key] = added.get(key, 0) + 1
    skipped = report["unread"] + sum(1 for c in report["changes"] if c["action"] == "skip")
    return {**dict(sorted(added.items())), "skipped": skipped}


def expected() -> dict[str, object]:
    return json.loads(EXPECTED.read_text(encoding="utf-8")) if EXPECTED.exists() else {}


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(REAL)))
def test_every_real_file_imports_without_an_internal_error(
    env: Env, seeded: Path, path: Path
) -> None:
    found = yields(env, seeded, path)
    name = str(path.relative_to(REAL))
    if os.environ.get("ADVISORS_UPDATE_REAL"):
        table = expected()
        table[name] = found
        EXPECTED.write_text(
            json.dumps(dict(sorted(table.items())), indent=1, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        return
    assert found == expected().get(name), name
