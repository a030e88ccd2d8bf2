"""The roster and one person's profile, as text."""

from __future__ import annotations

from datetime import date
from typing import Any

from advisors.board.advice import advice_state
from advisors.board.due import next_due
from advisors.board.records import (
    Advice,
    Agreement,
    Conversation,
    Give,
    Goal,
    KeyDate,
    Owner,
    Person,
    Status,
    Todo,
    Topic,
    split_list,
)
from advisors.cadence import cadence_span, cadence_words
from advisors.dates import days_ago_words
from advisors.views import console, occasions, street

EMPTY_BOARD = (
    "Your board is empty. Add your first advisor with:\n"
    '  advisors add "Ana Lopez" --role mentor --area career --every monthly'
)


def empty_board() -> None:
    """The friendly start that every view of an empty board gives."""
    console.out(EMPTY_BOARD)


def roster(
    people: list[Person], as_of: date, *, filtered: bool, archived: int = 0, alumni: int = 0
) -> None:
    """``list``: one line a person."""
    if not people:
        if filtered:
            console.out("Nobody matches those filters.")
        elif archived or alumni:
            aside = " and ".join(
                words
                for count, words in (
                    (archived, f"{archived} archived"),
                    (alumni, f"{alumni} alumni"),
                )
                if count
            )
            console.out(f"Nobody on your board but {aside}; 'list --all' shows them.")
        else:
            empty_board()
        return
    console.table(
        [
            # narrow, what goes first: the last contact (show has it), then
            # the rhythm; role and status stay (paused people and prospects
            # must not look like everyone else)
            console.Column("ID", justify="right"),
            console.Column("Name", min_width=16),
            console.Column("Role", drop=3),
            console.Column("Areas", wrap=True, min_width=8, drop=2),
            console.Column("Status", drop=1),
            console.Column("Every", drop=4),
            console.Column("Last contact", drop=5),
            console.Column("Next due"),
        ],
        [
            [
                str(p.id),
                p.name,
                p.role,
                ", ".join(p.areas),
                p.status,
                cadence_span(p.cadence),
                p.last_contact or "never",
                due.isoformat() if (due := next_due(p, as_of)) else "-",
            ]
            for p in people
        ],
    )


def added(person: Person) -> None:
    console.out(
        f"Added {person.name} (id {person.id}), {person.role}, {cadence_words(person.cadence)}."
    )
    if person.status == Status.ACTIVE:
        console.note(f'Log your first conversation with: advisors log "{person.name}"')


def updated(person: Person) -> None:
    console.out(
        f"Updated {person.name}: {cadence_words(person.cadence)}"
        + (f" (at most {cadence_span(person.at_most)})" if person.at_most else "")
        + ", "
        f"{', '.join(person.areas) or 'no areas'}, {person.status}."
    )


def profile(
    person: Person,
    today: date,
    next_due: str | None,
    *,
    snoozed: bool = False,
    goals: list[Goal],
    todos: list[Todo],
    topics: list[Topic],
    talks: list[Conversation],
    advice: list[Advice],
    dates: list[KeyDate],
    agreement: Agreement | None = None,
    gives: list[Give] | None = None,
) -> None:
    """``show``: details, then what hangs on the person."""
    status = str(person.status)
    if person.status == Status.PAUSED and person.paused_until:
        status = f"paused until {person.paused_until}"
    last = "never"
    if person.last_contact:
        days = (today - date.fromisoformat(person.last_contact)).days
        last = f"{person.last_contact} ({days_ago_words(days)})"
    due = next_due or "-"
    if snoozed:
        due += " (snoozed)"
    console.fields(
        [
            ("Role", person.role),
            ("Areas", ", ".join(person.areas)),
            ("Status", status),
            (
                "Cadence",
                cadence_words(person.cadence)
                + (f", at most {cadence_span(person.at_most)}" if person.at_most else ""),
            ),
            ("Last contact", last),
            ("Next due", due),
            ("Why", person.why),
            ("Where they are", person.where),
            ("What they need", person.need),
            ("Email", ", ".join(split_list(person.email))),
            ("Phone", person.phone),
            ("Org", person.org),
            ("Title", person.title),
            ("Web", person.url),
            ("Notes", person.notes),
        ],
        title=f"{person.name} (id {person.id})",
    )
    if dates:
        console.heading("Dates")
        for d in dates:
            note = f"; {d.note}" if d.note else ""
            console.para(f"  #{d.id} {d.label}: {occasions.when(d, today)}{note}", hang=4)
    if agreement is not None:
        console.heading("Agreement")
        for line in street.agreement_lines(agreement, today):
            console.para(f"  {line}", hang=4)
    if goals:
        console.heading("Goals")
        for g in goals:
            whose = " (theirs)" if g.person == person.id else ""
            console.para(f"  #{g.id} {g.title}{whose} [{g.status}]", hang=4)
    mine = [t for t in todos if t.owner == Owner.ME]
    theirs = [t for t in todos if t.owner == Owner.THEM]
    for label, items in (("You owe them", mine), ("You are waiting on", theirs)):
        if items:
            console.heading(label)
            for t in items:
                console.para(f"  #{t.id} {t.text}" + (f" (due {t.due})" if t.due else ""), hang=4)
    queued = [t for t in topics if t.discussed_in is None]
    discussed = [t for t in topics if t.discussed_in is not None]
    if queued:
        console.heading("Topics for next time")
        for topic in queued:
            console.para(f"  #{topic.id} {topic.text}", hang=4)
    if discussed:
        console.heading("Topics discussed")
        for topic in discussed[-5:]:
            console.para(
                f"  #{topic.id} {topic.text} (in conversation #{topic.discussed_in})", hang=4
            )
    if advice:
        console.heading("Advice")
        for piece in advice:
            outcome = f": {piece.outcome}" if piece.outcome else ""
            given = " (you gave it)" if piece.mine else ""
            console.para(
                f"  #{piece.id} {piece.text}{given} [{advice_state(piece)}]{outcome}", hang=4
            )
    if gives:
        console.heading("What you gave")
        for gave in gives[:5]:
            console.para(f"  {street.give_line(gave)}", hang=4)
    if talks:
        console.heading("Recent conversations")
        for c in talks[:5]:
            note = console.clip(c.notes, console.width() - 24) if c.notes else ""
            console.out(f"  {c.date}  {c.via:<9} {note}".rstrip())


def where(paths: list[tuple[str, Any]]) -> None:
    """Paths are printed whole, never wrapped, so scripts can cut them out;
    one that does not exist yet says so."""
    width = max(len(label) for label, _ in paths) + 1
    for label, path in paths:
        missing = "" if path.exists() else "  (not created yet)"
        console.out(f"{(label + ':').ljust(width)} {path}{missing}")


def backups(folder: Any, names: list[str], holds: list[tuple[str, int | None, int | None]]) -> None:
    """``restore`` alone: the backups, newest first, with what each holds."""
    if not names:
        console.out(f"No backups yet in {folder}.")
        return
    console.out(f"Backups in {folder} (newest first):")
    for name, (_made, people, talks) in zip(names, holds, strict=True):
        held = (
            "can't be read"
            if people is None or talks is None
            else f"{people:,} {'person' if people == 1 else 'people'}, "
            f"{talks:,} conversation{'' if talks == 1 else 's'}"
        )
        console.out(f"  {name}  ({held})")
    console.note("Restore one with: advisors restore BACKUP")
