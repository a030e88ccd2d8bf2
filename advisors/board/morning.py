"""``today``: the one screen for the morning. Like the digest, each part
holds only what needs you now, so a calm morning says nothing:

- people overdue, never talked to, or due today;
- your follow-ups due today or before;
- the dates that matter today and in the coming week;
- advice you tried and know the outcome of: tell them how it went;
- the meetings an import logged from your calendar since yesterday, to check.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from advisors.board.advice import REPORT, advice_state
from advisors.board.agreements import ReviewDue, reviews_due
from advisors.board.due import NEVER, OVERDUE, Standing, who_is_due
from advisors.board.occasions import Upcoming, coming
from advisors.board.records import Advice, Agreement, Conversation, KeyDate, Owner, Person, Todo

# The dates shown: today and the coming week.
DATES_AHEAD = 7


@dataclass
class Morning:
    as_of: date
    due: list[Standing] = field(default_factory=list)
    todos: list[Todo] = field(default_factory=list)
    dates: list[Upcoming] = field(default_factory=list)
    to_report: list[Advice] = field(default_factory=list)
    imported: list[Conversation] = field(default_factory=list)
    agreements: list[ReviewDue] = field(default_factory=list)  # to look at together

    @property
    def needs_attention(self) -> bool:
        return any(
            (self.due, self.todos, self.dates, self.to_report, self.imported, self.agreements)
        )


def morning(
    people: list[Person],
    todos: list[Todo],
    advice: list[Advice],
    dates: list[KeyDate],
    recent: list[Conversation],
    as_of: date,
    agreements: Iterable[Agreement] = (),
) -> Morning:
    """``recent``: the conversations of the last weeks, among which those
    logged from a calendar since yesterday are shown."""
    report = who_is_due(people, as_of, within=0)
    since = (as_of - timedelta(days=1)).isoformat()
    today = as_of.isoformat()
    here = {p.id for p in people}
    return Morning(
        as_of=as_of,
        due=[s for s in report.people if s.state in (OVERDUE, NEVER) or s.next_due <= as_of],
        todos=sorted(
            (
                t
                for t in todos
                if t.owner == Owner.ME and t.done is None and t.due and t.due <= today
            ),
            key=lambda t: (t.due or "", t.id),
        ),
        dates=[u for u in coming(dates, as_of, DATES_AHEAD) if u.kept.person in here],
        to_report=[a for a in advice if advice_state(a) == REPORT],
        imported=sorted(
            (c for c in recent if c.source == "calendar" and c.created[:10] >= since),
            key=lambda c: (c.date, c.id),
        ),
        agreements=reviews_due(agreements, people, as_of),
    )
