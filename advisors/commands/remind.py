"""The weekly digest for cron."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.actions import digest as actions
from advisors.commands import CommandSet, current, present
from advisors.commands.params import (
    AsOfOpt,
    Choice,
    WithinOpt,
    as_of_date,
)

app = CommandSet()

FORMAT = Choice(
    ("text", "markdown", "json"), "unknown --format {value}: choose text, markdown or json"
)


@app.command()
def remind(
    as_of: AsOfOpt = None,
    within: WithinOpt = None,
    output: Annotated[
        str,
        typer.Option(
            "--format",
            click_type=FORMAT,
            help="text (plain, for e-mail), markdown, or json (always printed).",
        ),
    ] = "text",
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when something needs attention (for scripts)."),
    ] = False,
    always: Annotated[
        bool, typer.Option("--always", help="Say 'all caught up' instead of printing nothing.")
    ] = False,
) -> None:
    """The digest for cron: who to reconnect with, and what is waiting.

    Prints nothing when nothing needs attention, so cron sends no empty mail.
    Every week: people overdue or due soon, your follow-ups due, and what you
    wait on once due (undated: once older than that person's rhythm). Advice
    to decide on or report back, and areas of open goals nobody covers: when
    new, else in the first digest of each month (days 1 to 7).
    """
    board = current()
    day = as_of_date(as_of, board.today())
    result = actions.remind(
        board, as_of=day, within=within, form=output, always=always, exit_code=exit_code
    )
    present(result, as_json=output == "json")
