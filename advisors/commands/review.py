"""``review``: the board review, walked one person at a time on a terminal."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from advisors import editor
from advisors.actions import stocktake as actions
from advisors.board.stocktake import Choice, Seat
from advisors.commands import CommandSet, current, present
from advisors.commands.params import AsOfOpt, JsonOpt, as_of_date

app = CommandSet()

_KEYS = {"k": Choice.KEEP, "d": Choice.DEEPEN, "r": Choice.ROTATE, "s": Choice.SKIP}


@app.command()
def review(
    as_of: AsOfOpt = None,
    done: Annotated[
        bool, typer.Option("--done", help="Record that you reviewed your board, without the walk.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Review your board: keep, deepen or rotate out each person; see the mix."""
    board = current()
    day = as_of_date(as_of, board.today())
    walk = not done and not as_json and editor.stdin_is_terminal()
    present(
        actions.review_board(board, as_of=day, ask=_ask(day) if walk else None, done=done),
        as_json,
    )


def _ask(day: date) -> actions.Ask:
    from advisors.views import street

    def ask(seat: Seat) -> tuple[Choice, str] | None:
        street.seat(seat, day)
        word = typer.prompt(
            "  [k]eep, [d]eepen, [r]otate out or [s]kip?",
            default="k",
            value_proc=_choice,
            show_default=True,
        )
        note = typer.prompt("  A note (Enter for none)", default="", show_default=False)
        return word, note.strip()

    return ask


def _choice(text: str) -> Choice:
    import click

    word = text.strip().lower()[:1]
    if word not in _KEYS:
        raise click.UsageError("answer k (keep), d (deepen), r (rotate out) or s (skip)")
    return _KEYS[word]
