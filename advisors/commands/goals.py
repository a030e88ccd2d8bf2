"""Goals: what you want help with, why, and what success looks like."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from advisors.board import goals as rules
from advisors.board.finding import find_goal, find_person
from advisors.board.records import Goal, GoalStatus, Person, Todo
from advisors.board.values import check_area, check_text, required_text
from advisors.commands import CommandSet, completion
from advisors.commands.params import (
    Choice,
    JsonOpt,
    PersonArg,
    future_date_or_none,
    person_option,
    read_date,
    text_option,
)
from advisors.session import current
from advisors.views import console, shapes
from advisors.views import goals as views

app = CommandSet("Goals you are working on, and the advisors who help.", group="goal")

LISTED = Choice(
    (*GoalStatus, "all"), "unknown status {value}: choose open, achieved, dropped or all"
)

GoalArg = Annotated[
    str,
    typer.Argument(
        metavar="G",
        help="The goal: its id or a unique part of its title.",
        show_default=False,
        click_type=completion.GOAL,
    ),
]
GapOpt = Annotated[str | None, text_option("--gap", "The gap you want to fill.")]
WhyOpt = Annotated[str | None, text_option("--why", "Why it matters to you.")]
SuccessOpt = Annotated[str | None, text_option("--success", "What success looks like.")]
AreaOpt = Annotated[str | None, text_option("--area", "The area of life it belongs to.", "AREA")]


@app.command("add")
def add_goal(
    title: Annotated[
        str,
        typer.Argument(metavar="TITLE", help="What you want, in a few words.", show_default=False),
    ],
    gap: GapOpt = None,
    why: WhyOpt = None,
    success: SuccessOpt = None,
    area: AreaOpt = None,
    by: Annotated[str | None, text_option("--by", "Target date (e.g. 2027-06-30).", "DATE")] = None,
    advisor: Annotated[
        list[str] | None, person_option("--advisor", "Someone who helps with it; repeat for more.")
    ] = None,
) -> None:
    """Add a goal, with the gap, the why and what success looks like."""
    session = current()
    goal = Goal(
        title=required_text("goal's title", title),
        gap=check_text("gap", gap) or "",
        why=check_text("why", why) or "",
        success=check_text("success", success) or "",
        area=check_area(area) if area else "",
        target=read_date(by, ahead=True).isoformat() if by else None,
    )
    with session.change() as data:
        helpers = [find_person(data, name) for name in advisor or []]
        goal.advisors = list(dict.fromkeys(p.id for p in helpers))
        rules.add_goal(data, goal)
    names = ", ".join(dict.fromkeys(p.name for p in helpers))
    console.out(f"Added goal #{goal.id}: {goal.title}" + (f", with {names}." if names else "."))


@app.command("list")
def list_goals(
    status: Annotated[
        str, typer.Option("--status", click_type=LISTED, help="Which goals to list.")
    ] = "open",
    as_json: JsonOpt = False,
) -> None:
    """List your goals (open ones unless --status says otherwise)."""
    data = current().read()
    names = {p.id: p.name for p in data.all(Person)}
    goals = [g for g in data.all(Goal) if status == "all" or g.status == status]
    goals.sort(key=lambda g: (g.target is None, g.target or "", g.id))
    if as_json:
        console.emit_json([shapes.goal(g, names) for g in goals])
    else:
        views.goal_list(goals, names, status=status)


@app.command("show")
def show_goal(goal_ref: GoalArg, as_json: JsonOpt = False) -> None:
    """One goal: gap, why, success, advisors, talks and follow-ups."""
    data = current().read()
    goal = find_goal(data, goal_ref)
    names = {p.id: p.name for p in data.all(Person)}
    talks = data.newest_conversations(keep=lambda doc: goal.id in doc.get("goals", ()))
    todos = [t for t in data.all(Todo) if t.goal == goal.id and t.done is None]
    if as_json:
        console.emit_json(shapes.goal_detail(goal, names, talks, todos))
    else:
        views.goal_page(goal, names, talks, todos)


@app.command("edit")
def edit_goal(
    goal_ref: GoalArg,
    title: Annotated[str | None, text_option("--title", "A new title.")] = None,
    gap: GapOpt = None,
    why: WhyOpt = None,
    success: SuccessOpt = None,
    area: AreaOpt = None,
    by: Annotated[str | None, text_option("--by", "Target date; 'none' clears it.", "DATE")] = None,
) -> None:
    """Change a goal's title, gap, why, success, area or target date."""
    session = current()
    changes: dict[str, Any] = {}
    if title is not None:
        changes["title"] = required_text("goal's title", title)
    for key, value in (("gap", gap), ("why", why), ("success", success)):
        if value is not None:
            changes[key] = check_text(key, value)
    if area is not None:  # an empty --area clears it
        changes["area"] = check_area(area) if area.strip() else ""
    if by is not None:
        changes["target"] = future_date_or_none(by)
    with session.change() as data:
        goal = rules.edit_goal(data, find_goal(data, goal_ref), changes)
    console.out(f"Updated goal #{goal.id}: {goal.title}.")


@app.command("link")
def link(goal_ref: GoalArg, name: PersonArg) -> None:
    """Link an advisor to a goal they help with."""
    with current().change() as data:
        person = find_person(data, name)
        goal = rules.link(data, find_goal(data, goal_ref), person)
    console.out(f"{person.name} now helps with goal #{goal.id}: {goal.title}.")


@app.command("unlink")
def unlink(goal_ref: GoalArg, name: PersonArg) -> None:
    """Unlink an advisor from a goal."""
    with current().change() as data:
        person = find_person(data, name)
        goal = rules.unlink(data, find_goal(data, goal_ref), person)
    console.out(f"{person.name} no longer linked to goal #{goal.id}: {goal.title}.")


def _close(goal_ref: str, status: GoalStatus) -> Goal:
    session = current()
    with session.change() as data:
        return rules.close(data, find_goal(data, goal_ref), status, session.today())


@app.command("done")
def done(goal_ref: GoalArg) -> None:
    """Mark a goal achieved."""
    goal = _close(goal_ref, GoalStatus.ACHIEVED)
    helpers = "" if not goal.advisors else " Tell the people who helped: it closes the loop."
    console.out(f"Achieved: {goal.title}. Well done!{helpers}")


@app.command("drop")
def drop(goal_ref: GoalArg) -> None:
    """Drop a goal you no longer pursue (it stays in the record)."""
    goal = _close(goal_ref, GoalStatus.DROPPED)
    console.out(f"Dropped goal #{goal.id}: {goal.title}.")
