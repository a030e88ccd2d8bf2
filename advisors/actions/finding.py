"""``search``: every note, topic, follow-up, piece of advice, goal and person
that mentions something."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Result
from advisors.board.records import Person
from advisors.board.search import PLACES, Hit, search, terms_of
from advisors.errors import UsageProblem


@dataclass
class Found(Result):
    query: str
    terms: list[str]
    hits: list[Hit]
    names: dict[int, str]

    def as_json(self) -> Any:
        from advisors.views import shapes

        return {"query": self.query, "hits": [shapes.hit(h, self.names) for h in self.hits]}

    def show(self) -> None:
        from advisors.views import finding

        finding.show(self.hits, self.terms, self.names, self.query)


def search_all(
    board: Board, query: str, *, places: list[str] | None = None, since: date | None = None
) -> Found:
    """Everything holding every word of ``query`` (case and accents ignored;
    "a quoted phrase" as written), newest first; ``places`` narrows to some
    of notes, topics, todos, advice, goals, people."""
    unknown = [p for p in places or [] if p not in PLACES]
    if unknown:
        raise UsageProblem(f"unknown --in {unknown[0]!r}: choose {', '.join(PLACES)}")
    data = board.read()
    hits = search(
        data,
        query,
        places=places or list(PLACES),
        since=since.isoformat() if since else None,
    )
    return Found(query, terms_of(query), hits, {p.id: p.name for p in data.all(Person)})
