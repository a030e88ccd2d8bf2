"""The conversation log: log, history, snooze."""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from advisors import render
from advisors.cadence import cadence_words
from advisors.commands.common import (
    JsonOpt,
    PersonArg,
    check_text,
    complete_person,
    text_option,
)
from advisors.dates import parse_date
from advisors.due import standing
from advisors.errors import UsageProblem
from advisors.models import VIAS, Advice, Conversation, Goal, Person, Todo, Topic, now_stamp
from advisors.names import fold
from advisors.session import current, find_goal, find_person

app = typer.Typer()

VIA_WORDS = {"call": "a call", "video": "a video call", "in-person": "an in-person talk",
             "email": "an e-mail", "message": "a message", "other": "a conversation"}

EDITOR_TEMPLATE = """
# Notes on your conversation with {names} ({when}).
# Lines starting with '#' are ignored; an empty note logs nothing.
"""


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def edit_note(names: str, when: date) -> str:
    """Open $VISUAL or $EDITOR on a template and return what was written."""
    import shlex
    import subprocess
    import tempfile

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    command = shlex.split(editor)
    if not command:
        raise UsageProblem("$EDITOR is empty; set it or pass --note")
    fd, name = tempfile.mkstemp(prefix="advisors-note-", suffix=".md")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(EDITOR_TEMPLATE.format(names=names, when=when.isoformat()))
        try:
            finished = subprocess.run([*command, str(path)], check=False)
        except FileNotFoundError:
            raise UsageProblem(
                f"can't start the editor {command[0]!r}; set $EDITOR or pass --note"
            ) from None
        if finished.returncode != 0:
            raise UsageProblem(
                f"the editor exited with status {finished.returncode}; nothing was logged"
            )
        text = path.read_text(encoding="utf-8", errors="replace")
    finally:
        path.unlink(missing_ok=True)
    kept = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    return "\n".join(kept).strip()


def _check_via(via: str) -> str:
    word = via.strip().lower().replace("inperson", "in-person").replace("in person", "in-person")
    if word not in VIAS:
        raise UsageProblem(f"unknown --via {via!r}: choose one of {', '.join(VIAS)}")
    return word


@app.command()
def log(
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="NAME",
            help="Who you talked with: one or more names or ids.",
            autocompletion=complete_person,
            show_default=False,
        ),
    ],
    when: Annotated[str, typer.Option(
        "--date", metavar="DATE",
        help="When you talked: today, yesterday, 'last friday', 2026-11-20...")] = "today",
    via: Annotated[str, typer.Option(
        "--via", help=f"How you talked: {', '.join(VIAS)}.")] = "call",
    note: Annotated[str | None, typer.Option(
        "--note", metavar="TEXT",
        help="What you talked about; '-' reads it from stdin. Without it, on a "
        "terminal, $EDITOR opens.", show_default=False)] = None,
    topic: Annotated[list[str] | None, text_option(
        "--topic", "A topic you covered; repeat for more.")] = None,
    goal: Annotated[list[str] | None, text_option(
        "--goal", "A goal this conversation served (id or part of its title).", "G")] = None,
    todo: Annotated[list[str] | None, text_option(
        "--todo", "A follow-up you owe them; repeat for more.")] = None,
    their_todo: Annotated[list[str] | None, text_option(
        "--their-todo", "A follow-up they promised you; repeat for more.")] = None,
    advice: Annotated[list[str] | None, text_option(
        "--advice", "Advice they gave you, to decide on and report back.")] = None,
    keep_agenda: Annotated[bool, typer.Option(
        "--keep-agenda", help="Keep their queued topics for next time.")] = False,
) -> None:
    """Record a conversation, and see when each person is next due."""
    session = current()
    today = session.today()
    day = parse_date(when, today)
    if day > today:
        raise UsageProblem(
            f"{day} is in the future: log a conversation once it has happened "
            "(to plan one, use 'advisors topic add' or 'advisors snooze')"
        )
    how = _check_via(via)
    topics = [t for t in (check_text("topic", x) for x in topic or []) if t]
    # Check every name before asking for a note, so a typo costs no writing.
    snapshot = session.read()
    people = _distinct([find_person(snapshot, name) for name in names])
    goals = _distinct([find_goal(snapshot, g) for g in goal or []])
    if note == "-":
        text = sys.stdin.read().strip()
    elif note is not None:
        text = note.strip()
    elif stdin_is_terminal():
        text = edit_note(", ".join(p.name for p in people), day)
        if not text:
            render.err("advisors: empty note; nothing was logged")
            raise typer.Exit(1)
    else:
        text = ""
    text = check_text("note", text) or ""
    with session.change() as data:
        # Look the people up again inside the transaction: ids are stable.
        people = [find_person(data, str(p.id)) for p in people]
        conversation = data.insert(
            Conversation(
                people=[p.id for p in people],
                date=day.isoformat(),
                via=how,
                notes=text,
                topics=topics,
                goals=[g.id for g in goals],
                created=now_stamp(),
            )
        )
        first = people[0].id
        for owner, texts in (("me", todo), ("them", their_todo)):
            for item in texts or []:
                if clean := check_text("follow-up", item):
                    data.insert(Todo(text=clean, person=first, owner=owner,
                                     goal=goals[0].id if goals else None,
                                     conversation=conversation.id, created=now_stamp()))
        for item in advice or []:
            if clean := check_text("advice", item):
                data.insert(Advice(person=first, conversation=conversation.id,
                                   text=clean, given=day.isoformat()))
        discussed = 0
        if not keep_agenda:
            ids = {p.id for p in people}
            for queued in data.all(Topic):
                if queued.person in ids and queued.discussed_in is None:
                    queued.discussed_in = conversation.id
                    data.save(queued)
                    discussed += 1
        fresh = []
        for person in people:
            current_person = data.get(Person, person.id)
            assert current_person is not None
            if current_person.snoozed_until:
                current_person.snoozed_until = None  # you talked: the snooze is spent
                data.save(current_person)
            fresh.append(current_person)
    names_text = ", ".join(p.name for p in people)
    render.out(f"Logged {VIA_WORDS[how]} with {names_text} on {day} (#{conversation.id}).")
    within = session.config.within
    for person in fresh:
        if person.status in ("active", "paused"):
            next_due = standing(person, today, within).next_due
            already = " - already due" if next_due <= today else ""
            render.out(f"Next with {person.name}: {next_due} "
                       f"({cadence_words(person.cadence)}){already}.")
    if discussed:
        render.out(f"Marked {discussed} queued topic{'s' if discussed > 1 else ''} "
                   "as discussed.")
    owed, awaited, advised = len(todo or []), len(their_todo or []), len(advice or [])
    if owed or awaited:
        render.out(f"Follow-ups: {owed} for you, {awaited} you are waiting on "
                   "('advisors todo list').")
    if advised:
        render.out(f"Advice recorded: {advised}; decide with 'advisors advice list'.")


