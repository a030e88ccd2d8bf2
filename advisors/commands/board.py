"""The whole board at a glance, and the rhythm of each relationship."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

import typer

from advisors.board import coverage
from advisors.board.finding import find_person
from advisors.board.records import Advice, Goal, Person
from advisors.board.rhythm import rhythm, rhythms, window_start
from advisors.board.rota import on_rota
from advisors.commands import CommandSet, completion
from advisors.commands.params import (
    AsOfOpt,
    JsonOpt,
    WholeNumber,
    as_of_date,
)
from advisors.session import current
from advisors.views import board as views
from advisors.views import console, shapes
from advisors.views.people import empty_board

app = CommandSet()


@app.command()
def board(as_of: AsOfOpt = None, as_json: JsonOpt = False) -> None:
    """The areas of your life against your advisors: coverage, gaps, balance.

    Rows are the areas in the config's 'areas' list (career, wellness,
    spirituality, community and family by default), and any area an active
    advisor or an open goal names.
    """
    session = current()
    day = as_of_date(as_of, session.today())
    data = session.read()
    people = data.all(Person)
    recent = data.newest_conversations(
        since=(day - timedelta(days=coverage.RECENT_DAYS)).isoformat(), until=day.isoformat()
    )
    latest: dict[int, str] = {}
    for person in people:
        if not on_rota(person, day):
            continue
        if person.last_contact and person.last_contact <= day.isoformat():
            latest[person.id] = person.last_contact
        elif person.last_contact:  # as of a day before their last contact
            found = data.newest_conversations(1, person=person.id, until=day.isoformat())
            if found:
                latest[person.id] = found[0].date
    result = coverage.board(
        people,
        data.all(Goal),
        recent,
        data.all(Advice),
        day,
        latest=latest,
        configured=session.config.areas,
        within=session.config.within,
    )
    if as_json:
        console.emit_json(shapes.board(result))
    elif not people:
        empty_board()
    else:
        views.board(result)


@app.command()
def stats(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="NAME",
            click_type=completion.PERSON,
            show_default=False,
            help="Only this person, with the gaps longer than their rhythm.",
        ),
    ] = None,
    months: Annotated[
        int,
        typer.Option(
            "--months",
            metavar="N",
            click_type=WholeNumber(1, 120, "--months", "months"),
            help="How many months to look back.",
        ),
    ] = 12,
    as_of: AsOfOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """How consistently you keep in touch, least consistent first.

    Consistency is the share of someone's cadence periods in the window that
    had at least one conversation (a period still running counts once it has
    one); a gap is the days between two conversations in a row. Someone who
    joined during the window is measured from their first conversation or the
    day they were added, whichever is earlier.
    """
    session = current()
    day = as_of_date(as_of, session.today())
    data = session.read()
    since = window_start(day, months)
    if name is not None:
        person = find_person(data, name)
        talks = data.newest_conversations(person=person.id, until=day.isoformat())
        found = [rhythm(person, [date.fromisoformat(t.date) for t in talks], day, months)]
    else:
        people = [p for p in data.all(Person) if on_rota(p, day)]
        talks = data.newest_conversations(since=since.isoformat(), until=day.isoformat())
        for person in people:  # added during the window, with older conversations?
            if person.created[:10] > since.isoformat():
                talks += data.newest_conversations(1, person=person.id, until=since.isoformat())
        found = rhythms(people, talks, day, months)
    if as_json:
        document = [shapes.rhythm(r, day, months) for r in found]
        console.emit_json(
            document[0]
            if name is not None
            else {"as_of": day.isoformat(), "months": months, "people": document}
        )
    elif not found:
        empty_board()
    elif name is not None:
        views.one_rhythm(found[0], day, months)
    else:
        views.rhythms(found, day, months)
