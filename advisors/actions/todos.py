"""Follow-ups: the ones you owe, and the ones you are waiting on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Result, Said
from advisors.board.finding import find_by_id, find_goal, find_person
from advisors.board.followups import Whose, drop, is_overdue, todo_order, whose
from advisors.board.followups import add_todo as add_rule
from advisors.board.followups import edit_todo as edit_rule
from advisors.board.followups import finish_todo as finish
from advisors.board.records import Goal, Owner, Todo
from advisors.board.values import MAX_TEXT, required_text
from advisors.errors import UsageProblem

NO_CHANGE: Any = object()  # for edit_todo: leave the field as it is


def add_todo(
    board: Board,
    text: str,
    *,
    person: str | None = None,
    theirs: bool = False,
    due: date | None = None,
    goal: str | None = None,
) -> Said:
    """A follow-up you owe (or, ``theirs``, one you wait on from ``person``)."""
    clean = required_text("follow-up", text, most=MAX_TEXT)
    if theirs and not person:
        raise UsageProblem("say who you are waiting on with --with NAME")
    with board.change() as data:
        who = find_person(data, person) if person else None
        target = find_goal(data, goal) if goal else None
        todo = add_rule(
            data,
            Todo(
                text=clean,
                person=who.id if who else None,
                owner=Owner.THEM if theirs else Owner.ME,
                due=due.isoformat() if due else None,
                goal=target.id if target else None,
            ),
        )
    owner = f"waiting on {who.name}" if theirs and who else "yours"
    when = f", due {todo.due}" if todo.due else ""
    return Said(f"Added follow-up #{todo.id} ({owner}{when}).", record=todo)


@dataclass
class Todos(Result):
    todos: list[Todo]
    concerns: Whose
    goals: dict[int, str]
    today: date
    include_done: bool

    def as_json(self) -> Any:
        from advisors.views import shapes

        return [
            shapes.todo(t, self.concerns, self.goals, is_overdue(t, self.today)) for t in self.todos
        ]

    def show(self) -> None:
        from advisors.views import followups

        followups.todo_list(self.todos, self.concerns, self.today, all_=self.include_done)


def list_todos(
    board: Board, *, mine: bool = False, theirs: bool = False, include_done: bool = False
) -> Todos:
    """Open ones first, soonest due first."""
    if mine and theirs:
        raise UsageProblem("choose one of --mine and --theirs")
    data = board.read()
    todos = todo_order(
        t
        for t in data.all(Todo)
        if (include_done or t.done is None)
        and not (mine and t.owner != Owner.ME)
        and not (theirs and t.owner != Owner.THEM)
    )
    goals = {g.id: g.title for g in data.all(Goal)}
    return Todos(todos, whose(data, todos), goals, board.today(), include_done)


def edit_todo(
    board: Board,
    ident: str | int,
    *,
    text: str | None = None,
    due: date | None = NO_CHANGE,
    person: str | None = NO_CHANGE,
    goal: str | None = NO_CHANGE,
) -> Said:
    """Change what is given; None clears the due date, the person or the goal."""
    changes: dict[str, object] = {}
    if text is not None:
        changes["text"] = required_text("follow-up", text, most=MAX_TEXT)
    if due is not NO_CHANGE:
        changes["due"] = due.isoformat() if due else None
    with board.change() as data:
        if person is not NO_CHANGE:
            changes["person"] = find_person(data, person).id if person else None
        if goal is not NO_CHANGE:
            changes["goal"] = find_goal(data, goal).id if goal else None
        todo = edit_rule(data, find_by_id(data, Todo, str(ident), "follow-up"), changes)
    when = f" (due {todo.due})." if todo.due else "."
    return Said(f"Updated follow-up #{todo.id}: {todo.text}" + when, record=todo)


def finish_todo(board: Board, ident: str | int) -> Said:
    with board.change() as data:
        todo = finish(data, find_by_id(data, Todo, str(ident), "follow-up"), board.today())
    return Said(f"Done: {todo.text}", record=todo)


def drop_todo(board: Board, ident: str | int) -> Said:
    with board.change() as data:
        todo = drop(data, find_by_id(data, Todo, str(ident), "follow-up"))
    return Said(f"Dropped follow-up #{todo.id}: {todo.text}", record=todo)
