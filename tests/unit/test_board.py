"""The rules of the domain, tested directly: no CLI, no files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisors.board import advice as loop
from advisors.board import goals, roster
from advisors.board.conversations import NewConversation, log_conversation
from advisors.board.digest import goal_gaps as board_gaps
from advisors.board.followups import queue_topic, topic_discussed
from advisors.board.records import (
    Advice,
    Conversation,
    Goal,
    GoalStatus,
    Person,
    Role,
    Status,
    Todo,
    Topic,
    Via,
)
from advisors.board.rota import is_paused, on_rota
from advisors.errors import UsageProblem
from advisors.store.schema import empty_tables
from advisors.store.segments import ConversationLog
from advisors.store.state import Data

TODAY = date(2026, 11, 25)


@pytest.fixture
def board(tmp_path: Path) -> Data:
    """An empty board in memory (its log folder is never written here)."""
    return Data(empty_tables(), ConversationLog(tmp_path / "log", []))


def person(board: Data, name: str, **fields) -> Person:
    return roster.add_person(board, Person(name=name, **fields))


def test_a_duplicate_name_is_refused_ignoring_case_and_accents(board: Data) -> None:
    person(board, "José Chen")
    with pytest.raises(UsageProblem, match="already on your board"):
        person(board, "jose chen")


def test_logging_sets_last_contact_uses_the_agenda_and_spends_a_snooze(board: Data) -> None:
    ana = person(board, "Ana", snoozed_until="2026-12-20")
    queue_topic(board, ana.id, "hiring")
    done = log_conversation(
        board,
        NewConversation(
            people=[ana],
            day=TODAY,
            via=Via.CALL,
            notes="n",
            todos=["send deck"],
            their_todos=["intro"],
            advice=["delegate"],
        ),
        TODAY,
    )
    assert done.discussed == 1
    assert [t.owner for t in done.todos] == ["me", "them"]
    assert done.advice[0].given == TODAY.isoformat()
    fresh = board.get(Person, ana.id)
    assert fresh is not None
    assert fresh.last_contact == TODAY.isoformat() and fresh.snoozed_until is None
    assert board.all(Topic)[0].discussed_in == done.conversation.id


def test_a_backdated_log_leaves_the_topics_queued_after_its_day(board: Data) -> None:
    zoe = person(board, "Zoe")
    queue_topic(board, zoe.id, "ask about her new job")  # queued today
    talk = NewConversation(people=[zoe], day=date(2026, 9, 1), via=Via.CALL, notes="n")
    assert log_conversation(board, talk, TODAY).discussed == 0
    assert board.all(Topic)[0].discussed_in is None
    today = NewConversation(people=[zoe], day=TODAY, via=Via.CALL, notes="m")
    assert log_conversation(board, today, TODAY).discussed == 1


def test_a_conversation_cannot_be_logged_in_the_future(board: Data) -> None:
    ana = person(board, "Ana")
    with pytest.raises(UsageProblem, match="in the future"):
        log_conversation(
            board, NewConversation(people=[ana], day=date(2026, 11, 26), via=Via.CALL), TODAY
        )


def test_removing_someone_leaves_nothing_pointing_at_them(board: Data) -> None:
    ana, bo = person(board, "Ana"), person(board, "Bo")
    alone = log_conversation(
        board, NewConversation(people=[ana], day=TODAY, via=Via.CALL, todos=["x"]), TODAY
    )
    shared = log_conversation(
        board, NewConversation(people=[ana, bo], day=TODAY, via=Via.CALL), TODAY
    )
    goal = goals.add_goal(board, Goal(title="Lead", advisors=[ana.id, bo.id]))
    loop.add_advice(board, ana, "delegate", TODAY)
    roster.remove_person(board, ana)
    assert [p.name for p in board.all(Person)] == ["Bo"]
    talks = {c.id: c.people for c in board.all(Conversation)}
    assert talks == {shared.conversation.id: [bo.id]}
    assert alone.conversation.id not in talks
    assert board.all(Advice) == []
    todo = board.all(Todo)[0]
    assert todo.person is None and todo.conversation is None
    assert board.get(Goal, goal.id).advisors == [bo.id]  # type: ignore[union-attr]


def test_the_advice_loop(board: Data) -> None:
    ana = person(board, "Ana")
    piece = loop.add_advice(board, ana, "delegate", TODAY)
    assert loop.advice_state(piece) == loop.DECIDE
    loop.decide(board, piece, "taking")  # type: ignore[arg-type]
    assert loop.advice_state(piece) == loop.WAITING
    loop.record_outcome(board, piece, "two hours a week")
    assert loop.advice_state(piece) == loop.REPORT
    loop.mark_reported(board, piece, TODAY)
    assert loop.advice_state(piece) == loop.REPORTED


def test_who_is_on_the_rota() -> None:
    active = Person(name="A")
    paused = Person(name="P", status=Status.PAUSED, paused_until="2027-01-10")
    forever = Person(name="F", status=Status.PAUSED)
    archived = Person(name="R", status=Status.ARCHIVED)
    assert on_rota(active, TODAY)
    assert is_paused(paused, TODAY) and not on_rota(paused, TODAY)
    assert on_rota(paused, date(2027, 1, 10))
    assert is_paused(forever, date(2030, 1, 1)) and not on_rota(forever, TODAY)
    assert not on_rota(archived, TODAY)


def test_board_gaps_name_areas_of_open_goals_nobody_covers() -> None:
    people = [
        Person(id=1, name="A", areas=["career"]),
        Person(id=2, name="P", areas=["wellness"], status=Status.PAUSED, paused_until="2027-01-10"),
    ]
    wanted = [
        Goal(id=1, title="Run", area="wellness"),
        Goal(id=2, title="Lead", area="career"),
        Goal(id=3, title="Old", area="faith", status=GoalStatus.DROPPED),
    ]
    assert [(g.area, g.goals) for g in board_gaps(people, wanted, TODAY)] == [("wellness", ["Run"])]
    assert board_gaps(people, wanted, date(2027, 1, 10)) == []


def test_a_topic_is_discussed_in_the_latest_conversation(board: Data) -> None:
    ana = person(board, "Ana")
    topic = queue_topic(board, ana.id, "hiring")
    with pytest.raises(UsageProblem, match="no conversation"):
        topic_discussed(board, topic)
    for day in (date(2026, 11, 1), date(2026, 11, 20), date(2026, 11, 5)):
        log_conversation(
            board, NewConversation(people=[ana], day=day, via=Via.CALL, keep_agenda=True), TODAY
        )
    assert topic_discussed(board, topic).date == "2026-11-20"


def test_edit_refuses_to_drop_an_area_they_do_not_have(board: Data) -> None:
    ana = person(board, "Ana", areas=["career"])
    with pytest.raises(UsageProblem, match="has no area 'cooking'"):
        roster.edit_person(board, ana, roster.PersonChanges(drop_areas=["cooking"]))
    with pytest.raises(UsageProblem, match="nothing to change"):
        roster.edit_person(board, ana, roster.PersonChanges())


def test_a_record_read_from_a_sparse_document_has_every_default_and_its_own_lists() -> None:
    doc = {"name": "Ana", "role": "sponsor", "areas": ["career"], "stray": 1}
    ana = Person.from_doc(3, doc)
    assert (ana.id, ana.role, ana.status, ana.cadence) == (3, Role.SPONSOR, Status.ACTIVE, "1m")
    assert ana.role is Role.SPONSOR and not hasattr(ana, "stray")
    ana.areas.append("family")
    assert doc["areas"] == ["career"]  # the document is untouched until saved
    assert Person.from_doc(4, {}).areas is not Person.from_doc(5, {}).areas
    odd = Person.from_doc(6, {"name": "Bo", "status": "zombie"})
    assert odd.status == "zombie"  # kept as written, for doctor to name


def test_the_records_check_reads_documents_as_the_records_they_hold(board: Data) -> None:
    from advisors.board import health

    ana = person(board, "Ana")
    board.tables["people"][str(ana.id)].pop("cadence")  # a field left out: its default
    board.tables["people"]["9"] = {"name": "Bo", "status": ["x"], "uid": "b" * 16}
    board.tables["todos"]["1"] = {"text": "call", "person": 42, "uid": "c" * 16}
    found = {(f.check, f.problem) for f in health.examine(board)}
    assert found == {
        ("values", "person #9 (Bo) has an unknown status \"['x']\""),
        ("ids", "follow-up #1 points at person #42, which is not there"),
    }


def test_what_an_export_writes_of_a_stored_document_is_what_its_record_writes() -> None:
    for doc in (
        {"people": [1], "date": "2026-01-02", "uid": "a" * 16},
        {
            "people": [1, 2],
            "date": "2026-01-02",
            "via": "odd",
            "stamps": {"notes": "t"},
            "uid": "b",
        },
        {"people": [], "date": "x", "notes": "n", "unknown": 1, "uid": "u" * 16},
    ):
        assert Conversation.written(doc) == Conversation.from_doc(5, doc).to_doc()
        assert list(Conversation.written(doc)) == list(Conversation.from_doc(5, doc).to_doc())


def test_the_main_file_leaves_out_empty_fields_and_reads_them_back(board: Data) -> None:
    ana = person(board, "Ana", org="Acme", email="ana@example.org")
    doc = board.tables["people"][str(ana.id)]
    assert "notes" not in doc and "paused_until" not in doc and "areas" not in doc
    assert doc["org"] == "Acme" and doc["role"] == "mentor" and doc["cadence"] == "1m"
    again = board.get(Person, ana.id)
    assert again is not None and again.values() == ana.values()


def test_clearing_a_field_stamps_it_though_the_file_leaves_it_out(board: Data) -> None:
    ana = person(board, "Ana", org="Acme")
    ana.org = ""
    board.save(ana)
    doc = board.tables["people"][str(ana.id)]
    assert "org" not in doc
    assert set(doc["stamps"]) == {"org"}
    board.save(ana)  # nothing changed: nothing more stamped
    assert set(board.tables["people"][str(ana.id)]["stamps"]) == {"org"}


def test_an_export_row_is_the_same_from_the_stored_document_as_from_its_record(
    board: Data,
) -> None:
    ana = person(board, "Ana", org="Acme", areas=["career"])
    board.tables["people"]["9"] = {"name": "Bo", "status": "zombie", "uid": "b" * 16, "new": 1}
    for ident, doc in board.documents(Person):
        assert Person.written(doc, ident) == Person.written(
            Person.from_doc(ident, doc).to_doc(), ident
        )
    every = [name for name in Person.field_names() if name != "stamps"]  # none yet
    assert list(Person.written(board.tables["people"][str(ana.id)])) == every


def test_people_changed_alike_in_one_millisecond_share_stamps_and_each_keeps_its_own_after(
    board: Data,
) -> None:
    import time_machine

    ana, bo = person(board, "Ana"), person(board, "Bo")
    with time_machine.travel("2026-11-25 09:00:00.123+00:00", tick=False):
        for one in (ana, bo):
            one.org = "Acme"
            board.save(one)
        docs = board.tables["people"]
        assert docs[str(ana.id)]["stamps"] is docs[str(bo.id)]["stamps"]
        ana.title = "CTO"
        board.save(ana)
    assert set(docs[str(ana.id)]["stamps"]) == {"org", "title"}
    assert set(docs[str(bo.id)]["stamps"]) == {"org"}
    assert [p.org for p in board.all(Person)] == ["Acme", "Acme"]


def test_the_stamps_of_one_millisecond_are_one_string() -> None:
    """An import stamps 20,000 people in a second: the stamps of one
    millisecond share a string, and the next millisecond has its own."""
    import time_machine

    from advisors.board.records import now_stamp

    with time_machine.travel("2026-11-25 09:00:00.123+00:00", tick=False) as clock:
        first, again = now_stamp(), now_stamp()
        assert first is again and first.startswith("2026-11-25T") and first[19:23] == ".123"
        clock.shift(0.001)
        later = now_stamp()
        assert later != first and later[19:23] == ".124"


def test_a_stamp_follows_a_zone_set_within_its_millisecond(monkeypatch) -> None:
    import time

    import time_machine

    from advisors.board.records import now_stamp

    with time_machine.travel("2026-11-25 09:00:00.123+00:00", tick=False):
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()
        assert now_stamp() == "2026-11-25T09:00:00.123+00:00"
        monkeypatch.setenv("TZ", "Asia/Kolkata")
        time.tzset()
        assert now_stamp() == "2026-11-25T14:30:00.123+05:30"
    monkeypatch.undo()
    time.tzset()


def test_a_report_keeps_each_reason_once() -> None:
    from advisors.board.merge import Report

    report = Report()
    for name in ("Ana", "Bo"):
        report.note("update", "person", name, "changed: " + ", ".join(["email", "org"]))
    first, second = report.changes
    assert first.why == second.why == "changed: email, org" and first.why is second.why
    assert report == Report(list(report.changes))  # the reasons are not part of its value
