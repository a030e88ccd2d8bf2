"""Every test gets its own data file, config and a fixed "today".

Today is Wednesday 2026-11-25 in every test (time-machine, ticking), so
relative dates such as "yesterday" and "last friday" have known answers.
"""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
import time_machine
from typer.testing import CliRunner

from advisors.cli import app

TODAY = datetime(2026, 11, 25, 10, 0)


@dataclass
class Env:
    db: Path
    config: Path
    root: Path


@pytest.fixture(autouse=True)
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Env:
    db = tmp_path / "data" / "advisors.json"
    config = tmp_path / "config.toml"
    monkeypatch.setenv("ADVISORS_DB", str(db))
    monkeypatch.setenv("ADVISORS_CONFIG", str(config))
    monkeypatch.setenv("COLUMNS", "80")
    # never this machine's own keychain: keys go to the identity file beside
    # the config (a test that wants a keyring brings its own)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    for name in (
        "NO_COLOR",
        "FORCE_COLOR",
        "ADVISORS_DEBUG",
        "VISUAL",
        "EDITOR",
        "ADVISORS_LOCK_TIMEOUT",
    ):
        monkeypatch.delenv(name, raising=False)
    return Env(db=db, config=config, root=tmp_path)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=True):
        yield


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)


def run(*args: str, input: str | None = None) -> Run:
    result = CliRunner().invoke(app, list(args), input=input, catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def cli():
    """Run advisors in-process; returns exit code, stdout and stderr."""
    return run


def ok(*args: str, input: str | None = None) -> Run:
    """Run a command that must succeed."""
    result = run(*args, input=input)
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def snapshot(path: Path) -> dict[str, bytes]:
    """Every byte of the data file and its log, for 'unchanged' checks."""
    files = {}
    if path.exists():
        files[path.name] = path.read_bytes()
    log = path.with_name(f"{path.name}.log")
    if log.exists():
        for entry in sorted(log.iterdir()):
            files[f"log/{entry.name}"] = entry.read_bytes()
    return files


@pytest.fixture
def board(env: Env) -> Env:
    """A small board: three active people, a prospect, one paused."""
    ok(
        "add",
        "Ana Lopez",
        "--role",
        "mentor",
        "--area",
        "career",
        "--area",
        "leadership",
        "--every",
        "3 weeks",
        "--why",
        "runs the team I want to run",
        "--email",
        "ana@example.org",
    )
    ok("add", "José Chen", "--role", "peer", "--area", "career", "--every", "monthly")
    ok("add", "Bo Chen", "--role", "mentee", "--area", "community", "--every", "2w")
    ok("add", "Raj Patel", "--role", "sponsor", "--status", "prospect")
    ok("add", "Mia Wong", "--role", "coach", "--area", "wellness")
    ok("pause", "mia", "--until", "2027-01-15")
    return env


def advisors_command() -> list[str]:
    """The installed console script, as a user would run it."""
    found = shutil.which("advisors", path=str(Path(sys.executable).parent))
    assert found, "the advisors console script is not installed in this venv"
    return [found]


def run_installed(
    *args: str, env: dict[str, str] | None = None, input: str | None = None, timeout: float = 60
) -> subprocess.CompletedProcess:
    full_env = dict(os.environ)
    full_env.update(env or {})
    return subprocess.run(
        [*advisors_command(), *args],
        capture_output=True,
        text=True,
        env=full_env,
        input=input,
        timeout=timeout,
    )


ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def run_on_a_terminal(columns: int, *args: str) -> str:
    """Run the installed command on a pseudo-terminal ``columns`` wide."""
    return answer_on_a_terminal(columns, "", *args)[1]


def answer_on_a_terminal(columns: int, answers: str, *args: str) -> tuple[int, str]:
    """Run the installed command on a pseudo-terminal ``columns`` wide, typing
    ``answers`` at it; its exit code and what the terminal showed."""
    master, slave = pty.openpty()
    env = dict(os.environ, COLUMNS=str(columns), TERM="xterm")
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen(
        [*advisors_command(), *args], stdout=slave, stderr=slave, stdin=slave, env=env
    )
    os.close(slave)
    if answers:
        os.write(master, answers.encode())
    shown = shown_on(master)
    proc.wait(timeout=60)
    os.close(master)
    return proc.returncode, ANSI.sub("", shown.decode()).replace("\r", "")


def shown_on(
    master: int, reply: Callable[[bytes], bytes | None] | None = None, timeout: float = 120
) -> bytes:
    """What a pseudo-terminal shows until its program closes it; after each
    read, ``reply`` is given all that was shown and may return what to type."""
    shown = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
        typed = reply(shown) if reply is not None else None
        if typed:
            os.write(master, typed)
    return shown


def in_a_session(argv: list[str], reply: Callable[[bytes], bytes | None]) -> str:
    """Run ``argv`` in a new session whose controlling terminal is a
    pseudo-terminal, as a terminal window runs its programs (so that it may
    ask on ``/dev/tty``); ``reply`` answers it (see ``shown_on``). What the
    terminal showed."""
    pid, master = pty.fork()
    if pid == 0:  # the child
        os.execvp(argv[0], argv)
    shown = shown_on(master, reply)
    os.waitpid(pid, 0)
    os.close(master)
    return ANSI.sub("", shown.decode(errors="replace")).replace("\r", "")
