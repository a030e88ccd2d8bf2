"""What you did for someone: an introduction, help, a thank-you."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Result
from advisors.board.conversations import check_day
from advisors.board.finding import find_person
from advisors.board.giving import Exchange, exchanges
from advisors.board.records import Advice, Give, GiveKind, Person, now_stamp
from advisors.board.values import MAX_TEXT, required_text


@dataclass
class Given(Result):
    give: Give
    person: Person
    exchange: Exchange

    def as_json(self) -> Any:
        from advisors.views import shapes

        return {
            **shapes.give(self.give, {self.person.id: self.person.name}),
            "balance": shapes.exchange(self.exchange),
        }

    def show(self) -> None:
        from advisors.views import street

        street.given(self.give, self.person, self.exchange)


def give(
    board: Board,
    name: str,
    text: str,
    *,
    day: date | None = None,
    kind: GiveKind = GiveKind.OTHER,
) -> Given:
    """Log what you did for ``name`` on ``day`` (default today)."""
    today = board.today()
    when = check_day(day or today, today, "log what you gave once you have given it")
    words = required_text("give", text, most=MAX_TEXT)
    with board.change() as data:
        person = find_person(data, name)
        made = data.insert(
            Give(
                person=person.id,
                text=words,
                kind_of=GiveKind(kind),
                date=when.isoformat(),
                created=now_stamp(),
            )
        )
        mine = [g for g in data.all(Give) if g.person == person.id]
        theirs = [a for a in data.all(Advice) if a.person == person.id]
    found = exchanges([person], mine, theirs, today)
    return Given(made, person, found[0] if found else Exchange(person))
