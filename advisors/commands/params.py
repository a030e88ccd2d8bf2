"""The words a command takes: parameter types, shared options, completion.

Choices are real Click choice types (shown in ``--help``, completed by the
shell) whose mistakes read as one plain sentence; numbers are ASCII digits
within sensible bounds, so no input can reach an internal error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Annotated, Any

import click
import typer

from advisors.board.records import Role, Status, Via
from advisors.board.values import VIA_SYNONYMS
from advisors.commands import completion
from advisors.dates import parse_date


class Choice(click.Choice):
    """One of a fixed set of words, any case, with synonyms; a mistake says
    ``message`` with ``{value}`` and ``{choices}`` filled in."""

    def __init__(
        self,
        choices: Sequence[str],
        message: str,
        aliases: Mapping[str, str] | None = None,
        *,
        say_alias: bool = False,
        kind: Callable[[str], Any] = str,
    ) -> None:
        super().__init__([str(c) for c in choices], case_sensitive=False)
        self.message = message
        self.aliases = dict(aliases or {})
        self.kind = kind  # what a word becomes: the enum of the record's field
        self.say_alias = say_alias  # a synonym is taken with a note of what it means

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        word = " ".join(str(value).strip().lower().split())
        meant = self.aliases.get(word, word)
        if meant in self.choices:
            if self.say_alias and meant != word and param is not None:
                from advisors.commands import current

                current().notes.append(f"advisors: note: {param.opts[0]} {word} means {meant}")
            return self.kind(meant)
        raise click.UsageError(
            self.message.format(value=repr(str(value)[:40]), choices=", ".join(self.choices)),
            ctx,
        )


class WholeNumber(click.ParamType):
    """A whole number from ``low`` to ``high``, written in ASCII digits."""

    name = "integer"

    def __init__(self, low: int, high: int, flag: str, unit: str = "") -> None:
        self.low, self.high, self.flag, self.unit = low, high, flag, unit

    def _count(self, number: int) -> str:
        """``1 month``, ``120 months``."""
        unit = self.unit.removesuffix("s") if number == 1 else self.unit
        return f"{number:,} {unit}" if unit else f"{number:,}"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            text = str(value).strip()
            if not re.fullmatch(r"-?[0-9]{1,12}", text):
                raise click.UsageError(f"{self.flag} {text[:40]!r} is not a whole number", ctx)
            number = int(text)
        if number < self.low:
            least = "zero or more" if self.low == 0 else f"at least {self._count(self.low)}"
            raise click.UsageError(f"{self.flag} must be {least}; got {number}", ctx)
        if number > self.high:
            raise click.UsageError(
                f"{self.flag} must be at most {self._count(self.high)}; got {number}", ctx
            )
        return number


def text_option(flag: str, helptext: str, metavar: str = "TEXT", *, click_type: Any = None) -> Any:
    """An option that takes a value, shown as ``metavar`` in the help."""
    return typer.Option(
        flag, metavar=metavar, help=helptext, show_default=False, click_type=click_type
    )


def date_option(flag: str, helptext: str) -> Any:
    """An option that takes a date (read by ``read_date``)."""
    return text_option(flag, helptext, "DATE")


def person_option(flag: str, helptext: str) -> Any:
    """An option that names a person, completed by the shell."""
    return text_option(flag, helptext, "NAME", click_type=completion.PERSON)


def goal_option(helptext: str) -> Any:
    """``--goal G``: a goal's id or part of its title, completed by the shell."""
    return text_option("--goal", helptext, "G", click_type=completion.GOAL)


ROLE = Choice(tuple(Role), "unknown role {value}: choose one of {choices}", kind=Role)
VIA = Choice(
    tuple(Via),
    "unknown --via {value}: choose one of {choices} (or zoom, sms, coffee...)",
    aliases=VIA_SYNONYMS,
    say_alias=True,
    kind=Via,
)
STATUS = Choice(tuple(Status), "unknown status {value}: choose one of {choices}", kind=Status)


def person_argument(helptext: str) -> Any:
    """A NAME argument: an id or part of a name, completed by the shell."""
    return typer.Argument(
        metavar="NAME", click_type=completion.PERSON, show_default=False, help=helptext
    )


PersonArg = Annotated[
    str, person_argument("The person: their id, or their name or a unique part of it.")
]
JsonOpt = Annotated[
    bool, typer.Option("--json", help="Print one JSON document instead of a table.")
]
AsOfOpt = Annotated[
    str | None,
    date_option("--as-of", "Answer as if today were DATE (e.g. 'next monday', 2027-01-15)."),
]
RoleOpt = Annotated[
    Role | None,
    typer.Option("--role", click_type=ROLE, show_default=False, help="Only people with this role."),
]
AreaOpt = Annotated[
    str | None,
    text_option("--area", "Only people with this area (e.g. career).", "AREA"),
]
WithinOpt = Annotated[
    int | None,
    typer.Option(
        "--within",
        metavar="DAYS",
        click_type=WholeNumber(0, 3650, "--within", "days"),
        show_default=False,
        help="Count people due in the next DAYS days as 'due soon' (default 7, or "
        "'within' in the config file).",
    ),
]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Don't ask for confirmation.")]


def id_argument(what: str, listing: str, table: str, *, open_only: bool = False) -> Any:
    """The ID argument of follow-ups, topics, advice and conversations."""
    return typer.Argument(
        metavar="ID",
        help=f"The {what}'s id (see '{listing}').",
        show_default=False,
        click_type=completion.Completed(completion.ids(table, open_only=open_only)),
    )


def months_option(helptext: str) -> Any:
    """``--months N``: how far back a view looks, one month to ten years."""
    return typer.Option(
        "--months",
        metavar="N",
        click_type=WholeNumber(1, 120, "--months", "months"),
        help=helptext,
    )


def as_of_date(text: str | None, today: date) -> date:
    return today if text is None else parse_date(text, today)


def read_date(text: str, *, ahead: bool = False) -> date:
    """A date the user typed for this run: ``ahead`` for options that name a
    date to come (a bare weekday is then the next one). A date more than a
    year from today is taken, with a note on stderr in case it is a typo."""
    from advisors.commands import current

    board = current()
    today = board.today()
    day = parse_date(text, today, ahead=ahead, order=board.config.date_order)
    if abs((day - today).days) > 365:
        board.notes.append(f"advisors: note: {day} is more than a year from today")
    return day


def clears(text: str) -> bool:
    """``none``: what an option that can be cleared takes to clear it."""
    return text.strip().lower() == "none"


def future_date_or_none(text: str) -> str | None:
    """A date to come as ISO text, or None for ``none`` (or nothing)."""
    return None if clears(text) or not text.strip() else read_date(text, ahead=True).isoformat()
