"""The agenda: topics queued for your next conversation with someone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Result, Said
from advisors.board.finding import find_by_id, find_person
from advisors.board.followups import drop, queue_topic, reword, topic_discussed
from advisors.board.records import Person, Topic
from advisors.board.values import MAX_TEXT, required_text


def add_topic(board: Board, name: str, text: str) -> Said:
    clean = required_text("topic", text, most=MAX_TEXT)
    with board.change() as data:
        person = find_person(data, name)
        topic = queue_topic(data, person.id, clean)
    return Said(f"Queued topic #{topic.id} for {person.name}: {topic.text}", record=topic)


@dataclass
class Topics(Result):
    topics: list[Topic]
    names: dict[int, str]

    def as_json(self) -> Any:
        from advisors.views import shapes

        return [shapes.topic(t, self.names) for t in self.topics]

    def show(self) -> None:
        from advisors.views import followups

        followups.topic_list(self.topics, self.names)


def list_topics(
    board: Board, *, name: str | None = None, include_discussed: bool = False
) -> Topics:
    data = board.read()
    person = find_person(data, name) if name else None
    names = {p.id: p.name for p in data.all(Person)}
    topics = [
        t
        for t in data.all(Topic)
        if (include_discussed or t.discussed_in is None)
        and (person is None or t.person == person.id)
    ]
    topics.sort(key=lambda t: (names.get(t.person, "").casefold(), t.id))
    return Topics(topics, names)


def topic_done(board: Board, ident: str | int) -> Said:
    """Mark a topic discussed, in the latest conversation with its person."""
    with board.change() as data:
        topic = find_by_id(data, Topic, str(ident), "topic")
        latest = topic_discussed(data, topic)
    return Said(f"Discussed: {topic.text} (in the conversation of {latest.date}).", record=topic)


def edit_topic(board: Board, ident: str | int, text: str) -> Said:
    clean = required_text("topic", text, most=MAX_TEXT)
    with board.change() as data:
        topic = reword(data, find_by_id(data, Topic, str(ident), "topic"), clean)
    return Said(f"Updated topic #{topic.id}: {topic.text}", record=topic)


def drop_topic(board: Board, ident: str | int) -> Said:
    with board.change() as data:
        topic = drop(data, find_by_id(data, Topic, str(ident), "topic"))
    return Said(f"Dropped topic #{topic.id}: {topic.text}", record=topic)
