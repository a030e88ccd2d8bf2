"""The two-way street through the command line (issue "The two-way street:
agreements, what you give, your mentees' side, a board review, and ending
well"). Today is Wednesday 2026-11-25."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from advisors.store.schema import SCHEMA
from tests.conftest import (
    Env,
    answer_on_a_terminal,
    ok,
    run,
    run_installed,
    run_on_a_terminal,
    snapshot,
)


def refused(env: Env, *args: str, said: str) -> None:
    """A mistake: one line on stderr, exit 2, the data file untouched."""
    before = snapshot(env.db)
    result = run(*args)
    assert result.exit_code == 2, (args, result.stdout, result.stderr)
    assert said in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert snapshot(env.db) == before


# Agreements ------------------------------------------------------------------------


def test_agree_records_the_terms_and_show_and_prep_print_them(board: Env) -> None:
    said = ok(
        "agree",
        "ana",
        "--ask",
        "a monthly call about the move to management",
        "--offer",
        "notes on the platform team",
        "--format",
        "30 minutes, every month",
        "--confidential",
    ).stdout
    assert "Agreed with Ana Lopez." in said
    assert "review it together by 2027-05-25" in said  # six months from today
    for command in ("show", "prep"):
        text = ok(command, "ana").stdout
        assert "You ask: a monthly call about the move to management" in text
        assert "You offer: notes on the platform team" in text
        assert "How you meet: 30 minutes, every month" in text
        assert "Confidential" in text
    terms = ok("show", "ana", "--json").json()["agreement"]
    assert (terms["review"], terms["agreed"], terms["confidential"]) == (
        "2027-05-25",
        "2026-11-25",
        True,
    )
    ok("agree", "ana", "--open", "--review", "2027-02-01")
    terms = ok("prep", "ana", "--json").json()["agreement"]
    assert (terms["confidential"], terms["review"], terms["ask"]) == (
        False,
        "2027-02-01",
        "a monthly call about the move to management",
    )
    # piped with no option, it prints the agreement and changes nothing
    before = snapshot(board.db)
    assert "Your agreement with Ana Lopez:" in ok("agree", "ana").stdout
    assert snapshot(board.db) == before


def test_agree_mistakes_change_nothing(board: Env) -> None:
    refused(board, "agree", "bo", said="no agreement with Bo Chen yet")
    refused(board, "agree", "nobody", "--ask", "x", said="no person called")
    refused(board, "agree", "ana", "--ask", "x", "--note", "y", said="--note goes with --reviewed")
    refused(board, "agree", "ana", "--reviewed", said="no agreement with Ana Lopez yet")
    refused(board, "agree", "ana", "--review", "someday", said="can't read the date")
    ok("agree", "ana", "--ask", "x")
    refused(board, "agree", "ana", "--ask", "x", said="nothing to change")
    refused(board, "agree", "ana", "--reviewed", "--ask", "y", said="second step")


def test_terms_agreed_long_ago_can_be_due_now(board: Env) -> None:
    said = ok("agree", "ana", "--ask", "a call a month", "--date", "2026-05-25")
    assert "Agreed 2026-05-25; time to review it together (due 2026-11-25)." in said.stdout
    assert "Review your agreement with Ana Lopez: 6 months since 2026-05-25." in ok("today").stdout
    result = ok("agree", "bo", "--ask", "a call a month", "--review", "2026-11-01")
    assert "the review day 2026-11-01 has come" in result.stderr
    assert "Review your agreement with Bo Chen: 0 days since 2026-11-25." in ok("today").stdout
    refused(board, "agree", "josé", "--ask", "x", "--date", "2027-01-01", said="is to come")
    refused(board, "agree", "bo", "--reviewed", "--review", "2026-11-25", said="after today")


def test_a_review_date_that_has_come_is_in_remind_and_today_once(board: Env) -> None:
    ok("agree", "ana", "--ask", "a monthly call")
    assert "Review your agreement" not in ok("remind", "--as-of", "2027-05-24").stdout
    line = "Review your agreement with Ana Lopez: 6 months since 2026-11-25."
    for command in ("remind", "today"):
        text = ok(command, "--as-of", "2027-05-25").stdout
        assert text.count("Review your agreement with Ana Lopez") == 1, text
        assert line in text
    digest = ok("remind", "--as-of", "2027-05-25", "--format", "json").json()
    [due] = digest["agreements_to_review"]
    assert (due["person"], due["review"]) == ("Ana Lopez", "2027-05-25")
    assert ok("today", "--as-of", "2027-05-25", "--json").json()["agreements_to_review"]
    said = ok("agree", "ana", "--reviewed", "--note", "still right; add a quarterly coffee").stdout
    assert "Last reviewed 2026-11-25; review it together by 2027-05-25" in said
    assert "still right; add a quarterly coffee" in ok("show", "ana").stdout


def test_agree_on_a_terminal_opens_the_editor_on_a_template(board: Env, tmp_path: Path) -> None:
    script = tmp_path / "fill"
    script.write_text(
        "#!/bin/sh\n"
        'grep -q "^# Your agreement with Ana Lopez" "$1" || exit 1\n'
        "sed -i -e 's/^ask: $/ask: help me think about the reorg/' "
        "-e 's/^confidential: $/confidential: yes/' "
        "-e 's/^review: $/review: 2027-03-01/' \"$1\"\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    os.environ["EDITOR"] = str(script)
    try:
        shown = run_on_a_terminal(80, "agree", "ana")
    finally:
        del os.environ["EDITOR"]
    assert "Agreed with Ana Lopez." in shown, shown
    terms = ok("show", "ana", "--json").json()["agreement"]
    assert (terms["ask"], terms["confidential"], terms["review"]) == (
        "help me think about the reorg",
        True,
        "2027-03-01",
    )


# What you give -----------------------------------------------------------------------


def test_give_and_log_gave_count_in_the_board_against_what_you_received(board: Env) -> None:
    for day in ("2026-01-10", "2026-06-01", "2026-10-01", "2026-11-20"):
        ok("advice", "add", "ana", f"advice of {day}", "--date", day)
    said = ok("board").stdout
    assert (
        "You have received 4 pieces of advice from Ana Lopez and given nothing back this year."
        in " ".join(said.split())
    )
    given = ok("give", "ana", "introduced her to Raj", "--kind", "intro", "--date", "2026-11-01")
    assert "Noted for Ana Lopez (intro, 2026-11-01): introduced her to Raj" in given.stdout
    assert "This year you gave Ana Lopez 1 thing and received 4 pieces of advice." in given.stdout
    ok("log", "ana", "--note", "coffee", "--gave", "sent the paper she asked for")
    text = ok("board").stdout
    assert "given nothing back" not in text
    assert "Ana Lopez  given 2 / 2, received 2 / 4" in text
    balance = ok("board", "--json").json()["balance"]
    [ana] = [e for e in balance["exchanges"] if e["person"] == "Ana Lopez"]
    assert (ana["given_90d"], ana["given_year"], ana["received_90d"], ana["received_year"]) == (
        2,
        2,
        2,
        4,
    )
    gives = ok("show", "ana", "--json").json()["gives"]
    assert [(g["kind"], g["text"]) for g in gives] == [
        ("other", "sent the paper she asked for"),
        ("intro", "introduced her to Raj"),
    ]
    assert gives[0]["conversation"] == 1
    assert "sent the paper she asked for" in ok("prep", "ana").stdout


def test_give_mistakes_change_nothing(board: Env) -> None:
    refused(board, "give", "ana", "x", "--kind", "bribe", said="unknown --kind 'bribe'")
    refused(board, "give", "ana", "x", "--date", "2027-01-01", said="in the future")
    refused(board, "give", "ana", "", said="give")
    refused(board, "give", "zed", "x", said="no person called")


# Your mentees' side ----------------------------------------------------------------


def test_a_mentees_prep_leads_with_where_they_are_and_what_they_need(board: Env) -> None:
    ok(
        "edit",
        "bo",
        "--where",
        "three months into a first lead job",
        "--need",
        "how to run 1:1s",
        "--why",
        "the team is new and so is he",
    )
    ok("topic", "add", "bo", "his first review cycle")
    ok("advice", "add", "bo", "keep a 1:1 doc per report", "--given")
    ok("goal", "add", "Run great 1:1s", "--for", "bo", "--success", "a shared doc per report")
    text = ok("prep", "bo").stdout
    order = [
        "Where they are",
        "three months into a first lead job",
        "What they need",
        "how to run 1:1s",
        "the team is new and so is he",
        "Your open advice to them",
        "keep a 1:1 doc per report",
        "Topics to bring up",
        "his first review cycle",
        "Their goals",
        "Run great 1:1s (success: a shared doc per report)",
    ]
    assert [text.index(words) for words in order] == sorted(text.index(w) for w in order), text
    brief = ok("prep", "bo", "--json").json()
    assert brief["mentee"] and brief["where"] == "three months into a first lead job"
    assert [a["text"] for a in brief["advice_given_open"]] == ["keep a 1:1 doc per report"]
    assert [g["title"] for g in brief["their_goals"]] == ["Run great 1:1s"]


def test_they_want_makes_anyone_a_mentee_in_prep(board: Env) -> None:
    ok("edit", "josé", "--they-want", "an intro to a staff engineer")
    text = ok("prep", "josé").stdout
    assert text.index("What they need") < text.index("an intro to a staff engineer")
    assert ok("show", "josé", "--json").json()["need"] == "an intro to a staff engineer"


def test_advice_you_gave_loops_the_other_way_and_stays_out_of_your_decisions(board: Env) -> None:
    said = ok("advice", "add", "bo", "say no to one meeting a week", "--given").stdout
    assert "Recorded advice #1 you gave Bo Chen" in said
    [piece] = ok("advice", "list", "--json").json()
    assert (piece["direction"], piece["state"]) == ("given", "ask if they will try it")
    assert "say no to one meeting" not in ok("remind", "--as-of", "2026-12-01").stdout
    ok("advice", "decide", "1", "taking")
    ok("advice", "outcome", "1", "he got Fridays back")
    assert ok("advice", "list", "--json").json()[0]["state"] == "heard back"
    refused(board, "advice", "reported", "1", said="advice you gave")
    assert ok("advice", "list", "--open", "--json").json() == []


def test_a_goal_for_someone_is_theirs_not_a_gap_of_your_board(board: Env) -> None:
    said = ok("goal", "add", "Learn to delegate", "--for", "bo", "--area", "parenting").stdout
    assert "Added goal #1 for Bo Chen: Learn to delegate." in said
    assert "parenting" not in ok("board").stdout
    assert "Learn to delegate" not in ok("remind", "--as-of", "2026-12-01").stdout
    [goal] = ok("goal", "list", "--json").json()
    assert goal["for"] == "Bo Chen"
    assert "for Bo Chen" in ok("goal", "list").stdout
    refused(board, "goal", "add", "x", "--for", "nobody", said="no person called")


# The board review ------------------------------------------------------------------


def test_review_piped_prints_the_summary_only_and_changes_nothing(board: Env) -> None:
    ok("edit", "ana", "--org", "Acme")
    ok("edit", "josé", "--org", "Acme")
    ok("edit", "bo", "--org", "Acme")
    ok("log", "ana", "--date", "2026-11-01", "--note", "x")
    for n in range(3):
        ok("advice", "add", "ana", f"tip {n}")
    ok("agree", "josé", "--ask", "x", "--review", "2026-12-01")
    before = snapshot(board.db)
    text = ok("review", "--as-of", "2026-12-02").stdout
    assert snapshot(board.db) == before
    assert "Areas" in text and "career: Ana Lopez, José Chen" in text
    assert "Not covered: wellness, spirituality, family." in text
    assert "By org: Acme 3" in text and "By role: mentor 1, peer 1, mentee 1" in text
    assert "3 of your 3 advisors are at Acme" in text
    assert "Ana Lopez    1  weak" in text and "Bo Chen      0  dormant" in text
    assert "You have received 3 pieces of advice from Ana Lopez" in text
    assert "Review your agreement with José Chen" in text
    found = ok("review", "--as-of", "2026-12-02", "--json").json()
    assert found["active"] == 3 and found["mix"]["orgs"] == {"Acme": 3}
    assert [t["name"] for t in found["ties"]][0] == "Ana Lopez"
    assert found["only_taken_from"][0]["person"] == "Ana Lopez"
    assert found["recorded"] is None


def test_time_to_review_your_board_in_remind_until_review_done(board: Env) -> None:
    assert "Time to review your board" not in ok("remind", "--as-of", "2027-05-24").stdout
    text = ok("remind", "--as-of", "2027-05-25").stdout
    assert text.count("Time to review your board") == 1
    assert "6 months since you began your board (2026-11-25)" in text
    said = ok("review", "--done").stdout
    assert "Board review of 2026-11-25 recorded." in said
    assert "Time to review your board" not in ok("remind", "--as-of", "2027-05-24").stdout
    assert "Time to review your board" in ok("remind", "--as-of", "2027-05-25").stdout
    refused(board, "review", "--done", said="already reviewed your board on 2026-11-25")
    refused(board, "review", "--done", "--as-of", "2027-01-01", said="after today")
    assert ok("review", "--as-of", "2027-01-01").stdout.startswith("Your board on 2027-01-01")
    board.config.write_text('review_every = "3m"\n')
    assert "Time to review your board" in ok("remind", "--as-of", "2027-02-25").stdout
    ok("undo", "--yes")
    assert ok("review", "--json").json()["last_review"] is None


def test_review_walks_the_board_on_a_terminal_as_one_undo_step(board: Env) -> None:
    # the active board by name: keep Ana, deepen Bo (with a note), rotate José out
    answers = "k\n\nd\nweekly for a while\nr\nmoved to Lisbon\n"
    code, shown = answer_on_a_terminal(80, answers, "review")
    assert code == 0, shown
    assert "Ana Lopez: mentor" in shown and "[k]eep, [d]eepen, [r]otate out or [s]kip?" in shown
    assert "1 to keep, 1 to deepen, 1 to rotate out" in shown
    assert "José Chen is alumni now" in shown
    people = {p["name"]: p["status"] for p in ok("list", "--all", "--json").json()}
    assert people["José Chen"] == "alumni"
    assert "José Chen" not in ok("due").stdout
    ok("undo", "--yes")
    people = {p["name"]: p["status"] for p in ok("list", "--all", "--json").json()}
    assert people["José Chen"] == "active"
    assert ok("review", "--json").json()["last_review"] is None


# Ending well ---------------------------------------------------------------------------


def test_close_makes_alumni_kept_out_of_due_with_a_thank_you(board: Env) -> None:
    ok("log", "ana", "--note", "our last monthly call")
    said = ok(
        "close", "ana", "--reason", "she retired", "--thanks", "Thank you for two years"
    ).stdout
    assert "Closed your relationship with Ana Lopez: alumni now" in said
    assert "A last message you could send:" in said
    assert "Ana, thank you for two years." in said
    assert "Ana Lopez" not in ok("due").stdout
    assert "Ana Lopez" not in ok("list").stdout
    assert [
        p["status"] for p in ok("list", "--all", "--json").json() if p["name"] == "Ana Lopez"
    ] == ["alumni"]
    assert [p["name"] for p in ok("list", "--status", "alumni", "--json").json()] == ["Ana Lopez"]
    assert "Alumni" in ok("board").stdout
    assert ok("board", "--json").json()["alumni"][0]["name"] == "Ana Lopez"
    [thanks] = ok("show", "ana", "--json").json()["gives"]
    assert (thanks["kind"], thanks["text"]) == (
        "thanks",
        "Thank you for two years (closing: she retired)",
    )
    assert len(ok("history", "ana", "--json").json()) == 1  # the history stays
    refused(board, "close", "ana", said="already alumni")
    assert "active again" in ok("resume", "ana").stdout
    assert "Ana Lopez" in ok("due").stdout


def test_redefine_changes_role_and_rhythm_and_keeps_history(board: Env) -> None:
    ok("log", "ana", "--note", "x")
    said = ok("redefine", "ana", "--role", "peer", "--every", "3m").stdout
    assert (
        "Ana Lopez is now a peer, every 3 months (was a mentor, every 3 weeks). "
        "Your history stays: 1 conversation." in said
    )
    [ana] = [p for p in ok("list", "--json").json() if p["name"] == "Ana Lopez"]
    assert (ana["role"], ana["cadence"], ana["next_due"]) == ("peer", "3m", "2027-02-25")
    refused(board, "redefine", "ana", said="say what changes")
    refused(board, "redefine", "ana", "--role", "peer", said="nothing to change")
    refused(board, "redefine", "ana", "--every", "sometimes", said="cadence")
    ok("undo", "--yes")
    assert [p["role"] for p in ok("list", "--json").json() if p["name"] == "Ana Lopez"] == [
        "mentor"
    ]


# Everywhere ---------------------------------------------------------------------------


def test_the_new_records_travel_in_export_import_and_merge(board: Env, tmp_path: Path) -> None:
    ok("agree", "ana", "--ask", "a monthly call")
    ok("give", "bo", "an intro", "--kind", "intro")
    ok("review", "--done")
    ok("close", "josé", "--thanks", "thanks for it all")
    ok("advice", "add", "bo", "a tip", "--given")
    ok("goal", "add", "Their goal", "--for", "bo")
    ok("edit", "bo", "--where", "new job", "--need", "1:1s")
    export = tmp_path / "all.json"
    ok("export", "--format", "json", "--output", str(export))
    tables = json.loads(export.read_text())["tables"]
    assert [a["ask"] for a in tables["agreements"]] == ["a monthly call"]
    assert [g["kind_of"] for g in tables["gives"]] == ["intro", "thanks"]
    assert [r["date"] for r in tables["reviews"]] == ["2026-11-25"]
    assert all(r["uid"] for t in ("agreements", "gives", "reviews") for r in tables[t])
    fresh = tmp_path / "fresh" / "advisors.json"
    ok("--db", str(fresh), "import", str(export), "--yes")
    assert ok("--db", str(fresh), "show", "ana", "--json").json()["agreement"]["ask"] == (
        "a monthly call"
    )
    bo = ok("--db", str(fresh), "prep", "bo", "--json").json()
    assert (bo["where"], bo["need"]) == ("new job", "1:1s")
    assert [g["title"] for g in bo["their_goals"]] == ["Their goal"]
    assert [a["text"] for a in bo["advice_given_open"]] == ["a tip"]
    people = {
        p["name"]: p["status"] for p in ok("--db", str(fresh), "list", "--all", "--json").json()
    }
    assert people["José Chen"] == "alumni"
    # a removal here stays a removal when the old export comes back
    ok("remove", "bo", "--yes")
    ok("import", str(export), "--yes")
    assert "Bo Chen" not in ok("list", "--all").stdout
    assert ok("board", "--json").json()["balance"]["exchanges"] == []


def test_markdown_csv_and_calendar_exports_carry_the_street(board: Env) -> None:
    ok("agree", "ana", "--ask", "a monthly call")
    ok("give", "ana", "an intro to Raj", "--kind", "intro")
    ok("edit", "bo", "--where", "a new lead", "--need", "1:1s")
    text = ok("export", "--format", "markdown").stdout
    assert "### Agreement" in text and "- You ask: a monthly call" in text
    assert "### What you gave" in text and "intro: an intro to Raj" in text
    ics = ok("export", "--format", "ics").stdout
    assert "SUMMARY:Review your agreement with Ana Lopez" in ics
    assert "DTSTART;VALUE=DATE:20270525" in ics
    people = ok("export", "--format", "csv").stdout
    assert "where,need" in people and "a new lead,1:1s" in people
    assert "give #1" in ok("search", "Raj").stdout


def test_doctor_names_a_give_that_points_at_nobody(board: Env) -> None:
    ok("give", "ana", "an intro")
    raw = json.loads(board.db.read_text())
    raw["gives"]["1"]["person"] = 99
    raw["gives"]["1"]["kind_of"] = "bribe"
    board.db.write_text(json.dumps(raw))
    result = run("doctor")
    assert result.exit_code == 1
    assert "give #1 points at person #99, which is not there" in result.stdout
    assert "an unknown kind_of 'bribe'" in result.stdout


def test_every_change_is_one_undo_step(board: Env) -> None:
    ok("agree", "ana", "--ask", "x")
    for args in (
        ("agree", "bo", "--ask", "x"),
        ("agree", "ana", "--offer", "y"),
        ("agree", "ana", "--reviewed"),
        ("give", "ana", "x"),
        ("close", "bo"),
        ("redefine", "josé", "--every", "2m"),
        ("review", "--done"),
        ("edit", "bo", "--need", "x"),
    ):
        before = snapshot(board.db)["advisors.json"]
        ok(*args)
        ok("undo", "--yes")
        after = json.loads(snapshot(board.db)["advisors.json"])
        was = json.loads(before)
        for key in ("people", "agreements", "gives", "reviews"):
            assert after.get(key, {}) == was.get(key, {}), (args, key)


def test_a_schema_2_file_is_read_in_place_and_written_in_the_current_schema(board: Env) -> None:
    ok("log", "ana", "--note", "kept")
    raw = json.loads(board.db.read_text())
    raw["_meta"]["1"]["schema"] = 2
    board.db.write_text(json.dumps(raw))
    assert [c["notes"] for c in ok("history", "--json").json()] == ["kept"]
    ok("give", "ana", "x")
    assert json.loads(board.db.read_text())["_meta"]["1"]["schema"] == SCHEMA
    assert [c["notes"] for c in ok("history", "--json").json()] == ["kept"]
    assert ok("doctor").exit_code == 0
    ok("undo", "--yes")  # back to the schema 2 state: still reads
    assert [c["notes"] for c in ok("history", "--json").json()] == ["kept"]


def test_a_field_a_newer_version_wrote_survives_a_save(board: Env) -> None:
    raw = json.loads(board.db.read_text())
    raw["people"]["1"]["pronouns"] = "she/her"
    board.db.write_text(json.dumps(raw))
    ok("edit", "ana", "--org", "Acme")
    assert json.loads(board.db.read_text())["people"]["1"]["pronouns"] == "she/her"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("advisors agree an", ["Ana\\ Lopez"]),
        ("advisors give ana x --kind in", ["intro"]),
        ("advisors close jo", ["José\\ Chen"]),
        ("advisors goal add x --for b", ["Bo\\ Chen"]),
    ],
)
def test_new_commands_complete(board: Env, words: str, expected: list[str]) -> None:
    env = {
        "_ADVISORS_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
    }
    done = run_installed(env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == expected


def test_a_conflict_copy_merges_agreements_gives_and_reviews_field_by_field(
    board: Env,
) -> None:
    import shutil

    from advisors.store.layout import Layout

    ok("agree", "ana", "--ask", "a monthly call")
    ok("log", "bo", "--note", "a log to sync")
    elsewhere = board.root / "elsewhere"
    shutil.copytree(board.db.parent, elsewhere)
    other = ("--db", str(elsewhere / "advisors.json"))
    ok(*other, "agree", "ana", "--offer", "notes from the platform team")
    ok(*other, "give", "bo", "an intro to a sales lead", "--kind", "intro")
    ok(*other, "review", "--done")
    ok("agree", "ana", "--format", "video, monthly")
    ok("close", "josé", "--thanks", "thank you")
    copy = board.db.parent / "advisors.sync-conflict-20261125-101010-ABCDEFG.json"
    shutil.copy(elsewhere / "advisors.json", copy)
    for segment in Layout.of(elsewhere / "advisors.json").log.iterdir():
        target = Layout.of(board.db).log / segment.name
        if not target.exists():
            shutil.copy(segment, target)
    ok("merge")
    terms = ok("show", "ana", "--json").json()["agreement"]
    assert (terms["ask"], terms["offer"], terms["format"]) == (
        "a monthly call",
        "notes from the platform team",
        "video, monthly",
    )
    assert [g["text"] for g in ok("show", "bo", "--json").json()["gives"]] == [
        "an intro to a sales lead"
    ]
    assert ok("review", "--json").json()["last_review"] == "2026-11-25"
    people = {p["name"]: p["status"] for p in ok("list", "--all", "--json").json()}
    assert people["José Chen"] == "alumni"
