"""The roster: add, list, show, edit, pause, resume, archive, remove."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from advisors.board import roster
from advisors.board.due import next_due
from advisors.board.finding import find_person
from advisors.board.followups import whose
from advisors.board.records import Advice, Goal, Person, Role, Status, Todo, Topic
from advisors.board.values import check_area, check_areas, check_text, required_text
from advisors.cadence import cadence_words, parse_cadence
from advisors.commands import CommandSet
from advisors.commands.params import (
    ROLE,
    STATUS,
    AreaOpt,
    JsonOpt,
    PersonArg,
    RoleOpt,
    YesOpt,
    date_option,
    read_date,
    text_option,
)
from advisors.errors import UsageProblem
from advisors.names import fold
from advisors.session import current
from advisors.views import console, people, shapes

app = CommandSet()

AreasOpt = Annotated[
    list[str] | None,
    text_option(
        "--area",
        "An area of your life they help with (career, family...); repeat for more.",
        "AREA",
    ),
]
EveryOpt = Annotated[
    str | None,
    text_option(
        "--every", "How often to talk: weekly, monthly, 'every 3 weeks', 45d...", "CADENCE"
    ),
]
WhyOpt = Annotated[str | None, text_option("--why", "Why they are on your board.")]
EmailOpt = Annotated[str | None, text_option("--email", "Their e-mail address.", "EMAIL")]
PhoneOpt = Annotated[str | None, text_option("--phone", "Their phone number.", "PHONE")]
OrgOpt = Annotated[str | None, text_option("--org", "Where they work.", "ORG")]


@app.command()
def add(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="Their full name.", show_default=False)
    ],
    role: Annotated[
        Role, typer.Option("--role", click_type=ROLE, help="What they are to you.")
    ] = Role.MENTOR,
    area: AreasOpt = None,
    every: EveryOpt = None,
    status: Annotated[
        Status,
        typer.Option(
            "--status", click_type=STATUS, help="active, or prospect for someone you mean to ask."
        ),
    ] = Status.ACTIVE,
    why: WhyOpt = None,
    email: EmailOpt = None,
    phone: PhoneOpt = None,
    org: OrgOpt = None,
    note: Annotated[str | None, text_option("--note", "Anything else worth keeping.")] = None,
) -> None:
    """Add a person to your board."""
    session = current()
    areas = check_areas(area)
    person = Person(
        name=required_text("name", name),
        role=role,
        areas=areas,
        status=status,
        cadence=parse_cadence(every) if every else session.config.cadence_for(areas),
        why=check_text("why", why) or "",
        email=check_text("email", email) or "",
        phone=check_text("phone", phone) or "",
        org=check_text("org", org) or "",
        notes=check_text("note", note) or "",
    )
    with session.change() as data:
        roster.add_person(data, person)
    people.added(person)


@app.command("list")
def list_people(
    role: RoleOpt = None,
    area: AreaOpt = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status", click_type=STATUS, show_default=False, help="Only people with this status."
        ),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include archived people.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List the people on your board (archived ones only with --all)."""
    session = current()
    wanted_area = check_area(area) if area else None
    today = session.today()
    everyone = session.read().all(Person)
    found = [
        p
        for p in everyone
        if (all_ or status == Status.ARCHIVED or p.status != Status.ARCHIVED)
        and (role is None or p.role == role)
        and (status is None or p.status == status)
        and (wanted_area is None or wanted_area in p.areas)
    ]
    found.sort(key=lambda p: fold(p.name))
    rows = [shapes.person(p, today) for p in found]
    if as_json:
        console.emit_json(rows)
    else:
        archived = 0 if rows else sum(1 for p in everyone if p.status == Status.ARCHIVED)
        people.roster(rows, filtered=bool(role or area or status), archived=archived)


@app.command()
def show(person_name: PersonArg, as_json: JsonOpt = False) -> None:
    """One person: details, rhythm, goals, follow-ups, topics, talks."""
    session = current()
    data = session.read()
    person = find_person(data, person_name)
    today = session.today()
    goals = [g for g in data.all(Goal) if person.id in g.advisors]
    open_todos = [t for t in data.all(Todo) if t.done is None]
    concerns = whose(data, open_todos)
    todos = [t for t in open_todos if person.id in concerns.ids(t)]
    topics = [t for t in data.all(Topic) if t.person == person.id]
    advice = [a for a in data.all(Advice) if a.person == person.id]
    talks = data.newest_conversations(None if as_json else 5, person=person.id)
    if as_json:
        console.emit_json(
            shapes.profile(
                person, today, goals=goals, todos=todos, topics=topics, advice=advice, talks=talks
            )
        )
        return
    due = next_due(person, today)
    people.profile(
        person,
        today,
        due.isoformat() if due else None,
        goals=goals,
        todos=todos,
        topics=topics,
        talks=talks,
        advice=advice,
    )


