"""The weekly digest for cron."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.board.digest import build_digest
from advisors.board.followups import whose
from advisors.board.records import Advice, Goal, Person, Todo
from advisors.commands import CommandSet
from advisors.commands.params import (
    AsOfOpt,
    Choice,
    WithinOpt,
    as_of_date,
)
from advisors.session import current
from advisors.views import console, shapes
from advisors.views.digest import markdown_lines, sections, text_lines

app = CommandSet()

FORMAT = Choice(
    ("text", "markdown", "json"), "unknown --format {value}: choose text, markdown or json"
)


@app.command()
def remind(
    as_of: AsOfOpt = None,
    within: WithinOpt = None,
    output: Annotated[
        str,
        typer.Option(
            "--format",
            click_type=FORMAT,
            help="text (plain, for e-mail), markdown, or json (always printed).",
        ),
    ] = "text",
    exit_code: Annotated[
        bool,
        typer.Option("--exit-code", help="Exit 1 when something needs attention (for scripts)."),
    ] = False,
    always: Annotated[
        bool, typer.Option("--always", help="Say 'all caught up' instead of printing nothing.")
    ] = False,
) -> None:
    """The digest for cron: who to reconnect with, and what is waiting.

    Prints nothing when nothing needs attention, so cron sends no empty mail.
    Every week: people overdue or due soon, your follow-ups due, and what you
    wait on once due (undated: once older than that person's rhythm). Advice
    to decide on or report back, and areas of open goals nobody covers: when
    new, else in the first digest of each month (days 1 to 7).
    """
    session = current()
    day = as_of_date(as_of, session.today())
    window = session.config.within if within is None else within
    data = session.read()
    people = data.all(Person)
    names = {p.id: p.name for p in people}
    digest = build_digest(
        people, data.all(Todo), data.all(Advice), data.all(Goal), day, within=window
    )
    concerns = whose(data, [*digest.my_todos, *digest.waiting])
    if output == "json":
        console.emit_json(shapes.digest(digest, names, concerns))
    elif digest.needs_attention:
        parts = sections(digest, names, concerns)
        lines = (
            markdown_lines(parts, day)
            if output == "markdown"
            else text_lines(parts, day, console.width())
        )
        for line in lines:
            console.out(line)
    elif always:
        console.out("All caught up: nobody to reconnect with and nothing waiting on you.")
    if exit_code and digest.needs_attention:
        raise typer.Exit(1)
