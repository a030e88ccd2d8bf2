"""Options and helpers shared by several commands."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

import typer

from advisors.dates import parse_date
from advisors.errors import UsageProblem
from advisors.models import ROLES, STATUSES
from advisors.paths import Config


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
WithinOpt = Annotated[
    int | None,
    typer.Option(
        "--within",
        metavar="DAYS",
        help="Count people due in the next DAYS days as 'due soon' (default 7, "
        "or 'within' in the config file).",
        show_default=False,
    ),
]


def text_option(flag: str, helptext: str, metavar: str = "TEXT") -> Any:
    """An option that takes a value, shown as ``metavar`` in the help."""
    return typer.Option(flag, metavar=metavar, help=helptext, show_default=False)


def id_argument(what: str, listing: str) -> Any:
    """The ID argument of follow-ups, topics and advice."""
    return typer.Argument(metavar="ID", help=f"The {what}'s id (see '{listing}').",
                          show_default=False)


def soon_window(within: int | None, config: Config) -> int:
    """The "due soon" window: --within, else the config's ``within``."""
    if within is None:
        return config.within
    if within < 0:
        raise UsageProblem("--within must be zero or more days")
    return within


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


def check_area(value: str) -> str:
    """One area, as a lower-case word."""
    areas = check_areas([value])
    if not areas:
        raise UsageProblem("the area is empty: give a word such as career")
    return areas[0]


def check_text(label: str, value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    if "\x00" in text:
        raise UsageProblem(f"the {label} contains a NUL character")
    return text


def required_text(label: str, value: str) -> str:
    """Text that must not be empty once trimmed."""
    text = check_text(label, value)
    if not text:
        raise UsageProblem(f"the {label} is empty")
    return text
