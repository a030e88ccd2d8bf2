"""Nothing lost, ever: the paths around the commit (restore, backups, damaged
and shared files, odd input). Each test is named by the defect it pins."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import time_machine

from advisors.store import DataFile, Layout
from tests.conftest import Env, ok, run, snapshot


def backups_of(env: Env) -> list[str]:
    return sorted(p.name for p in (env.db.parent / "backups").iterdir())


def fourteen_days_of_backups(env: Env) -> None:
    ok("add", "Ana Lopez")
    ok("log", "ana", "--note", "day zero")
    for day in range(1, 16):
        with time_machine.travel(f"2026-12-{day:02d} 09:00", tick=True):
            ok("add", f"Person {day}")


def test_restoring_the_oldest_of_fourteen_backups_keeps_it(env: Env) -> None:
    fourteen_days_of_backups(env)
    daily = [n for n in backups_of(env) if n.count("-") == 3]
    assert len(daily) == 14
    oldest = daily[0]
    with time_machine.travel("2026-12-16 09:00", tick=True):
        done = ok("restore", oldest, "--yes")
    assert f"Restored {oldest}" in done.stdout
    assert oldest in backups_of(env)  # the restored backup is still there
    # ...beside the day's own: the next rotation may let the oldest go
    assert len([n for n in backups_of(env) if n.count("-") == 3]) == 15
    assert any(n.endswith("-before-restore") for n in backups_of(env))


def test_a_failed_restore_leaves_the_board_and_the_backup_as_they_were(
    env: Env, monkeypatch
) -> None:
    fourteen_days_of_backups(env)
    oldest = backups_of(env)[0]
    before = snapshot(env.db)
    backup_bytes = {
        p.name: p.read_bytes()
        for p in (env.db.parent / "backups" / oldest).rglob("*")
        if p.is_file()
    }
    real_replace = os.replace

    def failing(source, target, *args, **kwargs):
        if Path(target) == env.db:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(source, target, *args, **kwargs)

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", failing)
        result = run("restore", oldest, "--yes")
    assert result.exit_code == 3, result.stderr
    assert "nothing was changed" in result.stderr
    assert snapshot(env.db) == before
    after = {
        p.name: p.read_bytes()
        for p in (env.db.parent / "backups" / oldest).rglob("*")
        if p.is_file()
    }
    assert after == backup_bytes


def test_a_truncated_segment_left_by_an_interrupted_restore_is_replaced(env: Env) -> None:
    ok("add", "Ana Lopez")
    ok("log", "ana", "--note", "talk 0", "--date", "2026-11-20")
    with time_machine.travel("2026-11-26 09:00", tick=True):
        ok("log", "ana", "--note", "talk 1")  # the day's backup holds talk 0 only
    backup = "advisors.json-2026-11-26"
    named = json.loads((env.db.parent / "backups" / backup / "advisors.json").read_text())
    segment = named["_meta"]["1"]["log"][0]["file"]
    live = Layout.of(env.db).log / segment
    source = env.db.parent / "backups" / backup / "log" / segment
    live.unlink(missing_ok=True)  # the live log has moved on (undo keeps it a while)
    live.write_bytes(source.read_bytes()[:20])  # what a kill mid-copy would leave
    with time_machine.travel("2026-11-26 10:00", tick=True):
        ok("restore", backup, "--yes")
    assert live.read_bytes() == source.read_bytes()
    assert [c["notes"] for c in ok("history", "--json").json()] == ["talk 0"]


def _remove_a_segment(env: Env) -> Path:
    ok("add", "Ana Lopez")
    ok("log", "ana", "--note", "x")
    ok("log", "ana", "--note", "y")
    named = json.loads(env.db.read_text())["_meta"]["1"]["log"]
    segment = Layout.of(env.db).log / named[0]["file"]
    segment.unlink()
    return segment


@pytest.mark.parametrize(
    "args",
    [["add", "Bo"], ["edit", "ana", "--why", "w"], ["log", "ana", "--note", "z"], ["backup"]],
)
def test_a_missing_segment_stops_every_write_and_backup(env: Env, args) -> None:
    segment = _remove_a_segment(env)
    before, backups = snapshot(env.db), backups_of(env)
    result = run(*args)
    assert result.exit_code == 3, result.stderr
    assert segment.name in result.stderr and "advisors restore" in result.stderr
    assert snapshot(env.db) == before and backups_of(env) == backups


def test_readers_still_answer_and_warn(env: Env) -> None:
    segment = _remove_a_segment(env)
    for args in (["due"], ["list"]):
        result = run(*args)
        assert result.exit_code == 0
        assert segment.name in result.stderr and "missing" in result.stderr


def test_backup_refuses_a_file_that_does_not_read(board: Env) -> None:
    good = backups_of(board)
    board.db.write_bytes(b'{"people": ')
    for _ in range(3):
        result = run("backup")
        assert result.exit_code == 3
    assert backups_of(board) == good
    message = run("due").stderr
    assert f"advisors restore {good[-1]}" in message


def test_the_message_never_recommends_a_damaged_backup(board: Env) -> None:
    damaged = board.db.parent / "backups" / "advisors.json-2026-11-25T235959-manual"
    damaged.mkdir()
    (damaged / "advisors.json").write_bytes(b"garbage")
    board.db.write_bytes(b"garbage")
    message = run("due").stderr
    assert "advisors restore advisors.json-2026-11-25'" in message


@pytest.mark.parametrize(
    "main", [b'{"people": {}}', b'{"_meta": {"1": {"schema": 0}}, "people": {}}']
)
def test_a_main_file_without_meta_beside_a_log_is_damage(board: Env, main: bytes) -> None:
    ok("log", "ana", "--note", "keep me")
    log = Layout.of(board.db).log
    segments = {p.name: p.read_bytes() for p in log.iterdir()}
    board.db.write_bytes(main)
    for args in (["history"], ["due"], ["add", "Zed"]):
        result = run(*args)
        assert result.exit_code == 3, (args, result.stdout)
    assert {p.name: p.read_bytes() for p in log.iterdir()} == segments
    assert board.db.read_bytes() == main


def test_new_ids_stay_above_every_id_in_the_log(board: Env) -> None:
    for note in ("one", "two", "three"):
        ok("log", "ana", "--note", note)
    raw = json.loads(board.db.read_text())
    del raw["_meta"]["1"]["next_id"]
    board.db.write_text(json.dumps(raw))
    assert "(#4)" in ok("log", "ana", "--note", "four").stdout
    notes = {c["id"]: c["notes"] for c in ok("history", "--json").json()}
    assert notes == {1: "one", 2: "two", 3: "three", 4: "four"}


READER = textwrap.dedent("""
    import io, sys, contextlib
    from typer.main import get_command
    from advisors.cli import app
    command = get_command(app)
    failures = 0
    for i in range(int(sys.argv[1])):
        for args in (["history", "--limit", "3"], ["show", "ana"], ["prep", "ana"]):
            err = io.StringIO()
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                code = command.main(args, standalone_mode=False)
            if code != 0:
                failures += 1
                print(err.getvalue().strip(), file=sys.stderr)
    print(failures)
