"""Everyday use, made right: what a month of real use trips over."""

from __future__ import annotations

from pathlib import Path

import pytest
import time_machine

from tests.conftest import Env, ok, run, run_on_a_terminal, snapshot

# 2: dates ------------------------------------------------------------------------


def test_a_weekday_is_the_next_one_for_a_date_to_come(board: Env) -> None:
    # today is Wednesday 2026-11-25
    ok("todo", "add", "x", "--due", "friday")
    ok("todo", "add", "y", "--due", "this friday")
    assert [t["due"] for t in ok("todo", "list", "--json").json()] == ["2026-11-27"] * 2
    assert "Snoozed José Chen until 2026-11-27" in ok("snooze", "jose", "--until", "friday").stdout
    ok("goal", "add", "G", "--by", "monday")
    assert ok("goal", "list", "--json").json()[0]["target"] == "2026-11-30"
    assert "Paused Bo Chen until 2026-12-01" in ok("pause", "bo", "--until", "tuesday").stdout
    assert "2026-11-20" in ok("log", "ana", "--date", "friday", "--note", "x").stdout
    history = ok("history", "--since", "friday", "--json").json()
    assert [c["date"] for c in history] == ["2026-11-20"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("next week", "2026-12-02"),
        ("next month", "2026-12-25"),
        ("end of month", "2026-11-30"),
        ("20/11/2026", "2026-11-20"),
    ],
)
def test_more_ways_to_say_a_date(board: Env, text: str, expected: str) -> None:
    ok("todo", "add", "x", "--due", text)
    assert ok("todo", "list", "--json").json()[0]["due"] == expected


def test_a_slash_date_that_reads_two_ways_is_refused_unless_configured(board: Env) -> None:
    before = snapshot(board.db)
    result = run("todo", "add", "x", "--due", "05/06/2026")
    assert result.exit_code == 2
    assert "5 June 2026 or 6 May 2026" in result.stderr and "date_order" in result.stderr
    assert snapshot(board.db) == before
    board.config.write_text('date_order = "mdy"\n')
    ok("todo", "add", "x", "--due", "05/06/2026")
    assert ok("todo", "list", "--json").json()[0]["due"] == "2026-05-06"


def test_a_date_far_away_is_taken_with_a_note(board: Env) -> None:
    result = ok("goal", "add", "G", "--by", "2020-01-01")
    assert "more than a year from today" in result.stderr
    assert "more than a year" in ok("log", "ana", "--date", "1999-01-01").stderr


# 3, 5: follow-ups from conversations ---------------------------------------------


def test_a_follow_up_made_in_a_conversation_takes_its_date(board: Env) -> None:
    ok("log", "jose", "--date", "2026-08-20", "--their-todo", "intro")
    assert "intro, from José Chen (asked 2026-08-20)." in ok("remind").stdout


def test_group_follow_ups_show_for_each_person_unless_one_is_named(board: Env) -> None:
    ok("log", "ana", "jose", "--todo", "revise the plan", "--todo", "jose: send the deck")
    todos = {t["text"]: t["people"] for t in ok("todo", "list", "--json").json()}
    assert todos == {"revise the plan": ["Ana Lopez", "José Chen"], "send the deck": ["José Chen"]}
    assert "revise the plan" in ok("show", "ana").stdout
    assert "revise the plan" in ok("prep", "jose").stdout
    assert "send the deck" not in ok("prep", "ana").stdout


# 4, 6: due ---------------------------------------------------------------------------


def test_filters_that_match_nobody_say_so(board: Env) -> None:
    out = ok("due", "--role", "mentee", "--area", "family").stdout
    assert out.strip() == "Nobody matches those filters."


def test_a_pause_does_not_count_against_someone(env: Env) -> None:
    ok("add", "Dana", "--every", "2w")
    ok("log", "dana", "--date", "2026-11-01")
    ok("pause", "dana", "--until", "2027-01-10")
    dana = ok("due", "--as-of", "2027-01-15", "--json").json()["people"][0]
    assert dana["next_due"] == "2027-01-10" and dana["days_overdue"] == 5


# 7: a quiet mail ---------------------------------------------------------------------


