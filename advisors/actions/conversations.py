"""Correct the record: show, edit and drop one conversation by its #id."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Confirm, Result
from advisors.board.conversations import (
    ConversationChanges,
    Corrected,
)
from advisors.board.conversations import (
    drop_conversation as drop_rule,
)
from advisors.board.conversations import (
    edit_conversation as edit_rule,
)
from advisors.board.finding import find_by_id, find_goal, find_person
from advisors.board.records import Advice, Conversation, Goal, Person, Todo, Via
from advisors.board.values import check_text, texts


@dataclass
class Detail(Result):
    document: dict[str, Any]

    def as_json(self) -> Any:
        return self.document

    def show(self) -> None:
        from advisors.views import history

        history.conversation(self.document)


def show_conversation(board: Board, ident: str | int) -> Detail:
    """One conversation: who, when, how, notes, and what came of it."""
    from advisors.views import shapes

    data = board.read()
    talk = find_by_id(data, Conversation, str(ident), "conversation")
    return Detail(
        shapes.conversation_detail(
            talk,
            {p.id: p.name for p in data.all(Person)},
            {g.id: g.title for g in data.all(Goal)},
            [t for t in data.all(Todo) if t.conversation == talk.id],
            [a for a in data.all(Advice) if a.conversation == talk.id],
        )
    )


@dataclass
class CorrectedResult(Result):
    corrected: Corrected
    today: date
    within: int
    dropped: bool = False

    def show(self) -> None:
        from advisors.views import history

        history.corrected(self.corrected, self.today, self.within, dropped=self.dropped)

    def as_json(self) -> Any:
        c = self.corrected.conversation
        return {
            "id": c.id,
            "date": c.date,
            "dropped": self.dropped,
            "people": [
                {"id": p.id, "name": p.name, "last_contact": p.last_contact}
                for p in self.corrected.touched
            ],
        }


def edit_conversation(
    board: Board,
    ident: str | int,
    *,
    day: date | None = None,
    via: Via | None = None,
    note: str | Callable[[Conversation, str], str] | None = None,
    add_people: list[str] | None = None,
    drop_people: list[str] | None = None,
    topics: list[str] | None = None,
    goals: list[str] | None = None,
) -> CorrectedResult:
    """Correct a conversation; everyone it touches, before and after, gets
    their last contact and next due worked out again. ``note`` is the new
    text, or a function of the conversation and its people's names that
    writes it (the command line's editor)."""
    today = board.today()
    snapshot = board.read()
    talk = find_by_id(snapshot, Conversation, str(ident), "conversation")
    changes = ConversationChanges(
        day=day,
        via=Via(via) if via is not None else None,
        add_people=[find_person(snapshot, n) for n in add_people or []],
        drop_people=[find_person(snapshot, n) for n in drop_people or []],
        topics=texts("topic", topics) if topics is not None else None,
        goals=[find_goal(snapshot, g) for g in goals] if goals is not None else None,
    )
    if callable(note):
        names = {p.id: p.name for p in snapshot.all(Person)}
        written = note(talk, ", ".join(names.get(p, f"#{p}") for p in talk.people))
        changes.notes = check_text("note", written) or ""
    elif note is not None:
        changes.notes = check_text("note", note) or ""
    with board.change() as data:
        fresh = find_by_id(data, Conversation, str(talk.id), "conversation")
        result = edit_rule(data, fresh, changes, today)
    return CorrectedResult(result, today, board.config.within)


def drop_conversation(
    board: Board, ident: str | int, *, confirm: Confirm | None = None
) -> CorrectedResult:
    """Delete a conversation logged by mistake; what pointed at it stays."""
    talk = find_by_id(board.read(), Conversation, str(ident), "conversation")
    if confirm is not None:
        confirm(
            f"Delete conversation #{talk.id} of {talk.date}?",
            f"dropping conversation #{talk.id} deletes its notes; add --yes to confirm",
        )
    with board.change() as data:
        fresh = find_by_id(data, Conversation, str(talk.id), "conversation")
        result = drop_rule(data, fresh)
    return CorrectedResult(result, board.today(), board.config.within, dropped=True)
