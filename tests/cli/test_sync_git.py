"""The README's git recipe, end to end: two clones of one repository stand for
a laptop and a desktop; both change the board before they pull."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import advisors_command

README = Path(__file__).resolve().parents[2] / "README.md"
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def recipe() -> list[str]:
    """The lines of the README's git set-up, after `git init`."""
    block = README.read_text().split("*A git repository*")[1].split("```sh\n")[1].split("```")[0]
    return [line for line in block.splitlines() if not line.startswith("cd ")]


def sh(folder: Path, command: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        command, shell=True, cwd=folder, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, (command, done.stdout, done.stderr)
    return done.stdout


def test_two_clones_converge_through_the_readme_recipe(tmp_path: Path) -> None:
    bin_folder = str(Path(advisors_command()[0]).parent)
    env = {
        **os.environ,
        "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(tmp_path),
        "ADVISORS_DB": "advisors.json",
    }
    env.pop("ADVISORS_CONFIG", None)
    hub, laptop, desktop = tmp_path / "hub.git", tmp_path / "laptop", tmp_path / "desktop"
    sh(tmp_path, f"git init -q --bare {hub} && git clone -q {hub} {laptop}", env)
    for line in recipe():
        if line.startswith("git init"):
            continue
        sh(laptop, line, env)
    sync = "git add -A; git commit -qm sync; git pull -q --no-rebase --no-edit origin main"
    sh(laptop, 'advisors add "Ana Lopez" && advisors log ana --note first', env)
    sh(laptop, "git add -A && git commit -qm start && git push -q origin HEAD:main", env)
    sh(tmp_path, f"git clone -q -b main {hub} {desktop}", env)
    sh(desktop, [line for line in recipe() if "merge.advisors.driver" in line][0], env)

    sh(
        desktop,
        'advisors add "Ben Desk" && advisors log ana --note "from the desktop" && '
        "advisors edit ana --email ana@desk.example --why 'said on the desktop'",
        env,
    )
    sh(desktop, "git add -A && git commit -qm desk && git push -q origin HEAD:main", env)
    sh(
        laptop,
        'advisors add "Cy Lap" && advisors log ana --note "from the laptop" && '
        "advisors edit ana --every 6w --why 'said on the laptop'",
        env,
    )
    sh(laptop, sync, env)
    assert re.search(r"advisors\.sync-conflict-.*-git\.json", sh(laptop, "git status -s", env))
    merged = sh(laptop, "advisors merge", env)
    assert "Merged" in merged
    # the same field changed on both devices: the later kept, the other named
    assert (
        "Conflict in person Ana Lopez: both copies changed its why: kept 'said on the laptop'"
        in (merged)
    )
    sh(laptop, "git add -A && git commit -qm merged && git push -q origin HEAD:main", env)
    sh(desktop, sync + " && advisors merge", env)

    for device in (laptop, desktop):
        names = sh(device, "advisors list", env)
        assert all(n in names for n in ("Ana Lopez", "Ben Desk", "Cy Lap")), names
        notes = sh(device, "advisors history ana", env)
        assert "from the desktop" in notes and "from the laptop" in notes
        assert "healthy" in sh(device, "advisors doctor", env)
        ana = json.loads(sh(device, "advisors show ana --json", env))
        # each device changed a different field of Ana: both changes survive
        assert (ana["email"], ana["cadence"]) == ("ana@desk.example", "6w")
        assert ana["why"] == "said on the laptop"
