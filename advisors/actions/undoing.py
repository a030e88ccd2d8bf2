"""Undo and redo: take back the newest change, or put back what undo took."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Confirm, Result, Said
from advisors.board.differences import differences
from advisors.errors import NothingTo
from advisors.store.datafile import Pending, Step


def when(step: Step) -> str:
    return step.time[:16].replace("T", " ")


@dataclass
class Changes(Result):
    steps: list[Step]  # oldest first
    redo: list[Step]

    def as_json(self) -> Any:
        return {
            "undo": [{"command": s.command, "time": s.time} for s in reversed(self.steps)],
            "redo": [{"command": s.command, "time": s.time} for s in reversed(self.redo)],
        }

    def show(self) -> None:
        from advisors.views import history

        history.changes(self.steps, self.redo)


def undo_list(board: Board) -> Changes:
    """The changes undo can take back (and what redo can put back)."""
    steps, redo = board.store.history()
    return Changes(steps, redo)


# How many records a preview names before "and N more".
SHOWN = 10


def preview(pending: Pending) -> list[str]:
    """What a step will do, record by record, a line each."""
    if pending.then is None:
        return []
    now, then = pending.now, pending.then
    # the conversations only of the log segments the two do not share: the
    # rest are the same files (a log of 100,000 is not read twice whole)
    talks = (now.conversations_apart_from(then), then.conversations_apart_from(now))
    lines = differences(now, then, talks)
    if len(lines) > SHOWN:
        lines = [*lines[:SHOWN], f"and {len(lines) - SHOWN:,} more"]
    return [f"  {line}" for line in lines]


def _take(board: Board, kind: str, confirm: Confirm | None) -> tuple[Step, list[str]]:
    """Undo or redo (``kind``) the newest step, said record by record before
    asking and after."""
    pending = board.store.pending(kind)
    if pending is None:
        raise NothingTo(kind)
    shown = preview(pending)
    _ask(confirm, kind.capitalize(), pending.step, shown)
    take = board.store.undo if kind == "undo" else board.store.redo
    return take(board.today()), shown


def undo(board: Board, *, confirm: Confirm | None = None) -> Said:
    """Take back the newest change (a change of its own: redo puts it back)."""
    step, shown = _take(board, "undo", confirm)
    return Said(
        f"Undid \u201c{step.command or 'a change'}\u201d (made {when(step)}). "
        "'advisors redo' puts it back.",
        *shown,
    )


def redo(board: Board, *, confirm: Confirm | None = None) -> Said:
    """Put back what the last undo took (until a new change is made)."""
    step, shown = _take(board, "redo", confirm)
    return Said(f"Redid \u201c{step.command or 'a change'}\u201d (made {when(step)}).", *shown)


def _ask(confirm: Confirm | None, verb: str, step: Step, shown: list[str]) -> None:
    if confirm is not None:
        question = f"{verb} \u201c{step.command or 'a change'}\u201d made {when(step)}?"
        confirm("\n".join([*shown, question]), f"{question[:-1]}: add --yes to confirm")
