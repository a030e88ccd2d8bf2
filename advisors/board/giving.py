"""The two-way street in numbers: what you gave each person against what
you received from them, over the last 90 days and the last year, and the
people you have only taken from. Plain functions of the records and a date.

Received is the advice they gave you; given is what you logged with
``give`` (an introduction, help, a thank-you) and the advice you gave them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from advisors.board.records import Advice, Give, Person
from advisors.board.rota import is_set_aside

RECENT_DAYS = 90
YEAR_DAYS = 365


@dataclass
class Exchange:
    """One person's give and take."""

    person: Person
    given_recent: int = 0  # in the last RECENT_DAYS days
    received_recent: int = 0
    given_year: int = 0  # in the last YEAR_DAYS days
    received_year: int = 0

    @property
    def only_taken(self) -> bool:
        """You received from them this year and gave nothing back."""
        return self.received_year > 0 and self.given_year == 0

    def sentence(self) -> str:
        n = self.received_year
        pieces = "a piece of advice" if n == 1 else f"{n} pieces of advice"
        return (
            f"You have received {pieces} from {self.person.name} and given nothing back this year."
        )


def exchanges(
    people: Iterable[Person], gives: Iterable[Give], advice: Iterable[Advice], as_of: date
) -> list[Exchange]:
    """The give and take of everyone still on the board who gave or
    received something in the last year, most taken-from first."""
    found = {p.id: Exchange(p) for p in people if not is_set_aside(p)}
    recent = (as_of - timedelta(days=RECENT_DAYS)).isoformat()
    year = (as_of - timedelta(days=YEAR_DAYS)).isoformat()
    today = as_of.isoformat()
    moves: list[tuple[int, str, bool]] = [(g.person, g.date, True) for g in gives]
    moves += [(a.person, a.given, a.mine) for a in advice]
    for person, day, given in moves:
        e = found.get(person)
        if e is None or not year < day <= today:
            continue
        if given:
            e.given_year += 1
            e.given_recent += day > recent
        else:
            e.received_year += 1
            e.received_recent += day > recent
    active = [e for e in found.values() if e.given_year or e.received_year]
    active.sort(key=lambda e: (e.given_year - e.received_year, e.person.name.casefold()))
    return active


def takers(found: Iterable[Exchange]) -> list[Exchange]:
    """The people you have only taken from this year."""
    return [e for e in found if e.only_taken]
