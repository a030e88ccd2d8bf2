"""``report``: the board as one HTML page, to look at and to take to a review."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from advisors.actions import reporting as actions
from advisors.commands import CommandSet, current, present
from advisors.commands.params import AsOfOpt, as_of_date, months_option, text_option

app = CommandSet()


@app.command()
def report(
    months: Annotated[
        int, months_option("How far back the rhythm goes (a cell a week up to 24, else a month).")
    ] = 12,
    as_of: AsOfOpt = None,
    output: Annotated[
        str | None,
        text_option(
            "--output",
            "Where to write the page (default advisors-report-DAY.html here; - prints it).",
            "FILE",
        ),
    ] = None,
    open_it: Annotated[
        bool, typer.Option("--open", help="Open the page in your browser once written.")
    ] = False,
    plain: Annotated[
        bool,
        typer.Option("--plain", help="On an encrypted board: write the page anyway, in the clear."),
    ] = False,
) -> None:
    """A picture of your board: one HTML page with figures, for a screen or paper."""
    board = current()
    present(
        actions.report(
            board,
            months=months,
            as_of=as_of_date(as_of, board.today()),
            output=Path(output) if output is not None else None,
            open_it=open_it,
            plain=plain,
        )
    )
