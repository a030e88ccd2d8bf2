"""The two-way street: the agreement of a relationship, what you give, and
ending or changing a relationship well."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from advisors import editor
from advisors.actions import agreements, endings, giving
from advisors.board.records import Agreement, GiveKind, Person, Role
from advisors.commands import CommandSet, current, present
from advisors.commands.params import (
    ROLE,
    Choice,
    JsonOpt,
    PersonArg,
    date_option,
    read_date,
    text_option,
)
from advisors.errors import UsageProblem

app = CommandSet()

KIND = Choice(tuple(GiveKind), "unknown --kind {value}: choose one of {choices}", kind=GiveKind)
_YES, _NO = ("yes", "y", "true", "confidential"), ("no", "n", "false", "open")


@app.command()
def agree(
    name: PersonArg,
    ask: Annotated[str | None, text_option("--ask", "What you ask of them.")] = None,
    offer: Annotated[str | None, text_option("--offer", "What you offer back.")] = None,
    format: Annotated[
        str | None, text_option("--format", "How you meet (a call every month...).")
    ] = None,
    review: Annotated[
        str | None,
        date_option("--review", "When you will look at it together again (default: 6 months)."),
    ] = None,
    agreed: Annotated[
        str | None,
        date_option("--date", "When you agreed it, if not today (for one made long ago)."),
    ] = None,
    confidential: Annotated[
        bool | None,
        typer.Option(
            "--confidential/--open",
            show_default=False,
            help="Whether what you say stays between you.",
        ),
    ] = None,
    reviewed: Annotated[
        bool, typer.Option("--reviewed", help="You looked at it together today; sets the next.")
    ] = False,
    note: Annotated[
        str | None, text_option("--note", "With --reviewed: what the review said.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Agree the terms of a relationship: your ask, your offer, how you meet."""
    nothing = all(v is None for v in (ask, offer, format, review, confidential, agreed))
    result = agreements.agree(
        current(),
        name,
        ask=ask,
        offer=offer,
        format=format,
        confidential=confidential,
        review=read_date(review, ahead=True) if review else None,
        agreed=read_date(agreed) if agreed else None,
        reviewed=reviewed,
        note=note,
        write=_in_editor if nothing and not reviewed and editor.stdin_is_terminal() else None,
    )
    present(result, as_json)


def _in_editor(person: Person, found: Agreement | None) -> dict[str, Any]:
    """The terms as the user writes them in their editor."""
    shown = {
        "ask": found.ask if found else "",
        "offer": found.offer if found else "",
        "format": found.format if found else "",
        "confidential": ""
        if not found or found.confidential is None
        else ("yes" if found.confidential else "no"),
        "review": (found.review or "") if found else "",
    }
    written: dict[str, Any] = editor.edit_terms(person.name, shown)
    if "confidential" in written:
        word = written["confidential"].lower()
        if word not in (*_YES, *_NO):
            raise UsageProblem(f"confidential: say yes or no, not {word[:20]!r}")
        written["confidential"] = word in _YES
    if "review" in written:
        written["review"] = read_date(written["review"], ahead=True)
    return written


@app.command()
def give(
    name: PersonArg,
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT", help="What you did for them, in a sentence.", show_default=False
        ),
    ],
    when: Annotated[str, date_option("--date", "When you did it (default: today).")] = "today",
    kind: Annotated[
        GiveKind,
        typer.Option(
            "--kind", click_type=KIND, help="What it was: intro, help, thanks, advice or other."
        ),
    ] = GiveKind.OTHER,
    as_json: JsonOpt = False,
) -> None:
    """Log what you did for someone: an introduction, help, a thank-you."""
    present(giving.give(current(), name, text, day=read_date(when), kind=kind), as_json)


@app.command()
def close(
    name: PersonArg,
    reason: Annotated[str | None, text_option("--reason", "Why it ends (kept with them).")] = None,
    thanks: Annotated[
        str | None, text_option("--thanks", "Your thank-you, logged as something you gave.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """End a relationship well: they become alumni, kept with their history."""
    present(endings.close(current(), name, reason=reason, thanks=thanks), as_json)


@app.command()
def redefine(
    name: PersonArg,
    role: Annotated[
        Role | None,
        typer.Option(
            "--role", click_type=ROLE, show_default=False, help="What they are to you now."
        ),
    ] = None,
    every: Annotated[
        str | None, text_option("--every", "How often you mean to talk now (3m, 6w...).", "CADENCE")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Change the shape of a relationship (a mentor becomes a peer), keeping its history."""
    present(endings.redefine(current(), name, role=role, every=every), as_json)
