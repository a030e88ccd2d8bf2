"""The installed `advisors` command, run as a user and cron run it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import Env, advisors_command, ok, run_installed, snapshot


def test_the_console_script_runs_the_main_job(env: Env) -> None:
    added = run_installed("add", "Ana Lopez", "--every", "3w")
    assert added.returncode == 0, added.stderr
    logged = run_installed("log", "ana", "--date", "2026-11-01", "--note", "hello")
    assert logged.returncode == 0, logged.stderr
    due = run_installed("due", "--as-of", "2026-12-01")
    assert due.returncode == 0
    assert "Ana Lopez" in due.stdout and "overdue 9d" in due.stdout
    assert "\x1b[" not in due.stdout  # piped: plain text
    assert due.stderr == ""


def test_python_dash_m_works_too(env: Env) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "advisors", "--version"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    assert done.stdout.startswith("advisors ")


def test_cron_like_environment(env: Env) -> None:
    """cron gives a bare environment: no HOME config, no TERM, a short PATH."""
    bare = {"PATH": "/usr/bin:/bin", "HOME": str(env.root), "LANG": "C"}
    done = subprocess.run(
        [*advisors_command(), "--db", str(env.db), "due"],
        capture_output=True,
        text=True,
        env=bare,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Your board is empty" in done.stdout


def test_usage_errors_exit_2_with_one_line(env: Env) -> None:
    done = run_installed("due", "--nonsense")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "No such option" in done.stderr
    assert done.stdout == ""


def test_pydantic_is_not_imported_on_a_normal_run(env: Env) -> None:
    """Typer would import pydantic (about 100 ms) on every call; we keep it out."""
    run_installed("add", "Ana")
    for args in (
        ["due"],
        ["list", "--json"],
        ["add", "Bo", "--every", "2w"],
        ["log", "ana", "--note", "x"],
        ["history", "--limit", "3"],
        ["board"],
        ["prep", "ana"],
    ):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "advisors", *args],
            capture_output=True,
            text=True,
            timeout=60,
            env=dict(os.environ),
        )
        assert done.returncode == 0, done.stderr[-500:]
        imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
        assert "pydantic" not in imported, args
        assert "jinja2" not in imported, args  # only `report` draws a page
        assert "rich" not in imported, args  # piped output needs no Rich
        assert "dateutil.parser" not in imported or args[0] == "log", args


def test_long_output_arrives_whole_through_a_pipe(env: Env) -> None:
    """The program leaves without interpreter teardown: it must flush first."""
    from advisors.board.records import Conversation, Person
    from advisors.store import DataFile

    with DataFile(env.db).transaction() as data:
        ana = data.insert(Person(name="Ana"))
        for i in range(3000):
            data.insert(
                Conversation(
                    people=[ana.id],
                    date="2026-01-01",
                    notes=f"conversation number {i:04d} " + "x" * 40,
                )
            )
    done = run_installed("history", "--json")
    assert done.returncode == 0, done.stderr
    import json

    talks = json.loads(done.stdout)
    assert len(talks) == 3000
    assert len(done.stdout) > 300_000  # far more than a pipe holds at once
    head = subprocess.run(
        f"{advisors_command()[0]} history | head -1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert head.stdout.startswith("#3000")
    assert "Traceback" not in head.stderr and "Exception" not in head.stderr
    status = subprocess.run(  # a reader that stops early is not a failure
        [
            "bash",
            "-c",
            f'{advisors_command()[0]} history | head -1 >/dev/null; echo "${{PIPESTATUS[0]}}"',
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert status.stdout.strip() == "0", status.stderr


def test_a_closed_pipe_inside_a_change_saves_nothing_and_says_so(env: Env) -> None:
    from advisors import open_board
    from advisors.board.records import Person
    from advisors.errors import Cancelled

    ok("add", "Ana Lopez")
    before = snapshot(env.db)
    board = open_board(env.db)
    with pytest.raises(Cancelled, match="nothing was changed"), board.change() as data:
        data.insert(Person(name="Bo"))
        raise BrokenPipeError
    assert snapshot(env.db) == before
