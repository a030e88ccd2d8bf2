"""The whole board at a glance, and the rhythm of each relationship."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.board import coverage
from advisors.board.finding import find_person
from advisors.board.records import Person
from advisors.board.rhythm import rhythm_of, rhythms_of
from advisors.commands import CommandSet
from advisors.commands.params import (
    AsOfOpt,
    JsonOpt,
    WholeNumber,
    as_of_date,
    person_argument,
)
from advisors.session import current
from advisors.views import board as views
from advisors.views import console, shapes
from advisors.views.people import empty_board

app = CommandSet()


@app.command()
def board(as_of: AsOfOpt = None, as_json: JsonOpt = False) -> None:
    """The areas of your life against your advisors: coverage, gaps, balance.

    Rows are the areas in the config's 'areas' list (career, wellness,
    spirituality, community and family by default), and any area an active
    advisor or an open goal names.
    """
    session = current()
    day = as_of_date(as_of, session.today())
    data = session.read()
    people = data.all(Person)
    result = coverage.board_of(
        data, people, day, configured=session.config.areas, within=session.config.within
    )
    if as_json:
        console.emit_json(shapes.board(result))
    elif not people:
        empty_board()
    else:
        views.board(result)


@app.command()
def stats(
    name: Annotated[
        str | None, person_argument("Only this person, with the gaps longer than their rhythm.")
    ] = None,
    months: Annotated[
        int,
        typer.Option(
            "--months",
            metavar="N",
            click_type=WholeNumber(1, 120, "--months", "months"),
            help="How many months to look back.",
        ),
    ] = 12,
    as_of: AsOfOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """How consistently you keep in touch, least consistent first.

    Consistency is the share of someone's cadence periods in the window that
    had at least one conversation (a period still running counts once it has
    one); a gap is the days between two conversations in a row. Someone who
    joined during the window is measured from their first conversation or the
    day they were added, whichever is earlier.
    """
    session = current()
    day = as_of_date(as_of, session.today())
    data = session.read()
    if name is not None:
        found = [rhythm_of(data, find_person(data, name), day, months)]
    else:
        found = rhythms_of(data, day, months)
    if as_json:
        document = [shapes.rhythm(r, day, months) for r in found]
        console.emit_json(
            document[0]
            if name is not None
            else {"as_of": day.isoformat(), "months": months, "people": document}
        )
    elif not found:
        empty_board()
    elif name is not None:
        views.one_rhythm(found[0], day, months)
    else:
        views.rhythms(found, day, months)
