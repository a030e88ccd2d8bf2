"""Follow-ups: the ones you owe, and the ones you are waiting on."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.board.finding import find_by_id, find_goal, find_person
from advisors.board.followups import add_todo, edit_todo, finish_todo, is_overdue, todo_order, whose
from advisors.board.followups import drop as drop_item
from advisors.board.records import Goal, Owner, Todo
from advisors.board.values import MAX_TEXT, required_text
from advisors.commands import CommandSet
from advisors.commands.params import (
    JsonOpt,
    clears,
    date_option,
    future_date_or_none,
    goal_option,
    id_argument,
    person_option,
    read_date,
    text_option,
)
from advisors.errors import UsageProblem
from advisors.session import current
from advisors.views import console, shapes
from advisors.views.followups import todo_list

app = CommandSet("Follow-ups you owe, and ones you are waiting on.", group="todo")

IdArg = Annotated[str, id_argument("follow-up", "todo list", "todos")]


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
    session = current()
    clean = required_text("follow-up", text, most=MAX_TEXT)
    when = read_date(due, ahead=True).isoformat() if due else None
    if theirs and not with_:
        raise UsageProblem("say who you are waiting on with --with NAME")
    with session.change() as data:
        person = find_person(data, with_) if with_ else None
        target = find_goal(data, goal) if goal else None
        todo = add_todo(
            data,
            Todo(
                text=clean,
                person=person.id if person else None,
                owner=Owner.THEM if theirs else Owner.ME,
                due=when,
                goal=target.id if target else None,
            ),
        )
    whose = f"waiting on {person.name}" if theirs and person else "yours"
    console.out(f"Added follow-up #{todo.id} ({whose}{', due ' + when if when else ''}).")


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
    if mine and theirs:
        raise UsageProblem("choose one of --mine and --theirs")
    session = current()
    today = session.today()
    data = session.read()
    todos = todo_order(
        t
        for t in data.all(Todo)
        if (all_ or t.done is None)
        and not (mine and t.owner != "me")
        and not (theirs and t.owner != "them")
    )
    concerns = whose(data, todos)
    if as_json:
        goals = {g.id: g.title for g in data.all(Goal)}
        console.emit_json([shapes.todo(t, concerns, goals, is_overdue(t, today)) for t in todos])
    else:
        todo_list(todos, concerns, today, all_=all_)


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
    session = current()
    changes: dict[str, object] = {}
    if text is not None:
        changes["text"] = required_text("follow-up", text, most=MAX_TEXT)
    if due is not None:
        changes["due"] = future_date_or_none(due)
    with session.change() as data:
        if with_ is not None:
            changes["person"] = None if clears(with_) else find_person(data, with_).id
        if goal is not None:
            changes["goal"] = None if clears(goal) else find_goal(data, goal).id
        todo = edit_todo(data, find_by_id(data, Todo, ident, "follow-up"), changes)
    console.out(
        f"Updated follow-up #{todo.id}: {todo.text}" + (f" (due {todo.due})." if todo.due else ".")
    )


@app.command("done")
def done(ident: IdArg) -> None:
    """Mark a follow-up done."""
    session = current()
    with session.change() as data:
        todo = finish_todo(data, find_by_id(data, Todo, ident, "follow-up"), session.today())
    console.out(f"Done: {todo.text}")


@app.command("drop")
def drop(ident: IdArg) -> None:
    """Delete a follow-up that no longer matters."""
    with current().change() as data:
        todo = drop_item(data, find_by_id(data, Todo, ident, "follow-up"))
    console.out(f"Dropped follow-up #{todo.id}: {todo.text}")
