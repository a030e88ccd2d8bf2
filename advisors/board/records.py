"""The records kept in the data file, as small dataclasses.

Each has an ``id`` (TinyDB's document id, shown to the user) and a ``uid``
(random hex, stable across export and import). ``from_doc`` is lenient with
missing keys so that older or hand-edited files still load.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, ClassVar, Protocol, TypeVar


class Role(StrEnum):
    MENTOR = "mentor"
    SPONSOR = "sponsor"
    COACH = "coach"
    PEER = "peer"
    MENTEE = "mentee"


class Status(StrEnum):
    ACTIVE = "active"
    PROSPECT = "prospect"
    PAUSED = "paused"
    ARCHIVED = "archived"


class Via(StrEnum):
    CALL = "call"
    VIDEO = "video"
    IN_PERSON = "in-person"
    EMAIL = "email"
    MESSAGE = "message"
    OTHER = "other"


class GoalStatus(StrEnum):
    OPEN = "open"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class Decision(StrEnum):
    TAKING = "taking"
    DECLINED = "declined"


ROLES = tuple(Role)
STATUSES = tuple(Status)
VIAS = tuple(Via)

R = TypeVar("R", bound="Record")
_FIELDS: dict[type, frozenset[str]] = {}


def new_uid() -> str:
    return os.urandom(8).hex()


def now_stamp() -> str:
    """The current moment as ISO 8601 with the local timezone."""
    return datetime.now(UTC).astimezone().isoformat(timespec="milliseconds")


@dataclass(eq=False)
class Record:
    table: ClassVar[str]
    id: int = 0
    uid: str = field(default_factory=new_uid)

    @classmethod
    def from_doc(cls: type[R], ident: int, doc: dict[str, Any]) -> R:
        known = _FIELDS.get(cls)
        if known is None:
            known = _FIELDS[cls] = frozenset(f.name for f in fields(cls)) - {"id"}
        # lists are copied: a record changed in memory must not change the
        # document it was read from until it is saved
        values: dict[str, Any] = {
            k: list(v) if isinstance(v, list) else v for k, v in doc.items() if k in known
        }
        return cls(id=ident, **values)

    def to_doc(self) -> dict[str, Any]:
        doc = asdict(self)
        del doc["id"]
        return doc


@dataclass(eq=False)
class Person(Record):
    table: ClassVar[str] = "people"
    name: str = ""
    role: str = "mentor"
    areas: list[str] = field(default_factory=list)
    status: str = "active"
    paused_until: str | None = None
    snoozed_until: str | None = None
    cadence: str = "1m"
    why: str = ""
    email: str = ""
    phone: str = ""
    org: str = ""
    notes: str = ""
    # Derived from the conversation log and kept in step with it, so that
    # `due` reads one small file however long the log grows.
    last_contact: str | None = None
    created: str = ""
    updated: str = ""

    @property
    def addresses(self) -> list[str]:
        """Their e-mail addresses (the field may hold several, with commas),
        folded for comparing."""
        return [e.strip().casefold() for e in self.email.split(",") if e.strip()]


@dataclass(eq=False)
class Conversation(Record):
    table: ClassVar[str] = "conversations"
    people: list[int] = field(default_factory=list)
    date: str = ""
    via: str = "other"
    notes: str = ""
    topics: list[str] = field(default_factory=list)
    goals: list[int] = field(default_factory=list)
    created: str = ""
    updated: str = ""


@dataclass(eq=False)
class Goal(Record):
    table: ClassVar[str] = "goals"
    title: str = ""
    gap: str = ""
    why: str = ""
    success: str = ""
    area: str = ""
    target: str | None = None
    status: str = "open"
    advisors: list[int] = field(default_factory=list)
    created: str = ""
    closed: str | None = None
    updated: str = ""


@dataclass(eq=False)
class Todo(Record):
    table: ClassVar[str] = "todos"
    text: str = ""
    person: int | None = None
    owner: str = "me"
    due: str | None = None
    goal: int | None = None
    conversation: int | None = None
    done: str | None = None
    created: str = ""
    updated: str = ""


@dataclass(eq=False)
class Topic(Record):
    table: ClassVar[str] = "topics"
    person: int = 0
    text: str = ""
    created: str = ""
    discussed_in: int | None = None
    updated: str = ""


@dataclass(eq=False)
class Advice(Record):
    table: ClassVar[str] = "advice"
    person: int = 0
    conversation: int | None = None
    text: str = ""
    given: str = ""
    decision: str | None = None
    outcome: str = ""
    reported: str | None = None
    updated: str = ""


class Records(Protocol):
    """What the rules need of a board's records: the store's ``Data`` is one,
    and so is any in-memory stand-in a test builds."""

    def all(self, model: type[R]) -> list[R]: ...

    def get(self, model: type[R], ident: int) -> R | None: ...

    def insert(self, record: R) -> R: ...

    def adopt(self, record: R) -> R: ...

    def save(self, record: Record, *, touch: bool = True) -> None: ...

    def delete(self, record: Record, *, when: str | None = None) -> None: ...

    def deletions(self) -> list[dict[str, Any]]: ...

    def remember_deletion(self, tombstone: dict[str, Any]) -> None: ...

    def newest_conversations(
        self,
        limit: int | None = None,
        keep: Any = None,
        *,
        person: int | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[Conversation]: ...