def _distinct(records: list[Any]) -> list[Any]:
    seen: dict[int, Any] = {}
    for record in records:
        seen.setdefault(record.id, record)
    return list(seen.values())


@app.command()
def history(
    person_name: Annotated[str | None, typer.Argument(
        metavar="NAME", help="Only conversations with this person.",
        autocompletion=complete_person, show_default=False)] = None,
    since: Annotated[str | None, typer.Option(
        "--since", metavar="DATE", help="Only conversations on or after DATE.",
        show_default=False)] = None,
    until: Annotated[str | None, typer.Option(
        "--until", metavar="DATE", help="Only conversations on or before DATE.",
        show_default=False)] = None,
    goal: Annotated[str | None, typer.Option(
        "--goal", metavar="G", help="Only conversations about this goal.",
        show_default=False)] = None,
    grep: Annotated[str | None, typer.Option(
        "--grep", metavar="TEXT", help="Only conversations whose notes or topics "
        "contain TEXT (any case, any accents).", show_default=False)] = None,
    limit: Annotated[int | None, typer.Option(
        "--limit", metavar="N", help="Show at most N conversations.",
        show_default=False)] = None,
    as_json: JsonOpt = False,
) -> None:
    """The conversation log, newest first."""
    session = current()
    today = session.today()
    start = parse_date(since, today).isoformat() if since else None
    end = parse_date(until, today).isoformat() if until else None
    if limit is not None and limit < 1:
        raise UsageProblem("--limit must be at least 1")
    data = session.read()
    person = find_person(data, person_name) if person_name else None
    wanted_goal = find_goal(data, goal) if goal else None
    needle = fold(grep) if grep else None
    people = {p.id: p.name for p in data.all(Person)}
    goals = {g.id: g.title for g in data.all(Goal)}
    found = []
    for ident, doc in data.conversation_docs():
        day = doc.get("date", "")
        if (start and day < start) or (end and day > end):
            continue
        if person and person.id not in doc.get("people", ()):
            continue
        if wanted_goal and wanted_goal.id not in doc.get("goals", ()):
            continue
        if needle and needle not in fold(" ".join([doc.get("notes", ""),
                                                   *doc.get("topics", ())])):
            continue
        found.append((day, ident, doc))
    found.sort(key=lambda entry: (entry[0], entry[1]), reverse=True)
    if limit is not None:
        found = found[:limit]
    talks = [Conversation.from_doc(ident, doc) for _day, ident, doc in found]
    rows: list[dict[str, Any]] = [
        {
            "id": c.id,
            "date": c.date,
            "people": [people.get(p, f"#{p}") for p in c.people],
            "via": c.via,
            "notes": c.notes,
            "topics": c.topics,
            "goals": [goals.get(g, f"#{g}") for g in c.goals],
        }
        for c in talks
    ]
    if as_json:
        render.emit_json(rows)
        return
    if not rows:
        render.err("No conversations logged yet." if not data.log.segments
                   else "No conversations match.")
        return
    import textwrap

    room = max(render.width() - 4, 20)
    for index, row in enumerate(rows):
        if index:
            render.out()
        header = f"#{row['id']}  {row['date']}  {row['via']} with {', '.join(row['people'])}"
        render.say(render.clip(header, render.width()), "bold")
        for paragraph in row["notes"].splitlines():
            for line in textwrap.wrap(paragraph, room) or [""]:
                render.out(f"    {line}")
        if row["topics"]:
            render.out(render.clip(f"    topics: {', '.join(row['topics'])}", room + 4))
        if row["goals"]:
            render.out(render.clip(f"    goals: {', '.join(row['goals'])}", room + 4))


@app.command()
def snooze(
    person_name: PersonArg,
    until: Annotated[str, typer.Option(
        "--until", metavar="DATE",
        help="Not before this day (e.g. 'next monday', 'in 2 weeks').",
        show_default=False)],
) -> None:
    """Not now: move someone's next due date without logging a conversation."""
    session = current()
    today = session.today()
    day = parse_date(until, today)
    if day <= today:
        raise UsageProblem(f"--until must be after today ({today}); got {day}")
    with session.change() as data:
        person = find_person(data, person_name)
        person.snoozed_until = day.isoformat()
        person.updated = now_stamp()
        data.save(person)
    next_due = standing(person, today, session.config.within).next_due
    if next_due > day:
        render.out(f"{person.name} isn't due until {next_due} anyway; "
                   f"the snooze to {day} changes nothing.")
    else:
        render.out(f"Snoozed {person.name} until {day}.")
