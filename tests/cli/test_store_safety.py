"""The data file survives crashes, faults, races and interruptions.

These run real subprocesses where the property is about processes (locks,
kill -9, concurrent writers) and inject faults in-process where the property
is about each I/O call of a commit.
"""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from advisors.board.records import Conversation, Person
from advisors.errors import DataFileProblem
from advisors.store import DataFile
from tests.conftest import Env, ok, run_installed, snapshot


def state(path: Path) -> tuple[list[str], list[tuple[int, str]]]:
    """People's names and the conversations, read the way the tool reads."""
    data = DataFile(path).read()
    people = sorted(p.name for p in data.all(Person))
    talks = sorted((c.id, c.notes) for c in data.conversations())
    return people, talks


def leftovers(path: Path) -> list[str]:
    """Temporary or orphaned files a failed commit might leave behind."""
    found = [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    log = path.with_name(f"{path.name}.log")
    meta = json.loads(path.read_bytes())["_meta"]["1"] if path.exists() else {}
    if log.exists():
        # named by the state, or kept for undo
        named = {s["file"] for s in meta.get("log", [])} | set(meta.get("held", {}))
        found += [p.name for p in log.iterdir() if p.name not in named]
    undo = path.with_name(f"{path.name}.undo")
    if undo.exists():
        steps = {s["file"] for s in [*meta.get("undo", []), *meta.get("redo", [])]}
        found += [p.name for p in undo.iterdir() if p.name not in steps]
    return found


def change(path: Path, label: str) -> None:
    """One transaction touching both the main file and the log."""
    with DataFile(path).transaction() as data:
        person = data.insert(Person(name=label))
        data.insert(Conversation(people=[person.id], date="2026-11-20", notes=label))


@pytest.mark.parametrize("call", ["open", "write", "fsync", "replace", "close"])
def test_a_fault_at_every_io_call_leaves_old_or_new(env: Env, monkeypatch, call: str) -> None:
    change(env.db, "first")
    old = state(env.db)
    real = getattr(os, call)
    k = 1
    while True:
        counter = {"n": 0}

        def failing(*args, _k=k, _counter=counter, **kwargs):
            _counter["n"] += 1
            if _counter["n"] == _k:
                raise OSError(errno.EIO, "injected fault")
            return real(*args, **kwargs)

        monkeypatch.setattr(os, call, failing)
        try:
            change(env.db, f"attempt {k}")
            succeeded = True
        except (DataFileProblem, OSError):
            succeeded = False
        finally:
            monkeypatch.setattr(os, call, real)
        now = state(env.db)
        assert leftovers(env.db) == [], (call, k)
        if succeeded:
            assert now[0] == sorted([*old[0], f"attempt {k}"])
            break
        # A fault after the replace (fsync of the folder) may have committed.
        assert now == old or now[0] == sorted([*old[0], f"attempt {k}"]), (call, k)
        old = now
        k += 1
        assert k < 60, "the commit never succeeded"
    ok("due")  # and the next run works


def test_enospc_in_a_real_process_keeps_the_old_file(board: Env) -> None:
    before = snapshot(board.db)
    script = textwrap.dedent("""
        import errno, os, sys
        real = os.write
        def full(fd, data):
            raise OSError(errno.ENOSPC, "No space left on device")
        os.write = full
        from advisors.cli import app
        sys.argv = ["advisors", "add", "Zed"]
        app()
    """)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 3, done.stderr
    assert "No space left on device" in done.stderr
    assert "free some disk space" in done.stderr
    assert "Traceback" not in done.stderr
    assert snapshot(board.db) == before
    assert leftovers(board.db) == []


def test_ctrl_c_inside_a_transaction_writes_nothing_and_frees_the_lock(board: Env) -> None:
    before = snapshot(board.db)
    with pytest.raises(KeyboardInterrupt), DataFile(board.db).transaction() as data:
        data.insert(Person(name="Half Done"))
        raise KeyboardInterrupt
    assert snapshot(board.db) == before
    os.environ["ADVISORS_LOCK_TIMEOUT"] = "0.2"
    try:
        ok("add", "Next One")  # the lock is free again
    finally:
        del os.environ["ADVISORS_LOCK_TIMEOUT"]


def test_ctrl_c_during_the_replace_writes_nothing(board: Env, monkeypatch) -> None:
    before = snapshot(board.db)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        change(board.db, "never")
    monkeypatch.undo()
    assert snapshot(board.db) == before
    assert leftovers(board.db) == []


def test_a_held_lock_makes_a_writer_wait_then_exit_3(board: Env) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import fcntl, os, sys, time
            fd = os.open({str(board.db) + ".lock"!r}, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(fd, fcntl.LOCK_EX)
            print("locked", flush=True)
            time.sleep(30)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        before = snapshot(board.db)
        started = time.monotonic()
        result = run_installed("add", "Zed", env={"ADVISORS_LOCK_TIMEOUT": "1"})
        waited = time.monotonic() - started
        assert result.returncode == 3
        assert "busy" in result.stderr
        assert waited >= 1.0
        assert snapshot(board.db) == before
        # Readers don't need the lock.
        assert run_installed("due", "--json").returncode == 0
    finally:
        holder.kill()
        holder.wait()
    # A killed holder leaves no lock behind.
    assert run_installed("add", "Zed").returncode == 0


@pytest.mark.slow
def test_concurrent_writers_lose_nothing(env: Env) -> None:
    ok("add", "Seed")
    script = textwrap.dedent("""
        import sys
        from typer.main import get_command
        from advisors.cli import app
        command = get_command(app)  # app() itself ends the process when done
        for i in range(int(sys.argv[2])):
            code = command.main(["add", f"{sys.argv[1]}-{i}"], standalone_mode=False)
            assert code == 0, code
    """)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, f"writer{w}", "8"], stderr=subprocess.PIPE, text=True
        )
        for w in range(4)
    ]
    for proc in procs:
        _, errors = proc.communicate(timeout=120)
        assert proc.returncode == 0, errors
    names = {p["name"] for p in ok("list", "--json").json()}
    expected = {"Seed"} | {f"writer{w}-{i}" for w in range(4) for i in range(8)}
    assert names == expected


