"""The brief before a conversation: everything worth knowing five minutes
before you talk to someone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from advisors.board.advice import CLOSED, DECIDE, REPORT, WAITING, advice_state
from advisors.board.due import Standing, standing
from advisors.board.followups import Whose, todo_order
from advisors.board.occasions import coming
from advisors.board.records import (
    Advice,
    Agreement,
    Conversation,
    Give,
    Goal,
    GoalStatus,
    KeyDate,
    Owner,
    Person,
    Role,
    Todo,
    Topic,
)
from advisors.board.rota import on_rota


@dataclass
class Brief:
    person: Person
    today: date
    standing: Standing | None
    last: Conversation | None
    mine: list[Todo] = field(default_factory=list)
    theirs: list[Todo] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    to_decide: list[Advice] = field(default_factory=list)
    to_report: list[Advice] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    dates: list[KeyDate] = field(default_factory=list)  # theirs, the next first
    agreement: Agreement | None = None
    # someone you mentor (a mentee, or anyone with a need noted): the brief
    # leads with where they are and what they need, then your open advice
    # to them and their own goals
    mentee: bool = False
    advised: list[Advice] = field(default_factory=list)  # yours to them, still open
    their_goals: list[Goal] = field(default_factory=list)
    gives: list[Give] = field(default_factory=list)  # what you gave them, newest first


def brief(
    person: Person,
    today: date,
    *,
    last: Conversation | None,
    todos: Iterable[Todo],
    goals: Iterable[Goal],
    advice: Iterable[Advice],
    topics: Iterable[Topic],
    within: int = 7,
    concerns: Whose | None = None,
    dates: Iterable[KeyDate] = (),
    agreements: Iterable[Agreement] = (),
    gives: Iterable[Give] = (),
) -> Brief:
    """``todos`` are kept when they concern the person (see ``Whose``)."""

    def theirs(todo: Todo) -> bool:
        return person.id in concerns.ids(todo) if concerns else todo.person == person.id

    open_todos = todo_order(t for t in todos if theirs(t) and t.done is None)
    theirs_advice = [a for a in advice if a.person == person.id and not a.mine]
    advised = [a for a in advice if a.person == person.id and a.mine]
    keeps_rhythm = on_rota(person, today)
    return Brief(
        person=person,
        today=today,
        standing=standing(person, today, within) if keeps_rhythm else None,
        last=last,
        mine=[t for t in open_todos if t.owner == Owner.ME],
        theirs=[t for t in open_todos if t.owner == Owner.THEM],
        goals=[g for g in goals if person.id in g.advisors and g.status == GoalStatus.OPEN],
        to_decide=[a for a in theirs_advice if advice_state(a) == DECIDE],
        to_report=[a for a in theirs_advice if advice_state(a) in (REPORT, WAITING)],
        topics=[t for t in topics if t.person == person.id and t.discussed_in is None],
        dates=[u.kept for u in coming([d for d in dates if d.person == person.id], today, 366)],
        agreement=next((a for a in agreements if a.person == person.id), None),
        mentee=is_mentee(person),
        advised=[a for a in advised if advice_state(a) not in CLOSED],
        their_goals=[g for g in goals if g.person == person.id and g.status == GoalStatus.OPEN],
        gives=sorted(
            (g for g in gives if g.person == person.id), key=lambda g: (g.date, g.id), reverse=True
        )[:3],
    )


def is_mentee(person: Person) -> bool:
    """Someone you mentor: their role says so, or you noted what they need."""
    return person.role == Role.MENTEE or bool(person.need)
