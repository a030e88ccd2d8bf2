"""Undo and redo: take back the newest change, or put back what undo took."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.actions import undoing as actions
from advisors.commands import CommandSet, confirm, current, present
from advisors.commands.params import JsonOpt, YesOpt

app = CommandSet()


@app.command()
def undo(
    list_: Annotated[
        bool, typer.Option("--list", help="List the changes undo can take back, newest first.")
    ] = False,
    yes: YesOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Take back the newest change (run again for the one before)."""
    if list_:
        present(actions.undo_list(current()), as_json)
    else:
        present(actions.undo(current(), confirm=confirm(yes)))


@app.command()
def redo(yes: YesOpt = False) -> None:
    """Put back what the last undo took (until a new change is made)."""
    present(actions.redo(current(), confirm=confirm(yes)))
