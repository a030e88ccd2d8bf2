"""Dates that matter to the people on your board: birthdays, anniversaries,
big days."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.actions import occasions as actions
from advisors.commands import CommandSet, current, present
from advisors.commands.params import (
    JsonOpt,
    PersonArg,
    WholeNumber,
    id_argument,
    person_argument,
    text_option,
)

app = CommandSet("Birthdays, anniversaries and big days of the people on your board.", group="date")

IdArg = Annotated[str, id_argument("date", "date list", "dates")]
YearlyOpt = Annotated[
    bool | None,
    typer.Option(
        "--yearly/--once",
        show_default=False,
        help="Every year (a birthday, an anniversary), or once (a baby due); default: every year.",
    ),
]
NoteOpt = Annotated[str | None, text_option("--note", "Anything worth keeping about it.")]


@app.command("add", dashed_values=True)
def add(
    name: PersonArg,
    label: Annotated[
        str,
        typer.Argument(
            metavar="LABEL", help="What it is: birthday, work anniversary...", show_default=False
        ),
    ],
    day: Annotated[
        str,
        typer.Argument(
            metavar="DATE",
            help="The day: '14 Mar' or --03-14 without a year, 1985-03-14 with one.",
            show_default=False,
        ),
    ],
    yearly: YearlyOpt = None,
    note: NoteOpt = None,
) -> None:
    """Keep a date that matters to someone (yearly unless --once)."""
    present(
        actions.add_occasion(current(), name, label, day, yearly=yearly is not False, note=note)
    )


@app.command("list")
def list_dates(
    name: Annotated[str | None, person_argument("Only this person's dates.")] = None,
    within: Annotated[
        int | None,
        typer.Option(
            "--within",
            metavar="DAYS",
            click_type=WholeNumber(0, 3660, "--within", "days"),
            show_default=False,
            help="Only dates coming in the next DAYS days.",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The dates you keep, the next one first."""
    present(actions.list_occasions(current(), name=name, within=within), as_json)


@app.command("edit", dashed_values=True)
def edit(
    ident: IdArg,
    label: Annotated[str | None, text_option("--label", "What it is.", "LABEL")] = None,
    day: Annotated[str | None, text_option("--date", "The day.", "DATE")] = None,
    yearly: YearlyOpt = None,
    note: NoteOpt = None,
) -> None:
    """Change a date you keep."""
    present(actions.edit_occasion(current(), ident, label=label, day=day, yearly=yearly, note=note))


@app.command("drop")
def drop(ident: IdArg) -> None:
    """Delete a date you keep."""
    present(actions.drop_occasion(current(), ident))
