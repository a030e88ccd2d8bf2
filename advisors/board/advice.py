"""The advice loop: what you were told, what you decided, how it went, and
telling them (closing the loop is what keeps people advising you)."""

from __future__ import annotations

from datetime import date

from advisors.board.records import Advice, Decision, Person, Records

DECIDE, WAITING, REPORT, CLOSED = "decide", "in progress", "report back", "closed"


def advice_state(advice: Advice) -> str:
    """Where a piece of advice stands in the loop: decide, try, report back."""
    if advice.reported:
        return CLOSED
    if advice.decision is None:
        return DECIDE
    if advice.outcome:
        return REPORT
    if advice.decision == Decision.DECLINED:
        return CLOSED
    return WAITING


def add_advice(board: Records, person: Person, text: str, given: date) -> Advice:
    return board.insert(Advice(person=person.id, text=text, given=given.isoformat()))


def decide(board: Records, advice: Advice, decision: Decision) -> Advice:
    advice.decision = decision
    board.save(advice)
    return advice


def record_outcome(board: Records, advice: Advice, outcome: str) -> Advice:
    """How acting on it went; recording an outcome means you took it."""
    advice.outcome = outcome
    if advice.decision is None:
        advice.decision = Decision.TAKING
    board.save(advice)
    return advice


def mark_reported(board: Records, advice: Advice, today: date) -> Advice:
    advice.reported = today.isoformat()
    board.save(advice)
    return advice


def edit_advice(board: Records, advice: Advice, text: str) -> Advice:
    advice.text = text
    board.save(advice)
    return advice


def drop_advice(board: Records, advice: Advice) -> Advice:
    board.delete(advice)
    return advice
