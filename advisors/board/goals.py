"""Goals: what you want help with, and the advisors who help."""

from __future__ import annotations

from datetime import date
from typing import Any

from advisors.board.records import Goal, GoalStatus, Person, Records, now_stamp
from advisors.errors import UsageProblem


def add_goal(board: Records, goal: Goal) -> Goal:
    for other in board.all(Goal):
        if other.title.casefold() == goal.title.casefold():
            raise UsageProblem(f"there is already a goal #{other.id} {other.title!r}")
    goal.created = now_stamp()
    return board.insert(goal)


def edit_goal(board: Records, goal: Goal, changes: dict[str, Any]) -> Goal:
    if not changes:
        raise UsageProblem("nothing to change: give an option such as --success or --by")
    for key, value in changes.items():
        setattr(goal, key, value)
    board.save(goal)
    return goal


def link(board: Records, goal: Goal, person: Person) -> Goal:
    if person.id not in goal.advisors:
        goal.advisors.append(person.id)
    board.save(goal)
    return goal


def unlink(board: Records, goal: Goal, person: Person) -> Goal:
    if person.id not in goal.advisors:
        raise UsageProblem(f"{person.name} is not linked to goal #{goal.id}")
    goal.advisors.remove(person.id)
    board.save(goal)
    return goal


def close(board: Records, goal: Goal, status: GoalStatus, today: date) -> Goal:
    if goal.status == status:
        raise UsageProblem(f"nothing to change: goal #{goal.id} is already {status}")
    goal.status = status
    goal.closed = today.isoformat()
    board.save(goal)
    return goal
