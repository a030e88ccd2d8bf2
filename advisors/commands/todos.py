"""Follow-ups: the ones you owe, and the ones you are waiting on."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from advisors import render
from advisors.commands.common import JsonOpt, complete_person, id_argument, required_text
from advisors.dates import parse_date
from advisors.errors import UsageProblem
from advisors.followups import is_overdue, todo_order
from advisors.models import Goal, Person, Todo, now_stamp
from advisors.session import current, find_by_id, find_goal, find_person

app = typer.Typer(help="Follow-ups you owe, and ones you are waiting on.",
                  no_args_is_help=True)

IdArg = Annotated[str, id_argument("follow-up", "todo list")]


def todo_json(todo: Todo, names: dict[int, str], goals: dict[int, str],
              overdue: bool) -> dict[str, Any]:
    return {
        "id": todo.id, "text": todo.text, "owner": todo.owner,
        "person": names.get(todo.person) if todo.person else None,
        "due": todo.due, "overdue": overdue,
        "goal": goals.get(todo.goal) if todo.goal else None,
        "conversation": todo.conversation, "done": todo.done, "created": todo.created,
    }


@app.command("add")
def add_todo(
    text: Annotated[str, typer.Argument(help="What needs doing.", show_default=False)],
    with_: Annotated[str | None, typer.Option(
        "--with", metavar="NAME", help="The person it concerns.",
        autocompletion=complete_person, show_default=False)] = None,
    theirs: Annotated[bool, typer.Option(
        "--theirs", help="They owe it to you (you are waiting on them).")] = False,
    due: Annotated[str | None, typer.Option(
        "--due", metavar="DATE", help="When it is due (e.g. friday, 'in 2 weeks').",
        show_default=False)] = None,
    goal: Annotated[str | None, typer.Option(
        "--goal", metavar="G", help="The goal it serves.", show_default=False)] = None,
) -> None:
    """Add a follow-up."""
    session = current()
    clean = required_text("follow-up", text)
    when = parse_date(due, session.today()).isoformat() if due else None
    if theirs and not with_:
        raise UsageProblem("say who you are waiting on with --with NAME")
    with session.change() as data:
        person = find_person(data, with_) if with_ else None
        target = find_goal(data, goal) if goal else None
        todo = data.insert(Todo(
            text=clean, person=person.id if person else None,
            owner="them" if theirs else "me", due=when,
            goal=target.id if target else None, created=now_stamp()))
    whose = f"waiting on {person.name}" if theirs and person else "yours"
    render.out(f"Added follow-up #{todo.id} ({whose}{', due ' + when if when else ''}).")


@app.command("list")
def list_todos(
    mine: Annotated[bool, typer.Option("--mine", help="Only the ones you owe.")] = False,
    theirs: Annotated[bool, typer.Option(
        "--theirs", help="Only the ones you are waiting on.")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Include done ones.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List follow-ups: open ones first, soonest due first, overdue marked."""
    if mine and theirs:
        raise UsageProblem("choose one of --mine and --theirs")
    session = current()
    today = session.today()
    data = session.read()
    names = {p.id: p.name for p in data.all(Person)}
    goals = {g.id: g.title for g in data.all(Goal)}
    todos = [t for t in data.all(Todo)
             if (all_ or t.done is None)
             and not (mine and t.owner != "me") and not (theirs and t.owner != "them")]
    todos = todo_order(todos)
    if as_json:
        render.emit_json([todo_json(t, names, goals, is_overdue(t, today)) for t in todos])
        return
    if not todos:
        render.err("No open follow-ups." if not all_ else "No follow-ups yet.")
        return
    rows, states = [], []
    for t in todos:
        late = is_overdue(t, today)
        state = "done " + t.done if t.done else ("overdue" if late else "open")
        rows.append([str(t.id), t.text, "you" if t.owner == "me" else "them",
                     names.get(t.person, "") if t.person else "", t.due or "-", state])
        states.append("overdue" if late else ("ok" if t.done else None))
    render.table(
        [render.Column("ID", justify="right"), render.Column("Follow-up", shrink=2),
         render.Column("Who"), render.Column("With", shrink=1, min_width=10),
         render.Column("Due"), render.Column("State")],
        rows, states=states,
    )


def _finish(ident: str, remove: bool) -> Todo:
    session = current()
    with session.change() as data:
        todo = find_by_id(data, Todo, ident, "follow-up")
        if remove:
            data.delete(todo)
        else:
            if todo.done:
                raise UsageProblem(f"follow-up #{todo.id} was already done on {todo.done}")
            todo.done = session.today().isoformat()
            data.save(todo)
    return todo


@app.command("done")
def done(ident: IdArg) -> None:
    """Mark a follow-up done."""
    todo = _finish(ident, remove=False)
    render.out(f"Done: {todo.text}")


@app.command("drop")
def drop(ident: IdArg) -> None:
    """Delete a follow-up that no longer matters."""
    todo = _finish(ident, remove=True)
    render.out(f"Dropped follow-up #{todo.id}: {todo.text}")
