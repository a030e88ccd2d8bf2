"""The roster: add, list, show, edit, pause, resume, archive, remove, where."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated, Any

import typer

from advisors import render
from advisors.cadence import cadence_span, cadence_words, parse_cadence
from advisors.commands.common import (
    AreaOpt,
    JsonOpt,
    PersonArg,
    RoleOpt,
    check_area,
    check_areas,
    check_role,
    check_status,
    check_text,
    required_text,
    text_option,
)
from advisors.dates import days_ago_words, parse_date
from advisors.due import is_paused, standing
from advisors.errors import UsageProblem
from advisors.models import Advice, Goal, Person, Todo, Topic, now_stamp
from advisors.names import fold
from advisors.session import current, find_person

app = typer.Typer()

_AreaListOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--area",
        metavar="AREA",
        help="An area of your life they help with (career, family...); repeat "
        "for more.",
        show_default=False,
    ),
]
_EveryOpt = Annotated[
    str | None,
    typer.Option(
        "--every",
        metavar="CADENCE",
        help="How often to talk: weekly, monthly, 'every 3 weeks', 45d...",
        show_default=False,
    ),
]


def person_json(person: Person, today: date, within: int) -> dict[str, Any]:
    """A person as scripts see them (``list --json``): stable keys."""
    next_due = None
    if person.status in ("active", "paused") and not is_paused(person, today):
        next_due = standing(person, today, within).next_due.isoformat()
    return {
        "id": person.id,
        "name": person.name,
        "role": person.role,
        "areas": person.areas,
        "status": person.status,
        "cadence": person.cadence,
        "last_contact": person.last_contact,
        "next_due": next_due,
        "paused_until": person.paused_until,
        "snoozed_until": person.snoozed_until,
        "why": person.why,
        "email": person.email,
        "phone": person.phone,
        "org": person.org,
        "uid": person.uid,
    }


@app.command()
def add(
    name: Annotated[str, typer.Argument(help="Their full name.", show_default=False)],
    role: Annotated[
        str, typer.Option("--role", help="mentor, sponsor, coach, peer or mentee.")
    ] = "mentor",
    area: _AreaListOpt = None,
    every: _EveryOpt = None,
    status: Annotated[
        str,
        typer.Option("--status", help="active, or prospect for someone you mean to ask."),
    ] = "active",
    why: Annotated[str | None, text_option("--why", "Why they are on your board.")] = None,
    email: Annotated[str | None, text_option("--email", "Their e-mail address.", "EMAIL")] = None,
    phone: Annotated[str | None, text_option("--phone", "Their phone number.", "PHONE")] = None,
    org: Annotated[str | None, text_option("--org", "Where they work.", "ORG")] = None,
    note: Annotated[str | None, text_option("--note", "Anything else worth keeping.")] = None,
) -> None:
    """Add a person to your board."""
    session = current()
    clean_name = required_text("name", name)
    areas = check_areas(area)
    person = Person(
        name=clean_name,
        role=check_role(role) or "mentor",
        areas=areas,
        status=check_status(status) or "active",
        cadence=parse_cadence(every) if every else session.config.cadence_for(areas),
        why=check_text("why", why) or "",
        email=check_text("email", email) or "",
        phone=check_text("phone", phone) or "",
        org=check_text("org", org) or "",
        notes=check_text("note", note) or "",
        created=now_stamp(),
        updated=now_stamp(),
    )
    with session.change() as data:
        for other in data.all(Person):
            if fold(other.name) == fold(person.name):
                raise UsageProblem(
                    f"{other.name} is already on your board (id {other.id}); "
                    "use 'advisors edit' to change them"
                )
        data.insert(person)
    render.out(
        f"Added {person.name} (id {person.id}), {person.role}, "
        f"{cadence_words(person.cadence)}."
    )
    if person.status == "active":
        render.out(f'Log your first conversation with: advisors log "{person.name}"')


@app.command("list")
def list_people(
    role: RoleOpt = None,
    area: AreaOpt = None,
    status: Annotated[
        str | None,
        typer.Option("--status", help="Only people with this status: active, "
                     "prospect, paused or archived.", show_default=False),
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Include archived people.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """List the people on your board (archived ones only with --all)."""
    session = current()
    wanted_role, wanted_status = check_role(role), check_status(status)
    wanted_area = check_area(area) if area else None
    today = session.today()
    within = session.config.within
    people = [
        p for p in session.read().all(Person)
        if (all_ or wanted_status == "archived" or p.status != "archived")
        and (wanted_role is None or p.role == wanted_role)
        and (wanted_status is None or p.status == wanted_status)
        and (wanted_area is None or wanted_area in p.areas)
    ]
    people.sort(key=lambda p: fold(p.name))
    rows = [person_json(p, today, within) for p in people]
    if as_json:
        render.emit_json(rows)
        return
    if not rows:
        render.err(_empty_roster_hint(bool(role or area or status)))
        return
    render.table(
        [
            render.Column("ID", justify="right"),
            render.Column("Name", shrink=2, min_width=16),
            render.Column("Role", drop=2),
            render.Column("Areas", shrink=3),
            render.Column("Status", drop=3),
            render.Column("Every", drop=1),
            render.Column("Last contact"),
            render.Column("Next due"),
        ],
        [
            [
                str(r["id"]), r["name"], r["role"], ", ".join(r["areas"]), r["status"],
                cadence_span(r["cadence"]), r["last_contact"] or "never",
                r["next_due"] or "-",
            ]
            for r in rows
        ],
    )


def _empty_roster_hint(filtered: bool) -> str:
    if filtered:
        return "Nobody matches those filters."
    return (
        "Your board is empty. Add your first advisor with: "
        'advisors add "Ana Lopez" --role mentor --area career --every monthly'
    )


@app.command()
def show(person_name: PersonArg, as_json: JsonOpt = False) -> None:
    """Show one person: details, why, rhythm, goals, follow-ups, topics, talks."""
    session = current()
    data = session.read()
    person = find_person(data, person_name)
    today = session.today()
    profile = person_json(person, today, session.config.within)
    goals = [g for g in data.all(Goal) if person.id in g.advisors]
    todos = [t for t in data.all(Todo) if t.person == person.id and t.done is None]
    topics = [t for t in data.all(Topic) if t.person == person.id and t.discussed_in is None]
    advice = [a for a in data.all(Advice) if a.person == person.id]
    talks = sorted(
        (c for c in data.conversations() if person.id in c.people),
        key=lambda c: (c.date, c.id),
        reverse=True,
    )
    if as_json:
        profile.update(
            notes=person.notes,
            goals=[{"id": g.id, "title": g.title, "status": g.status} for g in goals],
            todos=[{"id": t.id, "text": t.text, "owner": t.owner, "due": t.due}
                   for t in todos],
            topics=[{"id": t.id, "text": t.text} for t in topics],
            advice=[{"id": a.id, "text": a.text, "decision": a.decision,
                     "reported": a.reported} for a in advice],
            conversations=[{"id": c.id, "date": c.date, "via": c.via, "notes": c.notes}
                           for c in talks],
        )
        render.emit_json(profile)
        return
    status = person.status
    if person.status == "paused" and person.paused_until:
        status = f"paused until {person.paused_until}"
    last = "never"
    if person.last_contact:
        days = (today - date.fromisoformat(person.last_contact)).days
        last = f"{person.last_contact} ({days_ago_words(days)})"
    next_due = profile["next_due"] or "-"
    if person.snoozed_until and profile["next_due"] == person.snoozed_until:
        next_due += " (snoozed)"
    render.fields(
        [
            ("Role", person.role),
            ("Areas", ", ".join(person.areas)),
            ("Status", status),
            ("Cadence", cadence_words(person.cadence)),
            ("Last contact", last),
            ("Next due", next_due),
            ("Why", person.why),
            ("Email", person.email),
            ("Phone", person.phone),
            ("Org", person.org),
            ("Notes", person.notes),
        ],
        title=f"{person.name} (id {person.id})",
    )
    if goals:
        render.heading("Goals")
        for g in goals:
            render.out(f"  #{g.id} {g.title} [{g.status}]")
    mine = [t for t in todos if t.owner == "me"]
    theirs = [t for t in todos if t.owner == "them"]
    for label, items in (("You owe them", mine), ("You are waiting on", theirs)):
        if items:
            render.heading(label)
            for t in items:
                due = f" (due {t.due})" if t.due else ""
                render.out(f"  #{t.id} {t.text}{due}")
    if topics:
        render.heading("Topics for next time")
        for topic in topics:
            render.out(f"  #{topic.id} {topic.text}")
    if talks:
        render.heading("Recent conversations")
        for c in talks[:5]:
            note = render.clip(c.notes, render.width() - 24) if c.notes else ""
            render.out(f"  {c.date}  {c.via:<9} {note}".rstrip())


@app.command()
def edit(
    person_name: PersonArg,
    name: Annotated[str | None, text_option("--name", "A new name.", "NEW")] = None,
    role: Annotated[str | None, typer.Option(
        "--role", help="mentor, sponsor, coach, peer or mentee.", show_default=False)] = None,
    area: Annotated[list[str] | None, typer.Option(
        "--area", metavar="AREA", help="Replace their areas with these; repeat for more.",
        show_default=False)] = None,
    add_area: Annotated[list[str] | None, typer.Option(
        "--add-area", metavar="AREA", help="Add an area.", show_default=False)] = None,
    drop_area: Annotated[list[str] | None, typer.Option(
        "--drop-area", metavar="AREA", help="Remove an area.", show_default=False)] = None,
    every: _EveryOpt = None,
    status: Annotated[str | None, typer.Option(
        "--status", help="active, prospect, paused or archived.", show_default=False)] = None,
    why: Annotated[str | None, text_option("--why", "Why they are on your board.")] = None,
    email: Annotated[str | None, text_option("--email", "Their e-mail address.", "EMAIL")] = None,
    phone: Annotated[str | None, text_option("--phone", "Their phone number.", "PHONE")] = None,
    org: Annotated[str | None, text_option("--org", "Where they work.", "ORG")] = None,
    note: Annotated[str | None, text_option("--note", "Replace your notes on them.")] = None,
) -> None:
    """Change someone's details; only the options you give change."""
    session = current()
    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = required_text("new name", name)
    if role is not None:
        changes["role"] = check_role(role)
    if every is not None:
        changes["cadence"] = parse_cadence(every)
    if status is not None:
        changes["status"] = check_status(status)
    for field_name, value in (("why", why), ("email", email), ("phone", phone),
                              ("org", org), ("notes", note)):
        if value is not None:
            changes[field_name] = check_text(field_name, value)
    replaced = check_areas(area) if area is not None else None
    added, dropped = check_areas(add_area), check_areas(drop_area)
    if not changes and replaced is None and not added and not dropped:
        raise UsageProblem("nothing to change: give an option such as --every or --why")
    with session.change() as data:
        person = find_person(data, person_name)
        if "name" in changes:
            for other in data.all(Person):
                if other.id != person.id and fold(other.name) == fold(changes["name"]):
                    raise UsageProblem(f"{other.name} is already on your board (id {other.id})")
        areas = list(person.areas if replaced is None else replaced)
        unknown = [a for a in dropped if a not in areas]
        if unknown:
            raise UsageProblem(f"{person.name} has no area {unknown[0]!r}")
        areas = [a for a in areas if a not in dropped] + [a for a in added if a not in areas]
        for key, value in changes.items():
            setattr(person, key, value)
        if changes.get("status") not in (None, "paused"):
            person.paused_until = None
        person.areas = areas
        person.updated = now_stamp()
        data.save(person)
    render.out(f"Updated {person.name}: {cadence_words(person.cadence)}, "
               f"{', '.join(person.areas) or 'no areas'}, {person.status}.")


