"""Run the README's console samples, in order, against one fresh data file.

    .venv/bin/python scripts/readme_samples.py          # rewrite their output
    .venv/bin/python scripts/readme_samples.py --check  # exit 1 if any differs

Every ```console block of README.md is a session: each ``$ advisors ...``
line (continued with a trailing backslash) runs as the user would type it,
piped, 80 columns wide, on Wednesday 25 November 2026, from the repository's
folder (so ``docs/samples/`` files can be named), and the lines under it
are what it prints (stdout and stderr, as a terminal shows them). So every
sample follows from the commands before it, and none can go stale.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
TODAY = "2026-11-25 10:00"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def commands(block: str) -> list[tuple[str, list[str]]]:
    """The block's commands, each with the output lines shown under it."""
    found: list[tuple[str, list[str]]] = []
    lines = block.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.startswith("$ "):
            command = line[2:]
            while command.endswith("\\"):
                index += 1
                command = command[:-1].rstrip() + " " + lines[index].strip()
            found.append((command, []))
        elif found:
            found[-1][1].append(line)
        index += 1
    return [(command, _trim(output)) for command, output in found]


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def run_all(text: str, then: Callable[[], None] | None = None) -> list[list[tuple[str, list[str]]]]:
    """Run every block's commands in order; return what each printed.
    ``then`` runs last, on the board the samples made (scripts/report_picture.py)."""
    import time_machine
    from typer.testing import CliRunner

    from advisors.cli import app

    results = []
    with tempfile.TemporaryDirectory() as tmp, time_machine.travel(TODAY, tick=False):
        saved = dict(os.environ)
        os.environ.update(
            ADVISORS_DB=str(Path(tmp) / "advisors.json"),
            ADVISORS_CONFIG=str(Path(tmp) / "config.toml"),
            COLUMNS="80",
        )
        for name in ("NO_COLOR", "FORCE_COLOR", "EDITOR", "VISUAL"):
            os.environ.pop(name, None)
        here = os.getcwd()
        os.chdir(README.parent)  # samples name files such as docs/samples/contacts.vcf
        try:
            for block in BLOCK.findall(text):
                ran = []
                for command, _shown in commands(block):
                    words = shlex.split(command, comments=True)
                    assert words[0] == "advisors", command
                    result = CliRunner().invoke(app, words[1:])
                    ran.append((command, _trim(result.output.rstrip("\n").splitlines())))
                results.append(ran)
            if then is not None:
                then()
        finally:
            os.chdir(here)
            os.environ.clear()
            os.environ.update(saved)
    return results


def render(ran: list[tuple[str, list[str]]], original: str) -> str:
    """A block with each command as it was written and its real output."""
    written = dict(_written(original))
    out: list[str] = []
    for command, output in ran:
        if out:
            out.append("")
        out += written[command]
        out += output
    return "\n".join(out) + "\n"


def _written(block: str) -> list[tuple[str, list[str]]]:
    """Each command with its lines as written (continuations kept)."""
    lines = block.splitlines()
    result = []
    index = 0
    while index < len(lines):
        if lines[index].startswith("$ "):
            start = index
            while lines[index].endswith("\\"):
                index += 1
            kept = lines[start : index + 1]
            command = kept[0][2:]
            for extra in kept[1:]:
                command = command[:-1].rstrip() + " " + extra.strip()
            result.append((command, kept))
        index += 1
    return result


def main() -> int:
    text = README.read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    ran = run_all(text)
    if "--check" in sys.argv[1:]:
        stale = 0
        for block, actual in zip(blocks, ran, strict=True):
            for (command, shown), (_same, printed) in zip(commands(block), actual, strict=True):
                if shown != printed:
                    stale += 1
                    print(f"$ {command}\n  README: {shown}\n  prints: {printed}", file=sys.stderr)
        return 1 if stale else 0
    pieces = iter(render(actual, block) for block, actual in zip(blocks, ran, strict=True))
    README.write_text(BLOCK.sub(lambda m: f"```console\n{next(pieces)}```", text), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
