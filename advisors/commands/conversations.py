"""Correct the record: show, edit and drop one conversation by its #id."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from advisors import editor
from advisors.actions import conversations as actions
from advisors.board.records import Conversation, Via
from advisors.commands import CommandSet, confirm, current, present
from advisors.commands.params import (
    VIA,
    JsonOpt,
    YesOpt,
    date_option,
    goal_option,
    id_argument,
    person_option,
    read_date,
    text_option,
)

app = CommandSet("Show, correct or drop a logged conversation by its #id.", group="conversation")

IdArg = Annotated[str, id_argument("conversation", "history", "conversations")]


@app.command("show")
def show(ident: IdArg, as_json: JsonOpt = False) -> None:
    """One conversation: who, when, how, notes, and what came of it."""
    present(actions.show_conversation(current(), ident), as_json)


@app.command("edit")
def edit(
    ident: IdArg,
    when: Annotated[
        str | None,
        date_option("--date", "When it really happened (e.g. 2026-10-26, 'last friday')."),
    ] = None,
    via: Annotated[
        Via | None,
        typer.Option("--via", click_type=VIA, show_default=False, help="How you talked."),
    ] = None,
    note: Annotated[
        str | None, text_option("--note", "Replace the notes; '-' reads them from stdin.")
    ] = None,
    with_: Annotated[
        list[str] | None, person_option("--with", "Someone who was there too; repeat for more.")
    ] = None,
    without: Annotated[
        list[str] | None, person_option("--without", "Someone logged by mistake; repeat for more.")
    ] = None,
    topic: Annotated[
        list[str] | None, text_option("--topic", "Replace the topics covered; repeat for more.")
    ] = None,
    goal: Annotated[
        list[str] | None, goal_option("Replace the goals it served; repeat for more.")
    ] = None,
) -> None:
    """Correct a conversation; without options, on a terminal, edit its note.

    The last contact and next due date of everyone it touches, before and
    after, are worked out again and shown.
    """
    others = (when, via, with_, without, topic, goal)
    wants_editor = note is None and all(o is None for o in others) and editor.stdin_is_terminal()

    def write(talk: Conversation, who: str) -> str:
        day = date.fromisoformat(talk.date)
        # clearing a logged note is an edit made on purpose
        return editor.read_note(
            note, who, day, current=talk.notes, verb="changed", allow_empty=note is not None
        )

    result = actions.edit_conversation(
        current(),
        ident,
        day=read_date(when) if when is not None else None,
        via=via,
        note=write if note is not None or wants_editor else None,
        add_people=with_,
        drop_people=without,
        topics=topic,
        goals=goal,
    )
    present(result)


@app.command("drop")
def drop(ident: IdArg, yes: YesOpt = False) -> None:
    """Delete a conversation logged by mistake ('advisors undo' brings it back)."""
    present(actions.drop_conversation(current(), ident, confirm=confirm(yes)))
