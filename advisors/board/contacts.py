"""People who come from a spreadsheet or an address book: who is new, who
is already here, and what an import changes about them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from advisors.board.merge import Report
from advisors.board.records import Person, Records, now_stamp
from advisors.names import fold


@dataclass
class Contact:
    """One row or card: where it is in the file, and the fields it gives."""

    where: str  # "line 4", "card 2"
    fields: dict[str, object] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.fields.get("name", ""))


class Roster:
    """This board's people, found by uid, name or e-mail, kept current as an
    import adds to it (so a name twice in one file is one person)."""

    def __init__(self, people: list[Person]) -> None:
        self.by_uid: dict[str, Person] = {}
        self.by_name: dict[str, Person] = {}
        self.by_email: dict[str, Person] = {}
        for person in people:
            self.know(person)

    def know(self, person: Person) -> None:
        self.by_uid[person.uid] = person
        self.by_name[fold(person.name)] = person
        for address in person.addresses:
            self.by_email[address] = person

    def find(self, contact: Contact) -> tuple[Person | None, str]:
        """The person a contact is, and how we know."""
        uid = contact.fields.get("uid")
        if isinstance(uid, str) and uid in self.by_uid:
            return self.by_uid[uid], "same uid"
        if fold(contact.name) in self.by_name:
            return self.by_name[fold(contact.name)], "same name"
        for email in str(contact.fields.get("email", "")).split(","):
            address = email.strip().casefold()
            if address in self.by_email:
                return self.by_email[address], "same e-mail"
        return None, ""


def bring_in(
    board: Records,
    contacts: list[Contact],
    *,
    update: bool,
    status: str | None = None,
    cadence_for: Callable[[list[str]], str] | None = None,
) -> Report:
    """Add each contact who is not on the board yet, with ``status`` unless
    the contact gives one and, without a cadence, the one ``cadence_for``
    gives their areas (as ``add`` does). One who is already here
    (same uid, name or e-mail) gets the fields the contact gives when
    ``update`` (a spreadsheet is the user's own edit), and is only reported
    otherwise (an address book must not overwrite a board's notes)."""
    report = Report()
    roster = Roster(board.all(Person))
    for contact in contacts:
        person, how = roster.find(contact)
        if person is None:
            fields = {**({"status": status} if status else {}), **contact.fields}
            if cadence_for and "cadence" not in fields:
                areas = fields.get("areas")
                fields["cadence"] = cadence_for(areas if isinstance(areas, list) else [])
            person = Person(**fields)  # type: ignore[arg-type]
            person.created = now_stamp()
            board.insert(person)
            roster.know(person)
            report.note("add", "person", person.name)
            continue
        if not update:
            report.note("skip", "person", contact.name, f"already here as {person.name} ({how})")
            continue
        changed = {
            k: v for k, v in contact.fields.items() if k != "uid" and getattr(person, k) != v
        }
        if not changed:
            report.tally("person", "already here as the file has them")
            continue
        for key, value in changed.items():
            setattr(person, key, value)
        board.save(person)
        roster.know(person)
        report.note("update", "person", person.name, "changed: " + ", ".join(sorted(changed)))
    return report
