"""The crontab line that mails the weekly digest, printed or installed."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from advisors.actions.board import Board
from advisors.actions.result import Result
from advisors.dates import WEEKDAYS
from advisors.errors import UsageProblem

CRON_MARK = "# advisors weekly digest"
OUR_MARKS = (CRON_MARK, "# advisors daily digest")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun", "daily")


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
    if config := os.environ.get("ADVISORS_CONFIG"):  # cron's run must find the same config
        command = f"ADVISORS_CONFIG={_cron_quote(str(Path(config).absolute()))} {command}"
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


@dataclass
class CronLine(Result):
    line: str
    done: str = ""  # "installed", "removed", "absent" (nothing to remove), or "" (printed)
    # on an encrypted board, why cron's run would not find the key (and how to mend it)
    no_key: str = ""

    def __post_init__(self) -> None:
        self.exit_code = 1 if self.no_key else 0

    def as_json(self) -> dict[str, str]:
        found = {"line": self.line, "done": self.done or "printed"}
        return {**found, "key_unreachable": self.no_key} if self.no_key else found

    def show(self) -> None:
        from advisors.views import console

        if self.no_key:
            console.err(self.no_key)
        if not self.done:
            console.out(self.line)
            console.err("Add it with 'advisors cron --install', or paste it into 'crontab -e'.")
        elif self.done == "installed":
            console.out(f"Installed: {self.line}")
        elif self.done == "removed":
            console.out("Removed the advisors line from your crontab.")
        else:
            console.err("There was no advisors line in your crontab.")


def cron_line_for(board: Board, *, day: str = "mon", time: str = "08:00") -> CronLine:
    """The line, for the data file this board uses."""
    line = cron_line(day, time, board.path)
    return CronLine(line, no_key=key_from_cron(board, line))


# what cron gives a job: no session (no keyring, no agent), a short PATH
CRON_ENV_KEYS = ("HOME", "LOGNAME", "USER")
CRON_PATH = "/usr/bin:/bin"


def key_from_cron(board: Board, line: str) -> str:
    """On an encrypted board, run the line's command as cron would (its bare
    environment, no terminal): "" when it finds the key, else what to do."""
    import subprocess

    if not board.read().recipients:
        return ""
    command = line.split(None, 5)[5].rsplit(" # ", 1)[0]
    bare = {k: os.environ[k] for k in CRON_ENV_KEYS if k in os.environ}
    bare.update(PATH=CRON_PATH, SHELL="/bin/sh")
    try:
        done = subprocess.run(
            ["/bin/sh", "-c", command],
            env=bare,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"advisors: warning: could not try the line as cron would run it: {exc}"
    if done.returncode != 3:
        return ""
    said = (done.stderr.strip().splitlines() or [""])[-1].removeprefix("advisors: error: ")
    return (
        f"advisors: warning: run as cron runs it (no login session, PATH={CRON_PATH}), the "
        f"line can't open the encrypted board: {said}. Keep this device's key where cron "
        "finds it: the identity file ('advisors key export', into the file 'advisors where' "
        "lists beside the config, 0600), or an identity_command that needs no session"
    )


def install_cron(
    board: Board, *, day: str = "mon", time: str = "08:00", remove: bool = False
) -> CronLine:
    """Add the line to the user's crontab (replacing an older one of ours), or
    take ours out."""
    line = cron_line(day, time, board.path)
    table = _current_table()
    kept = [entry for entry in table if not entry.rstrip().endswith(OUR_MARKS)]
    if remove:
        if len(kept) == len(table):
            return CronLine(line, "absent")
        _write_table(kept)
        return CronLine(line, "removed")
    _write_table([*kept, line])
    return CronLine(line, "installed", no_key=key_from_cron(board, line))
