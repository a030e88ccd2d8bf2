"""Check the data file, its log, backups and undo history; repair what can be
repaired without losing anything."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.commands import CommandSet
from advisors.commands.params import JsonOpt
from advisors.session import current
from advisors.views import console
from advisors.views import doctor as views

app = CommandSet()


@app.command()
def doctor(
    fix: Annotated[
        bool,
        typer.Option(
            "--fix",
            help="Repair what can be repaired without losing anything, as one change "
            "'advisors undo' can take back.",
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Check the data file and its log; --fix repairs what can be repaired."""
    from advisors.store import checkup

    session = current()
    datafile = session.datafile
    if fix:
        result = checkup.repair(datafile, session.today(), session.command_line)
    else:
        result = checkup.examine(datafile)
    if as_json:
        console.emit_json(views.as_json(result, datafile.path))
    else:
        views.show(result, datafile.path, fixing=fix)
    if not result.healthy:
        raise typer.Exit(1)
