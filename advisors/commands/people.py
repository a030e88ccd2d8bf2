"""The roster: add, list, show, edit, pause, resume, archive, remove."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.actions import people as actions
from advisors.board.records import Role, Status
from advisors.commands import CommandSet, confirm, current, present
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

app = CommandSet()
AreasOpt = Annotated[
    list[str] | None,
    text_option(
        "--area",
        "An area of your life they help with (career, family...); repeat for more.",
        "AREA",
    ),
]
AtMostOpt = Annotated[
    str | None,
    text_option(
        "--at-most",
        "The longest you let go by (6w): between --every and this they are due, after it overdue.",
        "CADENCE",
    ),
]
EveryOpt = Annotated[
    str | None,
    text_option(
        "--every", "How often to talk: weekly, monthly, 'every 3 weeks', 45d...", "CADENCE"
    ),
]
WhyOpt = Annotated[
    str | None,
    text_option("--why", "Why they are on your board (for a mentee: why they need it)."),
]
WhereOpt = Annotated[str | None, text_option("--where", "Where they are now (someone you mentor).")]
NeedOpt = Annotated[
    str | None,
    typer.Option(
        "--need",
        "--they-want",
        metavar="TEXT",
        show_default=False,
        help="What they need from you (someone you mentor).",
    ),
]
EmailOpt = Annotated[
    list[str] | None,
    text_option("--email", "Their e-mail address; repeat for more.", "EMAIL"),
]
TitleOpt = Annotated[str | None, text_option("--title", "Their job title.", "TITLE")]
UrlOpt = Annotated[
    str | None, text_option("--url", "A web page of theirs, such as LinkedIn.", "URL")
]
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
    at_most: AtMostOpt = None,
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
    title: TitleOpt = None,
    url: UrlOpt = None,
    note: Annotated[str | None, text_option("--note", "Anything else worth keeping.")] = None,
    birthday: Annotated[
        str | None,
        text_option("--birthday", "Their birthday: '14 Mar', or 1985-03-14 with the year.", "DATE"),
    ] = None,
) -> None:
    """Add a person to your board."""
    present(
        actions.add_person(
            current(),
            name,
            role=role,
            areas=area,
            every=every,
            at_most=at_most,
            status=status,
            why=why,
            email=email,
            phone=phone,
            org=org,
            title=title,
            url=url,
            note=note,
            birthday=birthday,
        )
    )


@app.command("list")
def list_people(
    role: RoleOpt = None,
    area: AreaOpt = None,
    status: Annotated[
        Status | None,
        typer.Option(
            "--status", click_type=STATUS, show_default=False, help="Only people with this status."
        ),
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Include archived people and alumni.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """List the people on your board (archived ones only with --all)."""
    result = actions.list_people(
        current(), role=role, area=area, status=status, include_archived=all_
    )
    present(result, as_json)


@app.command()
def show(person_name: PersonArg, as_json: JsonOpt = False) -> None:
    """One person: details, rhythm, goals, follow-ups, topics, talks."""
    present(actions.show_person(current(), person_name), as_json)


@app.command()
def edit(
    person_name: PersonArg,
    name: Annotated[str | None, text_option("--name", "A new name.", "NEW")] = None,
    role: Annotated[
        Role | None,
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
    at_most: Annotated[
        str | None,
        text_option(
            "--at-most",
            "The longest you let go by (6w); 'none' takes it away.",
            "CADENCE",
        ),
    ] = None,
    status: Annotated[
        Status | None,
        typer.Option("--status", click_type=STATUS, show_default=False, help="Their new status."),
    ] = None,
    why: WhyOpt = None,
    email: Annotated[
        list[str] | None,
        text_option(
            "--email", "Replace their e-mail addresses with these; repeat for more.", "EMAIL"
        ),
    ] = None,
    add_email: Annotated[
        list[str] | None, text_option("--add-email", "Add an e-mail address.", "EMAIL")
    ] = None,
    drop_email: Annotated[
        list[str] | None, text_option("--drop-email", "Remove an e-mail address.", "EMAIL")
    ] = None,
    phone: PhoneOpt = None,
    org: OrgOpt = None,
    title: TitleOpt = None,
    url: UrlOpt = None,
    note: Annotated[str | None, text_option("--note", "Replace your notes on them.")] = None,
    where: WhereOpt = None,
    need: NeedOpt = None,
) -> None:
    """Change someone's details; only the options you give change."""
    result = actions.edit_person(
        current(),
        person_name,
        new_name=name,
        role=role,
        areas=area,
        add_areas=add_area,
        drop_areas=drop_area,
        every=every,
        at_most=at_most,
        status=status,
        why=why,
        email=email,
        add_emails=add_email,
        drop_emails=drop_email,
        phone=phone,
        org=org,
        title=title,
        url=url,
        notes=note,
        where=where,
        need=need,
    )
    present(result)


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
    day = read_date(until, ahead=True) if until is not None else None
    present(actions.pause(current(), person_name, until=day))


@app.command()
def resume(person_name: PersonArg) -> None:
    """Make a paused, archived, alumni or prospective person active again."""
    present(actions.resume(current(), person_name))


@app.command()
def archive(person_name: PersonArg) -> None:
    """Retire someone from your board, keeping their history."""
    present(actions.archive(current(), person_name))


@app.command()
def remove(person_name: PersonArg, yes: YesOpt = False) -> None:
    """Delete someone, their topics and advice (shared talks stay)."""
    present(actions.remove_person(current(), person_name, confirm=confirm(yes)))
