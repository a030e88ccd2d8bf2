"""Goals: what you want help with, why, and what success looks like."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from advisors import render
from advisors.commands.common import (
    JsonOpt,
    check_area,
    check_text,
    complete_person,
    required_text,
    text_option,
)
from advisors.dates import parse_date
from advisors.errors import UsageProblem
from advisors.models import Goal, Person, Todo, now_stamp
from advisors.session import current, find_goal, find_person

app = typer.Typer(help="Goals you are working on, and the advisors who help.",
                  no_args_is_help=True)

GOAL_STATUSES = ("open", "achieved", "dropped")

GoalArg = Annotated[str, typer.Argument(
    metavar="G", help="The goal: its id or a unique part of its title.",
    show_default=False)]


GapOpt = Annotated[str | None, text_option("--gap", "The gap you want to fill.")]
WhyOpt = Annotated[str | None, text_option("--why", "Why it matters to you.")]
SuccessOpt = Annotated[str | None, text_option("--success", "What success looks like.")]
AreaOpt = Annotated[str | None, text_option(
    "--area", "The area of life it belongs to.", "AREA")]


def goal_json(goal: Goal, names: dict[int, str]) -> dict[str, Any]:
    return {
        "id": goal.id, "title": goal.title, "gap": goal.gap, "why": goal.why,
        "success": goal.success, "area": goal.area, "target": goal.target,
        "status": goal.status, "advisors": [names.get(a, f"#{a}") for a in goal.advisors],
        "created": goal.created, "closed": goal.closed, "uid": goal.uid,
    }


@app.command("add")
def add_goal(
    title: Annotated[str, typer.Argument(help="What you want, in a few words.",
                                         show_default=False)],
    gap: GapOpt = None,
    why: WhyOpt = None,
    success: SuccessOpt = None,
    area: AreaOpt = None,
    by: Annotated[str | None, text_option("--by", "Target date (e.g. 2027-06-30).", "DATE")] = None,
    advisor: Annotated[list[str] | None, typer.Option(
        "--advisor", metavar="NAME", help="Someone who helps with it; repeat for more.",
        autocompletion=complete_person, show_default=False)] = None,
) -> None:
    """Add a goal, with the gap, the why and what success looks like."""
    session = current()
    clean = required_text("goal's title", title)
    target = parse_date(by, session.today()).isoformat() if by else None
    with session.change() as data:
        for other in data.all(Goal):
            if other.title.casefold() == clean.casefold():
                raise UsageProblem(f"there is already a goal #{other.id} {other.title!r}")
        people = [find_person(data, name) for name in advisor or []]
        goal = data.insert(Goal(
            title=clean, gap=check_text("gap", gap) or "", why=check_text("why", why) or "",
            success=check_text("success", success) or "",
            area=check_area(area) if area else "",
            target=target, advisors=list(dict.fromkeys(p.id for p in people)),
            created=now_stamp()))
    helpers = ", ".join(p.name for p in people)
    render.out(f"Added goal #{goal.id}: {goal.title}" + (f", with {helpers}." if helpers else "."))


@app.command("list")
def list_goals(
    status: Annotated[str, typer.Option(
        "--status", help="open, achieved, dropped or all.")] = "open",
    as_json: JsonOpt = False,
) -> None:
    """List your goals (open ones unless --status says otherwise)."""
    wanted = status.strip().lower()
    if wanted not in (*GOAL_STATUSES, "all"):
        raise UsageProblem(f"unknown status {status!r}: choose open, achieved, dropped or all")
    data = current().read()
    names = {p.id: p.name for p in data.all(Person)}
    goals = [g for g in data.all(Goal) if wanted == "all" or g.status == wanted]
    goals.sort(key=lambda g: (g.target is None, g.target or "", g.id))
    if as_json:
        render.emit_json([goal_json(g, names) for g in goals])
        return
    if not goals:
        render.err("No goals yet. Add one with: advisors goal add \"Lead a team\" "
                   "--success \"running a team of five\"" if wanted == "open"
                   else "No goals match.")
        return
    render.table(
        [render.Column("ID", justify="right"), render.Column("Goal", shrink=2, min_width=16),
         render.Column("Area", drop=2), render.Column("Target"),
         render.Column("Status", drop=3), render.Column("Advisors", shrink=1)],
        [[str(g.id), g.title, g.area, g.target or "-", g.status,
          ", ".join(names.get(a, f"#{a}") for a in g.advisors) or "nobody yet"]
         for g in goals],
    )


@app.command("show")
def show_goal(goal_ref: GoalArg, as_json: JsonOpt = False) -> None:
    """One goal: gap, why, success, advisors, conversations and follow-ups."""
    data = current().read()
    goal = find_goal(data, goal_ref)
    names = {p.id: p.name for p in data.all(Person)}
    talks = sorted((c for c in data.conversations() if goal.id in c.goals),
                   key=lambda c: (c.date, c.id), reverse=True)
    todos = [t for t in data.all(Todo) if t.goal == goal.id and t.done is None]
    if as_json:
        document = goal_json(goal, names)
        document["conversations"] = [
            {"id": c.id, "date": c.date, "people": [names.get(p, f"#{p}") for p in c.people],
             "notes": c.notes} for c in talks]
        document["todos"] = [{"id": t.id, "text": t.text, "owner": t.owner, "due": t.due}
                             for t in todos]
        render.emit_json(document)
        return
    render.fields(
        [("Status", goal.status + (f" on {goal.closed[:10]}" if goal.closed else "")),
         ("Area", goal.area), ("Target", goal.target or ""), ("Gap", goal.gap),
         ("Why", goal.why), ("Success", goal.success),
         ("Advisors", ", ".join(names.get(a, f"#{a}") for a in goal.advisors) or "nobody yet")],
        title=f"Goal #{goal.id}: {goal.title}",
    )
    if todos:
        render.heading("Open follow-ups")
        for t in todos:
            who = "you" if t.owner == "me" else names.get(t.person or 0, "them")
            render.out(f"  #{t.id} {t.text} ({who}{', due ' + t.due if t.due else ''})")
    if talks:
        render.heading("Conversations about it")
        for c in talks:
            people = ", ".join(names.get(p, f"#{p}") for p in c.people)
            render.out(render.clip(f"  {c.date}  {people}: {c.notes}", render.width()))


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
        changes["target"] = (None if by.strip().lower() in ("none", "")
                             else parse_date(by, session.today()).isoformat())
    if not changes:
        raise UsageProblem("nothing to change: give an option such as --success or --by")
    with session.change() as data:
        goal = find_goal(data, goal_ref)
        for key, value in changes.items():
            setattr(goal, key, value)
        data.save(goal)
    render.out(f"Updated goal #{goal.id}: {goal.title}.")


def _link(goal_ref: str, name: str, linked: bool) -> None:
    session = current()
    with session.change() as data:
        goal = find_goal(data, goal_ref)
        person = find_person(data, name)
        if linked and person.id not in goal.advisors:
            goal.advisors.append(person.id)
        elif not linked:
            if person.id not in goal.advisors:
                raise UsageProblem(f"{person.name} is not linked to goal #{goal.id}")
            goal.advisors.remove(person.id)
        data.save(goal)
    verb = "now helps with" if linked else "no longer linked to"
    render.out(f"{person.name} {verb} goal #{goal.id}: {goal.title}.")


PersonName = Annotated[str, typer.Argument(
    metavar="NAME", help="The person: their id, or a unique part of their name.",
    autocompletion=complete_person, show_default=False)]


@app.command("link")
def link(goal_ref: GoalArg, name: PersonName) -> None:
    """Link an advisor to a goal they help with."""
    _link(goal_ref, name, True)


@app.command("unlink")
def unlink(goal_ref: GoalArg, name: PersonName) -> None:
    """Unlink an advisor from a goal."""
    _link(goal_ref, name, False)


def _close(goal_ref: str, status: str) -> Goal:
    session = current()
    with session.change() as data:
        goal = find_goal(data, goal_ref)
        goal.status = status
        goal.closed = session.today().isoformat()
        data.save(goal)
    return goal


@app.command("done")
def done(goal_ref: GoalArg) -> None:
    """Mark a goal achieved."""
    goal = _close(goal_ref, "achieved")
    helpers = "" if not goal.advisors else " Tell the people who helped: it closes the loop."
    render.out(f"Achieved: {goal.title}. Well done!{helpers}")


@app.command("drop")
def drop(goal_ref: GoalArg) -> None:
    """Drop a goal you no longer pursue (it stays in the record)."""
    goal = _close(goal_ref, "dropped")
    render.out(f"Dropped goal #{goal.id}: {goal.title}.")
