"""What the weekly reminder says: plain functions of the data and a date.

Each section holds only what needs attention, so a calm board's mail is
empty and cron sends nothing:

- people overdue or due within the window, and your follow-ups past due or
  due within it, every week;
- what you wait on from others once it is past due or due within the
  window, or, undated, once it is older than that person's rhythm;
- advice waiting for a decision or a report back, and areas of open goals
  that nobody covers, when new (within the window) and otherwise in the
  first digest of each month (days 1 to 7);
- goals whose target is within 30 days;
- the dates that matter (birthdays...) within ``dates_within`` days;
- agreements whose review date has come, and the board review when
  ``review_every`` has passed since the last one.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from advisors.board.advice import DECIDE, REPORT, advice_state
from advisors.board.agreements import ReviewDue, reviews_due
from advisors.board.coverage import NOBODY, Gap, gaps, yours
from advisors.board.due import DUE, NEVER, OVERDUE, SOON, Standing, who_is_due
from advisors.board.occasions import DATES_WITHIN, Upcoming, coming
from advisors.board.records import (
    Advice,
    Agreement,
    Goal,
    GoalStatus,
    KeyDate,
    Owner,
    Person,
    Review,
    Todo,
)
from advisors.board.rota import parse_day
from advisors.board.stocktake import REVIEW_EVERY, review_due
from advisors.cadence import DEFAULT_CADENCE, add_cadence

GOAL_HORIZON_DAYS = 30


@dataclass
class Digest:
    as_of: date
    within: int
    reconnect: list[Standing] = field(default_factory=list)
    due_soon: list[Standing] = field(default_factory=list)
    my_todos: list[Todo] = field(default_factory=list)
    waiting: list[Todo] = field(default_factory=list)
    to_decide: list[Advice] = field(default_factory=list)
    to_report: list[Advice] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    coming: list[Upcoming] = field(default_factory=list)  # dates that matter, soon
    agreements: list[ReviewDue] = field(default_factory=list)  # to look at together
    board_review: str | None = None  # "Time to review your board: ..."

    @property
    def needs_attention(self) -> bool:
        return any(
            (
                self.reconnect,
                self.due_soon,
                self.my_todos,
                self.waiting,
                self.to_decide,
                self.to_report,
                self.goals,
                self.gaps,
                self.coming,
                self.agreements,
                self.board_review,
            )
        )


def goal_gaps(people: list[Person], goals: list[Goal], as_of: date) -> list[Gap]:
    """The gaps the digest mentions: areas of open goals that no active advisor
    covers (``board`` shows these among the rest; one definition for both)."""
    return [g for g in gaps(people, goals, as_of, configured=()) if g.kind == NOBODY and g.goals]


def build_digest(
    people: list[Person],
    todos: list[Todo],
    advice: list[Advice],
    goals: list[Goal],
    as_of: date,
    *,
    within: int = 7,
    dates: list[KeyDate] | None = None,
    dates_within: int = DATES_WITHIN,
    agreements: Iterable[Agreement] = (),
    reviews: Iterable[Review] = (),
    review_every: str = REVIEW_EVERY,
) -> Digest:
    goals = yours(goals)
    report = who_is_due(people, as_of, within=within)
    soon_limit = (as_of + timedelta(days=within)).isoformat()
    goal_limit = (as_of + timedelta(days=GOAL_HORIZON_DAYS)).isoformat()
    open_todos = sorted(
        (t for t in todos if t.done is None), key=lambda t: (t.due or "9999-99-99", t.id)
    )
    cadences = {p.id: p.cadence for p in people}
    since = (as_of - timedelta(days=within)).isoformat()
    monthly = as_of.day <= 7  # the first digest of the month

    def waiting_now(todo: Todo) -> bool:
        """Past due or due soon; undated, once it is older than their rhythm."""
        if todo.due:
            return todo.due <= soon_limit
        asked = parse_day(todo.created[:10])
        rhythm = cadences.get(todo.person or 0, DEFAULT_CADENCE)
        return asked is None or add_cadence(asked, rhythm) <= as_of

    def advice_now(piece: Advice) -> bool:
        """New advice every week; the rest in the first digest of the month.
        Advice to report back on is new from the day its outcome was
        recorded (not the day it was given)."""
        if advice_state(piece) == REPORT:
            recorded = piece.stamps.get("outcome") or piece.updated or piece.given
            return monthly or recorded[:10] > since
        return monthly or piece.given > since

    new_goals = {g.area for g in goals if g.created[:10] > since}
    return Digest(
        as_of=as_of,
        within=within,
        reconnect=sorted(
            (s for s in report.people if s.state in (OVERDUE, NEVER)),
            key=lambda s: (s.next_due, s.person.name.casefold()),
        ),
        due_soon=sorted(
            (s for s in report.people if s.state in (DUE, SOON)),
            key=lambda s: (s.next_due, s.person.name.casefold()),
        ),
        my_todos=[t for t in open_todos if t.owner == Owner.ME and t.due and t.due <= soon_limit],
        waiting=[t for t in open_todos if t.owner == Owner.THEM and waiting_now(t)],
        to_decide=[a for a in advice if advice_state(a) == DECIDE and advice_now(a)],
        to_report=[a for a in advice if advice_state(a) == REPORT and advice_now(a)],
        goals=sorted(
            (
                g
                for g in goals
                if g.status == GoalStatus.OPEN and g.target and g.target <= goal_limit
            ),
            key=lambda g: (g.target, g.id),
        ),
        gaps=[g for g in goal_gaps(people, goals, as_of) if monthly or g.area in new_goals],
        coming=_of_people_here(coming(dates or [], as_of, dates_within), people),
        agreements=reviews_due(agreements, people, as_of),
        board_review=review_due(reviews, people, as_of, review_every),
    )


def _of_people_here(found: list[Upcoming], people: list[Person]) -> list[Upcoming]:
    """The dates of the people still on the board (an archived person's too:
    a birthday wish costs nothing)."""
    here = {p.id for p in people}
    return [u for u in found if u.kept.person in here]
