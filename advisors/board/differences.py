"""What a change did, record by record: what ``undo`` and ``redo`` will
take back or put back, one line each, before they do it."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from advisors.board.merge import label_of
from advisors.board.records import MODELS, Conversation, Person, Record, Records

# Fields that change with every save, and say nothing to a person.
_QUIET = frozenset({"id", "uid", "stamps", "updated", "last_contact", "created"})


def _by_uid(board: Records, model: type[Record], talks: list[Conversation]) -> dict[str, Record]:
    return {r.uid: r for r in (talks if model is Conversation else board.all(model))}


def differences(
    now: Records, then: Records, talks: tuple[list[Conversation], list[Conversation]]
) -> list[str]:
    """What going from ``now`` back to ``then`` does, a line each: records it
    removes, brings back and changes (with the fields). ``talks``: the
    conversations of each that can differ (those of the log segments the
    other does not share)."""
    names_now = {p.id: p.name for p in now.all(Person)}
    names_then = {p.id: p.name for p in then.all(Person)}
    lines = []
    mine_talks, their_talks = talks
    for model in MODELS:
        mine, theirs = _by_uid(now, model, mine_talks), _by_uid(then, model, their_talks)
        for uid, record in mine.items():
            if uid not in theirs:
                lines.append(f"removes {model.kind} {label_of(record, names_now)}")
        for uid, record in theirs.items():
            if uid not in mine:
                lines.append(f"brings back {model.kind} {label_of(record, names_then)}")
            else:
                changed = _changed(mine[uid], record)
                if changed:
                    label = label_of(record, names_then)
                    lines.append(f"changes {model.kind} {label} ({', '.join(changed)})")
    return lines


def _changed(a: Any, b: Any) -> list[str]:
    return [
        f.name
        for f in fields(a)
        if f.name not in _QUIET and getattr(a, f.name) != getattr(b, f.name)
    ]
