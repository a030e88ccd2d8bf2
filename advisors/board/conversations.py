"""Logging a conversation, and everything that follows from it: follow-ups
and advice made in it, the agenda it used up, and spent snoozes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from advisors.board.followups import split_owner
from advisors.board.records import (
    Advice,
    Conversation,
    Give,
    GiveKind,
    Goal,
    Owner,
    Person,
    Records,
    Todo,
    Topic,
    Via,
    day_stamp,
    now_stamp,
)
from advisors.errors import UsageProblem


@dataclass
class NewConversation:
    people: list[Person]
    day: date
    via: Via
    notes: str = ""
    topics: list[str] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    todos: list[str] = field(default_factory=list)
    their_todos: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)
    gave: list[str] = field(default_factory=list)  # what you did for them
    keep_agenda: bool = False


@dataclass
class Logged:
    conversation: Conversation
    people: list[Person]  # as they are after the change
    todos: list[Todo]
    advice: list[Advice]
    discussed: int
    gives: list[Give] = field(default_factory=list)


def logged_that_day(board: Records, people: list[Person], day: date) -> Conversation | None:
    """A conversation already logged with exactly these people on ``day``."""
    wanted = {p.id for p in people}
    for talk in board.newest_conversations(
        person=people[0].id, since=day.isoformat(), until=day.isoformat()
    ):
        if set(talk.people) == wanted:
            return talk
    return None


def check_day(
    day: date,
    today: date,
    instead: str = "log a conversation once it has happened "
    "(to plan one, use 'advisors topic add' or 'advisors snooze')",
) -> date:
    """A day that has come: what happened can't be logged ahead."""
    if day > today:
        raise UsageProblem(f"{day} is in the future: {instead}")
    return day


def log_conversation(board: Records, new: NewConversation, today: date) -> Logged:
    check_day(new.day, today)
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
    goal = new.goals[0].id if new.goals else None
    todos = []
    for owner, texts in ((Owner.ME, new.todos), (Owner.THEM, new.their_todos)):
        for text in texts:
            # "marcus: ..." names one of them; otherwise it is the whole
            # conversation's, and shows for each of its people
            person, words = split_owner(text, new.people)
            todos.append(
                board.insert(
                    Todo(
                        text=words,
                        person=person.id if person else None,
                        owner=owner,
                        goal=goal,
                        conversation=conversation.id,
                        # asked on the day of the conversation, as a time
                        # like every record's (a backdated log keeps its day)
                        created=day_stamp(new.day),
                    )
                )
            )
    advice = []
    for text in new.advice:
        person, words = split_owner(text, new.people)
        advice.append(
            board.insert(
                Advice(
                    person=(person or new.people[0]).id,
                    conversation=conversation.id,
                    text=words,
                    given=new.day.isoformat(),
                )
            )
        )
    gives = []
    for text in new.gave:
        person, words = split_owner(text, new.people)
        gives.append(
            board.insert(
                Give(
                    person=(person or new.people[0]).id,
                    conversation=conversation.id,
                    text=words,
                    kind_of=GiveKind.OTHER,
                    date=new.day.isoformat(),
                    created=now_stamp(),
                )
            )
        )
    discussed = 0
    if not new.keep_agenda:
        ids = set(conversation.people)
        for queued in board.all(Topic):
            # a topic queued after the day of the conversation (a backdated
            # log) was not on its agenda
            if (
                queued.person in ids
                and queued.discussed_in is None
                and queued.created[:10] <= conversation.date
            ):
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
    return Logged(conversation, fresh, todos, advice, discussed, gives)


@dataclass
class ConversationChanges:
    """What ``conversation edit`` changes: only what is set."""

    day: date | None = None
    via: Via | None = None
    notes: str | None = None
    add_people: list[Person] = field(default_factory=list)
    drop_people: list[Person] = field(default_factory=list)
    topics: list[str] | None = None
    goals: list[Goal] | None = None

    def is_empty(self) -> bool:
        return (
            self.day is None
            and self.via is None
            and self.notes is None
            and not self.add_people
            and not self.drop_people
            and self.topics is None
            and self.goals is None
        )


@dataclass
class Corrected:
    """A conversation after a correction, and everyone whose rhythm it moved."""

    conversation: Conversation
    touched: list[Person]  # as they are after the change
    unlinked: int = 0  # follow-ups, advice and topics that pointed at it


def edit_conversation(
    board: Records, conversation: Conversation, changes: ConversationChanges, today: date
) -> Corrected:
    if changes.is_empty():
        raise UsageProblem("nothing to change: give an option such as --date, --note or --with")
    before = list(conversation.people)
    if changes.day is not None:
        conversation.date = check_day(changes.day, today).isoformat()
    if changes.via is not None:
        conversation.via = changes.via
    if changes.notes is not None:
        conversation.notes = changes.notes
    for person in changes.drop_people:
        if person.id not in conversation.people:
            raise UsageProblem(f"{person.name} is not in conversation #{conversation.id}")
        conversation.people.remove(person.id)
    for person in changes.add_people:
        if person.id not in conversation.people:
            conversation.people.append(person.id)
    if not conversation.people:
        raise UsageProblem(
            f"conversation #{conversation.id} would have nobody in it; drop it instead "
            f"with 'advisors conversation drop {conversation.id}'"
        )
    if changes.topics is not None:
        conversation.topics = list(changes.topics)
    if changes.goals is not None:
        conversation.goals = [g.id for g in changes.goals]
    board.save(conversation)
    return Corrected(conversation, _people(board, [*before, *conversation.people]))


def drop_conversation(board: Records, conversation: Conversation) -> Corrected:
    """Delete a conversation; what pointed at it stays, unlinked."""
    unlinked = 0
    linked: list[Todo | Advice] = [*board.all(Todo), *board.all(Advice)]
    for record in linked:
        if record.conversation == conversation.id:
            record.conversation = None
            board.save(record)
            unlinked += 1
    for topic in board.all(Topic):
        if topic.discussed_in == conversation.id:
            topic.discussed_in = None
            board.save(topic)
            unlinked += 1
    board.delete(conversation)
    return Corrected(conversation, _people(board, conversation.people), unlinked)


def _people(board: Records, ids: list[int]) -> list[Person]:
    found = (board.get(Person, ident) for ident in dict.fromkeys(ids))
    return [p for p in found if p is not None]
