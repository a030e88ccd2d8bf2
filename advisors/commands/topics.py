"""The agenda: topics queued for your next conversation with someone."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors import render
from advisors.commands.common import JsonOpt, PersonArg, complete_person, id_argument, required_text
from advisors.errors import UsageProblem
from advisors.models import Conversation, Person, Topic, now_stamp
from advisors.session import current, find_by_id, find_person

app = typer.Typer(help="Topics to bring up next time you talk to someone.",
                  no_args_is_help=True)

IdArg = Annotated[str, id_argument("topic", "topic list")]


@app.command("add")
def add_topic(
    name: PersonArg,
    text: Annotated[str, typer.Argument(help="What you want to bring up.",
                                        show_default=False)],
) -> None:
    """Queue a topic for your next conversation with someone."""
    session = current()
    clean = required_text("topic", text)
    with session.change() as data:
        person = find_person(data, name)
        topic = data.insert(Topic(person=person.id, text=clean, created=now_stamp()))
    render.out(f"Queued topic #{topic.id} for {person.name}: {topic.text}")


@app.command("list")
def list_topics(
    name: Annotated[str | None, typer.Argument(
        metavar="NAME", help="Only this person's topics.", autocompletion=complete_person,
        show_default=False)] = None,
    as_json: JsonOpt = False,
) -> None:
    """List the topics queued for next time."""
    data = current().read()
    person = find_person(data, name) if name else None
    names = {p.id: p.name for p in data.all(Person)}
    topics = [t for t in data.all(Topic) if t.discussed_in is None
              and (person is None or t.person == person.id)]
    topics.sort(key=lambda t: (names.get(t.person, "").casefold(), t.id))
    if as_json:
        render.emit_json([{"id": t.id, "person": names.get(t.person), "text": t.text,
                           "created": t.created} for t in topics])
        return
    if not topics:
        render.err("Nothing queued. Add a topic with: advisors topic add NAME \"...\"")
        return
    render.table(
        [render.Column("ID", justify="right"), render.Column("With", shrink=1, min_width=10),
         render.Column("Topic", shrink=2)],
        [[str(t.id), names.get(t.person, f"#{t.person}"), t.text] for t in topics],
    )


@app.command("done")
def done(ident: IdArg) -> None:
    """Mark a topic discussed (in your latest conversation with them)."""
    session = current()
    with session.change() as data:
        topic = find_by_id(data, Topic, ident, "topic")
        if topic.discussed_in is not None:
            raise UsageProblem(f"topic #{topic.id} was already discussed")
        talks = [c for c in data.conversations() if topic.person in c.people]
        if not talks:
            raise UsageProblem(
                "no conversation with them is logged yet: log one with 'advisors log', "
                "or drop the topic"
            )
        latest: Conversation = max(talks, key=lambda c: (c.date, c.id))
        topic.discussed_in = latest.id
        data.save(topic)
    render.out(f"Discussed: {topic.text} (in the conversation of {latest.date}).")


@app.command("drop")
def drop(ident: IdArg) -> None:
    """Delete a queued topic."""
    session = current()
    with session.change() as data:
        topic = find_by_id(data, Topic, ident, "topic")
        data.delete(topic)
    render.out(f"Dropped topic #{topic.id}: {topic.text}")
