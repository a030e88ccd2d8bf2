"""Dates that matter to the people on your board: birthdays, anniversaries,
big days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Result, Said
from advisors.board.finding import find_by_id, find_person
from advisors.board.occasions import Upcoming, add_date, coming, next_on
from advisors.board.records import KeyDate, Person
from advisors.board.values import MAX_TEXT, check_text, required_text
from advisors.dates import occasion_day
from advisors.errors import UsageProblem


def _day(board: Board, text: str, yearly: bool) -> str:
    return occasion_day(text, board.today(), yearly=yearly, order=board.config.date_order)


def _words(d: KeyDate, today: date) -> str:
    from advisors.views.occasions import when

    return when(d, today)


def add_occasion(
    board: Board, name: str, label: str, day: str, *, yearly: bool = True, note: str | None = None
) -> Said:
    """Keep a date for someone: yearly (a birthday, with or without its
    year) or once (a baby due)."""
    clean = required_text("label", label)
    when = _day(board, day, yearly)
    if not yearly and date.fromisoformat(when) < board.today():
        raise UsageProblem(f"{when} has passed: a date once is one still to come (or --yearly)")
    with board.change() as data:
        person = find_person(data, name)
        kept = add_date(
            data, person.id, clean, when, yearly=yearly, note=check_text("note", note) or ""
        )
    return Said(
        f"Kept {person.name}'s {kept.label} (date #{kept.id}): {_words(kept, board.today())}.",
        record=kept,
    )


@dataclass
class Occasions(Result):
    as_of: date
    found: list[Upcoming]
    names: dict[int, str]
    passed: list[KeyDate]  # dates once that have gone (listed last)
    within: int | None = None

    def as_json(self) -> Any:
        from advisors.views import shapes

        return [shapes.occasion(u.kept, self.names, u.day, u.days) for u in self.found] + [
            shapes.occasion(d, self.names, None, None) for d in self.passed
        ]

    def show(self) -> None:
        from advisors.views import occasions

        occasions.listing(self.found, self.passed, self.names, self.as_of, self.within)


def list_occasions(
    board: Board, *, name: str | None = None, within: int | None = None
) -> Occasions:
    """Every date (or one person's), next first; ``within`` days only those
    coming that soon."""
    data = board.read()
    today = board.today()
    person = find_person(data, name) if name else None
    dates = [d for d in data.all(KeyDate) if person is None or d.person == person.id]
    names = {p.id: p.name for p in data.all(Person)}
    found = coming(dates, today, within if within is not None else 366 * 4)
    passed = [] if within is not None else [d for d in dates if next_on(d, today) is None]
    return Occasions(today, found, names, passed, within)


def edit_occasion(
    board: Board,
    ident: str | int,
    *,
    label: str | None = None,
    day: str | None = None,
    yearly: bool | None = None,
    note: str | None = None,
) -> Said:
    if label is None and day is None and yearly is None and note is None:
        raise UsageProblem("nothing to change: give --label, --date, --yearly, --once or --note")
    with board.change() as data:
        kept = find_by_id(data, KeyDate, str(ident), "date")
        if yearly is not None:
            kept.yearly = yearly
        if label is not None:
            kept.label = required_text("label", label)
        if day is not None:
            kept.date = _day(board, day, kept.yearly)
        elif yearly is False and kept.date.startswith("--"):
            kept.date = _day(board, kept.date, False)
        if note is not None:
            kept.note = check_text("note", note, most=MAX_TEXT) or ""
        data.save(kept)
    return Said(
        f"Updated date #{kept.id}: {kept.label}, {_words(kept, board.today())}.", record=kept
    )


def drop_occasion(board: Board, ident: str | int) -> Said:
    with board.change() as data:
        kept = find_by_id(data, KeyDate, str(ident), "date")
        data.delete(kept)
    return Said(f"Dropped date #{kept.id}: {kept.label} ({kept.date}).", record=kept)
