"""``today``: the one screen for the morning."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.actions import morning as actions
from advisors.commands import CommandSet, current, present
from advisors.commands.params import AsOfOpt, JsonOpt, as_of_date

app = CommandSet()


@app.command()
def today(
    as_of: AsOfOpt = None,
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when something needs you (for scripts)."),
    ] = False,
    always: Annotated[
        bool, typer.Option("--always", help="Say 'nothing needs you' instead of printing nothing.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """The morning screen: who is due, follow-ups, dates, advice, new meetings.

    Prints nothing when nothing needs you, like remind.
    """
    board = current()
    day = as_of_date(as_of, board.today())
    present(actions.today(board, as_of=day, always=always, exit_code=exit_code), as_json)
