"""The agenda: topics queued for your next conversation with someone."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.board.finding import find_by_id, find_person
from advisors.board.followups import drop as drop_item
from advisors.board.followups import queue_topic, reword, topic_discussed
from advisors.board.records import Person, Topic
from advisors.board.values import MAX_TEXT, required_text
from advisors.commands import CommandSet
from advisors.commands.params import (
    JsonOpt,
    PersonArg,
    id_argument,
    person_argument,
)
from advisors.session import current
from advisors.views import console, shapes
from advisors.views.followups import topic_list

app = CommandSet("Topics to bring up next time you talk to someone.", group="topic")

IdArg = Annotated[str, id_argument("topic", "topic list", "topics")]


@app.command("add")
def add(
    name: PersonArg,
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help="What you want to bring up.", show_default=False)
    ],
) -> None:
    """Queue a topic for your next conversation with someone."""
    clean = required_text("topic", text, most=MAX_TEXT)
    with current().change() as data:
        person = find_person(data, name)
        topic = queue_topic(data, person.id, clean)
    console.out(f"Queued topic #{topic.id} for {person.name}: {topic.text}")


@app.command("list")
def list_topics(
    name: Annotated[str | None, person_argument("Only this person's topics.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include topics already discussed.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List the topics queued for next time (with --all, discussed ones too)."""
    data = current().read()
    person = find_person(data, name) if name else None
    names = {p.id: p.name for p in data.all(Person)}
    topics = [
        t
        for t in data.all(Topic)
        if (all_ or t.discussed_in is None) and (person is None or t.person == person.id)
    ]
    topics.sort(key=lambda t: (names.get(t.person, "").casefold(), t.id))
    if as_json:
        console.emit_json([shapes.topic(t, names) for t in topics])
    else:
        topic_list(topics, names)


@app.command("done")
def done(ident: IdArg) -> None:
    """Mark a topic discussed (in your latest conversation with them)."""
    with current().change() as data:
        topic = find_by_id(data, Topic, ident, "topic")
        latest = topic_discussed(data, topic)
    console.out(f"Discussed: {topic.text} (in the conversation of {latest.date}).")


@app.command("edit")
def edit(
    ident: IdArg,
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help="The new wording.", show_default=False)
    ],
) -> None:
    """Reword a queued topic."""
    clean = required_text("topic", text, most=MAX_TEXT)
    with current().change() as data:
        topic = reword(data, find_by_id(data, Topic, ident, "topic"), clean)
    console.out(f"Updated topic #{topic.id}: {topic.text}")


@app.command("drop")
def drop(ident: IdArg) -> None:
    """Delete a queued topic."""
    with current().change() as data:
        topic = drop_item(data, find_by_id(data, Topic, ident, "topic"))
    console.out(f"Dropped topic #{topic.id}: {topic.text}")
