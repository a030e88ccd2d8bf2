"""The conversation log: log a conversation, read the history, snooze."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Result
from advisors.board import roster
from advisors.board.conversations import (
    Logged,
    NewConversation,
    check_day,
    log_conversation,
    logged_that_day,
)
from advisors.board.due import standing
from advisors.board.finding import find_goal, find_person
from advisors.board.followups import names_no_one
from advisors.board.records import Conversation, Goal, Person, Records, Topic, Via
from advisors.board.values import check_text, texts
from advisors.names import fold, spoken

# writes a conversation's note once its people are known (the editor)
NoteWriter = Callable[[list[Person]], str]


@dataclass
class LoggedResult(Result):
    logged: Logged
    today: date
    within: int

    def show(self) -> None:
        from advisors.views import history

        history.logged(self.logged, self.today, self.within)

    def as_json(self) -> Any:
        c = self.logged.conversation
        return {
            "id": c.id,
            "date": c.date,
            "people": [
                {
                    "id": p.id,
                    "name": p.name,
                    "next_due": standing(p, self.today, self.within).next_due.isoformat(),
                }
                for p in self.logged.people
            ],
            "todos": [t.id for t in self.logged.todos],
            "advice": [a.id for a in self.logged.advice],
            "gives": [g.id for g in self.logged.gives],
            "discussed": self.logged.discussed,
        }


def log(
    board: Board,
    names: list[str],
    *,
    day: date | None = None,
    via: Via = Via.CALL,
    note: str | NoteWriter = "",
    topics: list[str] | None = None,
    goals: list[str] | None = None,
    todos: list[str] | None = None,
    their_todos: list[str] | None = None,
    advice: list[str] | None = None,
    gave: list[str] | None = None,
    keep_agenda: bool = False,
) -> LoggedResult:
    """Record a conversation with ``names`` on ``day`` (default today).

    ``note`` is the text, or a function that writes it once the people are
    known (the command line's editor), called before the lock is taken.
    """
    today = board.today()
    when = check_day(day or today, today)
    if callable(note):
        # every name is checked before the editor opens, so a typo costs no writing
        people, _goals = find_all(board.read(), names, goals)
        text = note(people)
    else:
        text = note
    with board.change() as data:
        people, found_goals = find_all(data, names, goals)
        new = NewConversation(
            people=people,
            day=when,
            via=Via(via),
            notes=check_text("note", text) or "",
            topics=texts("topic", topics),
            goals=found_goals,
            todos=texts("follow-up", todos),
            their_todos=texts("follow-up", their_todos),
            advice=texts("advice", advice),
            gave=texts("give", gave),
            keep_agenda=keep_agenda,
        )
        earlier = logged_that_day(data, people, when)
        if earlier is not None:
            board.notes.append(
                f"advisors: note: you already logged a conversation with "
                f"{spoken([p.name for p in people])} on {when} (#{earlier.id}); this "
                "logs another ('advisors undo' takes it back)"
            )
        for text in (*new.todos, *new.their_todos):
            named = names_no_one(text, people)
            if named:
                board.notes.append(
                    f"advisors: note: {named!r} in the follow-up {text!r} is not in this "
                    "conversation; it is kept as written, for all of them"
                )
        logged = log_conversation(data, new, today)
    return LoggedResult(logged, today, board.config.within)


def find_all(
    records: Records, names: list[str], goals: list[str] | None
) -> tuple[list[Person], list[Goal]]:
    """The people and goals a conversation names, each once."""
    people = {p.id: p for p in (find_person(records, name) for name in names)}
    found = {g.id: g for g in (find_goal(records, g) for g in goals or [])}
    return list(people.values()), list(found.values())


@dataclass
class History(Result):
    talks: list[Conversation]
    names: dict[int, str]
    titles: dict[int, str]
    discussed: dict[int, list[str]] = field(default_factory=dict)
    empty_log: bool = False

    def rows(self) -> list[dict[str, Any]]:
        from advisors.views import shapes

        return [shapes.conversation(c, self.names, self.titles, self.discussed) for c in self.talks]

    def as_json(self) -> Any:
        return self.rows()

    def show(self) -> None:
        from advisors.views import history

        history.history(self.rows(), empty_log=self.empty_log)


def history(
    board: Board,
    *,
    person: str | None = None,
    since: date | None = None,
    until: date | None = None,
    goal: str | None = None,
    grep: str | None = None,
    limit: int | None = None,
) -> History:
    """Conversations newest first, read only from the segments that can hold them."""
    data = board.read()
    who = find_person(data, person) if person else None
    wanted_goal = find_goal(data, goal) if goal else None
    needle = fold(grep) if grep else None

    def keep(doc: dict[str, Any]) -> bool:
        if wanted_goal and wanted_goal.id not in doc.get("goals", ()):
            return False
        return not needle or needle in fold(
            " ".join([doc.get("notes", ""), *doc.get("topics", ())])
        )

    talks = data.newest_conversations(
        limit,
        keep,
        person=who.id if who else None,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
    )
    ids = {c.id for c in talks}
    discussed: dict[int, list[str]] = {}
    for topic in data.all(Topic):
        if topic.discussed_in in ids:
            discussed.setdefault(topic.discussed_in, []).append(topic.text)
    return History(
        talks,
        {p.id: p.name for p in data.all(Person)},
        {g.id: g.title for g in data.all(Goal)},
        discussed,
        empty_log=data.conversation_count == 0,
    )


@dataclass
class Snoozed(Result):
    person: Person
    until: date | None  # None: the snooze was lifted
    next_due: date

    def show(self) -> None:
        from advisors.views import history

        history.snoozed(self.person.name, self.until, self.next_due)

    def as_json(self) -> Any:
        return {
            "id": self.person.id,
            "name": self.person.name,
            "snoozed_until": self.person.snoozed_until,
            "next_due": self.next_due.isoformat(),
        }


def snooze(board: Board, name: str, until: date) -> Snoozed:
    """Move someone's next due date to ``until`` without a conversation."""
    today = board.today()
    with board.change() as data:
        person = roster.snooze(data, find_person(data, name), until, today)
    return Snoozed(person, until, standing(person, today, board.config.within).next_due)


def unsnooze(board: Board, name: str) -> Snoozed:
    """Lift a snooze."""
    with board.change() as data:
        person = roster.clear_snooze(data, find_person(data, name))
    return Snoozed(person, None, standing(person, board.today(), board.config.within).next_due)
