"""The people on your board: adding, changing, pausing, snoozing and
removing them, with the rules each change keeps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from advisors.board.records import (
    MODELS,
    REFERENCES,
    REQUIRED,
    Conversation,
    Person,
    Record,
    Records,
    Status,
    join_list,
    now_stamp,
    split_list,
)
from advisors.errors import UsageProblem
from advisors.names import fold


def _check_unique(board: Records, name: str, *, besides: int | None = None) -> None:
    for other in board.all(Person):
        if other.id != besides and fold(other.name) == fold(name):
            raise UsageProblem(
                f"{other.name} is already on your board (id {other.id}); "
                "use 'advisors edit' to change them"
            )


def add_person(board: Records, person: Person) -> Person:
    """Add someone; an exact duplicate name (ignoring case and accents) is refused."""
    _check_unique(board, person.name)
    person.created = person.updated = now_stamp()
    return board.insert(person)


@dataclass
class PersonChanges:
    """What ``edit`` changes: only the fields that are set."""

    fields: dict[str, Any] = field(default_factory=dict)
    areas: list[str] | None = None  # replaces them all
    add_areas: list[str] = field(default_factory=list)
    drop_areas: list[str] = field(default_factory=list)
    add_emails: list[str] = field(default_factory=list)
    drop_emails: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (
            self.fields
            or self.areas is not None
            or self.add_areas
            or self.drop_areas
            or self.add_emails
            or self.drop_emails
        )


def edit_person(board: Records, person: Person, changes: PersonChanges) -> Person:
    if changes.is_empty():
        raise UsageProblem("nothing to change: give an option such as --every or --why")
    if "name" in changes.fields:
        _check_unique(board, changes.fields["name"], besides=person.id)
    areas = list(person.areas if changes.areas is None else changes.areas)
    unknown = [a for a in changes.drop_areas if a not in areas]
    if unknown:
        raise UsageProblem(f"{person.name} has no area {unknown[0]!r}")
    areas = [a for a in areas if a not in changes.drop_areas]
    areas += [a for a in changes.add_areas if a not in areas]
    emails = split_list(changes.fields.get("email", person.email))
    gone = {e.casefold() for e in changes.drop_emails}
    missing = gone - {e.casefold() for e in emails}
    if missing:
        raise UsageProblem(f"{person.name} has no e-mail address {sorted(missing)[0]!r}")
    if gone or changes.add_emails:
        emails = [e for e in emails if e.casefold() not in gone] + changes.add_emails
        changes.fields["email"] = join_list(emails)
    paused_until = person.paused_until
    if changes.fields.get("status") not in (None, Status.PAUSED):
        paused_until = None
    if (
        areas == person.areas
        and paused_until == person.paused_until
        and all(getattr(person, key) == value for key, value in changes.fields.items())
    ):
        # one rule for a change that changes nothing: refused, no undo step,
        # no new time stamp (which would win a merge against a real edit)
        raise UsageProblem(f"nothing to change: {person.name} already has those details")
    for key, value in changes.fields.items():
        setattr(person, key, value)
    if changes.fields.get("status") not in (None, Status.PAUSED):
        person.paused_until = None
    person.areas = areas
    person.updated = now_stamp()
    board.save(person)
    return person


def _status_words(person: Person) -> str:
    if person.status == Status.PAUSED:
        return f"paused until {person.paused_until}" if person.paused_until else "paused"
    return str(person.status)


def set_status(board: Records, person: Person, status: Status, until: date | None = None) -> Person:
    """Pause (until a day, or until resumed), resume or archive someone."""
    if person.status == status and person.paused_until == (until.isoformat() if until else None):
        raise UsageProblem(f"nothing to change: {person.name} is already {_status_words(person)}")
    person.status = status
    person.paused_until = until.isoformat() if until else None
    person.updated = now_stamp()
    board.save(person)
    return person


def snooze(board: Records, person: Person, until: date, today: date) -> Person:
    """Move someone's next due date to ``until`` without a conversation."""
    if until <= today:
        raise UsageProblem(f"--until must be after today ({today}); got {until}")
    person.snoozed_until = until.isoformat()
    person.updated = now_stamp()
    board.save(person)
    return person


def remove_person(board: Records, person: Person) -> None:
    """Delete someone and what can't live without them (their topics,
    advice, dates, agreement, gives); conversations with others keep the
    others, and nothing left points at them or at a conversation that went."""
    gone: set[int] = set()
    for conversation in board.newest_conversations(person=person.id):
        conversation.people = [p for p in conversation.people if p != person.id]
        if conversation.people:
            board.save(conversation)
        else:
            board.delete(conversation)
            gone.add(conversation.id)
    lost = {Person: {person.id}, Conversation: gone}
    for model in MODELS:
        links = {
            name: lost[target]
            for name, target in REFERENCES.get(model, {}).items()
            if target in lost and model is not Conversation
        }
        for record in board.all(model) if links else ():
            _unlink(board, record, links)
    board.delete(person)


def _unlink(board: Records, record: Record, links: dict[str, set[int]]) -> None:
    """Delete ``record`` when a reference it can't live without points at
    what goes, else drop every such reference from it."""
    changed = False
    for name, lost in links.items():
        value = getattr(record, name)
        if isinstance(value, list):
            kept = [v for v in value if v not in lost]
            changed |= kept != value
            setattr(record, name, kept)
        elif value in lost:
            if (type(record), name) in REQUIRED:
                board.delete(record)
                return
            setattr(record, name, None)
            changed = True
    if changed:
        board.save(record)


def clear_snooze(board: Records, person: Person) -> Person:
    if person.snoozed_until is None:
        raise UsageProblem(f"{person.name} is not snoozed")
    person.snoozed_until = None
    person.updated = now_stamp()
    board.save(person)
    return person
