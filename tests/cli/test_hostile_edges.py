"""Nothing lost at the edges: surprising outputs and data files, hostile
imports, crafted metadata, symlinks, permissions and leftovers. Each test is
named by what it pins; none points the program at a real /dev node (the
devices are made with os.mknod in a temp folder)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import Env, advisors_command, ok, run, run_installed, snapshot


def device(folder: Path, name: str, minor: int) -> Path:
    """A character device of our own: null (3) or full (7)."""
    path = folder / name
    try:
        os.mknod(path, 0o600 | stat.S_IFCHR, os.makedev(1, minor))
    except PermissionError:
        pytest.skip("making a device needs root")
    return path


# 1. --output --------------------------------------------------------------------


def test_export_writes_a_device_in_place_and_never_replaces_it(board: Env) -> None:
    null = device(board.root, "null", 3)
    assert ok("export", "--output", str(null)).stdout == f"Wrote {null}.\n"
    assert stat.S_ISCHR(null.lstat().st_mode)
    full = device(board.root, "full", 7)
    before = snapshot(board.db)
    refused = run("export", "--output", str(full))
    assert refused.exit_code == 2
    assert refused.stderr == (
        f"advisors: error: can't write {full}: No space left on device; nothing was written there\n"
    )
    assert stat.S_ISCHR(full.lstat().st_mode) and snapshot(board.db) == before


def test_export_writes_a_fifo_in_place(board: Env) -> None:
    fifo = board.root / "pipe"
    os.mkfifo(fifo, 0o600)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    ok("export", "--output", str(fifo))
    assert json.loads(reader.communicate(timeout=30)[0])["format"] == "advisors-export"
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_export_follows_a_symlink_to_its_target(board: Env) -> None:
    target = board.root / "target.json"
    target.write_text("old")
    link = board.root / "link.json"
    link.symlink_to(target)
    ok("export", "--output", str(link))
    assert link.is_symlink() and json.loads(target.read_text())["format"] == "advisors-export"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_export_to_dash_prints(board: Env) -> None:
    assert ok("export", "--output", "-").json()["format"] == "advisors-export"
    assert not (Path.cwd() / "-").exists()


def test_a_full_stdout_exits_non_zero_with_one_line(board: Env) -> None:
    full = device(board.root, "full", 7)
    ok("log", "ana", "--note", "x")
    with open(full, "w") as out:
        done = subprocess.run(
            [sys.executable, "-m", "advisors", "history"],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
            env=dict(os.environ),
        )
    assert done.returncode != 0
    assert done.stderr == "advisors: error: can't write the output: No space left on device\n"


# 2. --db at a file that is not ours ------------------------------------------------


def test_db_at_an_export_is_refused_and_left_alone(board: Env) -> None:
    export = board.root / "export.json"
    ok("export", "--output", str(export))
    before = export.read_bytes()
    for args in (["due"], ["add", "Zed"]):
        refused = run("--db", str(export), *args)
        assert refused.exit_code == 3
        assert "is an advisors export, not a data file" in refused.stderr
        assert f"advisors import {export}" in refused.stderr
    assert export.read_bytes() == before


@pytest.mark.parametrize(
    "text", ['{"hello": 1}', '{"_default": {"1": {"user": "x"}}, "users": {}}', "[1, 2]"]
)
def test_db_at_another_programs_json_is_refused_and_left_alone(env: Env, text: str) -> None:
    other = env.root / "other.json"
    other.write_text(text)
    refused = run("--db", str(other), "add", "Zed")
    assert refused.exit_code == 3
    assert "not an advisors data file" in refused.stderr or "can't be read" in refused.stderr
    assert other.read_text() == text


# 3. bounded imports --------------------------------------------------------------


def test_import_reads_only_regular_files(board: Env) -> None:
    null = device(board.root, "zero.json", 3)
    before = snapshot(board.db)
    refused = run("import", str(null), "--format", "json")
    assert refused.exit_code == 2 and "is not a regular file" in refused.stderr
    assert snapshot(board.db) == before


def test_import_refuses_a_file_over_the_size_limit_while_reading(board: Env) -> None:
    big = board.root / "big.csv"
    big.write_bytes(b"name\n" + b"x" * (2 * 1024 * 1024))
    refused = run("import", str(big), "--max-size", "1")
    assert refused.exit_code == 2 and "larger than 1 MB" in refused.stderr


def test_import_from_stdin(board: Env) -> None:
    done = ok("import", "-", "--format", "csv", input="name\nNew One\n")
    assert "Imported standard input: 1 added" in done.stdout


def test_a_json_nested_too_deep_is_refused_in_one_line(board: Env) -> None:
    deep = board.root / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    refused = run("import", str(deep))
    assert refused.exit_code == 2 and refused.stderr.count("\n") == 1


CALENDAR = """BEGIN:VCALENDAR\r
VERSION:2.0\r
BEGIN:VEVENT\r
UID:noisy@example.org\r
DTSTART:20200101T090000Z\r
RRULE:FREQ=SECONDLY\r
SUMMARY:Ana ping\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:daily@example.org\r
DTSTART:20200101T090000Z\r
RRULE:FREQ=DAILY\r
SUMMARY:Standup with Ana\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_a_series_faster_than_daily_is_passed_over_and_a_long_one_cut(board: Env) -> None:
    cal = board.root / "cal.ics"
    cal.write_text(CALENDAR)
    done = ok("import", str(cal), "--yes")
    assert "Skipped series Ana ping: it repeats more often than daily." in done.stdout
    assert "Skipped series Standup with Ana: only its newest 1,000 of" in done.stdout
    assert len(ok("history", "ana", "--json").json()) == 1000


