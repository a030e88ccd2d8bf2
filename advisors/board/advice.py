"""The advice loop: what you were told, what you decided, how it went, and
telling them (closing the loop is what keeps people advising you)."""

from __future__ import annotations

from datetime import date

from advisors.board.records import Advice, Decision, Person, Records
from advisors.errors import UsageProblem

DECIDE, WAITING, REPORT = "decide", "in progress", "report back"
DECLINED, REPORTED = "declined", "reported"
# advice you gave: whether they will try it is theirs to say, and the loop
# closes when you hear how it went
THEIRS, HEARD = "ask if they will try it", "heard back"
CLOSED = (DECLINED, REPORTED, HEARD)


def advice_state(advice: Advice) -> str:
    """Where a piece of advice stands in the loop: decide, try (in progress),
    report back; or done with: declined, reported. For advice you gave: ask
    if they will try it, in progress, heard back, declined."""
    if advice.mine:
        if advice.decision is None:
            return THEIRS
        if advice.decision == Decision.DECLINED:
            return DECLINED
        return HEARD if advice.outcome else WAITING
    if advice.reported:
        return REPORTED
    if advice.decision is None:
        return DECIDE
    if advice.decision == Decision.DECLINED:
        return DECLINED
    return REPORT if advice.outcome else WAITING


def add_advice(
    board: Records, person: Person, text: str, given: date, *, mine: bool = False
) -> Advice:
    """Advice they gave you, or (``mine``) advice you gave them."""
    return board.insert(Advice(person=person.id, text=text, given=given.isoformat(), mine=mine))


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
    """How acting on it went: for advice you (or, for advice you gave, they)
    are taking."""
    who = "they" if advice.mine else "you"
    if advice.decision is None:
        first = (
            f"say whether they take advice #{advice.id}"
            if advice.mine
            else (f"decide on advice #{advice.id}")
        )
        raise UsageProblem(f"{first} first: advisors advice decide {advice.id} taking")
    if advice.decision == Decision.DECLINED:
        raise UsageProblem(f"{who} declined advice #{advice.id}: there is no outcome to record")
    if advice.reported:
        raise UsageProblem(f"advice #{advice.id} is already reported back")
    advice.outcome = outcome
    board.save(advice)
    return advice


def mark_reported(board: Records, advice: Advice, today: date) -> Advice:
    """You told them how it went (or that you declined it): the loop is closed."""
    if advice.mine:
        raise UsageProblem(
            f"advice #{advice.id} is advice you gave: note how it went for them with "
            f"'advisors advice outcome {advice.id} TEXT'"
        )
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
