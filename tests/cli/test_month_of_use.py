"""What a month of use still tripped over (issue "dates that matter, a
rhythm with some give, today, search"), each reproduced through the CLI.
Today is Wednesday 2026-11-25."""

from __future__ import annotations

from advisors import __version__
from tests.conftest import Env, ok, run, snapshot


def test_1_a_day_and_month_rolls_forward_for_what_is_to_come(board: Env) -> None:
    assert "until 2027-01-01" in ok("snooze", "jose", "--until", "1 Jan").stdout
    ok("todo", "add", "x", "--due", "1 Jan")
    assert ok("todo", "list", "--json").json()[0]["due"] == "2027-01-01"
    ok("goal", "add", "G", "--by", "1 Mar")
    assert ok("goal", "list", "--json").json()[0]["target"] == "2027-03-01"
    # what happened: the last one
    assert "on 2025-12-20" in ok("log", "ana", "--date", "20 Dec", "--note", "x").stdout


def test_2_a_backdated_log_leaves_later_topics_queued(board: Env) -> None:
    ok("topic", "add", "ana", "ask about her new job")
    said = ok("log", "ana", "--date", "2026-09-01", "--note", "old").stdout
    assert "queued topic" not in said
    assert [t["text"] for t in ok("topic", "list", "--json").json()] == ["ask about her new job"]


def test_3_as_of_a_past_day_reads_the_log_up_to_it(board: Env) -> None:
    ok("log", "ana", "--date", "2026-08-01", "--note", "a")
    ok("log", "ana", "--date", "2026-10-15", "--note", "b")
    result = run("due", "--as-of", "2026-09-20", "--json")
    ana = next(p for p in result.json()["people"] if p["name"] == "Ana Lopez")
    assert ana["last_contact"] == "2026-08-01"
    assert "as of 2026-09-20: last contacts from the log up to that day" in result.stderr


def test_4_an_outcome_recorded_today_is_in_todays_digest(board: Env) -> None:
    ok("advice", "add", "ana", "delegate the report", "--date", "2026-11-01")
    ok("advice", "decide", "1", "taking")
    ok("advice", "outcome", "1", "saved two hours a week")
    assert "Tell Ana Lopez how it went: delegate the report" in ok("remind").stdout


def test_5_remind_sections_are_in_date_order(env: Env) -> None:
    ok("add", "Late", "--every", "weekly")
    ok("log", "late", "--date", "2026-11-23", "--note", "x")  # due in 5 days
    ok("add", "Soon", "--every", "weekly")
    ok("log", "soon", "--date", "2026-11-21", "--note", "x")  # due in 3 days
    digest = ok("remind").stdout
    assert digest.index("Soon: due 2026-11-28") < digest.index("Late: due 2026-11-30")


def test_7_a_change_that_changes_nothing_is_refused_without_a_step(board: Env) -> None:
    ok("goal", "add", "G")
    ok("goal", "done", "1")
    steps = len(ok("undo", "--list", "--json").json()["undo"])
    before = snapshot(board.db)
    for args in (
        ("edit", "ana", "--every", "3w"),  # she is every three weeks already
        ("resume", "ana"),
        ("goal", "done", "1"),
    ):
        result = run(*args)
        assert result.exit_code == 2 and "nothing to change" in result.stderr, args
    ok("archive", "raj")
    again = run("archive", "raj")
    assert again.exit_code == 2 and "already archived" in again.stderr
    assert len(ok("undo", "--list", "--json").json()["undo"]) == steps + 1
    assert snapshot(board.db) != before  # only the one real archive


def test_9_an_empty_note_only_with_allow_empty(board: Env) -> None:
    before = snapshot(board.db)
    result = run("log", "ana", "--note", "-", input="\n")
    assert result.exit_code == 2 and "the note on stdin is empty" in result.stderr
    assert run("log", "ana", "--note", " ").exit_code == 2
    assert snapshot(board.db) == before
    ok("log", "ana", "--note", "-", "--allow-empty", input="")


def test_10_json_for_undo_list_restore_and_cron(board: Env) -> None:
    undo = ok("undo", "--list", "--json").json()
    assert undo["undo"][0]["command"] == "pause mia --until 2027-01-15"  # newest first
    ok("backup")
    backups = ok("restore", "--json").json()["backups"]
    assert backups[0]["people"] == 5 and backups[0]["conversations"] == 0
    assert "remind" in ok("cron", "--json").json()["line"]
    ok("log", "ana", "--note", "x", "--todo", "deck")
    ok("todo", "add", "y")
    created = [t["created"] for t in ok("todo", "list", "--json").json()]
    assert all("T" in c for c in created)  # one form: a time, for both


def test_11_undo_says_what_it_takes_back_and_keeps_the_time(board: Env) -> None:
    ok("log", "ana", "--note", "lunch at noon")
    said = ok("undo", "--yes").stdout
    assert said.startswith("Undid \u201clog ana --note 'lunch at noon'\u201d (made 2026-11-25")
    assert "  removes conversation 2026-11-25 with Ana Lopez" in said
    made = ok("redo", "--yes")
    assert "Redid" in made.stdout
    ok("add", "Zed")
    result = run("redo", "--yes")
    assert result.exit_code == 2 and "until a new change is made" in result.stderr


def test_12_smaller_ones(board: Env) -> None:
    ok("goal", "add", "G")
    ok("goal", "done", "1")
    assert ok("goal", "list", "--status", "done", "--json").json()[0]["title"] == "G"
    result = run("stats", "--months", "0")
    assert "at least 1 month;" in result.stderr
    result = run("remin")
    assert result.exit_code == 2 and "no command 'remin': did you mean 'remind'?" in result.stderr
    result = run("log", "ana", "--note", "x", "--todo", "zoe: call back")
    assert "'zoe' in the follow-up" in result.stderr
    assert ok("--version").stdout.strip() == f"advisors {__version__}"