# 4. out of memory -------------------------------------------------------------------


def test_running_out_of_memory_is_not_called_damage(board: Env) -> None:
    script = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (160 << 20, 160 << 20)); "
        "from advisors.__main__ import main; sys.argv = ['advisors', 'list']; main()"
    )
    raw = json.loads(board.db.read_text())
    raw["people"]["1"]["notes"] = "x" * (60 << 20)
    board.db.write_text(json.dumps(raw))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 3, done.stderr
    assert "ran out of memory" in done.stderr and "restore" not in done.stderr, done.stderr


# 5. bulk changes ---------------------------------------------------------------------


def future_export(board: Env, field: str = "updated") -> Path:
    export = board.root / "export.json"
    ok("export", "--output", str(export))
    document = json.loads(export.read_text())
    ahead = (datetime.now().astimezone() + timedelta(days=3)).isoformat()
    if field == "deleted":
        document["deleted"] = [
            {"uid": p["uid"], "table": "people", "time": ahead}
            for p in document["tables"]["people"]
        ]
    else:
        for person in document["tables"]["people"]:
            person["updated"] = ahead
            person["name"] += " II"
    export.write_text(json.dumps(document))
    return export


@pytest.mark.parametrize("field", ["updated", "deleted"])
def test_times_in_the_future_are_refused(board: Env, field: str) -> None:
    export = future_export(board, field)
    before = snapshot(board.db)
    refused = run("import", str(export))
    assert refused.exit_code == 2 and "in the future" in refused.stderr
    assert snapshot(board.db) == before


def test_a_uid_twice_in_one_file_refuses_it(board: Env) -> None:
    export = board.root / "export.json"
    ok("export", "--output", str(export))
    document = json.loads(export.read_text())
    people = document["tables"]["people"]
    people[1]["uid"] = people[0]["uid"]
    export.write_text(json.dumps(document))
    refused = run("import", str(export))
    assert refused.exit_code == 2
    assert f"the uid {people[0]['uid']} is used twice, by person #1 and #2" in refused.stderr


def test_an_import_that_removes_asks_and_refuses_without_a_terminal(board: Env) -> None:
    export = board.root / "export.json"
    ok("export", "--output", str(export))
    document = json.loads(export.read_text())
    now = datetime.now().astimezone().isoformat()
    document["deleted"] = [
        {"uid": document["tables"]["people"][0]["uid"], "table": "people", "time": now}
    ]
    export.write_text(json.dumps(document))
    before = snapshot(board.db)
    refused = run("import", str(export))
    assert refused.exit_code == 2
    assert "would remove or change records (0 to add, 0 to update, 1 to remove)" in refused.stderr
    assert "--yes" in refused.stderr
    assert snapshot(board.db) == before
    ok("import", str(export), "--yes")
    assert "Ana Lopez" not in [p["name"] for p in ok("list", "--json", "--all").json()]


