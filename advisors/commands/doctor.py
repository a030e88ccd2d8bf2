"""Check the data file, its log, backups and undo history; repair what can be
repaired without losing anything."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.actions.checkup import doctor as doctor_action
from advisors.commands import CommandSet, current, present
from advisors.commands.params import JsonOpt

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
    deep: Annotated[
        bool,
        typer.Option(
            "--deep",
            help="Also read every undo step as a whole board and check each log segment it "
            "names, byte for byte (slower).",
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Check the data file and its log; --fix repairs what can be repaired."""
    present(doctor_action(current(), fix=fix, deep=deep), as_json)
