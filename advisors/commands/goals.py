"""Goals: what you want help with, why, and what success looks like."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.actions import goals as actions
from advisors.board.records import GoalStatus
from advisors.commands import CommandSet, completion, current, present
from advisors.commands.params import (
    Choice,
    JsonOpt,
    PersonArg,
    clears,
    person_option,
    read_date,
    text_option,
)

app = CommandSet("Goals you are working on, and the advisors who help.", group="goal")

LISTED = Choice(
    (*GoalStatus, "all"),
    "unknown status {value}: choose open, achieved (or done), dropped or all",
    aliases={"done": "achieved"},
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
    for_person: Annotated[
        str | None,
        person_option("--for", "Whose goal it is, if not yours (someone you mentor)."),
    ] = None,
) -> None:
    """Add a goal, with the gap, the why and what success looks like."""
    result = actions.add_goal(
        current(),
        title,
        gap=gap,
        why=why,
        success=success,
        area=area,
        target=read_date(by, ahead=True) if by else None,
        advisors=advisor,
        for_person=for_person,
    )
    present(result)


@app.command("list")
def list_goals(
    status: Annotated[
        str, typer.Option("--status", click_type=LISTED, help="Which goals to list.")
    ] = "open",
    as_json: JsonOpt = False,
) -> None:
    """List your goals (open ones unless --status says otherwise)."""
    present(actions.list_goals(current(), status=status), as_json)


@app.command("show")
def show_goal(goal_ref: GoalArg, as_json: JsonOpt = False) -> None:
    """One goal: gap, why, success, advisors, talks and follow-ups."""
    present(actions.show_goal(current(), goal_ref), as_json)


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
    target = actions.NO_CHANGE
    if by is not None:
        target = None if clears(by) or not by.strip() else read_date(by, ahead=True)
    result = actions.edit_goal(
        current(),
        goal_ref,
        title=title,
        gap=gap,
        why=why,
        success=success,
        area=area,
        target=target,
    )
    present(result)


@app.command("link")
def link(goal_ref: GoalArg, name: PersonArg) -> None:
    """Link an advisor to a goal they help with."""
    present(actions.link_goal(current(), goal_ref, name))


@app.command("unlink")
def unlink(goal_ref: GoalArg, name: PersonArg) -> None:
    """Unlink an advisor from a goal."""
    present(actions.unlink_goal(current(), goal_ref, name))


@app.command("done")
def done(goal_ref: GoalArg) -> None:
    """Mark a goal achieved."""
    present(actions.close_goal(current(), goal_ref, GoalStatus.ACHIEVED))


@app.command("drop")
def drop(goal_ref: GoalArg) -> None:
    """Drop a goal you no longer pursue (it stays in the record)."""
    present(actions.close_goal(current(), goal_ref, GoalStatus.DROPPED))
