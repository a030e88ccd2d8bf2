"""The advice loop: what you were told, what you decided, how it went, and
telling them (closing the loop is what keeps people advising you)."""

from __future__ import annotations

from datetime import date

from advisors.board.records import Advice, Decision, Person, Records
from advisors.errors import UsageProblem

DECIDE, WAITING, REPORT = "decide", "in progress", "report back"
DECLINED, REPORTED = "declined", "reported"
CLOSED = (DECLINED, REPORTED)


def advice_state(advice: Advice) -> str:
    """Where a piece of advice stands in the loop: decide, try (in progress),
    report back; or done with: declined, reported."""
    if advice.reported:
        return REPORTED
    if advice.decision is None:
        return DECIDE
    if advice.decision == Decision.DECLINED:
        return DECLINED
    return REPORT if advice.outcome else WAITING


def add_advice(board: Records, person: Person, text: str, given: date) -> Advice:
    return board.insert(Advice(person=person.id, text=text, given=given.isoformat()))


def decide(board: Records, advice: Advice, decision: Decision) -> Advice:
    """Taking it or not; changeable until you have said how it went."""
    if advice.reported or advice.outcome:
        raise UsageProblem(
            f"advice #{advice.id} is already {advice_state(advice)}; its decision stays"
        )
    advice.decision = decision
    board.save(advice)
    return advice


def record_outcome(board: Records, advice: Advice, outcome: str) -> Advice:
    """How acting on it went: for advice you are taking."""
    if advice.decision is None:
        raise UsageProblem(
            f"decide on advice #{advice.id} first: advisors advice decide {advice.id} taking"
        )
    if advice.decision == Decision.DECLINED:
        raise UsageProblem(f"you declined advice #{advice.id}: there is no outcome to record")
    if advice.reported:
        raise UsageProblem(f"advice #{advice.id} is already reported back")
    advice.outcome = outcome
    board.save(advice)
    return advice


def mark_reported(board: Records, advice: Advice, today: date) -> Advice:
    """You told them how it went (or that you declined it): the loop is closed."""
    state = advice_state(advice)
    if state == DECIDE:
        raise UsageProblem(
            f"decide on advice #{advice.id} first: advisors advice decide "
            f"{advice.id} taking|declined"
        )
    if state == WAITING:
        raise UsageProblem(
            f"record how advice #{advice.id} went first: advisors advice outcome {advice.id} TEXT"
        )
    if state == REPORTED:
        raise UsageProblem(f"advice #{advice.id} was already reported on {advice.reported}")
    advice.reported = today.isoformat()
    board.save(advice)
    return advice
