"""The brief before a conversation: everything worth knowing five minutes
before you talk to someone."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from advisors.board.advice import DECIDE, REPORT, WAITING, advice_state
from advisors.board.due import Standing, standing
from advisors.board.followups import Whose, todo_order
from advisors.board.occasions import coming
from advisors.board.records import (
    Advice,
    Conversation,
    Goal,
    GoalStatus,
    KeyDate,
    Owner,
    Person,
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
) -> Brief:
    """``todos`` are kept when they concern the person (see ``Whose``)."""

    def theirs(todo: Todo) -> bool:
        return person.id in concerns.ids(todo) if concerns else todo.person == person.id

    open_todos = todo_order(t for t in todos if theirs(t) and t.done is None)
    theirs_advice = [a for a in advice if a.person == person.id]
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
    )
