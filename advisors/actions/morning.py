"""``today``: the one screen for the morning."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Result
from advisors.board.morning import Morning, morning
from advisors.board.records import Advice, Agreement, KeyDate, Todo

# How far back the meetings a calendar import logged are looked for (an
# import logs meetings of the past; these are the ones to check first).
RECENT_DAYS = 31


@dataclass
class Today(Result):
    morning: Morning
    names: dict[int, str]
    always: bool = False
    exit_when_needed: bool = False

    @property
    def exit_code(self) -> int:  # type: ignore[override]
        return 1 if self.exit_when_needed and self.morning.needs_attention else 0

    def as_json(self) -> Any:
        from advisors.views import shapes

        return shapes.morning(self.morning, self.names)

    def show(self) -> None:
        from advisors.views import morning

        morning.show(self.morning, self.names, always=self.always)


def today(
    board: Board, *, as_of: date | None = None, always: bool = False, exit_code: bool = False
) -> Today:
    """Who is due today, your follow-ups due, dates this week, advice to
    report back, meetings an import logged since yesterday: nothing at all
    when nothing needs you."""
    data = board.read()
    day = as_of or board.today()
    people = board.people_as_of(data, day)
    found = morning(
        people,
        data.all(Todo),
        data.all(Advice),
        data.all(KeyDate),
        data.newest_conversations(since=(day - timedelta(days=RECENT_DAYS)).isoformat()),
        day,
        data.all(Agreement),
    )
    return Today(found, {p.id: p.name for p in people}, always, exit_code)
