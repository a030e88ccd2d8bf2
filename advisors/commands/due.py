"""The main view: who is due for a conversation."""

from __future__ import annotations

from typing import Any

import typer

from advisors import render
from advisors.cadence import cadence_span
from advisors.commands.common import (
    AreaOpt,
    AsOfOpt,
    JsonOpt,
    RoleOpt,
    WithinOpt,
    as_of_date,
    check_area,
    check_role,
    soon_window,
)
from advisors.dates import days_ago_words
from advisors.due import NEVER, OVERDUE, SOON, DueReport, Standing, summary, who_is_due
from advisors.models import Person

app = typer.Typer()

def standing_json(s: Standing) -> dict[str, Any]:
    return {
        "id": s.person.id,
        "name": s.person.name,
        "role": s.person.role,
        "areas": s.person.areas,
        "cadence": s.person.cadence,
        "last_contact": s.last_contact.isoformat() if s.last_contact else None,
        "next_due": s.next_due.isoformat(),
        "days_since": s.days_since,
        "days_overdue": s.days_overdue,
        "state": s.state,
        "snoozed_until": s.person.snoozed_until,
        "urgency": None if s.urgency == float("inf") else round(s.urgency, 3),
    }


def report_json(report: DueReport) -> dict[str, Any]:
    return {
        "as_of": report.as_of.isoformat(),
        "people": [standing_json(s) for s in report.people],
        "prospects": [{"id": p.id, "name": p.name, "role": p.role, "areas": p.areas}
                      for p in report.prospects],
        "paused": [{"id": p.id, "name": p.name, "role": p.role, "areas": p.areas,
                    "paused_until": p.paused_until} for p in report.paused],
    }


@app.command()
def due(
    as_of: AsOfOpt = None,
    within: WithinOpt = None,
    role: RoleOpt = None,
    area: AreaOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Who is due for a conversation, most urgent first (the main view)."""
    from advisors.session import current

    session = current()
    day = as_of_date(as_of, session.today())
    window = soon_window(within, session.config)
    wanted_area = check_area(area) if area else None
    report = who_is_due(session.read().all(Person), day, within=window,
                        role=check_role(role), area=wanted_area)
    if as_json:
        render.emit_json(report_json(report))
        return
    print_report(report)


def print_report(report: DueReport) -> None:
    if not report.people and not report.prospects and not report.paused:
        render.out("Your board is empty. Add your first advisor with:")
        render.out('  advisors add "Ana Lopez" --role mentor --area career --every monthly')
        return
    if report.people:
        as_of = report.as_of
        rows, states = [], []
        for s in report.people:
            left = (s.next_due - as_of).days
            if s.state == NEVER:
                state = "never contacted"
            elif s.state == OVERDUE:
                state = f"overdue {s.days_overdue}d"
            elif left == 0:
                state = "due today"
            elif s.state == SOON:
                state = f"due in {left}d"
            else:
                state = "on track"
            rows.append([
                s.person.name,
                s.last_contact.isoformat() if s.last_contact else "never",
                days_ago_words(s.days_since) if s.last_contact else "",
                cadence_span(s.person.cadence),
                s.next_due.isoformat(),
                state,
            ])
            states.append(s.state)
        render.table(
            [
                render.Column("Name", shrink=2, min_width=16),
                render.Column("Last contact"),
                render.Column("Since", shrink=1, drop=2),
                render.Column("Every", drop=1),
                render.Column("Next due"),
                render.Column("State"),
            ],
            rows,
            states=states,
        )
    render.say(summary(report), "bold")
    if report.prospects:
        names = ", ".join(p.name for p in report.prospects)
        render.out(f"Prospects to ask: {names}.")
    if report.paused:
        parts = [f"{p.name} (until {p.paused_until})" if p.paused_until else p.name
                 for p in report.paused]
        render.out(f"Paused: {', '.join(parts)}.")
