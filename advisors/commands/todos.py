"""Follow-ups: the ones you owe, and the ones you are waiting on."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.actions import todos as actions
from advisors.commands import CommandSet, current, present
from advisors.commands.params import (
    JsonOpt,
    clears,
    date_option,
    goal_option,
    id_argument,
    person_option,
    read_date,
    text_option,
)

app = CommandSet("Follow-ups you owe, and ones you are waiting on.", group="todo")

IdArg = Annotated[str, id_argument("follow-up", "todo list", "todos")]
OpenIdArg = Annotated[str, id_argument("follow-up", "todo list", "todos", open_only=True)]


@app.command("add")
def add(
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help="What needs doing.", show_default=False)
    ],
    with_: Annotated[str | None, person_option("--with", "The person it concerns.")] = None,
    theirs: Annotated[
        bool, typer.Option("--theirs", help="They owe it to you (you are waiting on them).")
    ] = False,
    due: Annotated[
        str | None, date_option("--due", "When it is due (e.g. friday, 'in 2 weeks').")
    ] = None,
    goal: Annotated[str | None, goal_option("The goal it serves.")] = None,
) -> None:
    """Add a follow-up."""
    result = actions.add_todo(
        current(),
        text,
        person=with_,
        theirs=theirs,
        due=read_date(due, ahead=True) if due else None,
        goal=goal,
    )
    present(result)


@app.command("list")
def list_todos(
    mine: Annotated[bool, typer.Option("--mine", help="Only the ones you owe.")] = False,
    theirs: Annotated[
        bool, typer.Option("--theirs", help="Only the ones you are waiting on.")
    ] = False,
    all_: Annotated[bool, typer.Option("--all", help="Include done ones.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List follow-ups: open ones first, soonest due first, overdue marked."""
    present(actions.list_todos(current(), mine=mine, theirs=theirs, include_done=all_), as_json)


@app.command("edit")
def edit(
    ident: IdArg,
    text: Annotated[str | None, text_option("--text", "New wording.")] = None,
    due: Annotated[
        str | None, date_option("--due", "New due date (e.g. friday); 'none' clears it.")
    ] = None,
    with_: Annotated[
        str | None, person_option("--with", "The person it concerns; 'none' for nobody.")
    ] = None,
    goal: Annotated[str | None, goal_option("The goal it serves; 'none' for no goal.")] = None,
) -> None:
    """Change a follow-up's wording, due date, person or goal."""
    same = actions.NO_CHANGE
    day = (
        same
        if due is None
        else None
        if clears(due) or not due.strip()
        else read_date(due, ahead=True)
    )
    result = actions.edit_todo(
        current(),
        ident,
        text=text,
        due=day,
        person=same if with_ is None else None if clears(with_) else with_,
        goal=same if goal is None else None if clears(goal) else goal,
    )
    present(result)


@app.command("done")
def done(ident: OpenIdArg) -> None:
    """Mark a follow-up done."""
    present(actions.finish_todo(current(), ident))


@app.command("drop")
def drop(ident: IdArg) -> None:
    """Delete a follow-up that no longer matters."""
    present(actions.drop_todo(current(), ident))
