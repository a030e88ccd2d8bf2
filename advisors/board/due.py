"""Who is due for a conversation: plain functions of people and a date.

No I/O here. Stored dates are ISO strings, turned into dates with
``date.fromisoformat`` (fast); cadences are applied with relativedelta.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from advisors.board.records import Person, Status
from advisors.board.rota import is_paused, on_rota, parse_day
from advisors.cadence import add_cadence, cadence_days

# overdue: past the latest day (the cadence, or --at-most when set); due:
# past the ideal day but not the latest; soon: due within the window.
OVERDUE, NEVER, DUE, SOON, OK = "overdue", "never", "due", "soon", "ok"


@dataclass
class Standing:
    """Where one active person stands on a given day."""

    person: Person
    last_contact: date | None
    next_due: date
    days_since: int | None
    days_overdue: int
    state: str
    urgency: float
    snoozed: bool = False  # a snooze set the next due date (not a conversation)
    latest: date | None = None  # the day past which it is overdue, with --at-most


@dataclass
class DueReport:
    as_of: date
    within: int
    people: list[Standing] = field(default_factory=list)
    prospects: list[Person] = field(default_factory=list)
    paused: list[Person] = field(default_factory=list)

    def count(self, *states: str) -> int:
        return sum(1 for s in self.people if s.state in states)


def _pause_end(person: Person) -> date | None:
    return parse_day(person.paused_until) if person.status == Status.PAUSED else None


def standing(person: Person, as_of: date, within: int) -> Standing:
    """Last contact, next due date, state and urgency of one person."""
    last = parse_day(person.last_contact)
    next_due = as_of if last is None else add_cadence(last, person.cadence)
    # a snooze, or a pause that has ended, moves the next due date later
    # without pretending a conversation happened
    snooze = parse_day(person.snoozed_until)
    later = [d for d in (snooze, _pause_end(person)) if d is not None]
    moved = bool(later) and max(later) > next_due
    if moved:
        next_due = max(later)
    snoozed = moved and next_due == snooze
    days_since = None if last is None else (as_of - last).days
    overdue = max((as_of - next_due).days, 0)
    latest = None
    if person.at_most and last is not None:
        latest = max(add_cadence(last, person.at_most), next_due)
    if last is None and next_due <= as_of:
        state = NEVER
    elif latest is not None and next_due < as_of <= latest:
        state = DUE
    elif next_due < as_of:
        state = OVERDUE
    elif (next_due - as_of).days <= within:
        state = SOON
    else:
        state = OK
    # the ranking goes by the latest day when there is one
    length = cadence_days(person.at_most or person.cadence)
    if moved:
        urgency = 1 + (as_of - next_due).days / length
    elif days_since is None:
        urgency = math.inf
    else:
        urgency = days_since / length
    return Standing(person, last, next_due, days_since, overdue, state, urgency, snoozed, latest)


def who_is_due(
    people: Iterable[Person],
    as_of: date,
    *,
    within: int = 7,
    role: str | None = None,
    area: str | None = None,
) -> DueReport:
    """Every active person by urgency; prospects and paused people apart."""
    report = DueReport(as_of=as_of, within=within)
    for person in people:
        if role and person.role != role:
            continue
        if area and area not in person.areas:
            continue
        if person.status == Status.PROSPECT:
            report.prospects.append(person)
        elif on_rota(person, as_of):
            report.people.append(standing(person, as_of, within))
        elif is_paused(person, as_of):
            report.paused.append(person)
    report.people.sort(key=lambda s: (-s.urgency, s.next_due, s.person.name.casefold()))
    report.prospects.sort(key=lambda p: p.name.casefold())
    report.paused.sort(key=lambda p: (p.paused_until or "9999", p.name.casefold()))
    return report


def next_due(person: Person, as_of: date) -> date | None:
    """The day someone on the rota is next due; None for anyone else."""
    return standing(person, as_of, 0).next_due if on_rota(person, as_of) else None


def summary(report: DueReport) -> str:
    """One warm line: "3 to reconnect with, 1 due this week, 8 on track"."""
    if not report.people:
        return "Nobody active on your board yet."
    reconnect = report.count(OVERDUE, NEVER)
    due = report.count(DUE)
    soon = report.count(SOON)
    ok = report.count(OK)
    window = "this week" if report.within == 7 else f"within {report.within} days"
    parts = []
    if reconnect:
        parts.append(f"{reconnect} to reconnect with")
    if due:
        parts.append(f"{due} due (before their latest)")
    if soon:
        parts.append(f"{soon} due {window}")
    if ok:
        parts.append(f"{ok} on track")
    if not reconnect and not due and not soon:
        return "All caught up: " + ", ".join(parts) + "."
    return ", ".join(parts) + "."
