"""Looking after the data file: backup, restore."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors import render
from advisors.errors import UsageProblem
from advisors.session import current

app = typer.Typer()


@app.command()
def backup() -> None:
    """Copy the data file into the backups folder now."""
    target = current().datafile.backup_now()
    render.out(f"Backed up to {target}")


@app.command()
def restore(
    name: Annotated[str | None, typer.Argument(
        metavar="BACKUP",
        help="The backup to restore (a name from the list); without it, list them.",
        show_default=False)] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Don't ask for confirmation.")] = False,
) -> None:
    """List backups, or put one back in place of the data file."""
    datafile = current().datafile
    backups = datafile.backups()
    if name is None:
        if not backups:
            render.err(f"No backups yet in {datafile.backup_folder}.")
            return
        render.out(f"Backups in {datafile.backup_folder} (newest last):")
        for entry in backups:
            render.out(f"  {entry.name}")
        render.out("Restore one with: advisors restore NAME")
        return
    chosen = next((b for b in backups if b.name == name.strip().rstrip("/")), None)
    if chosen is None:
        known = ", ".join(b.name for b in backups[-3:]) or "none yet"
        raise UsageProblem(f"no backup called {name!r} (newest: {known})")
    if not yes:
        import sys

        if not sys.stdin.isatty():
            raise UsageProblem("restoring replaces the data file; add --yes to confirm")
        typer.confirm(f"Replace {datafile.path} with the backup {chosen.name}?", abort=True)
    kept = datafile.restore(chosen)
    render.out(f"Restored {chosen.name}. What it replaced is kept in {kept}.")
