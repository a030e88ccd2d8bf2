"""The agreement of a relationship: make it, change it, review it together."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Result
from advisors.board import agreements as rules
from advisors.board.finding import find_person
from advisors.board.records import Agreement, Person
from advisors.board.values import check_text
from advisors.errors import UsageProblem

# Writes the terms when none are given (the command line's editor): gets the
# person and their agreement, if any; returns the terms as ``agree`` takes them.
TermsWriter = Callable[[Person, Agreement | None], dict[str, Any]]


@dataclass
class Agreed(Result):
    person: Person
    agreement: Agreement | None
    today: date
    what: str  # "made", "changed", "reviewed" or "shown"

    def as_json(self) -> Any:
        from advisors.views import shapes

        names = {self.person.id: self.person.name}
        return {
            "done": self.what,
            "agreement": shapes.agreement(self.agreement, names) if self.agreement else None,
        }

    def show(self) -> None:
        from advisors.views import street

        street.agreed(self.person, self.agreement, self.today, self.what)


def agree(
    board: Board,
    name: str,
    *,
    ask: str | None = None,
    offer: str | None = None,
    format: str | None = None,
    confidential: bool | None = None,
    review: date | None = None,
    agreed: date | None = None,
    reviewed: bool = False,
    note: str | None = None,
    write: TermsWriter | None = None,
) -> Agreed:
    """Make or change the agreement with ``name`` (only the terms given
    change; a new one, agreed today or on ``agreed``, is reviewed six months
    on unless ``review`` says);
    ``reviewed``: you looked at it together today, with a ``note``. With no
    terms, ``write`` (the editor) writes them, else the agreement is shown."""
    today = board.today()
    terms = rules.Terms(
        {
            key: value
            for key, value in (
                ("ask", check_text("ask", ask)),
                ("offer", check_text("offer", offer)),
                ("format", check_text("format", format)),
                ("confidential", confidential),
            )
            if value is not None
        },
        review,
        agreed,
    )
    if review is not None and review <= today and not reviewed:
        board.notes.append(
            f"advisors: note: the review day {review} has come: the agreement is due for review now"
        )
    if note is not None and not reviewed:
        raise UsageProblem("--note goes with --reviewed: what you said when you reviewed it")
    if reviewed:
        if terms.fields or agreed is not None:
            raise UsageProblem("--reviewed records a review: change the terms in a second step")
        with board.change() as data:
            person = find_person(data, name)
            found = rules.reviewed(data, person, today, check_text("note", note), review)
        return Agreed(person, found, today, "reviewed")
    if not terms.fields and review is None and agreed is None:
        data = board.read()
        person = find_person(data, name)
        current = rules.agreement_of(data, person)
        if write is None:
            if current is None:
                raise UsageProblem(
                    f"you have no agreement with {person.name} yet: say what you agree with "
                    "--ask, --offer, --format, --review, --confidential or --open"
                )
            return Agreed(person, current, today, "shown")
        given = write(person, current)
        terms = rules.Terms(
            {
                k: check_text(k, v) if isinstance(v, str) else v
                for k, v in given.items()
                if k in rules.TERMS
            },
            given.get("review"),
        )
    with board.change() as data:
        person = find_person(data, name)
        found, new = rules.agree(data, person, terms, today)
    return Agreed(person, found, today, "made" if new else "changed")
