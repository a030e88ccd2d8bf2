"""Ending a relationship well, or changing its shape (Kram's last phases:
separation and redefinition): nothing is deleted, the history stays."""

from __future__ import annotations

from datetime import date

from advisors.board.records import Give, GiveKind, Person, Records, Status, now_stamp
from advisors.errors import UsageProblem


def close(
    board: Records, person: Person, today: date, *, reason: str = "", thanks: str = ""
) -> Give:
    """``person`` becomes alumni (kept, out of ``due``); the reason and the
    thank-you are logged as something you gave them."""
    if person.status == Status.ALUMNI:
        raise UsageProblem(
            f"{person.name} is already alumni; 'advisors resume {person.id}' brings them back"
        )
    make_alumni(board, person)
    if thanks and reason:
        text = f"{thanks} (closing: {reason})"
    else:
        text = thanks or (
            f"Closed the relationship: {reason}" if reason else "Closed the relationship"
        )
    return board.insert(
        Give(
            person=person.id,
            text=text,
            kind_of=GiveKind.THANKS if thanks else GiveKind.OTHER,
            date=today.isoformat(),
            created=now_stamp(),
        )
    )


def make_alumni(board: Records, person: Person) -> None:
    """The relationship ends: kept with its history, out of ``due``, with no
    pause or snooze left to come back on."""
    person.status = Status.ALUMNI
    person.paused_until = person.snoozed_until = None
    person.updated = now_stamp()
    board.save(person)


def last_message(person: Person, thanks: str) -> str:
    """A last message to send them, to change as you like."""
    first = person.name.split()[0] if person.name.split() else person.name
    said = thanks.strip()
    if said and said[-1] not in ".!?":
        said += "."
    if said[1:2].islower():  # "Thank you for..." follows "Ana, "
        said = said[0].lower() + said[1:]
    grateful = said or "thank you for all the time and thought you gave me. It made a difference."
    return (
        f"{first}, {grateful} I'd love to stay in touch, "
        "and if I can ever return the favour, just ask."
    )
