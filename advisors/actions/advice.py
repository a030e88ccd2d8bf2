"""The advice loop: what you were told, what you decided, how it went, and
telling them (closing the loop is what keeps people advising you)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Result, Said
from advisors.board import advice as loop
from advisors.board.finding import find_by_id, find_person
from advisors.board.followups import drop, reword
from advisors.board.records import Advice, Decision, Person
from advisors.board.values import MAX_TEXT, required_text


def add_advice(
    board: Board, name: str, text: str, *, given: date | None = None, mine: bool = False
) -> Said:
    """Advice they gave you, or (``mine``) advice you gave them, with the same
    loop the other way: whether they take it, and how it went for them."""
    clean = required_text("advice", text, most=MAX_TEXT)
    with board.change() as data:
        person = find_person(data, name)
        advice = loop.add_advice(data, person, clean, given or board.today(), mine=mine)
    if mine:
        return Said(
            f"Recorded advice #{advice.id} you gave {person.name}. When you hear whether they "
            f"try it: advisors advice decide {advice.id} taking|declined",
            record=advice,
        )
    return Said(
        f"Recorded advice #{advice.id} from {person.name}. Decide with: "
        f"advisors advice decide {advice.id} taking|declined",
        record=advice,
    )


@dataclass
class AdviceList(Result):
    items: list[Advice]
    names: dict[int, str]
    open_only: bool

    def as_json(self) -> Any:
        from advisors.views import shapes

        return [shapes.advice(a, self.names) for a in self.items]

    def show(self) -> None:
        from advisors.views import followups

        followups.advice_list(self.items, self.names, open_only=self.open_only)


def list_advice(board: Board, *, open_only: bool = False) -> AdviceList:
    data = board.read()
    items = [
        a for a in data.all(Advice) if not open_only or loop.advice_state(a) not in loop.CLOSED
    ]
    items.sort(key=lambda a: (a.given, a.id), reverse=True)
    return AdviceList(items, {p.id: p.name for p in data.all(Person)}, open_only)


def edit_advice(board: Board, ident: str | int, text: str) -> Said:
    clean = required_text("advice", text, most=MAX_TEXT)
    with board.change() as data:
        advice = reword(data, find_by_id(data, Advice, str(ident), "advice"), clean)
    return Said(f"Updated advice #{advice.id}: {advice.text}", record=advice)


def drop_advice(board: Board, ident: str | int) -> Said:
    with board.change() as data:
        advice = drop(data, find_by_id(data, Advice, str(ident), "advice"))
    return Said(f"Dropped advice #{advice.id}: {advice.text}", record=advice)


def decide_advice(board: Board, ident: str | int, decision: Decision) -> Said:
    with board.change() as data:
        advice = loop.decide(
            data, find_by_id(data, Advice, str(ident), "advice"), Decision(decision)
        )
    tip = f" Record how it went with: advisors advice outcome {advice.id} TEXT"
    return Said(
        f"Advice #{advice.id}: {decision}." + (tip if decision == Decision.TAKING else ""),
        record=advice,
    )


def advice_outcome(board: Board, ident: str | int, text: str) -> Said:
    clean = required_text("outcome", text, most=MAX_TEXT)
    with board.change() as data:
        advice = loop.record_outcome(data, find_by_id(data, Advice, str(ident), "advice"), clean)
        person = data.get(Person, advice.person)
    who = person.name if person else "them"
    return Said(
        f"Noted. Tell {who} how it went, then: advisors advice reported {advice.id}",
        record=advice,
    )


def advice_reported(board: Board, ident: str | int) -> Said:
    with board.change() as data:
        advice = loop.mark_reported(
            data, find_by_id(data, Advice, str(ident), "advice"), board.today()
        )
    return Said(f"Loop closed on advice #{advice.id}. Thank you for telling them.", record=advice)
