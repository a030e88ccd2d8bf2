"""The report's figures as data (``board.portrait``), tested without the
page: what each row, mark and brief holds on a given day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisors.board import portrait as rules
from advisors.board.portrait import DUE, LATE, OK
from advisors.board.records import (
    Agreement,
    Conversation,
    Give,
    Goal,
    KeyDate,
    Owner,
    Person,
    Review,
    Role,
    Status,
    Todo,
)
from advisors.store.schema import empty_tables
from advisors.store.segments import ConversationLog
from advisors.store.state import Data

TODAY = date(2026, 11, 25)
JOINED = "2026-01-10T12:00:00+01:00"


@pytest.fixture
def board(tmp_path: Path) -> Data:
    return Data(empty_tables(), ConversationLog(tmp_path / "log", []))


def person(board: Data, name: str, **fields: object) -> Person:
    made = Person(name=name, created=JOINED, **fields)  # type: ignore[arg-type]
    return board.insert(made)


def test_a_talk_on_the_day_counts_and_one_after_it_does_not() -> None:
    ana = Person(id=1, name="Ana", cadence="1w", created=JOINED)
    talks = [
        Conversation(people=[1], date="2026-11-25"),
        Conversation(people=[1], date="2026-11-26"),
    ]
    [row] = rules.rhythm_rows([ana], talks, TODAY, 12)
    assert (row.cells[-1].talks, row.cells[-1].state, row.talks) == (1, OK, 1)


def test_the_first_day_of_a_cell_is_in_it_and_the_day_before_is_not() -> None:
    ana = Person(id=1, name="Ana", cadence="1w", created=JOINED)
    talks = [
        Conversation(people=[1], date="2026-11-19"),
        Conversation(people=[1], date="2026-11-18"),
    ]
    [row] = rules.rhythm_rows([ana], talks, TODAY, 12)
    assert (row.cells[-1].start, row.cells[-1].talks, row.cells[-2].talks) == (
        date(2026, 11, 19),
        1,
        1,
    )


def test_a_cell_is_due_past_the_rhythm_and_late_past_the_latest_exactly() -> None:
    ana = Person(id=1, name="Ana", cadence="1w", at_most="2w", created=JOINED)
    for talked, state in (("2026-11-18", OK), ("2026-11-17", DUE), ("2026-11-11", DUE)):
        [row] = rules.rhythm_rows([ana], [Conversation(people=[1], date=talked)], TODAY, 12)
        assert row.cells[-1].state == state, talked  # 7, 8 and 14 days before the 25th
    [row] = rules.rhythm_rows([ana], [Conversation(people=[1], date="2026-11-10")], TODAY, 12)
    assert row.cells[-1].state == LATE  # 15 days


def test_someone_who_joins_on_a_cells_last_day_is_measured_from_it() -> None:
    bo = Person(id=2, name="Bo", created="2026-11-25T09:00:00+01:00")
    [row] = rules.rhythm_rows([bo], [], TODAY, 12)
    assert (row.cells[-1].state, row.cells[-2].state) == (OK, "")
    undated = Person(id=3, name="Cy", created="")
    [row] = rules.rhythm_rows([undated], [Conversation(people=[3], date="2026-11-01")], TODAY, 12)
    assert row.cells[-5].state == ""  # before the first talk, when the join day is unknown
    assert [c.state for c in row.cells[-4:]] == [OK, OK, OK, OK]


def test_only_people_on_the_rota_have_a_row(board: Data) -> None:
    people = [
        Person(id=1, name="Bo"),
        Person(id=2, name="ana"),
        Person(id=3, name="Old", status=Status.ALUMNI),
        Person(id=4, name="Maybe", status=Status.PROSPECT),
    ]
    assert [r.person.name for r in rules.rhythm_rows(people, [], TODAY, 1)] == ["ana", "Bo"]


def test_spans_are_the_windows_cells_each_once() -> None:
    months = rules.spans(TODAY, 25)
    assert len(months) == 25 and all(a <= b for a, b in months)
    assert all(
        later[0] == earlier[1].fromordinal(earlier[1].toordinal() + 1)
        for earlier, later in zip(months, months[1:], strict=False)
    )


def test_goals_come_by_target_with_their_helpers_and_whose() -> None:
    ana, bo = Person(id=1, name="Ana"), Person(id=2, name="Bo", role=Role.MENTEE)
    goals = [
        Goal(title="no date", advisors=[1]),
        Goal(title="later", target="2027-06-01", advisors=[1, 9]),
        Goal(title="sooner", target="2027-01-01", person=2),
        Goal(title="done", target="2026-12-01", status="achieved"),  # type: ignore[arg-type]
    ]
    marks = rules.goal_marks(goals, [ana, bo])
    assert [(m.goal.title, m.target, m.advisors, m.owner) for m in marks] == [
        ("sooner", date(2027, 1, 1), [], "Bo"),
        ("later", date(2027, 6, 1), ["Ana"], None),
        ("no date", None, ["Ana"], None),
    ]


def test_review_marks_agreements_and_the_board_review(board: Data) -> None:
    ana = Person(id=1, name="Ana", created="2026-03-01T10:00:00")
    gone = Person(id=2, name="Gone", status=Status.ALUMNI, created="2025-01-01T10:00:00")
    bo = Person(id=3, name="Bo", created="2026-02-01T10:00:00")
    terms = [
        Agreement(person=1, agreed="2026-05-25", review="2026-11-25"),
        Agreement(person=2, agreed="2026-01-01", review="2026-02-01"),
        Agreement(person=3, agreed="2026-06-01", reviewed="2026-09-01", review="2027-03-01"),
    ]
    marks = rules.review_marks(terms, [ana, gone, bo], [], "6m")
    assert [(m.what, m.person.name if m.person else None, m.due, m.since) for m in marks] == [
        ("Board review", None, date(2026, 8, 1), date(2026, 2, 1)),  # from Bo, the first here
        ("Agreement with Ana", "Ana", date(2026, 11, 25), date(2026, 5, 25)),
        ("Agreement with Bo", "Bo", date(2027, 3, 1), date(2026, 9, 1)),
    ]
    assert marks[1].is_due(TODAY) and not marks[2].is_due(TODAY)
    later = rules.review_marks([], [ana], [Review(date="2026-10-01")], "3m")
    assert [(m.due, m.since) for m in later] == [(date(2027, 1, 1), date(2026, 10, 1))]
    assert rules.review_marks([], [], [], "6m") == []


def test_the_portrait_of_a_board(board: Data) -> None:
    ana = person(board, "Ana Lopez", areas=["career"], org="Acme")
    bo = person(board, "Bo Chen", role=Role.MENTEE, areas=["family"], org="Acme")
    person(board, "Cy", status=Status.PROSPECT, org="Acme")
    back = person(board, "Dee", status=Status.PAUSED, paused_until="2026-11-01", areas=["art"])
    talk = board.insert(Conversation(people=[ana.id], date="2026-11-20", notes="the reorg"))
    board.insert(Todo(text="ask about hiring", owner=Owner.ME, conversation=talk.id))
    board.insert(Conversation(people=[ana.id], date="2026-11-30", notes="tomorrow's"))
    board.insert(Todo(text="send the deck", person=ana.id, owner=Owner.ME))
    board.insert(Todo(text="done already", person=ana.id, owner=Owner.ME, done="2026-11-01"))
    board.insert(KeyDate(person=bo.id, label="birthday", date="--12-01"))
    board.insert(Give(person=bo.id, text="an intro", date="2026-11-01"))
    board.insert(Review(date="2026-10-01"))
    found = rules.portrait(
        board, board.all(Person), TODAY, 12, every="6m", configured=("career", "wellness"), within=7
    )
    assert [r.person.name for r in found.rows] == ["Ana Lopez", "Bo Chen", "Dee"]
    assert found.rows[0].talks == 1  # not the one after the day
    assert [(a.area, [p.name for p in a.people]) for a in found.areas] == [
        ("career", ["Ana Lopez"]),
        ("wellness", []),
        ("family", ["Bo Chen"]),
        ("art", ["Dee"]),  # back from a pause that has ended
    ]
    assert [(s.value, s.count) for s in found.orgs] == [("Acme", 2)]  # active only
    assert [e.person.name for e in found.exchanges] == ["Bo Chen"]
    assert [u.kept.label for u in found.dates] == ["birthday"]
    assert [(m.what, m.due) for m in found.reviews] == [("Board review", date(2027, 4, 1))]
    ana_brief, bo_brief = found.briefs[ana.id], found.briefs[bo.id]
    assert ana_brief.last is not None and ana_brief.last.notes == "the reorg"
    assert sorted(t.text for t in ana_brief.mine) == ["ask about hiring", "send the deck"]
    assert back.id in found.briefs
    assert [d.label for d in bo_brief.dates] == ["birthday"]
    assert [g.text for g in bo_brief.gives] == ["an intro"]
    assert bo_brief.mentee and bo_brief.standing is not None
