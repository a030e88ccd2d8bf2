"""The main view: who is due for a conversation."""

from __future__ import annotations

from advisors.board.due import who_is_due
from advisors.board.records import Person
from advisors.board.values import check_area
from advisors.commands import CommandSet
from advisors.commands.params import (
    AreaOpt,
    AsOfOpt,
    JsonOpt,
    RoleOpt,
    WithinOpt,
    as_of_date,
)
from advisors.session import current
from advisors.views import console, shapes
from advisors.views import due as views

app = CommandSet()


@app.command()
def due(
    as_of: AsOfOpt = None,
    within: WithinOpt = None,
    role: RoleOpt = None,
    area: AreaOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Who is due for a conversation, most urgent first (the main view).

    Most urgent means most overdue relative to their rhythm: days since you
    last talked divided by how often you mean to talk.
    """
    session = current()
    day = as_of_date(as_of, session.today())
    window = session.config.within if within is None else within
    report = who_is_due(
        session.read().all(Person),
        day,
        within=window,
        role=role,
        area=check_area(area) if area else None,
    )
    if as_json:
        console.emit_json(shapes.due_report(report))
    else:
        views.report(report, filtered=bool(role or area))