@app.command()
def edit(
    person_name: PersonArg,
    name: Annotated[str | None, text_option("--name", "A new name.", "NEW")] = None,
    role: Annotated[
        str | None,
        typer.Option("--role", click_type=ROLE, show_default=False, help="What they are to you."),
    ] = None,
    area: Annotated[
        list[str] | None,
        text_option("--area", "Replace their areas with these; repeat for more.", "AREA"),
    ] = None,
    add_area: Annotated[list[str] | None, text_option("--add-area", "Add an area.", "AREA")] = None,
    drop_area: Annotated[
        list[str] | None, text_option("--drop-area", "Remove an area.", "AREA")
    ] = None,
    every: EveryOpt = None,
    status: Annotated[
        str | None,
        typer.Option("--status", click_type=STATUS, show_default=False, help="Their new status."),
    ] = None,
    why: WhyOpt = None,
    email: EmailOpt = None,
    phone: PhoneOpt = None,
    org: OrgOpt = None,
    note: Annotated[str | None, text_option("--note", "Replace your notes on them.")] = None,
) -> None:
    """Change someone's details; only the options you give change."""
    changes = roster.PersonChanges(
        areas=check_areas(area) if area is not None else None,
        add_areas=check_areas(add_area),
        drop_areas=check_areas(drop_area),
    )
    if name is not None:
        changes.fields["name"] = required_text("new name", name)
    if role is not None:
        changes.fields["role"] = role
    if every is not None:
        changes.fields["cadence"] = parse_cadence(every)
    if status is not None:
        changes.fields["status"] = status
    for key, value in (
        ("why", why),
        ("email", email),
        ("phone", phone),
        ("org", org),
        ("notes", note),
    ):
        if value is not None:
            changes.fields[key] = check_text(key, value)
    with current().change() as data:
        person = roster.edit_person(data, find_person(data, person_name), changes)
    people.updated(person)


def _set_status(person_name: str, status: Status, until_text: str | None = None) -> Person:
    session = current()
    today = session.today()
    until = read_date(until_text, ahead=True) if until_text is not None else None
    if until is not None and until <= today:
        raise UsageProblem(f"--until must be after today ({today}); got {until}")
    with session.change() as data:
        return roster.set_status(data, find_person(data, person_name), status, until)


@app.command()
def pause(
    person_name: PersonArg,
    until: Annotated[
        str | None,
        date_option(
            "--until",
            "They come back on this day (e.g. 2027-01-15, 'in 6 weeks'); without it, "
            "until you resume them.",
        ),
    ] = None,
) -> None:
    """Leave someone out of 'due' for a while, keeping their history."""
    person = _set_status(person_name, Status.PAUSED, until)
    when = f"until {person.paused_until}" if person.paused_until else "until you resume them"
    console.out(f"Paused {person.name} {when}.")


@app.command()
def resume(person_name: PersonArg) -> None:
    """Make a paused, archived or prospective person active again."""
    person = _set_status(person_name, Status.ACTIVE)
    console.out(f"{person.name} is active again, {cadence_words(person.cadence)}.")


@app.command()
def archive(person_name: PersonArg) -> None:
    """Retire someone from your board, keeping their history."""
    person = _set_status(person_name, Status.ARCHIVED)
    console.out(f"Archived {person.name}; 'list --all' still shows them.")


@app.command()
def remove(person_name: PersonArg, yes: YesOpt = False) -> None:
    """Delete someone, their topics and advice (shared talks stay)."""
    session = current()
    person = find_person(session.read(), person_name)
    if not yes:
        # Ask before taking the lock, so a slow answer blocks nobody.
        if not sys.stdin.isatty():
            raise UsageProblem(
                f"removing {person.name} deletes their history; add --yes to confirm"
            )
        typer.confirm(
            f"Delete {person.name} and their conversations, topics and advice?", abort=True
        )
    with session.change() as data:
        target = data.get(Person, person.id)
        if target is None:
            raise UsageProblem(f"{person.name} was removed meanwhile")
        roster.remove_person(data, target)
    console.out(f"Removed {person.name}.")
