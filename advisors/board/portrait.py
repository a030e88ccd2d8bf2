"""The board as pictures: what each figure of ``advisors report`` shows, as
plain data (the drawing is the view's). Plain functions of the records and
a date.

- The rhythm of every active relationship: a cell per week (a window up to
  two years) or per month (longer), with the conversations in it and where
  the relationship stood at the cell's end: on track, due (past the ideal
  rhythm) or late (past the latest you let go by); blank before they joined.
- The areas of a life against the advisors who cover them.
- Give and take per person over the year (``giving``), the mix of orgs and
  roles (``stocktake``), goals on a time line, dates coming up, agreements
  and the board review with when each is due.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from advisors.board.brief import Brief, brief
from advisors.board.coverage import areaspoken, yours
from advisors.board.followups import whose
from advisors.board.giving import Exchange, exchanges
from advisors.board.occasions import Upcoming, coming
from advisors.board.records import (
    Advice,
    Agreement,
    Conversation,
    Give,
    Goal,
    GoalStatus,
    KeyDate,
    Person,
    Records,
    Review,
    Status,
    Todo,
    Topic,
)
from advisors.board.rhythm import month_starts
from advisors.board.rota import is_set_aside, on_rota, parse_day
from advisors.board.stocktake import Share, mix, review_start
from advisors.cadence import add_cadence, cadence_days

WEEKLY_UP_TO_MONTHS = 24  # a longer window gets a cell per month
BEFORE, OK, DUE, LATE = "", "ok", "due", "late"


@dataclass
class Cell:
    start: date
    end: date  # the last day in it
    talks: int = 0
    state: str = BEFORE


@dataclass
class Row:
    person: Person
    cells: list[Cell]
    ideal: int  # days of the rhythm you aim for
    latest: int  # days you let go by at most (the ideal, without --at-most)

    @property
    def talks(self) -> int:
        return sum(c.talks for c in self.cells)

    @property
    def late(self) -> int:
        return sum(c.state == LATE for c in self.cells)


def spans(as_of: date, months: int) -> list[tuple[date, date]]:
    """The cells of the window, oldest first, the last ending on ``as_of``:
    weeks for a window up to two years, else calendar months."""
    if months <= WEEKLY_UP_TO_MONTHS:
        weeks = round(months * 52 / 12)
        return [
            (as_of - timedelta(days=7 * back + 6), as_of - timedelta(days=7 * back))
            for back in range(weeks - 1, -1, -1)
        ]
    starts = month_starts(as_of, months)
    ends = [s - timedelta(days=1) for s in starts[1:]] + [as_of]
    return list(zip(starts, ends, strict=True))


def rhythm_rows(
    people: Iterable[Person],
    talks: Iterable[Conversation],
    as_of: date,
    months: int,
) -> list[Row]:
    """One row per person on the rota on ``as_of`` (by name); ``talks`` are
    their conversations up to ``as_of`` (older ones tell where a row starts)."""
    window = spans(as_of, months)
    days: dict[int, list[date]] = {}
    for talk in talks:
        day = parse_day(talk.date)
        if day is not None and day <= as_of:
            for person in talk.people:
                days.setdefault(person, []).append(day)
    rows = []
    for p in sorted((p for p in people if on_rota(p, as_of)), key=lambda p: p.name.casefold()):
        mine = sorted(days.get(p.id, []))
        joined = parse_day(p.created[:10]) or (mine[0] if mine else as_of)
        ideal = round(cadence_days(p.cadence))
        latest = round(cadence_days(p.at_most)) if p.at_most else ideal
        cells = []
        for start, end in window:
            cell = Cell(start, end)
            before_end = bisect_right(mine, end)
            cell.talks = before_end - bisect_right(mine, start - timedelta(days=1))
            last = mine[before_end - 1] if before_end else None
            since = last or joined
            if since > end:
                cell.state = BEFORE
            else:
                gap = (end - since).days
                cell.state = LATE if gap > latest else DUE if gap > ideal else OK
            cells.append(cell)
        rows.append(Row(p, cells, ideal, latest))
    return rows


@dataclass
class AreaRow:
    area: str
    people: list[Person]  # the active advisors who cover it


def area_rows(
    people: Sequence[Person], goals: Iterable[Goal], as_of: date, configured: Sequence[str]
) -> list[AreaRow]:
    """Each area of a life with the people on the rota who cover it."""
    active = [p for p in people if on_rota(p, as_of)]
    return [
        AreaRow(area, [p for p in active if area in p.areas])
        for area in areaspoken(active, goals, as_of, configured)
    ]


@dataclass
class GoalMark:
    goal: Goal
    target: date | None
    advisors: list[str]
    owner: str | None = None  # whose, when not yours


def goal_marks(goals: Iterable[Goal], people: Iterable[Person]) -> list[GoalMark]:
    """Open goals, the nearest target first, those without one last."""
    names = {p.id: p.name for p in people}
    marks = [
        GoalMark(
            g,
            parse_day(g.target),
            [names[a] for a in g.advisors if a in names],
            names.get(g.person) if g.person else None,
        )
        for g in goals
        if g.status == GoalStatus.OPEN
    ]
    marks.sort(key=lambda m: (m.target or date.max, m.goal.title.casefold()))
    return marks


@dataclass
class ReviewMark:
    """An agreement's review, or the board's, and when it is due."""

    what: str
    person: Person | None
    due: date
    since: date | None  # the day the terms (or the last board review) were set

    def is_due(self, today: date) -> bool:
        return self.due <= today


def review_marks(
    agreements: Iterable[Agreement],
    people: Iterable[Person],
    reviews: Iterable[Review],
    every: str,
) -> list[ReviewMark]:
    """Every agreement of someone still on the board with its review day,
    and the board review (from the last, or from the day the first person
    still here joined), soonest first."""
    here = [p for p in people if not is_set_aside(p)]
    by_id = {p.id: p for p in here}
    marks = [
        ReviewMark(
            f"Agreement with {by_id[a.person].name}", by_id[a.person], due, parse_day(a.since)
        )
        for a in agreements
        if a.person in by_id and (due := parse_day(a.review)) is not None
    ]
    start = review_start(reviews, here)
    if start is not None:
        day = start[0]
        marks.append(ReviewMark("Board review", None, add_cadence(day, every), day))
    marks.sort(key=lambda m: (m.due, m.what))
    return marks


@dataclass
class Portrait:
    """Everything the report draws, on ``as_of`` over ``months``."""

    as_of: date
    months: int
    rows: list[Row]
    areas: list[AreaRow]
    exchanges: list[Exchange]
    goals: list[GoalMark]
    orgs: list[Share]
    roles: list[Share]
    warnings: list[str]
    dates: list[Upcoming]
    reviews: list[ReviewMark]
    briefs: dict[int, Brief]  # each person in the rhythm, by id


DATES_AHEAD = 60  # the dates coming up that the report shows


def portrait(
    records: Records,
    people: list[Person],
    as_of: date,
    months: int,
    *,
    every: str,
    configured: Sequence[str],
    within: int,
) -> Portrait:
    """The report's figures on ``as_of``, reading the log once for the window."""
    talks = records.newest_conversations(until=as_of.isoformat())
    goals = records.all(Goal)
    advice = records.all(Advice)
    rows = rhythm_rows(people, talks, as_of, months)
    areas = area_rows(people, yours(goals), as_of, configured)
    active = [p for p in people if p.status == Status.ACTIVE]
    orgs, roles, warnings = mix(active)
    here = {p.id for p in people if not is_set_aside(p)}
    # each kind read once (a brief per row must not read them again)
    topics, dates = records.all(Topic), records.all(KeyDate)
    agreements, gives = records.all(Agreement), records.all(Give)
    todos = [t for t in records.all(Todo) if t.done is None]
    concerns = whose(records, todos)
    last: dict[int, Conversation] = {}
    for talk in talks:  # newest first: the first seen is the last
        for person in talk.people:
            last.setdefault(person, talk)
    briefs = {
        r.person.id: brief(
            r.person,
            as_of,
            last=last.get(r.person.id),
            todos=todos,
            concerns=concerns,
            goals=goals,
            advice=advice,
            topics=topics,
            within=within,
            dates=dates,
            agreements=agreements,
            gives=gives,
        )
        for r in rows
    }
    return Portrait(
        as_of=as_of,
        months=months,
        rows=rows,
        areas=areas,
        exchanges=exchanges(people, gives, advice, as_of),
        goals=goal_marks(goals, people),
        orgs=orgs,
        roles=roles,
        warnings=warnings,
        dates=[u for u in coming(dates, as_of, DATES_AHEAD) if u.kept.person in here],
        reviews=review_marks(agreements, people, records.all(Review), every),
        briefs=briefs,
    )