def _set_status(person_name: str, status: str, until: date | None = None) -> Person:
    session = current()
    with session.change() as data:
        person = find_person(data, person_name)
        person.status = status
        person.paused_until = until.isoformat() if until else None
        person.updated = now_stamp()
        data.save(person)
    return person


@app.command()
def pause(
    person_name: PersonArg,
    until: Annotated[str | None, typer.Option(
        "--until", metavar="DATE",
        help="They come back on this day (e.g. 2027-01-15, 'in 6 weeks'); "
        "without it, until you resume them.", show_default=False)] = None,
) -> None:
    """Leave someone out of 'due' for a while, keeping their history."""
    session = current()
    today = session.today()
    back = parse_date(until, today) if until is not None else None
    if back is not None and back <= today:
        raise UsageProblem(f"--until must be after today ({today}); got {back}")
    person = _set_status(person_name, "paused", back)
    when = f"until {back}" if back else "until you resume them"
    render.out(f"Paused {person.name} {when}.")


@app.command()
def resume(person_name: PersonArg) -> None:
    """Make a paused, archived or prospective person active again."""
    person = _set_status(person_name, "active")
    render.out(f"{person.name} is active again, {cadence_words(person.cadence)}.")


@app.command()
def archive(person_name: PersonArg) -> None:
    """Retire someone from your board, keeping their history."""
    person = _set_status(person_name, "archived")
    render.out(f"Archived {person.name}; 'list --all' still shows them.")


