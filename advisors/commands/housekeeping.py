"""Looking after the data file: where it is, backup, restore."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from advisors.commands import CommandSet, completion
from advisors.commands.params import (
    JsonOpt,
    YesOpt,
)
from advisors.errors import UsageProblem
from advisors.session import current
from advisors.views import console, people

app = CommandSet()


@app.command()
def where(as_json: JsonOpt = False) -> None:
    """Show the data file, config file and backup folder in use."""
    session = current()
    layout = session.datafile.layout
    paths = [
        ("Data file", layout.main),
        ("Conversation log", layout.log),
        ("Config file", session.config.path),
        ("Backups", layout.backups),
    ]
    if as_json:
        console.emit_json(
            {
                label.lower().replace(" ", "_"): {"path": str(path), "exists": path.exists()}
                for label, path in paths
            }
        )
    else:
        people.where(paths)


@app.command()
def backup() -> None:
    """Copy the data file into the backups folder now."""
    session = current()
    target = session.datafile.backup_now(session.today())
    console.out(f"Backed up to {target}")


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
) -> None:
    """List backups, newest first, or put one back."""
    session = current()
    datafile = session.datafile
    backups = datafile.backups.newest_first()
    if name is None:
        if not backups:
            console.out(f"No backups yet in {datafile.layout.backups}.")
            return
        console.out(f"Backups in {datafile.layout.backups} (newest first):")
        for entry in backups:
            console.out(f"  {entry.name}")
        console.note("Restore one with: advisors restore BACKUP")
        return
    chosen = datafile.backups.find(name.strip().rstrip("/"))
    if chosen is None:
        known = ", ".join(b.name for b in backups[:3]) or "none yet"
        raise UsageProblem(f"no backup called {name[:80]!r} (newest: {known})")
    if not yes:
        if not sys.stdin.isatty():
            raise UsageProblem("restoring replaces the data file; add --yes to confirm")
        typer.confirm(f"Replace {datafile.path} with the backup {chosen.name}?", abort=True)
    kept = datafile.restore(chosen, session.today(), session.command_line)
    where = f" What it replaced is kept in {kept}." if kept else ""
    console.out(f"Restored {chosen.name}.{where}")
