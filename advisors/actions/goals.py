"""Goals: what you want help with, why, and what success looks like."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Result, Said
from advisors.board import goals as rules
from advisors.board.finding import find_goal, find_person
from advisors.board.records import Conversation, Goal, GoalStatus, Person, Todo
from advisors.board.values import check_area, check_text, required_text

NO_CHANGE: Any = object()  # for edit_goal: leave the target as it is


def add_goal(
    board: Board,
    title: str,
    *,
    gap: str | None = None,
    why: str | None = None,
    success: str | None = None,
    area: str | None = None,
    target: date | None = None,
    advisors: list[str] | None = None,
    for_person: str | None = None,
) -> Said:
    """A goal, with the gap, the why, what success looks like, and who helps;
    ``for_person`` makes it theirs (a mentee's), shown in their prep and
    never among your board's gaps."""
    goal = Goal(
        title=required_text("goal's title", title),
        gap=check_text("gap", gap) or "",
        why=check_text("why", why) or "",
        success=check_text("success", success) or "",
        area=check_area(area) if area else "",
        target=target.isoformat() if target else None,
    )
    with board.change() as data:
        helpers = [find_person(data, name) for name in advisors or []]
        goal.advisors = list(dict.fromkeys(p.id for p in helpers))
        owner = find_person(data, for_person) if for_person is not None else None
        goal.person = owner.id if owner else None
        rules.add_goal(data, goal)
    names = ", ".join(dict.fromkeys(p.name for p in helpers))
    whose = f" for {owner.name}" if owner else ""
    return Said(
        f"Added goal #{goal.id}{whose}: {goal.title}" + (f", with {names}." if names else "."),
        record=goal,
    )


@dataclass
class Goals(Result):
    goals: list[Goal]
    names: dict[int, str]
    status: str

    def as_json(self) -> Any:
        from advisors.views import shapes

        return [shapes.goal(g, self.names) for g in self.goals]

    def show(self) -> None:
        from advisors.views import goals

        goals.goal_list(self.goals, self.names, status=self.status)


def list_goals(board: Board, *, status: GoalStatus | str = GoalStatus.OPEN) -> Goals:
    """Goals with ``status`` ("all" for every one), by target date."""
    data = board.read()
    goals = [g for g in data.all(Goal) if status == "all" or g.status == status]
    goals.sort(key=lambda g: (g.target is None, g.target or "", g.id))
    return Goals(goals, {p.id: p.name for p in data.all(Person)}, str(status))


@dataclass
class GoalPage(Result):
    goal: Goal
    names: dict[int, str]
    talks: list[Conversation]
    todos: list[Todo]

    def as_json(self) -> Any:
        from advisors.views import shapes

        return shapes.goal_detail(self.goal, self.names, self.talks, self.todos)

    def show(self) -> None:
        from advisors.views import goals

        goals.goal_page(self.goal, self.names, self.talks, self.todos)


def show_goal(board: Board, ref: str) -> GoalPage:
    """One goal: gap, why, success, advisors, talks and open follow-ups."""
    data = board.read()
    goal = find_goal(data, ref)
    return GoalPage(
        goal,
        {p.id: p.name for p in data.all(Person)},
        data.newest_conversations(keep=lambda doc: goal.id in doc.get("goals", ())),
        [t for t in data.all(Todo) if t.goal == goal.id and t.done is None],
    )


def edit_goal(
    board: Board,
    ref: str,
    *,
    title: str | None = None,
    gap: str | None = None,
    why: str | None = None,
    success: str | None = None,
    area: str | None = None,
    target: date | None = NO_CHANGE,
) -> Said:
    """Change what is given; an empty ``area`` or a ``target`` of None clears it."""
    changes: dict[str, Any] = {}
    if title is not None:
        changes["title"] = required_text("goal's title", title)
    for key, value in (("gap", gap), ("why", why), ("success", success)):
        if value is not None:
            changes[key] = check_text(key, value)
    if area is not None:
        changes["area"] = check_area(area) if area.strip() else ""
    if target is not NO_CHANGE:
        changes["target"] = target.isoformat() if target else None
    with board.change() as data:
        goal = rules.edit_goal(data, find_goal(data, ref), changes)
    return Said(f"Updated goal #{goal.id}: {goal.title}.", record=goal)


def link_goal(board: Board, ref: str, name: str) -> Said:
    """Someone helps with a goal."""
    with board.change() as data:
        person = find_person(data, name)
        goal = rules.link(data, find_goal(data, ref), person)
    return Said(f"{person.name} now helps with goal #{goal.id}: {goal.title}.", record=goal)


def unlink_goal(board: Board, ref: str, name: str) -> Said:
    with board.change() as data:
        person = find_person(data, name)
        goal = rules.unlink(data, find_goal(data, ref), person)
    return Said(f"{person.name} no longer linked to goal #{goal.id}: {goal.title}.", record=goal)


def close_goal(board: Board, ref: str, status: GoalStatus) -> Said:
    """A goal achieved, or dropped (it stays in the record)."""
    with board.change() as data:
        goal = rules.close(data, find_goal(data, ref), GoalStatus(status), board.today())
    if status == GoalStatus.ACHIEVED:
        helpers = "" if not goal.advisors else " Tell the people who helped: it closes the loop."
        return Said(f"Achieved: {goal.title}. Well done!{helpers}", record=goal)
    return Said(f"Dropped goal #{goal.id}: {goal.title}.", record=goal)
