"""The weekly digest for cron."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Result
from advisors.board.digest import Digest, build_digest
from advisors.board.followups import Whose, whose
from advisors.board.records import Advice, Agreement, Goal, KeyDate, Review, Todo


@dataclass
class Reminder(Result):
    digest: Digest
    names: dict[int, str]
    concerns: Whose
    form: str = "text"  # text, markdown (json is render's)
    always: bool = False  # say "all caught up" rather than nothing
    exit_when_needed: bool = False  # exit 1 when something needs attention

    @property
    def exit_code(self) -> int:  # type: ignore[override]
        return 1 if self.exit_when_needed and self.digest.needs_attention else 0

    def as_json(self) -> Any:
        from advisors.views import shapes

        return shapes.digest(self.digest, self.names, self.concerns)

    def show(self) -> None:
        from advisors.views import digest

        digest.show(self.digest, self.names, self.concerns, self.form, always=self.always)


def remind(
    board: Board,
    *,
    as_of: date | None = None,
    within: int | None = None,
    form: str = "text",
    always: bool = False,
    exit_code: bool = False,
) -> Reminder:
    """What needs attention: silent (no words at all) when nothing does."""
    data = board.read()
    people = board.people_as_of(data, as_of or board.today())
    digest = build_digest(
        people,
        data.all(Todo),
        data.all(Advice),
        data.all(Goal),
        as_of or board.today(),
        within=board.config.within if within is None else within,
        dates=data.all(KeyDate),
        dates_within=board.config.dates_within,
        agreements=data.all(Agreement),
        reviews=data.all(Review),
        review_every=board.config.review_every,
    )
    concerns = whose(data, [*digest.my_todos, *digest.waiting])
    return Reminder(
        digest, {p.id: p.name for p in people}, concerns, form, always, exit_when_needed=exit_code
    )