""")

WRITER = textwrap.dedent("""
    import sys
    from typer.main import get_command
    from advisors.cli import app
    command = get_command(app)
    for i in range(int(sys.argv[1])):
        code = command.main(["log", "ana", "--note", f"w{sys.argv[2]}-{i}"],
                            standalone_mode=False)
        assert code == 0, code
""")


@pytest.mark.slow
def test_readers_never_blame_the_file_for_busy_writers(board: Env) -> None:
    for i in range(30):  # a few segments' worth, so writers replace segments
        ok("log", "ana", "--note", f"seed {i}")
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, "25", str(w)], stderr=subprocess.PIPE, text=True
        )
        for w in range(4)
    ]
    reader = subprocess.run(
        [sys.executable, "-c", READER, "40"], capture_output=True, text=True, timeout=300
    )
    for writer in writers:
        _, errors = writer.communicate(timeout=300)
        assert writer.returncode == 0, errors
    assert reader.stdout.strip() == "0", reader.stderr
    assert len(ok("history", "--json").json()) == 30 + 100


def test_the_next_writer_removes_interrupted_backups_staging(board: Env) -> None:
    folder = board.db.parent / "backups"
    ours = folder / ".advisors.json-2026-11-25T101010-manual.0badc0de.tmp"
    theirs = folder / ".advisors.bak-2026-11-25.0badc0de.tmp"
    for staging in (ours, theirs):
        staging.mkdir()
        (staging / "advisors.json").write_text("half")
    ok("add", "Zed")
    assert not ours.exists()
    assert theirs.exists()  # another data file's: not ours to remove


def test_a_symlink_in_backups_is_not_a_backup(board: Env, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(board.db.parent / "backups" / "advisors.json-2026-11-25", elsewhere)
    (board.db.parent / "backups" / "advisors.json-2026-11-20").symlink_to(elsewhere)
    assert "2026-11-20" not in ok("restore").stdout
    result = run("restore", "advisors.json-2026-11-20", "--yes")
    assert result.exit_code == 2 and "no backup called" in result.stderr


def test_a_symlinked_segment_in_a_backup_is_refused(env: Env, tmp_path: Path) -> None:
    ok("add", "Ana")
    ok("log", "ana", "--note", "x")
    with time_machine.travel("2026-11-26 09:00", tick=True):
        ok("log", "ana", "--note", "y")  # the day's backup names the first segment
    backup = env.db.parent / "backups" / "advisors.json-2026-11-26"
    segment = next((backup / "log").iterdir())
    secret = tmp_path / "secret.json"
    secret.write_bytes(segment.read_bytes())
    segment.unlink()
    segment.symlink_to(secret)
    before = snapshot(env.db)
    result = run("restore", backup.name, "--yes")
    assert result.exit_code == 3 and "can't be restored" in result.stderr
    assert snapshot(env.db) == before


def test_every_file_of_a_backup_is_private(env: Env) -> None:
    ok("add", "Ana")
    ok("log", "ana", "--note", "x")
    env.db.chmod(0o644)
    ok("add", "Bo")  # takes the day's backup of a 0644 file
    for path in (env.db.parent / "backups").rglob("*"):
        assert path.stat().st_mode & 0o777 in (0o600, 0o700), path


def test_a_backup_from_a_newer_version_is_refused(board: Env) -> None:
    backup = board.db.parent / "backups" / "advisors.json-2026-11-25"
    main = backup / "advisors.json"
    raw = json.loads(main.read_text())
    raw["_meta"]["1"]["schema"] = 99
    main.write_text(json.dumps(raw))
    before = snapshot(board.db)
    result = run("restore", backup.name, "--yes")
    assert result.exit_code == 3 and "newer advisors" in result.stderr
    assert snapshot(board.db) == before


def as_cron_would(line: str) -> str:
    """The command cron runs for a crontab line (Vixie cron's % rules)."""
    command = line.split(None, 5)[5]
    out: list[str] = []
    escaped = False
    for ch in command:
        if escaped:
            if ch == "%":
                out[-1] = "%"
            else:
                out.append(ch)
            escaped = False
            continue
        if ch == "%":
            break
        out.append(ch)
        escaped = ch == "\\"
    return "".join(out)


def test_a_newline_in_the_data_path_is_refused(env: Env) -> None:
    result = run("--db", "x\n* * * * * touch PWNED #/a.json", "cron", "--install")
    assert result.exit_code == 2 and "control character" in result.stderr
    assert not Path("PWNED").exists()


@pytest.mark.parametrize("name", ["100%.json", "a\\%b.json", "it's 50% done.json"])
def test_a_percent_in_the_path_survives_cron(env: Env, name: str) -> None:
    db = env.root / name
    ok("--db", str(db), "add", "Ana Lopez")
    line = ok("--db", str(db), "cron").stdout.strip()
    done = subprocess.run(
        ["/bin/sh", "-c", as_cron_would(line)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "Time to reach out to Ana Lopez" in done.stdout


def test_a_name_with_a_control_character_is_refused(env: Env) -> None:
    ok("add", "Ana")
    before = snapshot(env.db)
    for args in (
        ["add", "Evil\x1b]0;owned\x07 Name"],
        ["edit", "ana", "--name", "Two\nLines"],
        ["edit", "ana", "--email", "a@b\tc"],
        ["goal", "add", "Bell\x07 goal"],
    ):
        refused = run(*args)
        assert refused.exit_code == 2, args
        assert "contains a control character" in refused.stderr, args
    assert snapshot(env.db) == before


def test_control_characters_already_in_a_file_are_shown_escaped(env: Env) -> None:
    ok("add", "Evil")
    ok("log", "evil", "--note", "bell\x07 and \x1b[2J clear")
    raw = json.loads(env.db.read_text())
    raw["people"]["1"]["name"] = "Evil\x1b]0;owned\x07 Name"  # written by hand, or by 0.1
    env.db.write_text(json.dumps(raw))
    for args in (
        ["list"],
        ["due"],
        ["history"],
        ["remind", "--as-of", "2027-06-01"],
        ["show", "evil"],
    ):
        out = ok(*args).stdout
        assert "\x1b" not in out and "\x07" not in out, args
        assert "\\x1b" in out, args
    assert ok("list", "--json").json()[0]["name"] == "Evil\x1b]0;owned\x07 Name"
    for form in ("markdown", "ics"):
        exported = ok("export", "--format", form).stdout
        assert "\x1b" not in exported and "\x07" not in exported, form


# 15, 20 ------------------------------------------------------------------------

HUGE = "1" * 5000


@pytest.mark.parametrize(
    "args",
    [
        ["show", HUGE],
        ["add", "Zed", "--every", HUGE + "d"],
        ["todo", "done", HUGE],
        ["show", "፩"],
        ["show", "①"],
        ["remind", "--within", "999999999"],
        ["--db", "~nouser-advisors/x.json", "due"],
        ["history", "--limit", HUGE],
        ["log", "ana", "--date", HUGE + " days ago"],
        ["add", "Zed\udcff"],
        ["add", "N" * 60_000],
        ["show", "ana " * 15_000],
    ],
)
def test_odd_input_is_one_line_and_exit_2(board: Env, args) -> None:
    before = snapshot(board.db)
    started = time.monotonic()
    result = run(*args)
    assert time.monotonic() - started < 5
    assert result.exit_code == 2, (args[:2], result.stderr[:200])
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert snapshot(board.db) == before


def test_a_broken_editor_setting_is_a_mistake(board: Env, monkeypatch) -> None:
    monkeypatch.setenv("EDITOR", "vim '")
    monkeypatch.setattr("advisors.editor.stdin_is_terminal", lambda: True)
    result = run("log", "ana")
    assert result.exit_code == 2 and "$EDITOR" in result.stderr


def test_a_bad_lock_timeout_is_a_mistake(board: Env, monkeypatch) -> None:
    monkeypatch.setenv("ADVISORS_LOCK_TIMEOUT", "abc")
    result = run("add", "Zed")
    assert result.exit_code == 2 and "ADVISORS_LOCK_TIMEOUT" in result.stderr


def test_invalid_utf8_on_stdin_is_a_mistake(board: Env) -> None:
    from typer.testing import CliRunner

    from advisors.cli import app

    result = CliRunner().invoke(app, ["log", "ana", "--note", "-"], input=b"\xff\xfe bad")
    assert result.exit_code == 2 and "UTF-8" in result.stderr


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: t["people"]["1"].update(name=5),
        lambda t: t["people"]["1"].update(cadence=3),
        lambda t: t["people"]["1"].update(last_contact="9999-12-31"),
        lambda t: t["people"].update({"፩": {"name": "X"}}),
        lambda t: t["goals"].update({"1": {"title": "G", "advisors": "1"}}),
    ],
)
def test_wrong_types_in_the_file_are_data_trouble(board: Env, damage) -> None:
    raw = json.loads(board.db.read_text())
    damage(raw)
    board.db.write_text(json.dumps(raw))
    for args in (["due"], ["list", "--json"], ["add", "Zed"], ["remind"]):
        result = run(*args)
        assert result.exit_code == 3, (args, result.stderr)
        assert "advisors restore" in result.stderr


def test_a_conversation_whose_people_is_a_string_is_data_trouble(board: Env) -> None:
    ok("log", "ana", "--note", "x")
    segment = next(Layout.of(board.db).log.iterdir())
    table = json.loads(segment.read_text())
    table["conversations"]["1"]["people"] = "1"
    text = json.dumps(table)
    raw = json.loads(board.db.read_text())
    for entry in raw["_meta"]["1"]["log"]:
        entry["bytes"] = len(text.encode())
    segment.unlink()
    segment.write_text(text)
    board.db.write_text(json.dumps(raw))
    result = run("history")
    assert result.exit_code == 3 and "damaged" in result.stderr


def add_with_a_fault_after_the_commit(board: Env, monkeypatch, fault: BaseException):
    """``add Zed``, with ``fault`` raised at the folder's fsync that follows the
    main file's replace: the change is saved by then."""
    import advisors.store.commit as datafile

    real = datafile.fsync_folder

    def failing(folder):
        if folder == board.db.parent:
            raise fault
        real(folder)

    with monkeypatch.context() as patched:
        patched.setattr(datafile, "fsync_folder", failing)
        return run("add", "Zed")


def test_a_fault_after_the_commit_point_says_the_change_was_saved(board: Env, monkeypatch) -> None:
    result = add_with_a_fault_after_the_commit(
        board, monkeypatch, OSError(errno.EIO, "Input/output error")
    )
    assert result.exit_code == 3
    assert "the change was saved" in result.stderr
    assert "Zed" in [p["name"] for p in ok("list", "--json").json()]


def test_a_full_disk_during_backup_is_data_trouble(board: Env) -> None:
    script = textwrap.dedent("""
        import errno, os, sys
        def full(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")
        os.link = full
        os.write = full
        from advisors.__main__ import main
        sys.argv = ["advisors", "backup"]
        main()
    """)
    before = backups_of(board)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 3, done.stderr
    assert "No space left on device" in done.stderr and "Traceback" not in done.stderr
    assert backups_of(board) == before


@pytest.mark.parametrize("value", ["5", "[]", '""'])
def test_a_db_of_the_wrong_type_in_the_config_names_the_key(
    env: Env, monkeypatch, value: str
) -> None:
    env.config.write_text(f"db = {value}\n")
    monkeypatch.delenv("ADVISORS_DB")
    monkeypatch.chdir(env.root)
    result = run("add", "Zed")
    assert result.exit_code == 3 and "db must be" in result.stderr
    assert not (env.root / "5").exists() and not (env.root / "[]").exists()


def test_a_relative_db_is_relative_to_the_config_file(
    env: Env, monkeypatch, tmp_path: Path
) -> None:
    env.config.write_text('db = "mine/advisors.json"\n')
    monkeypatch.delenv("ADVISORS_DB")
    monkeypatch.chdir(tmp_path)
    ok("add", "Zed")
    assert (env.config.parent / "mine" / "advisors.json").exists()


def test_ctrl_c_after_the_commit_says_the_change_was_saved(board: Env, monkeypatch) -> None:
    result = add_with_a_fault_after_the_commit(board, monkeypatch, KeyboardInterrupt())
    assert result.exit_code == 130
    assert "the change was saved" in result.stderr
    assert "Zed" in [p["name"] for p in ok("list", "--json").json()]


def test_ctrl_c_before_the_commit_says_nothing_changed(board: Env, monkeypatch) -> None:
    before = snapshot(board.db)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", interrupted)
        result = run("add", "Zed")
    assert result.exit_code == 130 and "nothing was changed" in result.stderr
    assert snapshot(board.db) == before


def test_restore_is_one_change_and_the_board_reads_after_it(env: Env) -> None:
    ok("add", "Ana")
    for i in range(5):
        ok("log", "ana", "--note", f"n{i}")
    ok("restore", "advisors.json-2026-11-25", "--yes")
    assert ok("list", "--json").json()[0]["last_contact"] is None
    data = DataFile(env.db).read()
    assert data.log.missing() == []
