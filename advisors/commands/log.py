"""The conversation log: log, history, snooze."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from advisors import editor
from advisors.board import roster
from advisors.board.conversations import (
    NewConversation,
    check_day,
    log_conversation,
    logged_that_day,
)
from advisors.board.due import standing
from advisors.board.finding import find_goal, find_person
from advisors.board.records import Goal, Person, Records, Topic, Via
from advisors.board.values import texts
from advisors.commands import CommandSet, completion
from advisors.commands.params import (
    VIA,
    JsonOpt,
    PersonArg,
    WholeNumber,
    date_option,
    goal_option,
    person_argument,
    read_date,
    text_option,
)
from advisors.errors import UsageProblem
from advisors.names import fold
from advisors.session import current
from advisors.views import console, shapes
from advisors.views import history as views

app = CommandSet()


@app.command()
def log(
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="NAME...",
            click_type=completion.PERSON,
            show_default=False,
            help="Who you talked with: one or more names or ids.",
        ),
    ],
    when: Annotated[
        str,
        typer.Option(
            "--date",
            metavar="DATE",
            help="When you talked: today, yesterday, 'last friday', 2026-11-20...",
        ),
    ] = "today",
    via: Annotated[Via, typer.Option("--via", click_type=VIA, help="How you talked.")] = Via.CALL,
    note: Annotated[
        str | None,
        text_option(
            "--note",
            "What you talked about; '-' reads it from stdin. Without it, on a terminal, "
            "$EDITOR opens.",
        ),
    ] = None,
    topic: Annotated[
        list[str] | None, text_option("--topic", "A topic you covered; repeat for more.")
    ] = None,
    goal: Annotated[
        list[str] | None, goal_option("A goal this conversation served (id or part of its title).")
    ] = None,
    todo: Annotated[
        list[str] | None, text_option("--todo", "A follow-up you owe them; repeat for more.")
    ] = None,
    their_todo: Annotated[
        list[str] | None,
        text_option("--their-todo", "A follow-up they promised you; repeat for more."),
    ] = None,
    advice: Annotated[
        list[str] | None,
        text_option("--advice", "Advice they gave you, to decide on and report back."),
    ] = None,
    keep_agenda: Annotated[
        bool, typer.Option("--keep-agenda", help="Keep their queued topics for next time.")
    ] = False,
) -> None:
    """Record a conversation, and see when each person is next due."""
    session = current()
    today = session.today()
    day = check_day(read_date(when), today)
    who = ""
    if note is None and editor.stdin_is_terminal():
        # Check every name before the editor opens, so a typo costs no writing;
        # otherwise the names are found once, in the transaction.
        who = ", ".join(p.name for p in _find(session.read(), names, goal)[0])
    text = editor.read_note(note, who, day)
    with session.change() as data:
        people, goals = _find(data, names, goal)
        new = NewConversation(
            people=people,
            day=day,
            via=via,
            notes=text,
            topics=texts("topic", topic),
            goals=goals,
            todos=texts("follow-up", todo),
            their_todos=texts("follow-up", their_todo),
            advice=texts("advice", advice),
            keep_agenda=keep_agenda,
        )
        earlier = logged_that_day(data, people, day)
        if earlier is not None:
            console.note(
                f"advisors: note: you already logged a conversation with "
                f"{', '.join(p.name for p in people)} on {day} (#{earlier.id}); this "
                "logs another ('advisors undo' takes it back)"
            )
        result = log_conversation(data, new, today)
    views.logged(result, today, session.config.within)


def _find(
    records: Records, names: list[str], goals: list[str] | None
) -> tuple[list[Person], list[Goal]]:
    """The people and goals a conversation names, each once."""
    return (
        _distinct([find_person(records, name) for name in names]),
        _distinct([find_goal(records, g) for g in goals or []]),
    )


def _distinct(records: list[Any]) -> list[Any]:
    seen: dict[int, Any] = {}
    for record in records:
        seen.setdefault(record.id, record)
    return list(seen.values())


@app.command()
def history(
    person_name: Annotated[
        str | None, person_argument("Only conversations with this person.")
    ] = None,
    since: Annotated[
        str | None, date_option("--since", "Only conversations on or after DATE.")
    ] = None,
    until: Annotated[
        str | None, date_option("--until", "Only conversations on or before DATE.")
    ] = None,
    goal: Annotated[str | None, goal_option("Only conversations about this goal.")] = None,
    grep: Annotated[
        str | None,
        text_option(
            "--grep",
            "Only conversations whose notes or topics contain TEXT (any case, any accents).",
        ),
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            metavar="N",
            click_type=WholeNumber(1, 10**9, "--limit"),
            help="Show at most N conversations.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The conversation log, newest first."""
    session = current()
    start = read_date(since).isoformat() if since else None
    end = read_date(until).isoformat() if until else None  # about the past: the last one
    data = session.read()
    person = find_person(data, person_name) if person_name else None
    wanted_goal = find_goal(data, goal) if goal else None
    needle = fold(grep) if grep else None

    def keep(doc: dict[str, Any]) -> bool:
        if wanted_goal and wanted_goal.id not in doc.get("goals", ()):
            return False
        return not needle or needle in fold(
            " ".join([doc.get("notes", ""), *doc.get("topics", ())])
        )

    talks = data.newest_conversations(
        limit, keep, person=person.id if person else None, since=start, until=end
    )
    names = {p.id: p.name for p in data.all(Person)}
    titles = {g.id: g.title for g in data.all(Goal)}
    ids = {c.id for c in talks}
    discussed: dict[int, list[str]] = {}
    for topic in data.all(Topic):
        if topic.discussed_in in ids:
            discussed.setdefault(topic.discussed_in, []).append(topic.text)
    rows = [shapes.conversation(c, names, titles, discussed) for c in talks]
    if as_json:
        console.emit_json(rows)
    else:
        views.history(rows, empty_log=data.conversation_count == 0)


@app.command()
def snooze(
    person_name: PersonArg,
    until: Annotated[
        str | None,
        date_option("--until", "Not before this day (e.g. 'next monday', 'in 2 weeks')."),
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Lift the snooze.")] = False,
) -> None:
    """Not now: move someone's next due date without a conversation."""
    session = current()
    today = session.today()
    if clear == (until is not None):
        raise UsageProblem("give --until DATE to snooze, or --clear to lift a snooze")
    if clear:
        with session.change() as data:
            person = roster.clear_snooze(data, find_person(data, person_name))
        due = standing(person, today, session.config.within).next_due
        console.out(f"{person.name} is no longer snoozed; next due {due}.")
        return
    assert until is not None
    day = read_date(until, ahead=True)
    with session.change() as data:
        person = roster.snooze(data, find_person(data, person_name), day, today)
    views.snoozed(person.name, day, standing(person, today, session.config.within).next_due)