def test_last_contact_is_worked_out_again_not_taken_from_the_file(board: Env) -> None:
    export = board.root / "export.json"
    ok("export", "--output", str(export))
    document = json.loads(export.read_text())
    document["tables"]["people"][0]["last_contact"] = "2026-11-24"
    export.write_text(json.dumps(document))
    other = board.root / "other.json"
    ok("--db", str(other), "import", str(export))
    assert ok("--db", str(other), "list", "--json").json()[0]["last_contact"] is None
    assert "healthy" in ok("--db", str(other), "doctor").stdout


# 8. crafted metadata ----------------------------------------------------------------


@pytest.mark.parametrize(
    "books",
    [
        {"undo": [{"seq": "x"}]},
        {"redo": "nope"},
        {"held": {"seg-000000000000.json": "x"}},
        {"next_step": -1},
    ],
)
def test_crafted_undo_books_are_damage_with_the_fix(board: Env, books: dict) -> None:
    raw = json.loads(board.db.read_text())
    raw["_meta"]["1"].update(books)
    board.db.write_text(json.dumps(raw))
    for args in (["log", "ana"], ["doctor"], ["undo", "--yes"], ["doctor", "--fix"]):
        done = run(*args)
        assert done.exit_code in (1, 3), (args, done.stderr)
        assert "internal error" not in done.stderr + done.stdout, args
    assert run("due").exit_code == 3
    assert "its undo history is wrong" in run("due").stderr


# 9. bare operating-system messages -------------------------------------------------


def test_a_name_too_long_names_the_file(board: Env) -> None:
    long = board.root / ("x" * 300 + ".csv")
    for args in (["export", "--output", str(long)], ["import", str(long)]):
        refused = run(*args)
        assert refused.exit_code == 2, args
        assert str(long) in refused.stderr and "File name too long" in refused.stderr


def test_a_segment_replaced_by_a_symlink_is_data_folder_trouble(board: Env) -> None:
    ok("log", "ana", "--note", "x")
    segment = next((board.db.parent / "advisors.json.log").iterdir())
    real = board.root / "elsewhere.json"
    segment.rename(real)
    segment.symlink_to(real)
    done = run("history")
    assert done.exit_code == 3, done.stderr
    assert "internal error" not in done.stderr


# 10. symlinked backups ------------------------------------------------------------


def test_a_symlinked_backups_folder_is_refused(env: Env) -> None:
    ok("add", "Ana")  # the first change: no backup yet
    backups = env.db.parent / "backups"
    elsewhere = env.root / "elsewhere"
    elsewhere.mkdir()
    backups.symlink_to(elsewhere)
    before = snapshot(env.db)
    refused = run("add", "Bo")  # the first change of the day with a file: its backup
    assert refused.exit_code == 3
    assert f"{backups} is a symbolic link" in refused.stderr
    assert snapshot(env.db) == before and list(elsewhere.iterdir()) == []


# 12. permissions ------------------------------------------------------------------


def test_a_merged_conflict_copy_is_kept_private(board: Env) -> None:
    copy = board.db.with_name("advisors.sync-conflict-20261125-100000-ABC.json")
    copy.write_bytes(board.db.read_bytes())
    copy.chmod(0o644)
    ok("merge")
    kept = board.db.parent / "backups" / "merged" / copy.name
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


# 13. leftovers ---------------------------------------------------------------------


def test_the_next_command_of_any_kind_clears_what_a_killed_one_left(board: Env) -> None:
    folder = board.db.parent
    log = folder / "advisors.json.log"
    log.mkdir(exist_ok=True)
    orphan = log / "seg-0123456789ab.json"
    orphan.write_bytes(b'{"conversations": {}}\n')
    (folder / "advisors.json.pending").write_bytes(
        json.dumps(
            {"segments": [orphan.name], "superseded": [], "steps": [], "dropped": []}
        ).encode()
    )
    staging = folder / "backups" / ".advisors.json-2026-11-25.0a1b2c3d.tmp"
    staging.mkdir(parents=True)
    ok("due")
    assert not orphan.exists() and not staging.exists()
    assert not (folder / "advisors.json.pending").exists()
    assert "healthy" in ok("doctor").stdout


