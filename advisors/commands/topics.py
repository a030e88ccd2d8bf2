"""The agenda: topics queued for your next conversation with someone."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.actions import topics as actions
from advisors.commands import CommandSet, current, present
from advisors.commands.params import JsonOpt, PersonArg, id_argument, person_argument

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
    present(actions.add_topic(current(), name, text))


@app.command("list")
def list_topics(
    name: Annotated[str | None, person_argument("Only this person's topics.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Include topics already discussed.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List the topics queued for next time (with --all, discussed ones too)."""
    present(actions.list_topics(current(), name=name, include_discussed=all_), as_json)


@app.command("done")
def done(ident: IdArg) -> None:
    """Mark a topic discussed (in your latest conversation with them)."""
    present(actions.topic_done(current(), ident))


@app.command("edit")
def edit(
    ident: IdArg,
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help="The new wording.", show_default=False)
    ],
) -> None:
    """Reword a queued topic."""
    present(actions.edit_topic(current(), ident, text))


@app.command("drop")
def drop(ident: IdArg) -> None:
    """Delete a queued topic."""
    present(actions.drop_topic(current(), ident))
