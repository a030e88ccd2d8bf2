"""The board review: walk the board, choose for each person, see the whole."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Result
from advisors.board.agreements import reviews_due
from advisors.board.giving import exchanges
from advisors.board.records import Advice, Agreement, Give
from advisors.board.stocktake import (
    Choice,
    Recorded,
    Seat,
    Stocktake,
    Verdict,
    record_review,
    seats,
    stocktake,
)
from advisors.errors import UsageProblem

# Asks about one person on the walk: their choice and a note, or None to
# leave them out (asked before the lock is taken).
Ask = Callable[[Seat], tuple[Choice, str] | None]


@dataclass
class BoardReview(Result):
    take: Stocktake
    recorded: Recorded | None = None  # what was kept, when the review was done

    def as_json(self) -> Any:
        from advisors.views import shapes

        return shapes.stocktake(self.take, self.recorded)

    def show(self) -> None:
        from advisors.views import street

        street.review(self.take, self.recorded)


def review_board(
    board: Board, *, as_of: date | None = None, ask: Ask | None = None, done: bool = False
) -> BoardReview:
    """The summary of the board on ``as_of``: areas, mix, ties, give and
    take, agreements. With ``ask`` (the terminal's walk), each active person
    is asked keep / deepen / rotate out / skip, and the choices are kept as
    one change (rotated people become alumni); ``done`` keeps a review with
    no choices."""
    day = as_of or board.today()
    if (ask is not None or done) and day > board.today():
        raise UsageProblem(
            f"--as-of {day} is after today: a review is kept on a day that has come "
            "(without --done, piped, it only shows the summary)"
        )
    data = board.read()
    people = board.people_as_of(data, day)
    balance = exchanges(people, data.all(Give), data.all(Advice), day)
    take = stocktake(
        data,
        people,
        day,
        exchanges=balance,
        agreements=reviews_due(data.all(Agreement), people, day),
        every=board.config.review_every,
        configured=board.config.areas,
    )
    if ask is None and not done:
        return BoardReview(take)
    verdicts = []
    if ask is not None:
        for seat in seats(take, balance):
            answer = ask(seat)
            if answer is not None:
                verdicts.append(Verdict(seat.person, *answer))
    with board.change() as changing:
        recorded = record_review(changing, verdicts, day)
    return BoardReview(take, recorded)
