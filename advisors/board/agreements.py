"""The agreement of a relationship: what you ask of them, what you offer
back, how you meet, whether it stays between you, and when you look at it
together again. One per person; making it again changes it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from advisors.board.records import Agreement, Person, Records, now_stamp
from advisors.board.rota import is_set_aside
from advisors.cadence import add_cadence
from advisors.dates import span_words
from advisors.errors import UsageProblem

REVIEW_AFTER = "6m"  # when you look at an agreement again, unless you say
TERMS = ("ask", "offer", "format", "confidential")


@dataclass
class Terms:
    """What ``agree`` sets: only the fields given."""

    fields: dict[str, Any] = field(default_factory=dict)
    review: date | None = None
    agreed: date | None = None  # the day you agreed it, if not today


def agreement_of(board: Records, person: Person) -> Agreement | None:
    return next((a for a in board.all(Agreement) if a.person == person.id), None)


def agree(board: Records, person: Person, terms: Terms, today: date) -> tuple[Agreement, bool]:
    """Make or change ``person``'s agreement; say whether it is new. A new
    one is looked at again in six months unless ``terms.review`` says when
    (a day that has come, for terms agreed long ago, makes it due now)."""
    if terms.agreed is not None and terms.agreed > today:
        raise UsageProblem(f"--date {terms.agreed} is to come: say the day you agreed it")
    found = agreement_of(board, person)
    review = terms.review.isoformat() if terms.review else None
    if found is None:
        agreed = terms.agreed or today
        made = Agreement(
            person=person.id,
            agreed=agreed.isoformat(),
            review=review or add_cadence(agreed, REVIEW_AFTER).isoformat(),
            created=now_stamp(),
            **terms.fields,
        )
        return board.insert(made), True
    wanted = dict(terms.fields)
    if review:
        wanted["review"] = review
    if terms.agreed is not None:
        wanted["agreed"] = terms.agreed.isoformat()
    if all(getattr(found, k) == v for k, v in wanted.items()):
        raise UsageProblem(f"nothing to change: your agreement with {person.name} already says so")
    for key, value in wanted.items():
        setattr(found, key, value)
    board.save(found)
    return found, False


def reviewed(
    board: Records, person: Person, today: date, note: str | None, review: date | None
) -> Agreement:
    """You looked at the agreement together today: note it, and set the next
    review (``review``, else six months on)."""
    found = agreement_of(board, person)
    if found is None:
        raise UsageProblem(
            f"you have no agreement with {person.name} yet: make one with "
            f"'advisors agree {person.id} --ask TEXT'"
        )
    if review is not None and review <= today:
        raise UsageProblem(f"--review must be after today ({today}); got {review}")
    found.reviewed = today.isoformat()
    found.note = note if note is not None else found.note
    found.review = (review or add_cadence(today, REVIEW_AFTER)).isoformat()
    board.save(found)
    return found


@dataclass
class ReviewDue:
    agreement: Agreement
    person: Person

    def sentence(self, today: date) -> str:
        since = date.fromisoformat(self.agreement.since)
        return (
            f"Review your agreement with {self.person.name}: "
            f"{span_words(since, today)} since {self.agreement.since}"
        )


def reviews_due(
    agreements: Iterable[Agreement], people: Iterable[Person], today: date
) -> list[ReviewDue]:
    """The agreements whose review date has come, of people still on the
    board, the longest waiting first."""
    by_id = {p.id: p for p in people if not is_set_aside(p)}
    found = [
        ReviewDue(a, by_id[a.person])
        for a in agreements
        if a.person in by_id and a.review and a.review <= today.isoformat()
    ]
    found.sort(key=lambda r: (r.agreement.review or "", r.person.name.casefold()))
    return found