@app.command()
def remove(
    person_name: PersonArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Don't ask for confirmation.")] = False,
) -> None:
    """Delete someone and their topics and advice (conversations with others stay)."""
    session = current()
    person = find_person(session.read(), person_name)
    if not yes:
        # Ask before taking the lock, so a slow answer blocks nobody.
        if not sys.stdin.isatty():
            raise UsageProblem(
                f"removing {person.name} deletes their history; add --yes to confirm"
            )
        typer.confirm(
            f"Delete {person.name} and their conversations, topics and advice?",
            abort=True,
        )
    with session.change() as data:
        target = data.get(Person, person.id)
        if target is None:
            raise UsageProblem(f"{person.name} was removed meanwhile")
        forget_person(data, target)
    render.out(f"Removed {person.name}.")


def forget_person(data: Any, person: Person) -> None:
    """Delete a person; nothing in the file may point at them afterwards."""
    gone: set[int] = set()
    for conversation in data.conversations():
        if person.id in conversation.people:
            conversation.people = [p for p in conversation.people if p != person.id]
            if conversation.people:
                data.save(conversation)
            else:
                data.delete(conversation)
                gone.add(conversation.id)
    for record in [*data.all(Todo), *data.all(Advice)]:
        if record.conversation in gone:
            record.conversation = None
            data.save(record)
    for topic in data.all(Topic):
        if topic.discussed_in in gone and topic.person != person.id:
            topic.discussed_in = None
            data.save(topic)
    for record in [*data.all(Topic), *data.all(Advice)]:
        if record.person == person.id:
            data.delete(record)
    for todo in data.all(Todo):
        if todo.person == person.id:
            todo.person = None
            data.save(todo)
    for goal in data.all(Goal):
        if person.id in goal.advisors:
            goal.advisors = [a for a in goal.advisors if a != person.id]
            data.save(goal)
    data.delete(person)


@app.command()
def where() -> None:
    """Show the data file, config file and backup folder in use."""
    session = current()
    datafile = session.datafile
    # Paths are printed whole, never wrapped, so scripts can cut them out.
    for label, path in (
        ("Data file:       ", datafile.path),
        ("Conversation log:", datafile.log_folder),
        ("Config file:     ", session.config.path),
        ("Backups:         ", datafile.backup_folder),
    ):
        render.out(f"{label} {path}")
