"""Logging a conversation, and everything that follows from it: follow-ups
and advice made in it, the agenda it used up, and spent snoozes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from advisors.board.records import (
    Advice,
    Conversation,
    Goal,
    Person,
    Records,
    Todo,
    Topic,
    now_stamp,
)
from advisors.errors import UsageProblem


@dataclass
class NewConversation:
    people: list[Person]
    day: date
    via: str
    notes: str = ""
    topics: list[str] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    todos: list[str] = field(default_factory=list)
    their_todos: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)
    keep_agenda: bool = False


@dataclass
class Logged:
    conversation: Conversation
    people: list[Person]  # as they are after the change
    todos: list[Todo]
    advice: list[Advice]
    discussed: int


def check_day(day: date, today: date) -> date:
    if day > today:
        raise UsageProblem(
            f"{day} is in the future: log a conversation once it has happened "
            "(to plan one, use 'advisors topic add' or 'advisors snooze')"
        )
    return day


def log_conversation(board: Records, new: NewConversation, today: date) -> Logged:
    check_day(new.day, today)
    people = [board.get(Person, p.id) for p in new.people]
    if any(p is None for p in people):
        raise UsageProblem("someone you named was removed meanwhile; try again")
    conversation = board.insert(
        Conversation(
            people=[p.id for p in new.people],
            date=new.day.isoformat(),
            via=new.via,
            notes=new.notes,
            topics=list(new.topics),
            goals=[g.id for g in new.goals],
            created=now_stamp(),
        )
    )
    first = new.people[0].id
    goal = new.goals[0].id if new.goals else None
    todos = [
        board.insert(
            Todo(
                text=text,
                person=first,
                owner=owner,
                goal=goal,
                conversation=conversation.id,
                created=now_stamp(),
            )
        )
        for owner, texts in (("me", new.todos), ("them", new.their_todos))
        for text in texts
    ]
    advice = [
        board.insert(
            Advice(person=first, conversation=conversation.id, text=text, given=new.day.isoformat())
        )
        for text in new.advice
    ]
    discussed = 0
    if not new.keep_agenda:
        ids = set(conversation.people)
        for queued in board.all(Topic):
            if queued.person in ids and queued.discussed_in is None:
                queued.discussed_in = conversation.id
                board.save(queued)
                discussed += 1
    fresh = []
    for p in new.people:
        person = board.get(Person, p.id)
        assert person is not None
        if person.snoozed_until:
            person.snoozed_until = None  # you talked: the snooze is spent
            board.save(person)
        fresh.append(person)
    return Logged(conversation, fresh, todos, advice, discussed)
