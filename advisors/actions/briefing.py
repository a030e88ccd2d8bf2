"""The brief before a conversation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Result
from advisors.board.brief import Brief, brief
from advisors.board.finding import find_person
from advisors.board.followups import whose
from advisors.board.records import Advice, Agreement, Give, Goal, KeyDate, Todo, Topic


@dataclass
class Prep(Result):
    brief: Brief
    markdown: bool = False

    def as_json(self) -> Any:
        from advisors.views import shapes

        return shapes.brief(self.brief)

    def show(self) -> None:
        from advisors.views import brief

        brief.show(self.brief, self.markdown)


def prep(board: Board, name: str, *, markdown: bool = False) -> Prep:
    """Why they are on your board, when you talked, what is open both ways."""
    data = board.read()
    person = find_person(data, name)
    last = data.newest_conversations(1, person=person.id)
    todos = [t for t in data.all(Todo) if t.done is None]
    found = brief(
        person,
        board.today(),
        last=last[0] if last else None,
        todos=todos,
        concerns=whose(data, todos),
        goals=data.all(Goal),
        advice=data.all(Advice),
        topics=data.all(Topic),
        within=board.config.within,
        dates=data.all(KeyDate),
        agreements=data.all(Agreement),
        gives=data.all(Give),
    )
    return Prep(found, markdown)
