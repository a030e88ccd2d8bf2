"""The crontab line that mails the weekly digest, printed or installed."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from advisors.commands import CommandSet
from advisors.commands.params import (
    Choice,
)
from advisors.dates import WEEKDAYS
from advisors.errors import UsageProblem
from advisors.session import current
from advisors.views import console

app = CommandSet()

CRON_MARK = "# advisors weekly digest"
OUR_MARKS = (CRON_MARK, "# advisors daily digest")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun", "daily")
DAY = Choice(
    DAYS,
    "unknown --day {value}: use mon, tue, ... sun, or daily",
    aliases={name: DAYS[index] for name, index in WEEKDAYS.items()},
)


def _cron_quote(text: str) -> str:
    """Quote for /bin/sh, then for cron, which ends the command at a bare %.

    cron turns ``\\%`` into ``%``, but only where the backslash is not itself
    escaped, so each % gets an empty quoted string (``''``) before its
    backslash: ``a\\%b`` reaches the shell whole as ``'a\\''%b'``.
    """
    if any(ord(c) < 32 or ord(c) == 127 for c in text):
        raise UsageProblem(
            f"{text[:60]!r} contains a control character (a new line, say), which a "
            "crontab can't hold; use a plain path"
        )
    return shlex.quote(text).replace("%", "''\\%")


def executable() -> list[str]:
    """The absolute command that runs this advisors, for cron's bare PATH."""
    beside = Path(sys.executable).parent / "advisors"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "advisors"]


def cron_line(day: str, time: str, db: Path) -> str:
    word = day.strip().lower()
    if word == "daily":
        weekday = "*"
    elif word in WEEKDAYS:
        weekday = str((WEEKDAYS[word] + 1) % 7)  # cron counts from Sunday = 0
    else:
        raise UsageProblem(f"unknown --day {day!r}: use mon, tue, ... sun, or daily")
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", time.strip())
    if not match:
        raise UsageProblem(f"--time {time!r} should be HH:MM, like 08:00")
    if int(match[1]) > 23:
        raise UsageProblem(
            f"--time {time!r} should be HH:MM: the hour {int(match[1])} is out of range (00 to 23)"
        )
    if int(match[2]) > 59:
        raise UsageProblem(
            f"--time {time!r} should be HH:MM: the minute {int(match[2])} is out of range "
            "(00 to 59)"
        )
    command = " ".join(
        _cron_quote(part) for part in [*executable(), "--db", str(db), "remind", "--format", "text"]
    )
    mark = OUR_MARKS[1] if weekday == "*" else CRON_MARK
    return f"{int(match[2])} {int(match[1])} * * {weekday} {command} {mark}"


def _crontab(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    import subprocess

    program = shutil.which("crontab")
    if program is None:
        raise UsageProblem(
            "there is no 'crontab' command here: add the line printed by "
            "'advisors cron' by hand, or use a systemd timer (see the README)"
        )
    done = subprocess.run(
        [program, *args], input=stdin, capture_output=True, text=True, check=False
    )
    return done.returncode, done.stdout, done.stderr


def _current_table() -> list[str]:
    code, out, err = _crontab(["-l"])
    if code != 0:
        if "no crontab" in err.lower():
            return []
        raise UsageProblem(f"'crontab -l' failed: {err.strip() or code}")
    return out.splitlines()


def _write_table(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n" if lines else ""
    code, _out, err = _crontab(["-"], stdin=text)
    if code != 0:
        raise UsageProblem(f"'crontab -' failed: {err.strip() or code}")


@app.command()
def cron(
    day: Annotated[
        str, typer.Option("--day", click_type=DAY, help="Day of the week to send the digest.")
    ] = "mon",
    time: Annotated[
        str, typer.Option("--time", metavar="HH:MM", help="Time of day, 24-hour clock.")
    ] = "08:00",
    install: Annotated[
        bool,
        typer.Option(
            "--install", help="Add the line to your crontab (replacing an older one of ours)."
        ),
    ] = False,
    remove: Annotated[
        bool, typer.Option("--remove", help="Take our line out of your crontab.")
    ] = False,
) -> None:
    """Print (or install) a crontab line that mails you the digest."""
    if install and remove:
        raise UsageProblem("choose one of --install and --remove")
    session = current()
    line = cron_line(day, time, session.path)
    if not install and not remove:
        console.out(line)
        console.err("Add it with 'advisors cron --install', or paste it into 'crontab -e'.")
        return
    table = _current_table()
    kept = [entry for entry in table if not entry.rstrip().endswith(OUR_MARKS)]
    if remove:
        if len(kept) == len(table):
            console.err("There was no advisors line in your crontab.")
            return
        _write_table(kept)
        console.out("Removed the advisors line from your crontab.")
        return
    _write_table([*kept, line])
    console.out(f"Installed: {line}")
