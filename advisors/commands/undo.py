"""Undo and redo: take back the newest change, or put back what undo took."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from advisors.commands import CommandSet
from advisors.commands.params import (
    YesOpt,
)
from advisors.errors import UsageProblem
from advisors.session import current
from advisors.views import console

app = CommandSet()


def _when(step: dict[str, Any]) -> str:
    return step["time"][:16].replace("T", " ")


def _confirm(verb: str, step: dict[str, Any], yes: bool) -> None:
    if yes:
        return
    question = f"{verb} '{step['command'] or 'a change'}' made {_when(step)}?"
    if not sys.stdin.isatty():
        raise UsageProblem(f"{question[:-1]}: add --yes to confirm")
    typer.confirm(question, abort=True)


@app.command()
def undo(
    list_: Annotated[
        bool, typer.Option("--list", help="List the changes undo can take back, newest first.")
    ] = False,
    yes: YesOpt = False,
) -> None:
    """Take back the newest change (run again for the one before)."""
    session = current()
    steps, redo_steps = session.datafile.history()
    if list_:
        if not steps and not redo_steps:
            console.out("Nothing to undo yet.")
            return
        room = console.width() - 23  # the command line is cut to the screen
        for number, step in enumerate(reversed(steps), start=1):
            command = console.clip(step["command"] or "(a change)", room)
            console.out(f"{number:3}  {_when(step)}  {command}")
        if redo_steps:
            console.out(f"Redo can put back: {redo_steps[-1]['command'] or 'a change'}")
        return
    if not steps:
        raise UsageProblem("there is nothing to undo")
    _confirm("Undo", steps[-1], yes)
    step = session.datafile.undo(session.today())
    console.out(
        f"Undid '{step['command'] or 'a change'}' (made {_when(step)}). "
        "'advisors redo' puts it back."
    )


@app.command()
def redo(yes: YesOpt = False) -> None:
    """Put back what the last undo took (until a new change is made)."""
    session = current()
    _steps, redo_steps = session.datafile.history()
    if not redo_steps:
        raise UsageProblem("there is nothing to redo")
    _confirm("Redo", redo_steps[-1], yes)
    step = session.datafile.undo(session.today(), redo=True)
    console.out(f"Redid '{step['command'] or 'a change'}'.")
