"""Looking after the data file: where it is, backup, restore."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Confirm, Result, Said
from advisors.errors import UsageProblem


@dataclass
class Where(Result):
    paths: list[tuple[str, Path]]

    def as_json(self) -> Any:
        return {
            label.lower().replace(" ", "_"): {"path": str(path), "exists": path.exists()}
            for label, path in self.paths
        }

    def show(self) -> None:
        from advisors.views import people

        people.where(self.paths)


def where(board: Board) -> Where:
    """The data file, its log, the config file and the backups folder."""
    found = board.store.where()
    return Where(
        [
            ("Data file", found.main),
            ("Conversation log", found.log),
            ("Config file", board.config.path),
            ("Backups", found.backups),
        ]
    )


def backup(board: Board) -> Said:
    """A backup now, kept apart from the daily ones."""
    target = board.store.backup(board.today())
    return Said(f"Backed up to {target}", record=target)


@dataclass
class Backups(Result):
    folder: Path
    names: list[str]  # newest first

    def as_json(self) -> Any:
        return {"folder": str(self.folder), "backups": self.names}

    def show(self) -> None:
        from advisors.views import people

        people.backups(self.folder, self.names)


def list_backups(board: Board) -> Backups:
    return Backups(board.store.where().backups, [b.name for b in board.store.backups()])


def restore(board: Board, name: str, *, confirm: Confirm | None = None) -> Said:
    """Put a backup in place of the data file, as one change (undo takes it
    back); what it replaces is kept as a backup of its own."""
    store = board.store
    backups = store.backups()
    wanted = name.strip().rstrip("/")
    chosen = next((b for b in backups if b.name == wanted), None)
    if chosen is None:
        known = ", ".join(b.name for b in backups[:3]) or "none yet"
        raise UsageProblem(f"no backup called {name[:80]!r} (newest: {known})")
    if confirm is not None:
        confirm(
            f"Replace {store.path} with the backup {chosen.name}?",
            "restoring replaces the data file; add --yes to confirm",
        )
    kept = store.restore(chosen, board.today(), board.command_line)
    where_kept = f" What it replaced is kept in {kept}." if kept else ""
    return Said(f"Restored {chosen.name}.{where_kept}", record=kept)
