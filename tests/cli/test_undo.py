"""Correct the record: edit and drop conversations and items, and undo/redo."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from advisors.store import DataFile, Layout
from tests.conftest import Env, ok, run, snapshot


def records(db: Path) -> dict[str, dict[str, object]]:
    """Every record of every table (conversations included), ids and all."""
    data = DataFile(db).read()
    tables = {name: table for name, table in data.tables.items() if name != "_meta"}
    tables["conversations"] = {str(i): doc for i, doc in data.conversation_docs()}
    return json.loads(json.dumps(tables, sort_keys=True))


def due_of(name: str, **extra: str) -> dict[str, object]:
    args = ["due", "--json"] + [f"--{k.replace('_', '-')}={v}" for k, v in extra.items()]
    return next(p for p in ok(*args).json()["people"] if p["name"] == name)


# Conversations -------------------------------------------------------------------


def test_editing_a_backdated_date_moves_due_both_ways(board: Env) -> None:
    ok("log", "ana", "--date", "2026-11-20", "--note", "real")
    ok("log", "ana", "--date", "2026-09-01", "--note", "typo")
    assert due_of("Ana Lopez")["next_due"] == "2026-12-11"
    out = ok("conversation", "edit", "2", "--date", "2026-11-24").stdout
    assert "Ana Lopez: last contact now 2026-11-24, next due 2026-12-15." in out
    assert due_of("Ana Lopez")["next_due"] == "2026-12-15"
    ok("conversation", "edit", "2", "--date", "2026-08-01")
    assert due_of("Ana Lopez")["last_contact"] == "2026-11-20"


def test_moving_a_conversation_to_someone_else(board: Env) -> None:
    ok("log", "ana", "--date", "2026-11-10", "--note", "was with Bo really")
    out = ok("conversation", "edit", "1", "--without", "ana", "--with", "bo").stdout
    assert "Ana Lopez: no conversation left; due now (never contacted)." in out
    assert "Bo Chen: last contact now 2026-11-10, next due 2026-11-24." in out
    assert due_of("Ana Lopez")["state"] == "never"
    assert due_of("Bo Chen")["last_contact"] == "2026-11-10"
    assert ok("history", "--json").json()[0]["people"] == ["Bo Chen"]


def test_dropping_the_only_conversation_makes_them_never_again(board: Env) -> None:
    ok(
        "log",
        "ana",
        "--date",
        "2026-11-10",
        "--note",
        "x",
        "--todo",
        "send deck",
        "--advice",
        "delegate",
    )
    ok("topic", "add", "bo", "later")
    out = ok("conversation", "drop", "1", "--yes").stdout
    assert "no conversation left" in out and "2 items" in out
    assert due_of("Ana Lopez")["state"] == "never"
    todo = ok("todo", "list", "--json").json()[0]
    assert todo["text"] == "send deck" and todo["conversation"] is None
    assert ok("advice", "list", "--json").json()[0]["conversation"] is None


def test_conversation_show_and_its_json(board: Env) -> None:
    ok("log", "ana", "jose", "--date", "2026-11-10", "--note", "both", "--todo", "deck")
    shown = ok("conversation", "show", "#1", "--json").json()
    assert shown["people"] == ["Ana Lopez", "José Chen"] and shown["notes"] == "both"
    assert [t["text"] for t in shown["todos"]] == ["deck"]
    assert "#1  2026-11-10" in ok("conversation", "show", "1").stdout


def test_edit_with_no_option_on_a_terminal_opens_the_editor(
    board: Env, monkeypatch, tmp_path: Path
) -> None:
    ok("log", "ana", "--note", "old words")
    editor = tmp_path / "editor.sh"
    editor.write_text('#!/bin/sh\ngrep -q "old words" "$1" && echo "new words" > "$1"\n')
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.setattr("advisors.editor.stdin_is_terminal", lambda: True)
    ok("conversation", "edit", "1")
    assert ok("history", "--json").json()[0]["notes"] == "new words"


def test_items_can_be_corrected(board: Env) -> None:
    ok("todo", "add", "deck", "--with", "ana", "--due", "2026-12-01")
    ok("todo", "edit", "1", "--text", "slides", "--due", "none", "--with", "bo")
    todo = ok("todo", "list", "--json").json()[0]
    assert (todo["text"], todo["due"], todo["person"]) == ("slides", None, "Bo Chen")
    ok("topic", "add", "ana", "hiring")
    ok("topic", "edit", "1", "hiring plans")
    assert ok("topic", "list", "--json").json()[0]["text"] == "hiring plans"
    ok("advice", "add", "ana", "delegate")
    ok("advice", "edit", "1", "--text", "delegate the report")
    assert ok("advice", "list", "--json").json()[0]["text"] == "delegate the report"
    ok("advice", "drop", "1")
    assert ok("advice", "list", "--json").json() == []
    ok("snooze", "ana", "--until", "2027-01-10")
    assert due_of("Ana Lopez")["snoozed_until"] == "2027-01-10"
    ok("snooze", "ana", "--clear")
    assert due_of("Ana Lopez")["snoozed_until"] is None


MISTAKES = [
    (["conversation", "show", "99"], "there is no conversation #99"),
    (["conversation", "edit", "99", "--date", "yesterday"], "there is no conversation #99"),
    (["conversation", "drop", "99", "--yes"], "there is no conversation #99"),
    (["conversation", "edit", "1"], "nothing to change"),
    (["conversation", "edit", "1", "--date", "tomorrow"], "in the future"),
    (["conversation", "edit", "1", "--without", "ana"], "would have nobody in it"),
    (["conversation", "edit", "1", "--without", "bo"], "Bo Chen is not in conversation"),
    (["conversation", "edit", "x"], "conversation ids are numbers"),
    (["conversation", "drop", "1"], "add --yes"),
    (["todo", "edit", "1"], "there is no follow-up #1"),
    (["topic", "edit", "7", "x"], "there is no topic #7"),
    (["advice", "edit", "1"], "nothing to change"),
    (["advice", "drop", "3"], "there is no advice #3"),
    (["snooze", "ana", "--clear"], "is not snoozed"),
    (["snooze", "ana"], "--until DATE"),
    (["redo"], "nothing to redo"),
]


@pytest.mark.parametrize(
    ("args", "message"), MISTAKES, ids=lambda v: " ".join(v) if isinstance(v, list) else None
)
def test_a_mistake_changes_nothing(board: Env, args: list[str], message: str) -> None:
    ok("log", "ana", "--note", "x")
    before = snapshot(board.db)
    result = run(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert snapshot(board.db) == before


def test_nothing_to_undo_on_a_new_board(env: Env) -> None:
    result = run("undo", "--yes")
    assert result.exit_code == 2 and "nothing to undo" in result.stderr
    assert not env.db.exists()


# Undo and redo ------------------------------------------------------------------


CHANGES = [
    ["add", "Zed", "--area", "family"],
    ["log", "ana", "jose", "--note", "coffee", "--todo", "deck", "--advice", "delegate"],
    ["edit", "ana", "--every", "2w", "--why", "changed"],
    ["remove", "ana", "--yes"],
    ["conversation", "drop", "1", "--yes"],
    ["goal", "add", "Lead a team", "--advisor", "ana"],
    ["pause", "jose", "--until", "2027-02-01"],
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c[0] + " " + c[1])
def test_undo_brings_back_the_exact_previous_data(board: Env, change: list[str]) -> None:
    ok("log", "ana", "--date", "2026-11-01", "--note", "first", "--todo", "a")
    ok("topic", "add", "ana", "hiring")
    before = records(board.db)
    ok(*change)
    assert records(board.db) != before
    out = ok("undo", "--yes").stdout
    assert f"Undid \u201c{' '.join(change[:2])}" in out
    assert records(board.db) == before
    ok("redo", "--yes")
    assert records(board.db) != before


def test_undo_after_a_restore(env: Env) -> None:
    ok("add", "Ana")
    ok("add", "Bo")  # today's backup holds Ana alone
    ok("log", "bo", "--note", "x")
    before = records(env.db)
    ok("restore", "advisors.json-2026-11-25", "--yes")
    assert [p["name"] for p in ok("list", "--json").json()] == ["Ana"]
    ok("undo", "--yes")
    assert records(env.db) == before


def test_twenty_changes_undone_one_by_one_reach_the_first_state(env: Env) -> None:
    states = [records(env.db)]
    ok("add", "Ana")
    states.append(records(env.db))
    for i in range(19):
        ok("log", "ana", "--note", f"talk {i}") if i % 2 else ok("add", f"P{i}")
        states.append(records(env.db))
    listed = ok("undo", "--list").stdout.splitlines()
    assert len(listed) == 20 and listed[0].endswith("add P18")
    for expected in reversed(states[:-1]):
        ok("undo", "--yes")
        assert records(env.db) == expected
    assert ok("list", "--json").json() == []
    nothing = run("undo", "--yes")
    assert (nothing.exit_code, nothing.stderr) == (2, "advisors: error: there is nothing to undo\n")


def test_redo_after_several_undos_and_none_after_a_new_change(board: Env) -> None:
    ok("add", "A1")
    ok("add", "A2")
    after = records(board.db)
    ok("undo", "--yes")
    ok("undo", "--yes")
    ok("redo", "--yes")
    ok("redo", "--yes")
    assert records(board.db) == after
    ok("undo", "--yes")
    ok("add", "A3")
    result = run("redo", "--yes")
    assert result.exit_code == 2 and "nothing to redo" in result.stderr


def test_undo_asks_first_and_off_a_terminal_wants_yes(board: Env) -> None:
    before = snapshot(board.db)
    result = run("undo")
    assert (
        result.exit_code == 2 and "Undo \u201cpause mia --until 2027-01-15\u201d" in result.stderr
    )
    assert snapshot(board.db) == before
    listed = ok("undo", "--list").stdout
    assert "pause mia --until 2027-01-15" in listed.splitlines()[0]


def test_steps_of_earlier_days_are_pruned_to_twenty(board: Env) -> None:
    import time_machine

    for day in range(1, 4):
        with time_machine.travel(f"2026-12-{day:02d} 09:00", tick=True):
            for i in range(15):
                ok("log", "ana", "--note", f"{day}-{i}")
    meta = json.loads(board.db.read_text())["_meta"]["1"]
    assert len(meta["undo"]) == 20  # today's 15 are fewer than 20: 5 from before
    layout = Layout.of(board.db)
    assert sorted(p.name for p in layout.undo.iterdir()) == sorted(s["file"] for s in meta["undo"])
    assert len(list(layout.log.iterdir())) == len(meta["log"]) + len(meta["held"])


def test_a_change_keeps_one_small_file_never_a_copy_of_the_log(board: Env) -> None:
    for i in range(40):
        ok("log", "ana", "--note", "n" * 200 + str(i))
    layout = Layout.of(board.db)
    steps = sorted(layout.undo.iterdir())
    assert len(steps) >= 20
    main_size = board.db.stat().st_size
    assert all(step.stat().st_size <= main_size * 1.1 for step in steps)
    # a step names segments, it never copies them: the log folder holds the
    # segments of the state and those the kept steps name, and no more
    meta = json.loads(board.db.read_text())["_meta"]["1"]
    assert len(meta["undo"]) == 46 and len(meta["held"]) <= len(meta["undo"])
    assert len(list(layout.log.iterdir())) == len(meta["log"]) + len(meta["held"])


KILLED = """
import os, random, sys
count, limit = 0, int(sys.argv[1])
real = {name: getattr(os, name) for name in ("write", "fsync", "replace", "link", "unlink")}
def make(name):
    def call(*args, **kwargs):
        global count
        count += 1
        if count == limit:
            os._exit(137)
        return real[name](*args, **kwargs)
    return call
