"""The roster: add, list, show, edit, pause, resume, archive, remove."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Confirm, Result, Said
from advisors.board import roster
from advisors.board.due import standing
from advisors.board.finding import find_person
from advisors.board.followups import whose
from advisors.board.occasions import add_date
from advisors.board.records import (
    Advice,
    Agreement,
    Conversation,
    Give,
    Goal,
    KeyDate,
    Person,
    Role,
    Status,
    Todo,
    Topic,
    join_list,
    split_list,
)
from advisors.board.rota import is_set_aside, on_rota
from advisors.board.values import (
    check_area,
    check_areas,
    check_line,
    check_text,
    required_text,
)
from advisors.cadence import cadence_words, latest_after, parse_cadence
from advisors.dates import occasion_day
from advisors.errors import UsageProblem
from advisors.names import fold


@dataclass
class Added(Result):
    person: Person
    as_of: date

    def show(self) -> None:
        from advisors.views import people

        people.added(self.person)

    def as_json(self) -> Any:
        from advisors.views import shapes

        return shapes.person(self.person, self.as_of)


def addresses(given: str | list[str] | None) -> str:
    """E-mail addresses as the person's field keeps them: each once, with
    commas between (one given may hold several, with commas)."""
    items = [given] if isinstance(given, str) else given or []
    found = [a for item in items for a in split_list(check_line("email", item) or "")]
    return join_list(found)


def add_person(
    board: Board,
    name: str,
    *,
    role: Role = Role.MENTOR,
    areas: list[str] | None = None,
    every: str | None = None,
    status: Status = Status.ACTIVE,
    why: str | None = None,
    email: str | list[str] | None = None,
    phone: str | None = None,
    org: str | None = None,
    note: str | None = None,
    title: str | None = None,
    url: str | None = None,
    birthday: str | None = None,
    at_most: str | None = None,
) -> Added:
    """Add a person; without ``every``, the cadence of their first area that
    has one in the config, else the default."""
    kept = check_areas(areas)
    person = Person(
        name=required_text("name", name),
        role=Role(role),
        areas=kept,
        status=Status(status),
        cadence=parse_cadence(every) if every else board.config.cadence_for(kept),
        why=check_text("why", why) or "",
        email=addresses(email),
        phone=check_line("phone", phone) or "",
        org=check_line("org", org) or "",
        title=check_line("title", title) or "",
        url=check_line("url", url) or "",
        notes=check_text("note", note) or "",
    )
    person.at_most = latest_after(
        person.cadence, at_most if at_most is not None or every else board.config.at_most_for(kept)
    )
    born = None
    if birthday is not None:
        born = occasion_day(birthday, board.today(), yearly=True, order=board.config.date_order)
    with board.change() as data:
        roster.add_person(data, person)
        if born is not None:
            add_date(data, person.id, "birthday", born)
    return Added(person, board.today())


@dataclass
class Roster(Result):
    as_of: date
    people: list[Person]
    filtered: bool = False
    archived: int = 0  # how many are archived, when nobody else is left
    alumni: int = 0  # and how many alumni

    def rows(self) -> list[dict[str, Any]]:
        from advisors.views import shapes

        return [shapes.person(p, self.as_of) for p in self.people]

    def as_json(self) -> Any:
        return self.rows()

    def show(self) -> None:
        from advisors.views import people

        people.roster(
            self.people,
            self.as_of,
            filtered=self.filtered,
            archived=self.archived,
            alumni=self.alumni,
        )


def list_people(
    board: Board,
    *,
    role: Role | None = None,
    area: str | None = None,
    status: Status | None = None,
    include_archived: bool = False,
) -> Roster:
    """The roster by name; archived people and alumni only with
    ``include_archived`` (or when ``status`` asks for them)."""
    wanted_area = check_area(area) if area else None
    everyone = board.read().all(Person)
    found = [
        p
        for p in everyone
        if (include_archived or status == p.status or not is_set_aside(p))
        and (role is None or p.role == role)
        and (status is None or p.status == status)
        and (wanted_area is None or wanted_area in p.areas)
    ]
    found.sort(key=lambda p: fold(p.name))
    archived = 0 if found else sum(1 for p in everyone if p.status == Status.ARCHIVED)
    alumni = 0 if found else sum(1 for p in everyone if p.status == Status.ALUMNI)
    return Roster(board.today(), found, bool(role or area or status), archived, alumni)


@dataclass
class Profile(Result):
    person: Person
    as_of: date
    goals: list[Goal] = field(default_factory=list)
    todos: list[Todo] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    advice: list[Advice] = field(default_factory=list)
    dates: list[KeyDate] = field(default_factory=list)
    agreement: Agreement | None = None
    gives: list[Give] = field(default_factory=list)  # what you gave them, newest first
    talks: list[Conversation] = field(default_factory=list)  # the newest five
    # every conversation with them, newest first: read only when asked for
    all_talks: Callable[[], list[Conversation]] = list

    def as_json(self) -> Any:
        from advisors.views import shapes

        return shapes.profile(
            self.person,
            self.as_of,
            goals=self.goals,
            todos=self.todos,
            topics=self.topics,
            advice=self.advice,
            talks=self.all_talks(),
            dates=self.dates,
            terms=self.agreement,
            gives=self.gives,
        )

    def show(self) -> None:
        from advisors.views import people

        rhythm = standing(self.person, self.as_of, 0) if on_rota(self.person, self.as_of) else None
        people.profile(
            self.person,
            self.as_of,
            rhythm.next_due.isoformat() if rhythm else None,
            snoozed=rhythm is not None and rhythm.snoozed,
            goals=self.goals,
            todos=self.todos,
            topics=self.topics,
            talks=self.talks[:5],
            advice=self.advice,
            dates=self.dates,
            agreement=self.agreement,
            gives=self.gives,
        )


def show_person(board: Board, name: str) -> Profile:
    """One person and what hangs on them: the text shows the newest five
    conversations (and reads only the segments that hold them); the JSON
    lists them all."""
    data = board.read()
    person = find_person(data, name)
    open_todos = [t for t in data.all(Todo) if t.done is None]
    concerns = whose(data, open_todos)
    return Profile(
        person,
        board.today(),
        goals=[g for g in data.all(Goal) if person.id in g.advisors or g.person == person.id],
        todos=[t for t in open_todos if person.id in concerns.ids(t)],
        topics=[t for t in data.all(Topic) if t.person == person.id],
        advice=[a for a in data.all(Advice) if a.person == person.id],
        dates=sorted(
            (d for d in data.all(KeyDate) if d.person == person.id), key=lambda d: d.date[-5:]
        ),
        agreement=next((a for a in data.all(Agreement) if a.person == person.id), None),
        gives=sorted(
            (g for g in data.all(Give) if g.person == person.id),
            key=lambda g: (g.date, g.id),
            reverse=True,
        ),
        talks=data.newest_conversations(5, person=person.id),
        all_talks=lambda: data.newest_conversations(person=person.id),
    )


@dataclass
class Updated(Result):
    person: Person
    as_of: date

    def show(self) -> None:
        from advisors.views import people

        people.updated(self.person)

    def as_json(self) -> Any:
        from advisors.views import shapes

        return shapes.person(self.person, self.as_of)


def edit_person(
    board: Board,
    name: str,
    *,
    new_name: str | None = None,
    role: Role | None = None,
    areas: list[str] | None = None,
    add_areas: list[str] | None = None,
    drop_areas: list[str] | None = None,
    every: str | None = None,
    status: Status | None = None,
    why: str | None = None,
    email: str | list[str] | None = None,
    add_emails: list[str] | None = None,
    drop_emails: list[str] | None = None,
    phone: str | None = None,
    org: str | None = None,
    notes: str | None = None,
    title: str | None = None,
    url: str | None = None,
    at_most: str | None = None,
    where: str | None = None,
    need: str | None = None,
) -> Updated:
    """Change only what is given: ``email`` replaces every address (one, or
    a list), ``add_emails`` and ``drop_emails`` add and remove some. For
    someone you mentor, ``where`` they are and what they ``need``."""
    changes = roster.PersonChanges(
        areas=check_areas(areas) if areas is not None else None,
        add_areas=check_areas(add_areas),
        drop_areas=check_areas(drop_areas),
        add_emails=split_list(addresses(add_emails)),
        drop_emails=split_list(addresses(drop_emails)),
    )
    if email is not None:
        changes.fields["email"] = addresses(email)
    if new_name is not None:
        changes.fields["name"] = required_text("new name", new_name)
    if role is not None:
        changes.fields["role"] = Role(role)
    if every is not None:
        changes.fields["cadence"] = parse_cadence(every)
    if at_most is not None:
        changes.fields["at_most"] = at_most  # checked against the cadence it will have
    if status is not None:
        changes.fields["status"] = Status(status)
    for key, value in (
        ("why", why),
        ("phone", phone),
        ("org", org),
        ("title", title),
        ("url", url),
        ("notes", notes),
        ("where", where),
        ("need", need),
    ):
        if value is not None:
            one_line = key in ("phone", "org", "title", "url")
            changes.fields[key] = (check_line if one_line else check_text)(key, value)
    with board.change() as data:
        person = find_person(data, name)
        if "at_most" in changes.fields:
            every_now = changes.fields.get("cadence", person.cadence)
            changes.fields["at_most"] = latest_after(every_now, changes.fields["at_most"])
        elif "cadence" in changes.fields and person.at_most:
            latest_after(changes.fields["cadence"], person.at_most)  # still at least it
        person = roster.edit_person(data, person, changes)
    return Updated(person, board.today())


def _set_status(board: Board, name: str, status: Status, until: date | None = None) -> Person:
    today = board.today()
    if until is not None and until <= today:
        raise UsageProblem(f"--until must be after today ({today}); got {until}")
    with board.change() as data:
        return roster.set_status(data, find_person(data, name), status, until)


def pause(board: Board, name: str, *, until: date | None = None) -> Said:
    """Leave someone out of `due` until ``until`` (or until resumed)."""
    person = _set_status(board, name, Status.PAUSED, until)
    when = f"until {person.paused_until}" if person.paused_until else "until you resume them"
    return Said(f"Paused {person.name} {when}.", record=person)


def resume(board: Board, name: str) -> Said:
    person = _set_status(board, name, Status.ACTIVE)
    return Said(f"{person.name} is active again, {cadence_words(person.cadence)}.", record=person)


def archive(board: Board, name: str) -> Said:
    person = _set_status(board, name, Status.ARCHIVED)
    return Said(f"Archived {person.name}; 'list --all' still shows them.", record=person)


def remove_person(board: Board, name: str, *, confirm: Confirm | None = None) -> Said:
    """Delete someone, their topics and advice; shared conversations keep the
    others. ``confirm`` is asked first, before the lock is taken."""
    person = find_person(board.read(), name)
    if confirm is not None:
        confirm(
            f"Delete {person.name} and their conversations, topics and advice?",
            f"removing {person.name} deletes their history; add --yes to confirm",
        )
    with board.change() as data:
        target = data.get(Person, person.id)
        if target is None:
            raise UsageProblem(f"{person.name} was removed meanwhile")
        roster.remove_person(data, target)
    return Said(f"Removed {person.name}.", record=person)