def _seed_large(path: Path, people: int, talks: int) -> None:
    with DataFile(path).transaction() as data:
        ids = [data.insert(Person(name=f"Person {i}", why="x" * 80)).id for i in range(people)]
        for i in range(talks):
            data.insert(
                Conversation(
                    people=[ids[i % people]], date="2025-01-01", notes=f"seed {i} " + "y" * 60
                )
            )


WRITER = textwrap.dedent("""
    import sys
    from advisors.board.records import Conversation, Person
    from advisors.store import DataFile
    path = sys.argv[1]
    n = 0
    while True:
        n += 1
        with DataFile(__import__("pathlib").Path(path)).transaction() as data:
            if n % 3 == 0:
                # shrink: drop a person, rewriting segments
                victim = max(data.all(Person), key=lambda p: p.id)
                for c in data.conversations():
                    if victim.id in c.people:
                        data.delete(c)
                data.delete(victim)
            else:
                p = data.insert(Person(name=f"killed-run {n}"))
                data.insert(Conversation(people=[p.id], date="2026-01-01",
                                         notes=f"commit {n}"))
        print(n, flush=True)
""")


@pytest.mark.slow
def test_kill_9_at_random_moments_leaves_a_whole_file(env: Env) -> None:
    _seed_large(env.db, people=3000, talks=20000)
    rng = random.Random(20261125)
    for _round in range(12):
        before = state(env.db)
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(env.db)], stdout=subprocess.PIPE, text=True
        )
        time.sleep(rng.uniform(0.2, 1.5))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        commits = len(out.split())
        # The file parses, every segment it names is whole, each commit is
        # all there or not at all, and nothing points at a missing person.
        data = DataFile(env.db).read()
        people = {p.id: p.name for p in data.all(Person)}
        talks = data.conversations()
        assert all(set(c.people) <= set(people) for c in talks)
        added = {name.split()[-1] for name in people.values() if name.startswith("killed-run")}
        logged = {c.notes.split()[-1] for c in talks if c.notes.startswith("commit")}
        assert added == logged
        if commits == 0 and state(env.db) != before:
            # killed during its first commit, after the replace: one change
            assert len(added) <= len(before[0]) + 1
        assert len(talks) >= 15000
        result = run_installed("due", "--json")
        assert result.returncode == 0, result.stderr
        assert run_installed("history", "--limit", "1").returncode == 0
    # The next writer sweeps up what the kills left.
    ok("add", "After The Storm")
    assert leftovers(env.db) == []


def test_a_reader_never_sees_a_partial_file(env: Env) -> None:
    ok("add", "Seed")
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import json, sys
            from pathlib import Path
            from advisors.store import DataFile
            path = Path({str(env.db)!r})
            bad = 0
            for _ in range(400):
                try:
                    json.loads(path.read_bytes())
                    DataFile(path).read().conversations()
                except Exception as exc:
                    bad += 1
                    print(repr(exc), file=sys.stderr)
            print(bad)
        """),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    for i in range(40):
        change(env.db, f"commit {i}")
    out, errors = reader.communicate(timeout=120)
    assert out.strip() == "0", errors


@pytest.mark.slow
def test_a_kill_before_any_file_writing_call_loses_nothing() -> None:
    """scripts/torture.py at a small size: every scenario, every kill point."""
    script = Path(__file__).resolve().parents[2] / "scripts" / "torture.py"
    done = subprocess.run(
        [sys.executable, str(script), "--people", "40", "--talks", "1200"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 lost or damaged" in done.stdout.splitlines()[-1]
