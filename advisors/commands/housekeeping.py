"""Looking after the data file: where it is, backup, restore."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.actions import housekeeping as actions
from advisors.commands import CommandSet, completion, confirm, current, present
from advisors.commands.params import JsonOpt, YesOpt

app = CommandSet()


@app.command()
def where(as_json: JsonOpt = False) -> None:
    """Show the data file, config file and backup folder in use."""
    present(actions.where(current()), as_json)


@app.command()
def backup() -> None:
    """Copy the data file into the backups folder now."""
    present(actions.backup(current()))


@app.command()
def restore(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="BACKUP",
            show_default=False,
            click_type=completion.BACKUP,
            help="The backup to restore (a name from the list); without it, list them.",
        ),
    ] = None,
    yes: YesOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """List backups, newest first, or put one back."""
    if name is None:
        present(actions.list_backups(current()), as_json)
    else:
        present(actions.restore(current(), name, confirm=confirm(yes)))