for name in real:
    setattr(os, name, make(name))
from advisors.__main__ import main
sys.argv = ["advisors", "log", "ana", "--note", "killed"]
main()
"""


@pytest.mark.slow
def test_undo_after_a_kill_in_the_middle_of_a_change(board: Env) -> None:
    ok("log", "ana", "--note", "kept")
    base = records(board.db)
    for limit in range(1, 40, 3):
        killed = subprocess.run(
            [sys.executable, "-c", KILLED, str(limit)], capture_output=True, text=True, timeout=60
        )
        now = records(board.db)
        if killed.returncode == 0:
            break
        assert killed.returncode == 137
        if now != base:  # the kill came after the commit: undo takes it back
            ok("undo", "--yes")
        assert records(board.db) == base, limit
    assert ok("due").exit_code == 0


def test_undo_says_what_it_does_to_the_log_reading_only_the_segments_that_differ(
    env: Env,
) -> None:
    from advisors.board.records import Conversation, Person

    with DataFile(env.db).transaction() as data:
        ana = data.insert(Person(name="Ana Lopez"))
        for i in range(2500):  # three segments; a change rewrites one
            data.insert(Conversation(people=[ana.id], date="2025-01-01", notes=f"talk {i}"))
    ok("log", "ana", "--note", "the newest talk")
    said = ok("undo", "--yes").stdout
    assert "  removes conversation 2026-11-25 with Ana Lopez" in said
    assert "and" not in said.split("\n", 1)[1]  # nothing else: the shared segments are the same
    ok("redo", "--yes")
    ok("conversation", "edit", "7", "--note", "corrected")
    said = ok("undo", "--yes").stdout
    assert said.splitlines()[1:] == ["  changes conversation 2025-01-01 with Ana Lopez (notes)"]
