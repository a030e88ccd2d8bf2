"""Follow-ups both ways, and the agenda of topics for next time."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from advisors.board.records import (
    Advice,
    Conversation,
    Owner,
    Person,
    Records,
    Todo,
    Topic,
    now_stamp,
)
from advisors.errors import UsageProblem


def todo_order(todos: Iterable[Todo]) -> list[Todo]:
    """Open ones first, soonest due first (undated after dated), then done."""
    return sorted(todos, key=lambda t: (t.done is not None, t.due is None, t.due or "", t.id))


def is_overdue(todo: Todo, today: date) -> bool:
    return todo.done is None and todo.due is not None and todo.due < today.isoformat()


def add_todo(board: Records, todo: Todo) -> Todo:
    if todo.owner == Owner.THEM and todo.person is None:
        raise UsageProblem("say who you are waiting on with --with NAME")
    todo.created = now_stamp()
    return board.insert(todo)


def finish_todo(board: Records, todo: Todo, today: date) -> Todo:
    if todo.done:
        raise UsageProblem(f"follow-up #{todo.id} was already done on {todo.done}")
    todo.done = today.isoformat()
    board.save(todo)
    return todo


def queue_topic(board: Records, person: int, text: str) -> Topic:
    return board.insert(Topic(person=person, text=text, created=now_stamp()))


def topic_discussed(board: Records, topic: Topic) -> Conversation:
    """Mark a topic discussed in the latest conversation with its person."""
    if topic.discussed_in is not None:
        raise UsageProblem(f"topic #{topic.id} was already discussed")
    latest = board.newest_conversations(1, person=topic.person)
    if not latest:
        raise UsageProblem(
            "no conversation with them is logged yet: log one with 'advisors log', "
            "or drop the topic"
        )
    topic.discussed_in = latest[0].id
    board.save(topic)
    return latest[0]


Item = TypeVar("Item", Todo, Topic, Advice)


def drop(board: Records, item: Item) -> Item:
    """Delete a follow-up, a queued topic or advice that no longer matters."""
    board.delete(item)
    return item


def reword(board: Records, item: Item, text: str) -> Item:
    """Give a follow-up, a topic or advice new words."""
    item.text = text
    board.save(item)
    return item


def edit_todo(board: Records, todo: Todo, changes: dict[str, Any]) -> Todo:
    """Change a follow-up's text, due date, person or goal."""
    if not changes:
        raise UsageProblem("nothing to change: give an option such as --text or --due")
    for key, value in changes.items():
        setattr(todo, key, value)
    if todo.owner == Owner.THEM and todo.person is None:
        raise UsageProblem("a follow-up you wait on needs someone: give --with NAME")
    board.save(todo)
    return todo


@dataclass
class Whose:
    """Who a follow-up concerns: its person, or, for one made in a
    conversation with several people and naming none of them, each of them."""

    names: dict[int, str]
    groups: dict[int, list[int]] = field(default_factory=dict)  # conversation -> people

    def ids(self, todo: Todo) -> list[int]:
        if todo.person is not None:
            return [todo.person]
        if todo.conversation is not None:
            return self.groups.get(todo.conversation, [])
        return []

    def of(self, todo: Todo, default: str = "") -> str:
        found = [self.names.get(p, f"#{p}") for p in self.ids(todo)]
        return " and ".join(found) if found else default


def split_owner(text: str, people: list[Person]) -> tuple[Person | None, str]:
    """``"marcus: revise the plan"`` names Marcus among ``people``; any other
    text names nobody (a lone person is the one it concerns)."""
    from advisors.names import find_one

    prefix, colon, rest = text.partition(":")
    if colon and rest.strip() and len(people) > 1:
        try:
            return find_one(prefix, [(p.id, p.name, p) for p in people]), rest.strip()
        except UsageProblem:
            pass
    return (people[0] if len(people) == 1 else None), text


def names_no_one(text: str, people: list[Person]) -> str:
    """The name a follow-up starts with ("ana: send the deck") when it is no
    one of ``people``; "" when it starts with no name or names one of them."""
    from advisors.names import find_one

    prefix, colon, rest = text.partition(":")
    words = prefix.split()
    if not colon or not rest.strip() or not 1 <= len(words) <= 3 or rest.startswith("//"):
        return ""
    try:
        find_one(prefix, [(p.id, p.name, p) for p in people])
    except UsageProblem:
        return prefix.strip()
    return ""


def whose(board: Records, todos: Iterable[Todo]) -> Whose:
    """Who each of ``todos`` concerns, reading the conversations that need it."""
    groups: dict[int, list[int]] = {}
    for todo in todos:
        if (
            todo.person is None
            and todo.conversation is not None
            and (todo.conversation not in groups)
        ):
            talk = board.get(Conversation, todo.conversation)
            groups[todo.conversation] = talk.people if talk else []
    return Whose({p.id: p.name for p in board.all(Person)}, groups)
