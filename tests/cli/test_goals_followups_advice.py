"""Goals, follow-ups, the agenda, the advice loop and prep, through the CLI."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Env, ok, run, snapshot


@pytest.fixture
def practice(board: Env) -> Env:
    ok(
        "goal",
        "add",
        "Lead a team by 2027",
        "--gap",
        "no people-management experience",
        "--why",
        "I want to grow others",
        "--success",
        "running a team of five",
        "--area",
        "career",
        "--by",
        "2027-06-30",
        "--advisor",
        "ana",
    )
    ok("goal", "add", "Run a marathon", "--area", "wellness")
    return board


def test_goal_add_list_show(practice: Env) -> None:
    goals = ok("goal", "list", "--json").json()
    assert [(g["id"], g["title"], g["advisors"], g["target"]) for g in goals] == [
        (1, "Lead a team by 2027", ["Ana Lopez"], "2027-06-30"),
        (2, "Run a marathon", [], None),
    ]
    assert goals[0]["success"] == "running a team of five"
    ok(
        "log",
        "ana",
        "--date",
        "yesterday",
        "--goal",
        "lead",
        "--note",
        "delegation talk",
        "--todo",
        "draft the team charter",
    )
    shown = ok("goal", "show", "lead", "--json").json()
    assert shown["gap"] == "no people-management experience"
    assert [c["notes"] for c in shown["conversations"]] == ["delegation talk"]
    assert [t["text"] for t in shown["todos"]] == ["draft the team charter"]
    text = ok("goal", "show", "1").stdout
    for part in (
        "Goal #1: Lead a team by 2027",
        "I want to grow others",
        "running a team of five",
        "Ana Lopez",
        "delegation talk",
        "draft the team charter",
    ):
        assert part in text
    assert ok("history", "--goal", "lead", "--json").json()[0]["goals"] == ["Lead a team by 2027"]


def test_goal_edit_link_unlink_done_drop(practice: Env) -> None:
    ok("goal", "edit", "marathon", "--success", "finish under 4 hours", "--by", "2027-04-01")
    ok("goal", "link", "marathon", "mia")
    ok("goal", "link", "marathon", "mia")  # twice is still once
    marathon = ok("goal", "show", "marathon", "--json").json()
    assert (marathon["success"], marathon["target"], marathon["advisors"]) == (
        "finish under 4 hours",
        "2027-04-01",
        ["Mia Wong"],
    )
    ok("goal", "unlink", "marathon", "mia")
    assert ok("goal", "show", "2", "--json").json()["advisors"] == []
    ok("goal", "done", "lead")
    ok("goal", "drop", "marathon")
    assert ok("goal", "list", "--json").json() == []
    closed = {
        g["title"]: (g["status"], g["closed"])
        for g in ok("goal", "list", "--status", "all", "--json").json()
    }
    assert closed == {
        "Lead a team by 2027": ("achieved", "2026-11-25"),
        "Run a marathon": ("dropped", "2026-11-25"),
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["goal", "show", "a"], "matches more than one goal"),
        (["goal", "show", "knitting"], "no goal called 'knitting'"),
        (["goal", "show", "99"], "no goal called '99'"),
        (["goal", "add", "Lead a team by 2027"], "there is already a goal #1"),
        (["goal", "unlink", "lead", "jose"], "José Chen is not linked to goal #1"),
        (["goal", "list", "--status", "someday"], "unknown status"),
        (["goal", "edit", "lead"], "nothing to change"),
        (["todo", "done", "42"], "there is no follow-up #42"),
        (["todo", "done", "abc"], "follow-up ids are numbers"),
        (["todo", "add", "x", "--theirs"], "say who you are waiting on"),
        (["todo", "add", "x", "--with", "nobody"], "no person called 'nobody'"),
        (["todo", "list", "--mine", "--theirs"], "choose one of --mine and --theirs"),
        (["topic", "drop", "7"], "there is no topic #7"),
        (["topic", "add", "chen", "x"], "matches more than one person"),
        (["advice", "decide", "1", "maybe"], "decide 'taking' or 'declined'"),
        (["advice", "reported", "9"], "there is no advice #9"),
        (["log", "ana", "--goal", "knitting"], "no goal called 'knitting'"),
    ],
)
def test_mistakes_exit_2_and_change_nothing(practice: Env, args: list[str], message: str) -> None:
    ok("advice", "add", "ana", "delegate more")
    before = snapshot(practice.db)
    result = run(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert snapshot(practice.db) == before


def test_follow_ups_both_ways(practice: Env) -> None:
    ok(
        "log",
        "ana",
        "--date",
        "2026-11-20",
        "--todo",
        "send Ana my draft",
        "--their-todo",
        "intro to Raj",
    )
    ok("todo", "add", "book the venue", "--due", "2026-11-20")
    ok("todo", "add", "read her book", "--with", "jose", "--due", "in 3 days", "--goal", "lead")
    ok("todo", "add", "feedback on my talk", "--with", "bo", "--theirs")
    todos = ok("todo", "list", "--json").json()
    assert [(t["text"], t["owner"], t["person"], t["due"], t["overdue"]) for t in todos] == [
        ("book the venue", "me", None, "2026-11-20", True),
        ("read her book", "me", "José Chen", "2026-11-28", False),
        ("send Ana my draft", "me", "Ana Lopez", None, False),
        ("intro to Raj", "them", "Ana Lopez", None, False),
        ("feedback on my talk", "them", "Bo Chen", None, False),
    ]
    assert todos[2]["conversation"] == 1
    assert [t["text"] for t in ok("todo", "list", "--theirs", "--json").json()] == [
        "intro to Raj",
        "feedback on my talk",
    ]
    assert len(ok("todo", "list", "--mine", "--json").json()) == 3
    plain = ok("todo", "list").stdout
    assert "overdue" in plain.splitlines()[1]
    ok("todo", "done", "1")
    ok("todo", "drop", "#5")
    assert [t["text"] for t in ok("todo", "list", "--json").json()] == [
        "book the venue",
        "read her book",
        "intro to Raj",
    ]
    everything = ok("todo", "list", "--all", "--json").json()
    assert everything[-1]["text"] == "send Ana my draft"
    assert everything[-1]["done"] == "2026-11-25"


def test_the_agenda_is_consumed_by_log_unless_kept(practice: Env) -> None:
    ok("topic", "add", "ana", "ask about hiring")
    ok("topic", "add", "ana", "the offsite")
    ok("topic", "add", "jose", "his new job")
    assert [t["text"] for t in ok("topic", "list", "ana", "--json").json()] == [
        "ask about hiring",
        "the offsite",
    ]
    ok("log", "ana", "--keep-agenda")
    assert len(ok("topic", "list", "--json").json()) == 3
    out = ok("log", "ana").stdout
    assert "Marked 2 queued topics as discussed." in out
    assert [t["text"] for t in ok("topic", "list", "--json").json()] == ["his new job"]
    ok("topic", "drop", "3")
    assert ok("topic", "list", "--json").json() == []


def test_topic_done_links_the_latest_conversation(practice: Env) -> None:
    ok("topic", "add", "jose", "his new job")
    result = run("topic", "done", "1")
    assert result.exit_code == 2 and "no conversation with them" in result.stderr
    ok("log", "jose", "--date", "2026-11-01", "--keep-agenda")
    assert "in the conversation of 2026-11-01" in ok("topic", "done", "1").stdout


def test_the_advice_loop(practice: Env) -> None:
    ok("log", "ana", "--advice", "delegate the weekly report")
    ok("advice", "add", "jose", "read High Output Management", "--date", "last friday")
    items = ok("advice", "list", "--json").json()
    assert [(a["id"], a["person"], a["state"], a["given"]) for a in items] == [
        (1, "Ana Lopez", "decide", "2026-11-25"),
        (2, "José Chen", "decide", "2026-11-20"),
    ]
    assert items[0]["conversation"] == 1
    ok("advice", "decide", "1", "taking")
    ok("advice", "decide", "2", "declined")
    states = {a["id"]: a["state"] for a in ok("advice", "list", "--json").json()}
    assert states == {1: "in progress", 2: "declined"}
    assert [a["id"] for a in ok("advice", "list", "--open", "--json").json()] == [1]
    out = ok("advice", "outcome", "1", "it freed two hours a week").stdout
    assert "Tell Ana Lopez how it went" in out
    assert ok("advice", "list", "--open", "--json").json()[0]["state"] == "report back"
    ok("advice", "reported", "1")
    assert ok("advice", "list", "--open", "--json").json() == []


def test_prep_shows_every_part(practice: Env) -> None:
    ok(
        "log",
        "ana",
        "--date",
        "2026-10-26",
        "--note",
        "talked about the reorg\nand hiring",
        "--todo",
        "send Ana my draft",
        "--their-todo",
        "intro to Raj",
        "--advice",
        "delegate the weekly report",
        "--advice",
        "take the stretch role",
    )
    ok("advice", "decide", "2", "taking")  # an outcome needs a decision first
    ok("advice", "outcome", "2", "got the role")
    ok("topic", "add", "ana", "ask about the offsite")
    out = ok("prep", "ana").stdout
    for part in (
        "Prep: Ana Lopez (mentor)",
        "On your board because: runs the team I want to run",
        "Last talked 2026-10-26 (30 days ago); you aim for every 3 weeks.",
        "Next due 2026-11-16, 9 days overdue.",
        "Last time (2026-10-26, call)",
        "talked about the reorg",
        "and hiring",
        "You owe them",
        "send Ana my draft",
        "You are waiting on",
        "intro to Raj",
        "Goals they help with",
        "Lead a team by 2027 (success: running a team of five)",
        "Advice to decide on",
        "delegate the weekly report",
        "Tell them how it went",
        "take the stretch role: got the role",
        "Topics to bring up",
        "ask about the offsite",
    ):
        assert part in out, part
    markdown = ok("prep", "ana", "--markdown").stdout
    assert markdown.startswith("# Prep: Ana Lopez\n")
    assert "## Topics to bring up\n- ask about the offsite" in markdown
    assert "## You owe them\n- send Ana my draft" in markdown


def test_show_lists_follow_ups_topics_and_goals(practice: Env) -> None:
    ok("log", "ana", "--todo", "send the draft", "--their-todo", "an intro")
    ok("topic", "add", "ana", "the offsite")
    out = ok("show", "ana").stdout
    assert "Lead a team by 2027" in out
    assert "You owe them\n  #1 send the draft" in out
    assert "You are waiting on\n  #2 an intro" in out
    assert "Topics for next time\n  #1 the offsite" in out


def test_removing_a_person_leaves_nothing_dangling(practice: Env) -> None:
    ok(
        "log",
        "ana",
        "--date",
        "2026-11-01",
        "--note",
        "alone",
        "--todo",
        "mine",
        "--their-todo",
        "theirs",
        "--advice",
        "some advice",
        "--goal",
        "lead",
    )
    ok("log", "ana", "jose", "--date", "2026-11-10", "--note", "together")
    ok("topic", "add", "ana", "queued")
    ok("remove", "ana", "--yes")
    raw = json.loads(practice.db.read_bytes())
    people = {int(k) for k in raw["people"]}
    assert "Ana Lopez" not in [p["name"] for p in raw["people"].values()]
    assert raw["topics"] == {} and raw["advice"] == {}
    todos = raw["todos"].values()
    assert sorted(t["text"] for t in todos) == ["mine", "theirs"]  # they stay...
    assert all(t.get("person") is None for t in todos)  # ...unlinked
    talks = ok("history", "--json").json()
    conversation_ids = {c["id"] for c in talks}
    assert all(t.get("conversation") in conversation_ids | {None} for t in todos)
    assert [(c["notes"], c["people"]) for c in talks] == [("together", ["José Chen"])]
    for goal in raw["goals"].values():
        assert set(goal.get("advisors", [])) <= people
    assert ok("goal", "show", "lead", "--json").json()["advisors"] == []
