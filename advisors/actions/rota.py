"""The main view: who is due for a conversation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Result
from advisors.board.due import DueReport, who_is_due
from advisors.board.records import Role
from advisors.board.values import check_area


@dataclass
class Due(Result):
    report: DueReport
    filtered: bool = False

    def as_json(self) -> Any:
        from advisors.views import shapes

        return shapes.due_report(self.report)

    def show(self) -> None:
        from advisors.views import due

        due.report(self.report, filtered=self.filtered)


def due(
    board: Board,
    *,
    as_of: date | None = None,
    within: int | None = None,
    role: Role | None = None,
    area: str | None = None,
) -> Due:
    """Every active person, most urgent first (days since you talked divided
    by how often you mean to talk); prospects and paused people apart."""
    day = as_of or board.today()
    report = who_is_due(
        board.people_as_of(board.read(), day),
        day,
        within=board.config.within if within is None else within,
        role=role,
        area=check_area(area) if area else None,
    )
    return Due(report, filtered=bool(role or area))