def test_a_calm_month_sends_at_most_one_mail(env: Env) -> None:
    ok("add", "Ana", "--every", "3w")
    ok("log", "ana", "--date", "2026-11-20", "--their-todo", "intro in the spring")
    ok("todo", "edit", "1", "--due", "2027-02-20")  # far off: not waiting yet
    ok("advice", "add", "ana", "an old one", "--date", "2026-10-01")
    ok("goal", "add", "Sleep better", "--area", "sleep")
    mails = []
    for day in ("2026-12-03", "2026-12-10", "2026-12-17", "2026-12-24", "2026-12-31"):
        with time_machine.travel(f"{day} 08:00", tick=True):
            ok("log", "ana", "--note", "keeping in touch")  # so nobody is overdue
            mails.append(ok("remind").stdout)
    assert sum(1 for mail in mails if mail) <= 1
    assert "intro in the spring" not in "".join(mails)


def test_waiting_on_undated_items_once_older_than_their_rhythm(env: Env) -> None:
    ok("add", "Ana", "--every", "3w")
    ok("log", "ana", "--their-todo", "intro")
    assert "intro" not in ok("remind", "--as-of", "2026-12-01").stdout
    assert "intro" in ok("remind", "--as-of", "2026-12-17").stdout


# 8, 9: layout -------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_terminal_tables_never_cut_names_dates_or_states(board: Env, columns: int) -> None:
    ok("log", "ana", "--date", "2026-10-26")
    # a child process: its "today" is the real one, so the day is given
    for args in (["due", "--as-of", "2026-11-25"], ["list"]):
        screen = run_on_a_terminal(columns, *args)
        assert all(len(line) <= columns for line in screen.splitlines()), screen
        for text in (
            "Ana Lopez",
            "José Chen",
            "2026-11-16",
            "overdue 9d"[: 0 if args == ["list"] else None],
        ):
            assert text in screen, (columns, args, screen)
        assert "…" not in screen


