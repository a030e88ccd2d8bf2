"""Dates that matter, in words: "14 March (in 5 days, turns 42)"."""

from __future__ import annotations

from datetime import date

from advisors.board.occasions import Upcoming, next_on
from advisors.board.records import KeyDate
from advisors.dates import days_words
from advisors.views import console


def day_words(day: str) -> str:
    """A stored date for people: "14 March" (no year), "14 March 1985"."""
    if day.startswith("--"):
        return date(2000, int(day[2:4]), int(day[5:7])).strftime("%-d %B")
    return date.fromisoformat(day).strftime("%-d %B %Y")


def soon_words(days: int) -> str:
    return "today" if days == 0 else "tomorrow" if days == 1 else f"in {days_words(days)}"


def when(d: KeyDate, today: date) -> str:
    """The date, how often, and when next: "14 March, every year (in 5 days)"."""
    upcoming = next_on(d, today)
    every = "every year" if d.yearly else "once"
    if upcoming is None:
        return f"{day_words(d.date)}, {every} (passed)"
    return f"{day_words(d.date)}, {every} ({soon_words((upcoming - today).days)})"


def line(u: Upcoming, names: dict[int, str]) -> str:
    """One coming date: "Ana Lopez's birthday, 14 March (in 5 days, turns 42)"."""
    extra = f", turns {u.age}" if u.age and u.kept.label.casefold() == "birthday" else ""
    extra = extra or (f", {u.age} years" if u.age else "")
    who = names.get(u.kept.person, f"#{u.kept.person}")
    return f"{who}'s {u.kept.label}, {u.day.strftime('%-d %B')} ({soon_words(u.days)}{extra})"


def listing(
    found: list[Upcoming],
    passed: list[KeyDate],
    names: dict[int, str],
    today: date,
    within: int | None,
) -> None:
    if not found and not passed:
        if within is not None:
            console.out(f"No dates in the next {days_words(within)}.")
        else:
            console.out('No dates kept yet. Add one with: advisors date add NAME birthday "14 Mar"')
        return
    rows = [
        [
            str(u.kept.id),
            names.get(u.kept.person, f"#{u.kept.person}"),
            u.kept.label,
            day_words(u.kept.date),
            soon_words(u.days) + ("" if u.kept.yearly else ", once"),
        ]
        for u in found
    ] + [
        [str(d.id), names.get(d.person, f"#{d.person}"), d.label, day_words(d.date), "passed"]
        for d in passed
    ]
    console.table(
        [
            console.Column("ID", justify="right"),
            console.Column("Who", min_width=10),
            console.Column("What", wrap=True),
            console.Column("Date"),
            console.Column("Next", drop=1),
        ],
        rows,
    )
