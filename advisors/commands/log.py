"""The conversation log: log, history, snooze."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from advisors import editor
from advisors.actions import logbook as actions
from advisors.board.records import Via
from advisors.commands import CommandSet, completion, current, present
from advisors.commands.params import (
    VIA,
    JsonOpt,
    PersonArg,
    WholeNumber,
    date_option,
    goal_option,
    person_argument,
    read_date,
    text_option,
)
from advisors.errors import UsageProblem

app = CommandSet()


@app.command()
def log(
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="NAME...",
            click_type=completion.PERSON,
            show_default=False,
            help="Who you talked with: one or more names or ids.",
        ),
    ],
    when: Annotated[
        str,
        typer.Option(
            "--date",
            metavar="DATE",
            help="When you talked: today, yesterday, 'last friday', 2026-11-20...",
        ),
    ] = "today",
    via: Annotated[Via, typer.Option("--via", click_type=VIA, help="How you talked.")] = Via.CALL,
    note: Annotated[
        str | None,
        text_option(
            "--note",
            "What you talked about; '-' reads it from stdin. Without it, on a terminal, "
            "$EDITOR opens.",
        ),
    ] = None,
    topic: Annotated[
        list[str] | None, text_option("--topic", "A topic you covered; repeat for more.")
    ] = None,
    goal: Annotated[
        list[str] | None, goal_option("A goal this conversation served (id or part of its title).")
    ] = None,
    todo: Annotated[
        list[str] | None, text_option("--todo", "A follow-up you owe them; repeat for more.")
    ] = None,
    their_todo: Annotated[
        list[str] | None,
        text_option("--their-todo", "A follow-up they promised you; repeat for more."),
    ] = None,
    advice: Annotated[
        list[str] | None,
        text_option("--advice", "Advice they gave you, to decide on and report back."),
    ] = None,
    gave: Annotated[
        list[str] | None,
        text_option("--gave", "Something you did for them (an intro, help); repeat for more."),
    ] = None,
    keep_agenda: Annotated[
        bool, typer.Option("--keep-agenda", help="Keep their queued topics for next time.")
    ] = False,
    allow_empty: Annotated[
        bool,
        typer.Option("--allow-empty", help="Log it even when the note you give is empty."),
    ] = False,
) -> None:
    """Record a conversation, and see when each person is next due."""
    day = read_date(when)
    result = actions.log(
        current(),
        names,
        day=day,
        via=via,
        note=_note(note, day, allow_empty),
        topics=topic,
        goals=goal,
        todos=todo,
        their_todos=their_todo,
        advice=advice,
        gave=gave,
        keep_agenda=keep_agenda,
    )
    present(result)


def _note(note: str | None, day: date, allow_empty: bool) -> str | actions.NoteWriter:
    """The note as given, read from stdin (``-``), or, with none on a
    terminal, what the user writes in their editor once the names are known."""
    if note is None and editor.stdin_is_terminal():
        return lambda people: editor.read_note(
            None, ", ".join(p.name for p in people), day, allow_empty=allow_empty
        )
    return editor.read_note(note, "", day, allow_empty=allow_empty)


@app.command()
def history(
    person_name: Annotated[
        str | None, person_argument("Only conversations with this person.")
    ] = None,
    since: Annotated[
        str | None, date_option("--since", "Only conversations on or after DATE.")
    ] = None,
    until: Annotated[
        str | None, date_option("--until", "Only conversations on or before DATE.")
    ] = None,
    goal: Annotated[str | None, goal_option("Only conversations about this goal.")] = None,
    grep: Annotated[
        str | None,
        text_option(
            "--grep",
            "Only conversations whose notes or topics contain TEXT (any case, any accents).",
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            metavar="N",
            click_type=WholeNumber(1, 10**9, "--limit"),
            help="Show at most N conversations.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The conversation log, newest first."""
    result = actions.history(
        current(),
        person=person_name,
        since=read_date(since) if since else None,
        until=read_date(until) if until else None,  # about the past: the last one
        goal=goal,
        grep=grep,
        limit=limit,
    )
    present(result, as_json)


@app.command()
def snooze(
    person_name: PersonArg,
    until: Annotated[
        str | None,
        date_option("--until", "Not before this day (e.g. 'next monday', 'in 2 weeks')."),
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Lift the snooze.")] = False,
) -> None:
    """Not now: move someone's next due date without a conversation."""
    if clear == (until is not None):
        raise UsageProblem("give --until DATE to snooze, or --clear to lift a snooze")
    if until is None:
        present(actions.unsnooze(current(), person_name))
    else:
        present(actions.snooze(current(), person_name, read_date(until, ahead=True)))
