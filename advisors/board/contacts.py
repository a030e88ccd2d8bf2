"""People who come from a spreadsheet or an address book: who is new, who
is already here, and what an import changes about them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from advisors.board.merge import Namesake, Report
from advisors.board.records import (
    KeyDate,
    Person,
    Records,
    addresses_in,
    join_list,
    now_stamp,
    split_list,
)
from advisors.names import fold


@dataclass
class Contact:
    """One row or card: where it is in the file, the fields it gives, and the
    dates that matter to them ((label, day): a birthday, an anniversary)."""

    where: str  # "line 4", "card 2"
    fields: dict[str, object] = field(default_factory=dict)
    dates: list[tuple[str, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return str(self.fields.get("name", ""))

    @property
    def addresses(self) -> list[str]:
        return [a.casefold() for a in split_list(str(self.fields.get("email", "")))]


class Roster:
    """This board's people, found by uid, e-mail or name, kept current as an
    import adds to it (so a name twice in one file is one person). It keeps
    their ids, not the people: an import of 100,000 rows holds each person
    once, in the board."""

    def __init__(self, board: Records, *, by_name: bool = False) -> None:
        self.board = board
        # by uid only once a contact gives one (a spreadsheet seldom does):
        # at 40,000 people the uids and their index were 2.5 MiB
        self._by_uid: dict[str, int] | None = None
        self.by_name: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.merge_by_name = by_name
        for ident, doc in board.documents(Person):  # no need to build 20,000 people
            self._note(ident, str(doc.get("name", "")), str(doc.get("email", "")))

    @property
    def by_uid(self) -> dict[str, int]:
        if self._by_uid is None:
            self._by_uid = {doc["uid"]: ident for ident, doc in self.board.documents(Person)}
        return self._by_uid

    def know(self, person: Person) -> None:
        if self._by_uid is not None:
            self._by_uid[person.uid] = person.id
        self._note(person.id, person.name, person.email)

    def _note(self, ident: int, name: str, email: str) -> None:
        self.by_name.setdefault(fold(name), ident)
        for address in addresses_in(email):
            self.by_email.setdefault(address, ident)

    def person(self, ident: int | None) -> Person | None:
        return None if ident is None else self.board.get(Person, ident)

    def find(self, contact: Contact) -> tuple[Person | None, str, dict[str, Any] | None]:
        """The person a contact is, and how we know; or None, "namesake" and
        the stored document of the one of the same name with other
        addresses (a possible duplicate, two people unless the import
        merges by name: a namesake in every row is not built as a person)."""
        uid = contact.fields.get("uid")
        if isinstance(uid, str) and uid in self.by_uid:
            return self.person(self.by_uid[uid]), "same uid", None
        addresses = contact.addresses
        for address in addresses:
            if address in self.by_email:
                return self.person(self.by_email[address]), "same e-mail", None
        ident = self.by_name.get(fold(contact.name))
        if ident is None:
            return None, "", None
        if not self.merge_by_name and addresses:
            namesake = self.board.document(Person, ident)
            if namesake is not None and addresses_in(str(namesake.get("email", ""))):
                return None, "namesake", namesake
        return self.person(ident), "same name", None


# What a person already here takes from a contact whatever the import:
# more ways to reach them (added beside theirs); and what fills an empty field.
_ADDED = ("email", "phone")
_FILLED = ("org", "title", "url")


def bring_in(
    board: Records,
    contacts: Iterable[Contact],
    *,
    update: bool,
    status: str | None = None,
    cadence_for: Callable[[list[str]], str] | None = None,
    by_name: bool = False,
) -> Report:
    """Add each contact who is not on the board yet, with ``status`` unless
    the contact gives one and, without a cadence, the one ``cadence_for``
    gives their areas (as ``add`` does). One who is already here (same uid,
    e-mail, or name when either has no e-mail or ``by_name``) gains the
    addresses and phones they lack, an empty org, title or page, and their
    dates; with ``update`` (a spreadsheet is the user's own edit) every field
    the contact gives, else nothing more (an address book must not overwrite
    a board's notes). The same name with other addresses is someone else,
    added and named as a possible duplicate."""
    report = Report()
    roster = Roster(board, by_name=by_name)
    board.freeze(Person)  # thousands of rows may come: each person as the file will hold them
    known_dates = {(d.person, d.label, d.date) for d in board.all(KeyDate)}
    for contact in contacts:
        person, how, namesake = roster.find(contact)
        if person is None:
            person = _added(board, contact, status, cadence_for)
            roster.know(person)
            report.note("add", "person", person.name)
            if namesake is not None:
                report.namesakes.append(
                    Namesake(
                        person.name,
                        person.email,
                        namesake["id"],
                        str(namesake.get("name", "")),
                        str(namesake.get("email", "")),
                    )
                )
        else:
            changed = _changes(person, contact, update=update)
            if changed:
                for key, value in changed.items():
                    setattr(person, key, value)
                board.save(person)
                if "name" in changed or "email" in changed:
                    roster.know(person)
                report.note(
                    "update", "person", person.name, "changed: " + ", ".join(sorted(changed))
                )
            elif update:
                report.tally("person", "already here as the file has them")
            else:
                report.note(
                    "skip", "person", contact.name, f"already here as {person.name} ({how})"
                )
        for label, day in contact.dates:
            if (person.id, label, day) not in known_dates:
                board.insert(KeyDate(person=person.id, label=label, date=day, created=now_stamp()))
                known_dates.add((person.id, label, day))
                report.note("add", "date", f"{person.name}'s {label} ({day})")
    return report


def _added(
    board: Records,
    contact: Contact,
    status: str | None,
    cadence_for: Callable[[list[str]], str] | None,
) -> Person:
    fields = {**({"status": status} if status else {}), **contact.fields}
    if cadence_for and "cadence" not in fields:
        areas = fields.get("areas")
        fields["cadence"] = cadence_for(areas if isinstance(areas, list) else [])
    person = Person(**fields)  # type: ignore[arg-type]
    person.created = now_stamp()
    return board.insert(person)


def _changes(person: Person, contact: Contact, *, update: bool) -> dict[str, object]:
    """The fields of ``person`` that ``contact`` changes."""
    changed: dict[str, object] = {}
    for key, value in contact.fields.items():
        if key == "uid":
            continue
        mine = getattr(person, key)
        if key in _ADDED:
            if value == mine:  # the same addresses: nothing to add
                continue
            had = split_list(mine)
            both = join_list([*had, *split_list(str(value))])
            if both != join_list(had):
                changed[key] = both
        elif (update or (key in _FILLED and not mine)) and mine != value:
            changed[key] = value
    return changed
