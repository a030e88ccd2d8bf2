"""Ending a relationship well, or changing its shape; the history stays."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Result, Said
from advisors.board import endings, roster
from advisors.board.finding import find_person
from advisors.board.records import Give, Person, Role
from advisors.board.values import check_text
from advisors.cadence import cadence_days, cadence_words, parse_cadence
from advisors.errors import UsageProblem


@dataclass
class Closed(Result):
    person: Person
    give: Give
    message: str  # a last message to send them
    today: date

    def as_json(self) -> Any:
        from advisors.views import shapes

        return {
            "person": shapes.person(self.person, self.today),
            "give": shapes.give(self.give, {self.person.id: self.person.name}),
            "last_message": self.message,
        }

    def show(self) -> None:
        from advisors.views import street

        street.closed(self.person, self.message)


def close(
    board: Board, name: str, *, reason: str | None = None, thanks: str | None = None
) -> Closed:
    """End the relationship with ``name`` without deleting it: they become
    alumni (kept, out of ``due``), and the reason and your thank-you are
    logged as something you gave them."""
    said = check_text("thanks", thanks) or ""
    why = check_text("reason", reason) or ""
    with board.change() as data:
        person = find_person(data, name)
        made = endings.close(data, person, board.today(), reason=why, thanks=said)
    return Closed(person, made, endings.last_message(person, said), board.today())


def redefine(
    board: Board, name: str, *, role: Role | None = None, every: str | None = None
) -> Said:
    """Change the shape of a relationship (a mentor who became a peer, met
    less often), keeping its history."""
    if role is None and every is None:
        raise UsageProblem("say what changes: --role, --every or both")
    changes = roster.PersonChanges()
    if role is not None:
        changes.fields["role"] = Role(role)
    if every is not None:
        changes.fields["cadence"] = parse_cadence(every)
    with board.change() as data:
        person = find_person(data, name)
        was = f"{_a(person.role)}, {cadence_words(person.cadence)}"
        dropped = ""
        cadence = changes.fields.get("cadence", person.cadence)
        if person.at_most and cadence_days(person.at_most) < cadence_days(cadence):
            changes.fields["at_most"] = ""  # shorter than the new rhythm: it goes
            dropped = f" Their latest interval ({person.at_most}) was shorter, so it went."
        person = roster.edit_person(data, person, changes)
        talks = len(data.newest_conversations(person=person.id))
    kept = f" Your history stays: {talks} conversation{'s' if talks != 1 else ''}." if talks else ""
    return Said(
        f"{person.name} is now {_a(person.role)}, {cadence_words(person.cadence)} "
        f"(was {was}).{kept}{dropped}",
        record=person,
    )


def _a(role: str) -> str:
    return f"an {role}" if role[:1] in "aeiou" else f"a {role}"
