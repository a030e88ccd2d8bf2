"""Correct the record: show, edit and drop one conversation by its #id."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from advisors import editor
from advisors.board.conversations import (
    ConversationChanges,
    drop_conversation,
    edit_conversation,
)
from advisors.board.finding import find_by_id, find_goal, find_person
from advisors.board.records import Advice, Conversation, Goal, Person, Todo, Via
from advisors.board.values import texts
from advisors.commands import CommandSet
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
from advisors.dates import parse_date
from advisors.errors import UsageProblem
from advisors.session import current
from advisors.views import console, shapes
from advisors.views import history as views

app = CommandSet("Show, correct or drop a logged conversation by its #id.", group="conversation")

IdArg = Annotated[str, id_argument("conversation", "history", "conversations")]


@app.command("show")
def show(ident: IdArg, as_json: JsonOpt = False) -> None:
    """One conversation: who, when, how, notes, and what came of it."""
    data = current().read()
    talk = find_by_id(data, Conversation, ident, "conversation")
    names = {p.id: p.name for p in data.all(Person)}
    titles = {g.id: g.title for g in data.all(Goal)}
    todos = [t for t in data.all(Todo) if t.conversation == talk.id]
    advice = [a for a in data.all(Advice) if a.conversation == talk.id]
    document = shapes.conversation_detail(talk, names, titles, todos, advice)
    if as_json:
        console.emit_json(document)
    else:
        views.conversation(document)


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
    session = current()
    today = session.today()
    snapshot = session.read()
    talk = find_by_id(snapshot, Conversation, ident, "conversation")
    changes = ConversationChanges(
        day=read_date(when) if when is not None else None,
        via=via,
        add_people=[find_person(snapshot, n) for n in with_ or []],
        drop_people=[find_person(snapshot, n) for n in without or []],
        topics=texts("topic", topic) if topic is not None else None,
        goals=[find_goal(snapshot, g) for g in goal] if goal is not None else None,
    )
    if note is not None or (changes.is_empty() and editor.stdin_is_terminal()):
        names = {p.id: p.name for p in snapshot.all(Person)}
        who = ", ".join(names.get(p, f"#{p}") for p in talk.people)
        changes.notes = editor.read_note(
            note, who, parse_date(talk.date, today), current=talk.notes, verb="changed"
        )
    with session.change() as data:
        fresh = find_by_id(data, Conversation, str(talk.id), "conversation")
        result = edit_conversation(data, fresh, changes, today)
    views.corrected(result, today, session.config.within)


@app.command("drop")
def drop(ident: IdArg, yes: YesOpt = False) -> None:
    """Delete a conversation logged by mistake ('advisors undo' brings it back)."""
    session = current()
    talk = find_by_id(session.read(), Conversation, ident, "conversation")
    if not yes:
        if not sys.stdin.isatty():
            raise UsageProblem(
                f"dropping conversation #{talk.id} deletes its notes; add --yes to confirm"
            )
        typer.confirm(f"Delete conversation #{talk.id} of {talk.date}?", abort=True)
    with session.change() as data:
        fresh = find_by_id(data, Conversation, str(talk.id), "conversation")
        result = drop_conversation(data, fresh)
    views.corrected(result, session.today(), session.config.within, dropped=True)
