"""The rhythm of each relationship: how consistently you keep in touch.

Definitions (``stats --help`` and the README say the same):

- The window is the last N months up to the as-of day. Someone who joined
  the board during it is measured from their first conversation or the day
  they were added, whichever is earlier.
- Their rhythm is the latest they let go by (``--at-most``), else their
  cadence. A period starts at the start of their window and at each
  conversation, and runs the rhythm: it is kept when the next conversation
  comes by its last day; one that ends with none is broken, and the next
  period starts where it ended. The one still running counts once kept.
  Consistency is the share of periods kept.
- A gap is the number of days between two conversations in a row within the
  window; the average and the longest are of those. A gap is longer than the
  rhythm exactly when a period in it was broken: with a name, those gaps are
  listed, and so is a silence since the last conversation that has already
  run past the rhythm. So "kept 100%" and a gap longer than the rhythm never
  go together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from advisors.board.records import Conversation, Person, Records
from advisors.board.rota import on_rota
from advisors.cadence import add_cadence


@dataclass
class Gap:
    start: date
    end: date  # the next conversation, or the as-of day for a silence
    days: int
    still_open: bool = False


@dataclass
class Rhythm:
    person: Person
    begin: date  # where this person's window starts
    months: list[int]  # conversations in each month of the window, oldest first
    periods: int
    kept: int  # periods with at least one conversation
    gaps: list[Gap] = field(default_factory=list)
    long_gaps: list[Gap] = field(default_factory=list)

    @property
    def consistency(self) -> float | None:
        return self.kept / self.periods if self.periods else None

    @property
    def conversations(self) -> int:
        return sum(self.months)

    @property
    def average_gap(self) -> float | None:
        return sum(g.days for g in self.gaps) / len(self.gaps) if self.gaps else None

    @property
    def longest_gap(self) -> int | None:
        return max((g.days for g in self.gaps), default=None)


@cache  # the same for everyone on a board (20,000 people asked it 20,000 times)
def window_start(as_of: date, months: int) -> date:
    from dateutil.relativedelta import relativedelta

    return as_of - relativedelta(months=months)


def month_starts(as_of: date, months: int) -> list[date]:
    """The first day of each of the last ``months`` calendar months, oldest first."""
    oldest = _month_number(as_of) - (months - 1)
    starts = []
    for number in range(oldest, oldest + months):
        year, month = divmod(number, 12)
        starts.append(date(year, month + 1, 1))
    return starts


def _month_number(day: date) -> int:
    """The months from year 0 to ``day``'s: months apart by subtraction."""
    return day.year * 12 + day.month - 1


def rhythm(person: Person, days: Iterable[date], as_of: date, months: int = 12) -> Rhythm:
    """``person``'s rhythm from the days of their conversations."""
    start = window_start(as_of, months)
    dates = sorted({d for d in days if d <= as_of})
    joined = _joined(person, dates, as_of)
    begin = max(start, joined)
    inside = [d for d in dates if d >= begin]
    oldest = _month_number(as_of) - (months - 1)
    counts = [0] * months
    for day in inside:
        index = _month_number(day) - oldest
        if 0 <= index < months:
            counts[index] += 1
    pace = person.at_most or person.cadence
    periods = kept = 0
    at, upcoming = begin, iter(inside)
    talk = next(upcoming, None)
    while True:
        while talk is not None and talk <= at:
            talk = next(upcoming, None)
        last_day = add_cadence(at, pace)
        if talk is not None and talk <= last_day:
            periods, kept, at = periods + 1, kept + 1, talk
        elif last_day < as_of:  # ended with no conversation: broken
            periods, at = periods + 1, last_day
        else:  # still running
            break
    gaps = [Gap(a, b, (b - a).days) for a, b in zip(inside, inside[1:], strict=False)]
    long_gaps = [g for g in gaps if g.end > add_cadence(g.start, pace)]
    if inside and as_of > add_cadence(inside[-1], pace):
        long_gaps.append(Gap(inside[-1], as_of, (as_of - inside[-1]).days, still_open=True))
    return Rhythm(person, begin, counts, periods, kept, gaps, long_gaps)


def _joined(person: Person, dates: list[date], as_of: date) -> date:
    added = as_of
    if person.created[:10]:
        try:
            added = date.fromisoformat(person.created[:10])
        except ValueError:
            added = as_of
    return min([added, *dates[:1]])


def rhythms(
    people: Iterable[Person], talks: Iterable[Conversation], as_of: date, months: int = 12
) -> list[Rhythm]:
    """Everyone's rhythm, least consistent first."""
    days: dict[int, list[date]] = {}
    for talk in talks:
        day = date.fromisoformat(talk.date)
        for p in talk.people:
            days.setdefault(p, []).append(day)
    found = [rhythm(p, days.get(p.id, []), as_of, months) for p in people]
    found.sort(
        key=lambda r: (
            r.consistency if r.consistency is not None else -1.0,
            r.person.name.casefold(),
        )
    )
    return found


def rhythm_of(board: Records, person: Person, as_of: date, months: int = 12) -> Rhythm:
    """One person's rhythm, from their conversations in the log."""
    talks = board.newest_conversations(person=person.id, until=as_of.isoformat())
    return rhythm(person, [date.fromisoformat(t.date) for t in talks], as_of, months)


def rhythms_of(board: Records, as_of: date, months: int = 12) -> list[Rhythm]:
    """Everyone on the rota, least consistent first, reading only the window
    (and, for someone added during it, their conversation before it)."""
    since = window_start(as_of, months).isoformat()
    people = [p for p in board.all(Person) if on_rota(p, as_of)]
    talks = board.newest_conversations(since=since, until=as_of.isoformat())
    for person in people:  # one who never talked has nothing before it (20,000 imported)
        if person.created[:10] > since and person.last_contact:
            talks += board.newest_conversations(1, person=person.id, until=since)
    return rhythms(people, talks, as_of, months)
