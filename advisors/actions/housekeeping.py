"""Looking after the data file: where it is, backup, restore."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    """The data file, its log, the config file, the backups folder, and the
    file that keeps this device's key to encrypted boards (when not the
    keyring), the one to back up."""
    from advisors.keys import identity_file

    found = board.store.where()
    return Where(
        [
            ("Data file", found.main),
            ("Conversation log", found.log),
            ("Config file", board.config.path),
            ("Backups", found.backups),
            ("Key file", identity_file(board.config)),
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
    # what each holds: (made, people, conversations), None when unreadable
    holds: list[tuple[str, int | None, int | None]] = field(default_factory=list)

    def as_json(self) -> Any:
        return {
            "folder": str(self.folder),
            "backups": [
                {"name": name, "made": made, "people": people, "conversations": talks}
                for name, (made, people, talks) in zip(self.names, self.holds, strict=True)
            ],
        }

    def show(self) -> None:
        from advisors.views import people

        people.backups(self.folder, self.names, self.holds)


def list_backups(board: Board) -> Backups:
    """Every backup, newest first, with what each holds."""
    found = board.store.backups()
    holds = []
    for b in found:
        counts = board.store.holds(b)
        made = b.stamp
        if len(made) == 17 and made[10] == "T":  # 2026-12-03T205104
            made = f"{made[:13]}:{made[13:15]}:{made[15:]}"
        holds.append((made, *(counts if counts else (None, None))))
    return Backups(board.store.where().backups, [b.name for b in found], holds)


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
