"""Follow-ups, advice and the brief before a conversation: plain functions.

No I/O: each takes records and a date and returns what the commands print.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from advisors.due import Standing, standing
from advisors.models import Advice, Conversation, Goal, Person, Todo, Topic

DECIDE, WAITING, REPORT, CLOSED = "decide", "in progress", "report back", "closed"


def advice_state(advice: Advice) -> str:
    """Where a piece of advice stands in the loop: decide, try, report back."""
    if advice.reported:
        return CLOSED
    if advice.decision is None:
        return DECIDE
    if advice.outcome:
        return REPORT
    if advice.decision == "declined":
        return CLOSED
    return WAITING


def todo_order(todos: Iterable[Todo]) -> list[Todo]:
    """Open ones first, soonest due first (undated after dated), then done."""
    return sorted(
        todos,
        key=lambda t: (t.done is not None, t.due is None, t.due or "", t.id),
    )


def is_overdue(todo: Todo, today: date) -> bool:
    return todo.done is None and todo.due is not None and todo.due < today.isoformat()


@dataclass
class Brief:
    """Everything worth knowing five minutes before talking to someone."""

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


def brief(
    person: Person,
    today: date,
    *,
    conversations: Iterable[Conversation],
    todos: Iterable[Todo],
    goals: Iterable[Goal],
    advice: Iterable[Advice],
    topics: Iterable[Topic],
    within: int = 7,
) -> Brief:
    talks = [c for c in conversations if person.id in c.people]
    last = max(talks, key=lambda c: (c.date, c.id), default=None)
    open_todos = todo_order(t for t in todos if t.person == person.id and t.done is None)
    theirs_advice = [a for a in advice if a.person == person.id]
    active = person.status in ("active", "paused")
    return Brief(
        person=person,
        today=today,
        standing=standing(person, today, within) if active else None,
        last=last,
        mine=[t for t in open_todos if t.owner == "me"],
        theirs=[t for t in open_todos if t.owner == "them"],
        goals=[g for g in goals if person.id in g.advisors and g.status == "open"],
        to_decide=[a for a in theirs_advice if advice_state(a) == DECIDE],
        to_report=[a for a in theirs_advice if advice_state(a) in (REPORT, WAITING)],
        topics=[t for t in topics if t.person == person.id and t.discussed_in is None],
    )
