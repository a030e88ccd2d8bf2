"""Find the one record a user's words name: a person, a goal, or an item by
the ``#id`` its list shows."""

from __future__ import annotations

from typing import TypeVar

from advisors.board.records import Goal, Person, Record, Records
from advisors.errors import UsageProblem
from advisors.names import find_one

R = TypeVar("R", bound=Record)


def find_person(board: Records, query: str) -> Person:
    """The one person ``query`` names (an id or part of a name)."""
    return find_one(query, [(p.id, p.name, p) for p in board.all(Person)], kind="person")


def find_goal(board: Records, query: str) -> Goal:
    """The one goal ``query`` names (an id or a unique part of its title)."""
    return find_one(query, [(g.id, g.title, g) for g in board.all(Goal)], kind="goal")


def parse_id(text: str, kind: str) -> int:
    """``3`` or ``#3`` as a number; anything else is a mistake."""
    cleaned = text.strip().lstrip("#")
    if not (cleaned.isascii() and cleaned.isdigit()) or len(cleaned) > 12:
        raise UsageProblem(f"{kind} ids are numbers, like 3; got {text[:40]!r}")
    return int(cleaned)


def find_by_id(board: Records, model: type[R], text: str, kind: str) -> R:
    """A follow-up, topic, piece of advice or conversation by its id."""
    ident = parse_id(text, kind)
    record = board.get(model, ident)
    if record is None:
        raise UsageProblem(f"there is no {kind} #{ident}")
    return record
