"""The dates that matter to the people on your board: birthdays,
anniversaries, a new job, a baby due. A yearly date comes round every year
(29 February on 28 February in the other years); a date once is gone when
it has passed. ``coming`` is what ``remind``, ``today`` and ``date list
--within`` show."""

from __future__ import annotations

from calendar import isleap
from dataclasses import dataclass
from datetime import date

from advisors.board.records import KeyDate, Records, now_stamp
from advisors.errors import UsageProblem

# How far ahead remind looks for dates, unless the config's dates_within says.
DATES_WITHIN = 14


def month_day(day: str) -> tuple[int, int]:
    """The month and day of a stored date (YYYY-MM-DD or --MM-DD)."""
    return int(day[-5:-3]), int(day[-2:])


def on_year(day: str, year: int) -> date:
    """The date's day in ``year``; 29 February is 28 February when the year
    has none."""
    month, dom = month_day(day)
    if (month, dom) == (2, 29) and not isleap(year):
        dom = 28
    return date(year, month, dom)


def next_on(d: KeyDate, today: date) -> date | None:
    """The next day ``d`` falls on, today included; None for a date once
    that has passed."""
    if not d.yearly:
        if d.date.startswith("--"):
            return None
        day = date.fromisoformat(d.date)
        return day if day >= today else None
    this_year = on_year(d.date, today.year)
    return this_year if this_year >= today else on_year(d.date, today.year + 1)


@dataclass(frozen=True)
class Upcoming:
    kept: KeyDate
    day: date  # the next day it falls on
    days: int  # from today: 0 is today

    @property
    def age(self) -> int | None:
        """How many years it marks on that day (a birthday's age), when the
        date has a year."""
        if not self.kept.yearly or self.kept.date.startswith("--"):
            return None
        years = self.day.year - int(self.kept.date[:4])
        return years if years > 0 else None


def coming(dates: list[KeyDate], today: date, within: int) -> list[Upcoming]:
    """The dates falling from today to ``within`` days ahead, soonest first."""
    found = []
    for d in dates:
        day = next_on(d, today)
        if day is not None and (day - today).days <= within:
            found.append(Upcoming(d, day, (day - today).days))
    found.sort(key=lambda u: (u.day, u.kept.label, u.kept.id))
    return found


def add_date(
    board: Records, person: int, label: str, day: str, *, yearly: bool = True, note: str = ""
) -> KeyDate:
    """Keep a date for someone; the same label and day twice is refused."""
    for d in board.all(KeyDate):
        if d.person == person and d.label.casefold() == label.casefold() and d.date == day:
            raise UsageProblem(f"they already have {d.label} on {day} (date #{d.id})")
    return board.insert(
        KeyDate(person=person, label=label, date=day, yearly=yearly, note=note, created=now_stamp())
    )