@pytest.mark.parametrize("columns", ["60", "80"])
def test_piped_tables_wrap_the_text_people_read(board: Env, monkeypatch, columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    text = "write the one-page summary of the reorg plan before our next call"
    ok("todo", "add", text, "--with", "ana")
    ok("goal", "add", "Run a half marathon in under two hours by the autumn")
    ok("advice", "add", "ana", "delegate the weekly report to the newest person on the team")
    for args, words in (
        (["todo", "list"], text),
        (["goal", "list"], "under two hours"),
        (["advice", "list"], "newest person on the team"),
    ):
        out = ok(*args).stdout
        assert "…" not in out and all(len(line) <= int(columns) for line in out.splitlines())
        assert all(word in out.split() for word in words.split()), out


# 10, 11: what shows where ------------------------------------------------------------


def test_show_prep_and_due_tell_the_whole_story(board: Env) -> None:
    ok("edit", "ana", "--note", "prefers mornings")
    ok("advice", "add", "ana", "delegate")
    assert "delegate [decide]" in ok("show", "ana").stdout
    prep = ok("prep", "ana").stdout
    assert "prefers mornings" in prep
    assert "A prospect" in ok("prep", "raj").stdout
    paused = ok("prep", "mia").stdout
    assert "Paused until 2027-01-15" in paused and "Next due" not in paused
    ok("snooze", "jose", "--until", "2026-12-20")
    assert "snoozed to 2026-12-20" in ok("due").stdout
    assert "relative to their rhythm" in " ".join(ok("due", "--help").stdout.split()) or (
        "divided by how often" in " ".join(ok("due", "--help").stdout.split())
    )


def test_discussed_topics_stay_visible(board: Env) -> None:
    ok("topic", "add", "ana", "hiring")
    ok("log", "ana", "--note", "x")
    assert ok("history", "--json").json()[0]["topics"] == ["hiring"]
    assert ok("topic", "list", "--json").json() == []
    assert ok("topic", "list", "--all", "--json").json()[0]["discussed_in"] == 1
    assert "Topics discussed" in ok("show", "ana").stdout


# 12, 13, 14: consistent rules ---------------------------------------------------------


def test_a_second_log_of_the_same_people_on_a_day_is_noted(board: Env) -> None:
    ok("log", "ana", "--note", "one")
    result = ok("log", "ana", "--note", "two")
    assert "already logged a conversation with Ana Lopez on 2026-11-25" in result.stderr


def test_editor_trouble_is_a_cancel(board: Env, monkeypatch) -> None:
    monkeypatch.setattr("advisors.editor.stdin_is_terminal", lambda: True)
    monkeypatch.setenv("EDITOR", "false")
    before = snapshot(board.db)
    result = run("log", "ana")
    assert result.exit_code == 1 and "cancelled" in result.stderr
    assert "nothing was changed" in result.stderr
    assert snapshot(board.db) == before


def test_the_advice_loop_takes_one_step_at_a_time(board: Env) -> None:
    ok("advice", "add", "ana", "delegate")
    ok("advice", "add", "ana", "say no more")
    for args, message in (
        (["advice", "outcome", "1", "x"], "decide on advice #1 first"),
        (["advice", "reported", "1"], "decide on advice #1 first"),
    ):
        result = run(*args)
        assert result.exit_code == 2 and message in result.stderr
    ok("advice", "decide", "1", "taking")
    result = run("advice", "reported", "1")
    assert result.exit_code == 2 and "record how advice #1 went first" in result.stderr
    ok("advice", "outcome", "1", "it worked")
    ok("advice", "reported", "1")
    ok("advice", "decide", "2", "declined")
    refused = run("advice", "outcome", "2", "x")
    assert (refused.exit_code, refused.stderr) == (
        2,
        "advisors: error: you declined advice #2: there is no outcome to record\n",
    )
    states = {a["id"]: a["state"] for a in ok("advice", "list", "--json").json()}
    assert states == {1: "reported", 2: "declined"}


def test_manual_backups_never_evict_the_daily_one(board: Env) -> None:
    for _ in range(16):
        ok("backup")
    names = [b["name"] for b in ok("restore", "--json").json()["backups"]]
    assert "advisors.json-2026-11-25" in names
    assert names == sorted(names, reverse=True)  # newest first


def test_an_unusable_db_says_so_at_once(env: Env, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    result = run("--db", str(blocker / "advisors.json"), "add", "X")
    assert result.exit_code == 3 and "Not a directory" in result.stderr
    result = run("--db", str(tmp_path / "new" / "advisors.json"), "add", "X")
    assert result.exit_code == 0 and "created the folder" in result.stderr


# the small things ----------------------------------------------------------------------


def test_small_things(board: Env) -> None:
    out = ok("log", "ana", "--todo", "a", "--their-todo", "b", "--advice", "c").stdout
    assert "Follow-ups for you: #1" in out and "Waiting on them: #2" in out
    assert "Advice recorded: #1" in out
    zoom = ok("log", "jose", "--via", "zoom", "--note", "x")
    assert "--via zoom means video" in zoom.stderr and "a video call" in zoom.stdout
    assert "an email" in ok("log", "bo", "--via", "e-mail").stdout
    assert "Wednesday 25 November 2026" in ok("remind", "--always").stdout
    assert ok("remind", "--as-of", "2027-01-01").stdout.startswith(
        "Your board of advisors, Friday 1 January 2027"
    )
    assert "daily digest" in ok("cron", "--day", "daily").stdout
    assert "hour 25 is out of range" in run("cron", "--time", "25:00").stderr
    where = ok("where", "--json").json()
    assert where["data_file"]["exists"] is True and where["config_file"]["exists"] is False
    assert "(not created yet)" in ok("where").stdout
    assert "notes" in ok("list", "--json").json()[0]
    assert ok("prep", "ana", "--json").json()["name"] == "Ana Lopez"


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_narrow_screens_keep_status_and_never_break_words(board: Env, columns: int) -> None:
    ok(
        "edit",
        "ana",
        "--note",
        "We talk for hours about leadership, hiring, and the way the reorganisation changes "
        "everything for her team",
    )
    ok("todo", "add", "Send Ana the draft of the leadership plan with all details", "--with", "ana")
    listed = run_on_a_terminal(columns, "list")
    # paused people and prospects never look like everyone else
    assert "Status" in listed and "paused" in listed and "prospect" in listed
    assert ("Role" in listed) == (columns >= 80)
    shown = run_on_a_terminal(columns, "show", "ana")
    words = " ".join(shown.split())
    assert "for hours about leadership" in words  # no word cut in two
    assert all(len(line) <= columns for line in shown.splitlines())
    for line in shown.splitlines():  # a wrapped line keeps its indent
        if "details" in line and "Send Ana" not in line:
            assert line.startswith("    ")
    todos = run_on_a_terminal(columns, "todo", "list", "--all")
    # the text people read keeps at least 20 columns: whole words, few lines
    assert "Send Ana the draft of" in todos
