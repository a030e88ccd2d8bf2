"""Options and helpers shared by several commands."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

import typer

from advisors.dates import parse_date
from advisors.errors import UsageProblem
from advisors.models import ROLES, STATUSES


def complete_person(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion: names of people that start like what was typed.

    Matching ignores case and accents, but shells keep only candidates that
    begin with the typed text, so each candidate keeps the user's prefix:
    "jo" completes to "josé Chen", which finds José Chen.
    """
    try:
        from advisors.models import Person
        from advisors.names import fold
        from advisors.session import Session

        session = Session(db_option=ctx.find_root().params.get("db"))
        wanted = fold(incomplete)
        found = []
        for person in session.read().all(Person):
            for cut in range(len(person.name) + 1):
                if fold(person.name[:cut]) == wanted and (cut or not incomplete):
                    found.append(incomplete + person.name[cut:])
                    break
        return sorted(found, key=fold)
    except Exception:  # completion must never print a traceback
        return []


PersonArg = Annotated[
    str,
    typer.Argument(
        metavar="NAME",
        help="The person: their id, or their name or a unique part of it.",
        autocompletion=complete_person,
        show_default=False,
    ),
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print one JSON document instead of a table.")
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Answer as if today were DATE (e.g. 'next monday', 2027-01-15).",
        show_default=False,
    ),
]
RoleOpt = Annotated[
    str | None,
    typer.Option(
        "--role",
        help=f"Only people with this role: {', '.join(ROLES)}.",
        show_default=False,
    ),
]
AreaOpt = Annotated[
    str | None,
    typer.Option("--area", help="Only people with this area (e.g. career).",
                 show_default=False),
]


def id_argument(what: str, listing: str) -> Any:
    """The ID argument of follow-ups, topics and advice."""
    return typer.Argument(metavar="ID", help=f"The {what}'s id (see '{listing}').",
                          show_default=False)


def as_of_date(text: str | None, today: date) -> date:
    return today if text is None else parse_date(text, today)


def check_role(role: str | None) -> str | None:
    if role is None:
        return None
    word = role.strip().lower()
    if word not in ROLES:
        raise UsageProblem(f"unknown role {role!r}: choose one of {', '.join(ROLES)}")
    return word


def check_status(status: str | None) -> str | None:
    if status is None:
        return None
    word = status.strip().lower()
    if word not in STATUSES:
        raise UsageProblem(
            f"unknown status {status!r}: choose one of {', '.join(STATUSES)}"
        )
    return word


_AREA = re.compile(r"^[\w][\w&+/-]*$")


def check_areas(values: list[str] | None) -> list[str]:
    """Areas are lower-case words; "career, Leadership" gives two."""
    areas: list[str] = []
    for value in values or []:
        for part in value.split(","):
            word = "-".join(part.strip().lower().split())
            if not word:
                continue
            if not _AREA.match(word):
                raise UsageProblem(
                    f"the area {part.strip()!r} should be a word such as career, "
                    "family or wellness"
                )
            if word not in areas:
                areas.append(word)
    return areas


def check_text(label: str, value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if "\x00" in text:
        raise UsageProblem(f"the {label} contains a NUL character")
    return text
