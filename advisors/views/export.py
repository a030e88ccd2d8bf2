"""Everything out: JSON (everything, re-importable), CSV (people and
conversations, for a spreadsheet), Markdown (a report to read) and ICS (check-ins
and dated follow-ups, for a calendar). Each is a function of the records that
returns text; the command writes it."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from advisors import __version__
from advisors.board.brief import Brief
from advisors.board.calendar import reminder_uid
from advisors.board.due import next_due
from advisors.board.records import Advice, Conversation, Goal, Person, Todo, Topic, now_stamp
from advisors.board.rota import on_rota
from advisors.cadence import cadence_words
from advisors.views.brief import brief_lines

FORMAT = "advisors-export"


@dataclass
class Everything:
    """All a person owns, as records."""

    people: list[Person]
    conversations: list[Conversation]  # newest first
    goals: list[Goal]
    todos: list[Todo]
    topics: list[Topic]
    advice: list[Advice]
    deleted: list[dict[str, Any]]
    schema: int


def as_json(e: Everything) -> dict[str, Any]:
    """Every record of every table, with ids and uids, and the record of
    deletions that merging needs."""

    def rows(records: list[Any]) -> list[dict[str, Any]]:
        return [{"id": r.id, **r.to_doc()} for r in sorted(records, key=lambda r: r.id)]

    return {
        "format": FORMAT,
        "version": 1,
        "schema": e.schema,
        "app_version": __version__,
        "exported": now_stamp(),
        "tables": {
            "people": rows(e.people),
            "conversations": rows(e.conversations),
            "goals": rows(e.goals),
            "todos": rows(e.todos),
            "topics": rows(e.topics),
            "advice": rows(e.advice),
        },
        "deleted": e.deleted,
    }


PEOPLE_COLUMNS = (
    "id",
    "name",
    "role",
    "areas",
    "status",
    "every",
    "email",
    "phone",
    "org",
    "why",
    "notes",
    "last_contact",
    "next_due",
    "uid",
)
CONVERSATION_COLUMNS = ("id", "date", "people", "via", "notes", "topics", "goals", "uid")


def as_csv(e: Everything, today: date) -> dict[str, str]:
    """``people.csv`` and ``conversations.csv``: a header row, lists joined by
    ``;``, every field quoted as a spreadsheet expects."""
    names = {p.id: p.name for p in e.people}
    titles = {g.id: g.title for g in e.goals}

    def table(columns: tuple[str, ...], rows: list[list[Any]]) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        return buffer.getvalue()

    people = []
    for p in sorted(e.people, key=lambda p: p.id):
        due = next_due(p, today)
        people.append(
            [
                p.id,
                p.name,
                p.role,
                ";".join(p.areas),
                p.status,
                p.cadence,
                p.email,
                p.phone,
                p.org,
                p.why,
                p.notes,
                p.last_contact or "",
                due.isoformat() if due else "",
                p.uid,
            ]
        )
    talks = [
        [
            c.id,
            c.date,
            ";".join(names.get(i, f"#{i}") for i in c.people),
            c.via,
            c.notes,
            ";".join(c.topics),
            ";".join(titles.get(g, f"#{g}") for g in c.goals),
            c.uid,
        ]
        for c in sorted(e.conversations, key=lambda c: (c.date, c.id))
    ]
    return {
        "people.csv": table(PEOPLE_COLUMNS, people),
        "conversations.csv": table(CONVERSATION_COLUMNS, talks),
    }


def as_markdown(e: Everything, today: date) -> str:
    """A readable report: the board, then each person with their conversations,
    newest first."""
    names = {p.id: p.name for p in e.people}
    lines = [f"# Your board of advisors, {today.isoformat()}", ""]
    for p in sorted(e.people, key=lambda p: p.name.casefold()):
        if p.status == "archived":
            continue
        due = next_due(p, today)
        state = f"next due {due}" if due else p.status
        lines.append(
            f"- **{p.name}** ({p.role}; {', '.join(p.areas) or 'no area'}): "
            f"{cadence_words(p.cadence)}, last contact {p.last_contact or 'never'}, "
            f"{state}"
        )
    open_goals = [g for g in e.goals if g.status == "open"]
    if open_goals:
        lines += ["", "## Goals", ""]
        lines += [
            f"- {g.title}"
            + (f" (by {g.target})" if g.target else "")
            + (f": {g.success}" if g.success else "")
            for g in open_goals
        ]
    for p in sorted(e.people, key=lambda p: p.name.casefold()):
        lines += ["", f"## {p.name}", ""]
        for label, value in (
            ("Role", p.role),
            ("Status", p.status),
            ("Why", p.why),
            ("Email", p.email),
            ("Phone", p.phone),
            ("Org", p.org),
            ("Notes", p.notes),
        ):
            if value:
                lines.append(f"- {label}: {value}")
        talks = [c for c in e.conversations if p.id in c.people]
        if talks:
            lines += ["", "### Conversations", ""]
        for c in talks:
            others = [names.get(i, f"#{i}") for i in c.people if i != p.id]
            with_others = f", with {', '.join(others)}" if others else ""
            lines.append(
                f"- **{c.date}**, {c.via}{with_others}"
                + (": " + c.notes.replace("\n", " ") if c.notes else "")
            )
    return "\n".join(lines) + "\n"


def as_ics(e: Everything, today: date, briefs: dict[int, Brief]) -> bytes:
    """One all-day event per person on the rota on their next due date, and one
    to-do per dated open follow-up. UIDs come from the records' uids, so a
    calendar that subscribes to the file updates rather than duplicates."""
    from icalendar import Calendar, Event
    from icalendar import Todo as CalendarTodo

    calendar = Calendar()
    calendar.add("prodid", f"-//advisors {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "advisors")
    stamp = now_stamp()
    names = {p.id: p.name for p in e.people}
    for p in e.people:
        due = next_due(p, today) if on_rota(p, today) else None
        if due is None:
            continue
        event = Event()
        event.add("uid", reminder_uid(p.uid, "check-in"))
        event.add("summary", f"Reconnect with {p.name}")
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add("dtstamp", _moment(stamp))
        if p.id in briefs:
            event.add("description", "\n".join(brief_lines(briefs[p.id], False, 72)))
        calendar.add_component(event)
    for t in e.todos:
        if t.done is not None or not t.due:
            continue
        item = CalendarTodo()
        item.add("uid", reminder_uid(t.uid, "follow-up"))
        who = names.get(t.person or 0)
        mine = t.owner == "me"
        item.add("summary", t.text + (f" ({'for' if mine else 'from'} {who})" if who else ""))
        item.add("due", date.fromisoformat(t.due))
        item.add("dtstamp", _moment(stamp))
        calendar.add_component(item)
    return bytes(calendar.to_ical())


def _moment(stamp: str) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(stamp)
