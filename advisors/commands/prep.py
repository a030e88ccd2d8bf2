"""The brief before a conversation."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.board.brief import brief
from advisors.board.finding import find_person
from advisors.board.followups import whose
from advisors.board.records import Advice, Goal, Todo, Topic
from advisors.commands import CommandSet
from advisors.commands.params import (
    JsonOpt,
    PersonArg,
)
from advisors.session import current
from advisors.views import console, shapes
from advisors.views.brief import brief_lines

app = CommandSet()


@app.command()
def prep(
    name: PersonArg,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print Markdown, to paste into a meeting note.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """One screen before a conversation: why, when, what's open."""
    session = current()
    data = session.read()
    person = find_person(data, name)
    last = data.newest_conversations(1, person=person.id)
    todos = [t for t in data.all(Todo) if t.done is None]
    b = brief(
        person,
        session.today(),
        last=last[0] if last else None,
        todos=todos,
        concerns=whose(data, todos),
        goals=data.all(Goal),
        advice=data.all(Advice),
        topics=data.all(Topic),
        within=session.config.within,
    )
    if as_json:
        console.emit_json(shapes.brief(b))
        return
    for line in brief_lines(b, markdown, console.width()):
        console.out(line)
