"""The whole board at a glance, and the rhythm of each relationship."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Result
from advisors.board import coverage
from advisors.board.finding import find_person
from advisors.board.rhythm import Rhythm, rhythm_of, rhythms_of


@dataclass
class Overview(Result):
    board: coverage.Board
    empty: bool

    def as_json(self) -> Any:
        from advisors.views import shapes

        return shapes.board(self.board)

    def show(self) -> None:
        from advisors.views import board, people

        if self.empty:
            people.empty_board()
        else:
            board.board(self.board)


def board_overview(board: Board, *, as_of: date | None = None) -> Overview:
    """The areas of your life against your advisors: coverage, gaps, balance."""
    data = board.read()
    day = as_of or board.today()
    people = board.people_as_of(data, day)
    result = coverage.board_of(
        data,
        people,
        day,
        configured=board.config.areas,
        within=board.config.within,
    )
    return Overview(result, empty=not people)


@dataclass
class Stats(Result):
    rhythms: list[Rhythm]
    as_of: date
    months: int
    one: bool = False  # one person's, with their long gaps

    def as_json(self) -> Any:
        from advisors.views import shapes

        document = [shapes.rhythm(r, self.as_of, self.months) for r in self.rhythms]
        if self.one:
            return document[0]
        return {"as_of": self.as_of.isoformat(), "months": self.months, "people": document}

    def show(self) -> None:
        from advisors.views import board, people

        if not self.rhythms:
            people.empty_board()
        elif self.one:
            board.one_rhythm(self.rhythms[0], self.as_of, self.months)
        else:
            board.rhythms(self.rhythms, self.as_of, self.months)


def stats(
    board: Board, *, name: str | None = None, months: int = 12, as_of: date | None = None
) -> Stats:
    """How consistently you keep in touch, least consistent first."""
    day = as_of or board.today()
    data = board.read()
    if name is not None:
        found = [rhythm_of(data, find_person(data, name), day, months)]
    else:
        found = rhythms_of(data, day, months)
    return Stats(found, day, months, one=name is not None)
