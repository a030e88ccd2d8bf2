"""The main view: who is due for a conversation, as a table."""

from __future__ import annotations

from datetime import date
from typing import Any

from advisors.board.due import DUE, NEVER, OVERDUE, SOON, DueReport, Standing, summary
from advisors.cadence import cadence_span
from advisors.dates import days_ago_words
from advisors.views import console
from advisors.views.people import empty_board


def state_words(s: Standing, as_of: date) -> str:
    """``overdue 9d``, ``due in 5d``, ``on track``..."""
    left = (s.next_due - as_of).days
    if s.snoozed and s.state != OVERDUE:
        return f"snoozed to {s.next_due}"
    if s.state == NEVER:
        return "never contacted"
    if s.state == OVERDUE:
        past = (as_of - s.latest).days if s.latest else s.days_overdue
        return f"overdue {past}d"
    if s.state == DUE and s.latest is not None:
        return f"due (latest in {(s.latest - as_of).days}d)"
    if left == 0:
        return "due today"
    if s.state == SOON:
        return f"due in {left}d"
    return "on track"


def report(r: DueReport, *, filtered: bool = False) -> None:
    if not r.people and not r.prospects and not r.paused:
        if filtered:
            console.out("Nobody matches those filters.")
            return
        empty_board()
        return
    if r.people:
        rows, states = [], []
        for s in r.people:
            state = state_words(s, r.as_of)
            rows.append(
                [
                    s.person.name,
                    s.last_contact.isoformat() if s.last_contact else "never",
                    days_ago_words(s.days_since) if s.last_contact else "",
                    cadence_span(s.person.cadence)
                    + (f"-{cadence_span(s.person.at_most)}" if s.person.at_most else ""),
                    s.next_due.isoformat(),
                    state,
                ]
            )
            states.append(s.state)
        console.table(
            [
                console.Column("Name", min_width=16),
                console.Column("Last contact"),
                console.Column("Since", drop=2),
                console.Column("Every", drop=1),
                console.Column("Next due"),
                console.Column("State"),
            ],
            rows,
            states=states,
        )
    console.say(summary(r), "bold")
    if r.prospects:
        console.out(f"Prospects to ask: {_at_most(r.prospects, 'prospect')}.")
    if r.paused:
        parts = [
            f"{p.name} (until {p.paused_until})" if p.paused_until else p.name for p in r.paused
        ]
        console.out(f"Paused: {', '.join(parts)}.")


NAMED = 5  # a line of prospects names this many, then says how many more


def _at_most(people: list[Any], status: str) -> str:
    """The first few names, then how many more and where to see them all: a
    phone's address book brought in as prospects is thousands of names."""
    if len(people) <= NAMED:
        return ", ".join(p.name for p in people)
    shown = ", ".join(p.name for p in people[:NAMED])
    return f"{shown} and {len(people) - NAMED:,} more ('advisors list --status {status}')"