def test_doctor_raises_no_false_alarm_while_writers_commit(board: Env) -> None:
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import subprocess, sys\n"
                "for n in range(15):\n"
                "    subprocess.run([sys.argv[1], 'log', 'ana', '--note', str(n)], check=True,"
                " capture_output=True)\n",
                str(Path(sys.executable).parent / "advisors"),
            ]
        )
        for _ in range(2)
    ]
    alarms = []
    while any(w.poll() is None for w in writers):
        done = run_installed("doctor")
        if done.returncode != 0:
            alarms.append(done.stdout + done.stderr)
    assert all(w.wait() == 0 for w in writers)
    assert alarms == []


# 6. two devices editing one person ---------------------------------------------


def test_a_sync_conflict_copy_merges_field_by_field(board: Env) -> None:
    import shutil

    other = board.root / "other"
    shutil.copytree(board.db.parent, other)  # the other device, synced
    ok("edit", "ana", "--every", "6w", "--why", "here")
    elsewhere = str(other / "advisors.json")
    ok("--db", elsewhere, "edit", "ana", "--email", "a@b.example", "--why", "there")
    copy = board.db.with_name("advisors.sync-conflict-20261125-110000-DEV.json")
    shutil.copy(other / "advisors.json", copy)
    merged = ok("merge").stdout
    assert (
        "Conflict in person Ana Lopez: both copies changed its why: kept 'there' (the later), "
        "set aside 'here'."
    ) in merged
    ana = ok("show", "ana", "--json").json()
    assert (ana["cadence"], ana["email"], ana["why"]) == ("6w", "a@b.example", "there")
    # what was set aside is not lost: undo takes the merge back
    ok("undo", "--yes")
    assert ok("show", "ana", "--json").json()["why"] == "here"


def test_a_huge_spreadsheet_is_refused_before_it_is_read_in(board: Env) -> None:
    rows = board.root / "many.csv"
    rows.write_text("name\n" + "".join(f"Person {n}\n" for n in range(1500)))
    before = snapshot(board.db)
    refused = run("import", str(rows))
    assert refused.exit_code == 2
    assert "holds 1,500 records, more than one import brings in without asking" in refused.stderr
    assert snapshot(board.db) == before
    assert "1500 added" in ok("import", str(rows), "--yes").stdout


def test_a_spreadsheet_from_an_old_mac_counts_its_rows_before_they_are_read(
    board: Env,
) -> None:
    """Its lines end with CR alone: counted all the same, so it asks too."""
    rows = board.root / "mac.csv"
    rows.write_text("name\r" + "".join(f"Person {n}\r" for n in range(1500)), newline="")
    before = snapshot(board.db)
    refused = run("import", str(rows))
    assert refused.exit_code == 2 and "holds 1,500 records" in refused.stderr
    assert snapshot(board.db) == before


def test_a_strict_import_refuses_before_a_new_board_is_made(env: Env) -> None:
    """Rows are read as they are brought in, but ``--strict`` reads them all
    first: its refusal leaves no folder, lock or file behind."""
    sheet = env.root / "people.csv"
    sheet.write_text("name,role\nAna,mentor\nBo,time lord\n")
    home = env.root / "new"
    result = run("--db", str(home / "advisors.json"), "import", str(sheet), "--strict")
    assert result.exit_code == 2 and "line 3: unknown role 'time lord'" in result.stderr
    assert not home.exists()
    said = ok("--db", str(home / "advisors.json"), "import", str(sheet)).stdout
    assert "1 added" in said and "Skipped 1 row that can't be read: line 3" in said


def test_export_to_a_link_to_its_own_stdout_pipe_writes_it_in_place(board: Env) -> None:
    # /dev/stdout stands for this: a symlink to the pipe stdout goes to (made
    # here, in a temp folder: no real /dev node is touched)
    fifo = board.root / "pipe"
    os.mknod(fifo, 0o600 | stat.S_IFIFO)
    link = board.root / "stdout"
    link.symlink_to(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    with open(fifo, "w") as out:
        done = subprocess.run(
            [*advisors_command(), "export", "--output", str(link)],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert done.returncode == 0, done.stderr
    printed = reader.communicate(timeout=30)[0]
    assert json.loads(printed)["format"] == "advisors-export"  # and no 'Wrote' line after it
    assert link.is_symlink() and stat.S_ISFIFO(fifo.lstat().st_mode)
