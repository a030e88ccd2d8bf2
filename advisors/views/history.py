"""The conversation log as text, and what ``log`` says it changed."""

from __future__ import annotations

import textwrap
from datetime import date
from typing import Any

from advisors.board.conversations import Corrected, Logged
from advisors.board.due import standing
from advisors.board.records import Status
from advisors.cadence import cadence_words
from advisors.names import spoken
from advisors.views import console

VIA_WORDS = {
    "call": "a call",
    "video": "a video call",
    "in-person": "an in-person talk",
    "email": "an email",
    "message": "a message",
    "other": "a conversation",
}


def history(rows: list[dict[str, Any]], *, empty_log: bool) -> None:
    """``history``: rows are the JSON shape, newest first."""
    if not rows:
        console.out("No conversations logged yet." if empty_log else "No conversations match.")
        return
    room = max(console.width() - 4, 20)
    for index, row in enumerate(rows):
        if index:
            console.out()
        header = f"#{row['id']}  {row['date']}  {row['via']} with {', '.join(row['people'])}"
        console.say(console.clip(header, console.width()), "bold")
        for paragraph in row["notes"].splitlines():
            for line in textwrap.wrap(paragraph, room) or [""]:
                console.out(f"    {line}")
        if row["topics"]:
            console.out(console.clip(f"    topics: {', '.join(row['topics'])}", room + 4))
        if row["goals"]:
            console.out(console.clip(f"    goals: {', '.join(row['goals'])}", room + 4))


def logged(result: Logged, today: date, within: int) -> None:
    c = result.conversation
    names = spoken([p.name for p in result.people])
    console.out(
        f"Logged {VIA_WORDS.get(c.via, 'a conversation')} with {names} on {c.date} (#{c.id})."
    )
    for person in result.people:
        if person.status in (Status.ACTIVE, Status.PAUSED):
            next_due = standing(person, today, within).next_due
            already = " - already due" if next_due <= today else ""
            console.out(
                f"Next with {person.name}: {next_due} ({cadence_words(person.cadence)}){already}."
            )
    if result.discussed:
        plural = "s" if result.discussed > 1 else ""
        console.out(f"Marked {result.discussed} queued topic{plural} as discussed.")
    for owner, label in (("me", "Follow-ups for you"), ("them", "Waiting on them")):
        ids = [f"#{t.id}" for t in result.todos if t.owner == owner]
        if ids:
            console.out(f"{label}: {', '.join(ids)} ('advisors todo list').")
    if result.advice:
        given = ", ".join(f"#{a.id}" for a in result.advice)
        console.out(
            f"Advice recorded: {given}; decide with 'advisors advice decide ID taking|declined'."
        )
    if result.gives:
        plural = "s" if len(result.gives) > 1 else ""
        console.out(f"Noted what you gave: {len(result.gives)} thing{plural} (board counts it).")


def snoozed(name: str, until: date | None, next_due: date) -> None:
    if until is None:
        console.out(f"{name} is no longer snoozed; next due {next_due}.")
    elif next_due > until:
        console.out(
            f"{name} isn't due until {next_due} anyway; the snooze to {until} changes nothing."
        )
    else:
        console.out(f"Snoozed {name} until {until}.")


def corrected(result: Corrected, today: date, within: int, *, dropped: bool = False) -> None:
    """What a correction changed: each touched person's rhythm, and what
    was left unlinked."""
    c = result.conversation
    if dropped:
        console.out(f"Dropped conversation #{c.id} of {c.date}.")
    else:
        console.out(f"Updated conversation #{c.id}: {c.date}, {c.via}.")
    for person in result.touched:
        if person.last_contact is None:
            console.out(f"{person.name}: no conversation left; due now (never contacted).")
            continue
        due = standing(person, today, within).next_due
        console.out(f"{person.name}: last contact now {person.last_contact}, next due {due}.")
    if result.unlinked:
        count = result.unlinked
        things = "item" if count == 1 else "items"
        console.out(
            f"{count} {things} (follow-ups, advice, topics) pointed at it: they stay, unlinked."
        )


def conversation(row: dict[str, Any]) -> None:
    """``conversation show``: one conversation and what hangs on it."""
    history([row], empty_log=False)
    for label, key in (("Follow-ups", "todos"), ("Advice", "advice")):
        if row[key]:
            console.out(
                f"    {label.lower()}: " + "; ".join(f"#{i['id']} {i['text']}" for i in row[key])
            )


def changes(steps: list[Any], redo: list[Any]) -> None:
    """``undo --list``: the changes undo can take back, newest first, each
    with the command line that made it (cut to the screen)."""
    if not steps and not redo:
        console.out("Nothing to undo yet.")
        return
    room = console.width() - 23
    for number, step in enumerate(reversed(steps), start=1):
        command = console.clip(step.command or "(a change)", room)
        console.out(f"{number:3}  {step.time[:16].replace('T', ' ')}  {command}")
    if redo:
        console.out(f"Redo can put back: {redo[-1].command or 'a change'}")
