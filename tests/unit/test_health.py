"""What ``doctor`` finds in the records and what ``doctor --fix`` repairs,
checked on a board in memory: each rule, on the documents the file keeps."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from advisors.board import health
from advisors.board.records import Conversation, Goal, Person, Todo
from advisors.store.schema import empty_tables
from advisors.store.segments import ConversationLog
from advisors.store.state import Data


@pytest.fixture
def board(tmp_path: Path) -> Data:
    return Data(empty_tables(), ConversationLog(tmp_path / "log", []))


def found(board: Data) -> set[tuple[str, str]]:
    return {(f.check, f.problem) for f in health.examine(board)}


def test_a_healthy_board_has_nothing_to_say(board: Data) -> None:
    ana = board.insert(Person(name="Ana", org="Acme", created="2026-01-01T10:00:00+00:00"))
    for day in ("2026-01-02", "2026-01-03", "2026-01-04"):
        board.insert(Conversation(people=[ana.id], date=day))
    # a follow-up from the third conversation: an id only the log holds
    board.insert(Todo(text="send the deck", person=ana.id, conversation=3))
    assert found(board) == set()


def test_each_value_the_commands_cannot_use_is_named(board: Data) -> None:
    people = board.tables["people"]
    people["1"] = {"uid": "a" * 16, "org": "Acme\x1b[31m"}  # no name at all
    people["2"] = {"uid": "b" * 16, "name": "Bo", "phone": "+1\n555", "cadence": "often"}
    people["3"] = {"uid": "c" * 16, "name": "Cy", "created": "last tuesday", "updated": "soon"}
    board.insert(Conversation(people=[2], date="2026-01-02", via="pigeon"))  # type: ignore[arg-type]
    assert found(board) == {
        ("values", "person #1 has an empty name"),
        ("values", "person #1 has a control character in its org"),
        ("values", "person #2 (Bo) has a control character in its phone"),
        ("values", "person #2 (Bo) has a cadence that does not read ('often')"),
        ("dates", "person #3 has a created time that does not read"),
        ("dates", "person #3 has a updated time that does not read"),
        ("values", "conversation #1 (2026-01-02 with Bo) has an unknown via 'pigeon'"),
    }
    fixes = {f.problem: (f.fix, f.fixable) for f in health.examine(board)}
    assert fixes["person #3 has a created time that does not read"] == (
        "advisors doctor --fix sets it to now",
        True,
    )
    assert fixes["person #2 (Bo) has a cadence that does not read ('often')"] == (
        "advisors edit 2 --every monthly",
        False,
    )
    assert fixes["conversation #1 (2026-01-02 with Bo) has an unknown via 'pigeon'"] == (
        "advisors conversation edit 1 --via call",
        False,
    )


def test_references_and_uids_are_checked_across_the_main_file_and_the_log(board: Data) -> None:
    ana = board.insert(Person(name="Ana"))
    board.insert(Conversation(people=[ana.id, 42], date="2026-01-02"))
    board.tables["todos"]["1"] = {"uid": "t" * 16, "text": "call", "person": 7, "goal": 9}
    board.tables["goals"]["1"] = {"uid": ana.uid, "title": "Lead", "advisors": [ana.id, 8]}
    assert found(board) == {
        ("ids", "conversation #1 points at person #42, which is not there"),
        ("ids", "follow-up #1 points at person #7, which is not there"),
        ("ids", "follow-up #1 points at goal #9, which is not there"),
        ("ids", "goal #1 points at person #8, which is not there"),
        ("uids", "goal #1 has the same uid as person #1"),
    }


def test_a_reference_to_a_conversation_is_checked_against_the_log(board: Data) -> None:
    ana = board.insert(Person(name="Ana"))
    talk = board.insert(Conversation(people=[ana.id], date="2026-01-02"))
    board.insert(Conversation(people=[ana.id], date="2026-01-03"))
    board.tables["todos"]["1"] = {"uid": "t" * 16, "text": "a", "conversation": talk.id}
    board.tables["todos"]["2"] = {"uid": "u" * 16, "text": "b", "conversation": 99}
    board.tables["topics"]["3"] = {"uid": "v" * 16, "text": "c", "person": ana.id}
    board.tables["topics"]["3"]["discussed_in"] = talk.id + 1
    assert found(board) == {("ids", "follow-up #2 points at conversation #99, which is not there")}


def test_a_uid_used_twice_is_found_whatever_its_form(board: Data) -> None:
    board.tables["people"]["1"] = {"uid": "ABCDEF0123456789", "name": "Upper"}
    board.tables["people"]["2"] = {"uid": "abcdef0123456789", "name": "Lower"}  # not the same
    board.tables["people"]["3"] = {"uid": "hand-made", "name": "Hand"}
    board.tables["goals"]["4"] = {"uid": "hand-made", "title": "Lead"}
    board.insert(Conversation(people=[2], date="2026-01-02", uid="abcdef0123456789"))
    assert found(board) == {
        ("uids", "goal #4 has the same uid as person #3"),
        ("uids", "conversation #1 has the same uid as person #2"),
    }


def test_repair_unlinks_renames_and_restamps_and_leaves_what_it_cannot(board: Data) -> None:
    ana = board.insert(Person(name="Ana"))
    board.tables["goals"]["1"] = {"uid": ana.uid, "title": "Lead", "advisors": [ana.id, 8]}
    board.tables["todos"]["1"] = {"uid": "t" * 16, "text": "call", "person": ana.id, "goal": 9}
    board.tables["people"]["5"] = {"uid": "p" * 16, "name": "Bo", "created": "bad"}
    board.insert(Conversation(people=[ana.id, 42], date="2026-01-02"))
    changed = health.repair(board)
    assert sorted(changed) == [
        "conversation 2026-01-02 with Ana #1",
        "follow-up call #1",
        "goal Lead #1",
        "person Bo #5",
    ]
    goal = board.get(Goal, 1)
    todo = board.get(Todo, 1)
    bo = board.get(Person, 5)
    assert goal is not None and todo is not None and bo is not None
    assert goal.advisors == [ana.id] and goal.uid != ana.uid
    assert todo.goal is None and todo.person == ana.id
    assert datetime.fromisoformat(bo.created).tzinfo is not None  # now, where you are
    assert found(board) == set()


def test_each_reference_finding_says_how_it_is_fixed(board: Data) -> None:
    ana = board.insert(Person(name="Ana"))
    board.insert(Conversation(people=[ana.id, 42], date="2026-01-02"))
    board.tables["topics"]["3"] = {"uid": "o" * 16, "text": "hiring", "person": 9}
    board.tables["goals"]["1"] = {"uid": ana.uid, "title": "Lead"}
    said = {(f.check, f.problem): (f.fix, f.fixable) for f in health.examine(board)}
    assert said == {
        ("ids", "conversation #1 points at person #42, which is not there"): (
            "advisors doctor --fix unlinks it",
            True,
        ),
        ("ids", "topic #3 points at person #9, which is not there"): (
            "advisors topic drop 3",
            False,
        ),
        ("uids", "goal #1 has the same uid as person #1"): (
            "advisors doctor --fix gives it a new one",
            True,
        ),
    }


def test_repair_unlinks_what_it_can_of_a_record_it_cannot_save_whole(board: Data) -> None:
    # its person is gone (the user drops the topic), and so is its conversation
    board.tables["topics"]["3"] = {
        "uid": "o" * 16,
        "text": "hiring",
        "person": 9,
        "discussed_in": 4,
    }
    assert health.repair(board) == ["topic hiring #3"]
    assert board.tables["topics"]["3"].get("discussed_in") is None
    assert board.tables["topics"]["3"]["person"] == 9


def test_uids_alike_are_told_from_uids_that_only_share_a_bit() -> None:
    uids = health._Uids()
    for uid in (5, 5 + health._Uids.BITS, 7, 11, 7):  # the first two share a bit, 7 comes twice
        uids.note(uid)
    assert uids.alike() == {hash(7)}
    assert health._Uids().alike() == set()
