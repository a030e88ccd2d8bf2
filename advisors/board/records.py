"""The records kept in the data file, as small dataclasses: the one table of
fields. The store derives its check of a file from these annotations, and
``doctor`` its check of each choice from the enum fields.

Each has an ``id`` (TinyDB's document id, shown to the user) and a ``uid``
(random hex, stable across export and import). ``from_doc`` is lenient with
missing keys so that older or hand-edited files still load; a word outside a
choice (a hand-edited file) stays as it was written, for ``doctor`` to name.
"""

from __future__ import annotations

import os
import time as clock
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any, ClassVar, Protocol, TypeVar

from advisors.cadence import DEFAULT_CADENCE


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
    ALUMNI = "alumni"  # a relationship closed well: kept, out of `due`


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


class GiveKind(StrEnum):
    """What you did for someone."""

    INTRO = "intro"
    HELP = "help"
    THANKS = "thanks"
    ADVICE = "advice"
    OTHER = "other"


class Owner(StrEnum):
    """Who owes a follow-up: you, or the person you wait on."""

    ME = "me"
    THEM = "them"


# What the annotations below mean to the store's check of a file:
Day = str  # an ISO date, YYYY-MM-DD
Moment = str  # an ISO 8601 time with its zone
MonthDay = str  # an ISO date, or --MM-DD for a day of the year (a birthday)

R = TypeVar("R", bound="Record")
_CHOICES: dict[type, dict[str, type[StrEnum]]] = {}
ENUMS: dict[str, type[StrEnum]] = {
    e.__name__: e for e in (Role, Status, Via, GoalStatus, Decision, Owner, GiveKind)
}


@dataclass(frozen=True)
class _Shape:
    """What building a record of a class from its document, and writing it
    back, need of the class: worked out once."""

    names: tuple[str, ...]  # every field but the id, in order
    template: dict[str, Any]  # the same, each with its default
    # fields whose default is empty (None, "", [] or {}), with it: the file
    # leaves such a field out when it holds its default
    empty: dict[str, Any]
    build: Callable[[int, Mapping[str, Any]], Any]  # see ``_builder``

    @classmethod
    def of(cls, model: type[Record]) -> _Shape:
        from dataclasses import MISSING

        defaults: dict[str, Any] = {}
        factories: dict[str, Callable[[], Any]] = {}
        for f in fields(model):
            if f.name == "id":
                continue
            if f.default is not MISSING:
                defaults[f.name] = f.default
            else:
                factories[f.name] = f.default_factory  # type: ignore[assignment]
        members = {name: {m.value: m for m in enum} for name, enum in model.choices().items()}
        template = {
            f.name: defaults[f.name] if f.name in defaults else factories[f.name]()
            for f in fields(model)
            if f.name != "id"
        }
        empty = {k: v for k, v in template.items() if v is None or v in ("", [], {})}
        build = _builder(model, defaults, factories, members)
        return cls(tuple(template), template, empty, build)

    @staticmethod
    def of_class(model: type[Record]) -> _Shape:
        """The shape of ``model``, worked out on first use."""
        shape = _SHAPES.get(model)
        if shape is None:
            shape = _SHAPES[model] = _Shape.of(model)
        return shape


_SHAPES: dict[type, _Shape] = {}


def _builder(
    model: type[Record],
    defaults: dict[str, Any],
    factories: dict[str, Callable[[], Any]],
    members: dict[str, dict[str, StrEnum]],
) -> Callable[[int, Mapping[str, Any]], Any]:
    """A function that builds a record of ``model`` from its id and stored
    document, written out field by field for this class and compiled once,
    as ``dataclasses`` writes ``__init__``: a record has slots (a third of
    the memory), and ``__init__`` with keywords took twice as long (62 ms
    for 20,000 people, against 35). Each field the document lacks gets its
    default; a list or mapping is copied (a record changed in memory must
    not change the document it came from until it is saved); a word of a
    choice becomes its enum member."""
    names: dict[str, Any] = {"new": object.__new__, "model": model, "absent": object()}
    lines = ["def build(ident, doc):", "    record = new(model)", "    record.id = ident"]
    for number, f in enumerate(fields(model)):
        if f.name == "id":
            continue
        name = f.name
        lines.append(f"    value = doc.get({name!r}, absent)")
        if name in factories:
            names[f"make{number}"] = factories[name]
            lines.append(f"    if value is absent: value = make{number}()")
        else:
            names[f"default{number}"] = defaults[name]
            lines.append(f"    if value is absent: value = default{number}")
        lines.append("    elif type(value) is list or type(value) is dict: value = value.copy()")
        if name in members:
            names[f"members{number}"] = members[name]
            lines.append(f"    if type(value) is str: value = members{number}.get(value, value)")
        lines.append(f"    record.{name} = value")
    lines.append("    return record")
    exec("\n".join(lines), names)  # our own field names, as dataclasses writes __init__
    built: Callable[[int, Mapping[str, Any]], Any] = names["build"]
    return built


_NO_STAMPS: dict[str, Any] = {"stamps": {}}  # most records never change: their stamps are left out


def new_uid() -> str:
    return os.urandom(8).hex()


def day_stamp(day: date) -> str:
    """Noon of ``day`` where you are, as a time like ``now_stamp``'s."""
    return datetime.combine(day, time(12)).astimezone().isoformat(timespec="milliseconds")


def now_stamp() -> str:
    """The current moment as ISO 8601 with the local timezone, to the
    millisecond: one string for the calls of one millisecond, worked out
    once (an import of 20,000 rows stamps each person it adds twice, 25 a
    millisecond)."""
    # a zone set meanwhile (tzset) gives a new string
    moment = (clock.time_ns() // 1_000_000, clock.timezone, clock.altzone)
    if moment != _LAST_STAMP[0]:
        millis = moment[0]
        found = datetime.fromtimestamp(millis // 1000, UTC).replace(
            microsecond=millis % 1000 * 1000
        )
        _LAST_STAMP[:] = [moment, found.astimezone().isoformat(timespec="milliseconds")]
    return str(_LAST_STAMP[1])


_LAST_STAMP: list[Any] = [None, ""]


@dataclass(eq=False, slots=True)
class Record:
    table: ClassVar[str]
    kind: ClassVar[str]  # what the user calls one: "person", "follow-up"...
    sparse: ClassVar[bool] = True  # its empty fields are left out of the file
    id: int = 0
    uid: str = field(default_factory=new_uid)
    # when each field was last changed (field -> time), so that two copies
    # that changed different fields of one record merge without losing either
    stamps: dict[str, Moment] = field(default_factory=dict)

    @classmethod
    def choices(cls) -> dict[str, type[StrEnum]]:
        """The fields that hold one word of a choice, and its enum."""
        found = _CHOICES.get(cls)
        if found is None:
            found = _CHOICES[cls] = {
                f.name: ENUMS[str(f.type).removesuffix(" | None")]
                for f in fields(cls)
                if str(f.type).removesuffix(" | None") in ENUMS
            }
        return found

    @classmethod
    def from_doc(cls: type[R], ident: int, doc: Mapping[str, Any]) -> R:
        """The record a stored document holds: each field the document lacks
        has its default, and a word of a choice becomes its enum member."""
        built: R = _Shape.of_class(cls).build(ident, doc)
        return built

    @classmethod
    def written(cls, doc: Mapping[str, Any], ident: int | None = None) -> dict[str, Any]:
        """What ``to_doc`` writes of the record a stored document holds (with
        its ``ident`` first, when given), without building the record: an
        export of 100,000 conversations spent most of its time building
        records to take them apart. Every field in order, a missing one with
        its default. It shares the lists of ``doc`` and of the defaults: for
        writing out at once, not for keeping."""
        shape = _Shape.of_class(cls)
        found = {**shape.template, **doc}  # the template's order; doc's values
        if len(found) != len(shape.template):  # a field of a newer version: not ours to write
            found = {k: v for k, v in found.items() if k in shape.template}
        if not found["stamps"]:
            del found["stamps"]
        return found if ident is None else {"id": ident, **found}

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        """The fields the file keeps (every field but the id)."""
        return _Shape.of_class(cls).names

    def values(self) -> dict[str, Any]:
        """Every field by name, the id first, as they are (not copies)."""
        return {"id": self.id, **{name: getattr(self, name) for name in self.field_names()}}

    def to_doc(self) -> dict[str, Any]:
        """The record as the file keeps it (without its id). Fields hold
        plain values, lists of them, or the stamps: copied directly, which is
        ten times faster than ``dataclasses.asdict`` on an import of
        thousands. A field left empty (None, "", [] or {}, its default) is
        left out of the main file's tables: most of a person's 23 fields
        are, and the board of 20,000 people that had them all took twice
        the disk and the memory. (The log keeps every field of a
        conversation: its index reads their dates and people directly.)"""
        doc: dict[str, Any] = {}
        empty = _Shape.of_class(type(self)).empty if self.sparse else _NO_STAMPS
        for name in self.field_names():
            value = getattr(self, name)
            if name in empty and value == empty[name]:
                continue
            if type(value) is list:
                value = list(value)
            elif type(value) is dict:
                value = dict(value)
            doc[name] = value
        return doc

    @classmethod
    def trimmed(cls, doc: dict[str, Any]) -> dict[str, Any]:
        """A stored document without the empty fields ``to_doc`` leaves out
        (one an earlier version wrote whole)."""
        empty = _Shape.of_class(cls).empty
        return {k: v for k, v in doc.items() if k not in empty or v != empty[k]}

    @classmethod
    def defaults(cls) -> Mapping[str, Any]:
        """Every field the file keeps, in order, with its default: the value
        of a field a stored document leaves out. Not to be changed."""
        return _Shape.of_class(cls).template


@dataclass(eq=False, slots=True)
class Person(Record):
    table: ClassVar[str] = "people"
    kind: ClassVar[str] = "person"
    name: str = ""
    role: Role = Role.MENTOR
    areas: list[str] = field(default_factory=list)
    status: Status = Status.ACTIVE
    paused_until: Day | None = None
    snoozed_until: Day | None = None
    cadence: str = DEFAULT_CADENCE
    # the longest you let go by before it is overdue ("" : the cadence is it)
    at_most: str = ""
    why: str = ""
    email: str = ""
    phone: str = ""
    org: str = ""
    title: str = ""  # their job title
    url: str = ""  # a profile or web page (LinkedIn)
    notes: str = ""
    # for someone you mentor (the article's "listen to learn"): where they
    # are now and what they need; ``why`` says why they need it
    where: str = ""
    need: str = ""
    # Derived from the conversation log and kept in step with it, so that
    # `due` reads one small file however long the log grows.
    last_contact: Day | None = None
    created: Moment = ""
    updated: Moment = ""

    @property
    def addresses(self) -> list[str]:
        """Their e-mail addresses (the field may hold several, with commas),
        folded for comparing."""
        return addresses_in(self.email)


def addresses_in(email: str) -> list[str]:
    """The e-mail addresses a person's e-mail field holds, folded: an
    address already folded (most are) is the field's own string, not a copy
    (an import's index of 40,000 people by address held 2.6 MiB of copies)."""
    return [e if (folded := e.casefold()) == e else folded for e in split_list(email)]


def split_list(text: str) -> list[str]:
    """The items of a field that holds several (e-mail addresses, phones),
    separated by commas."""
    if "," not in text:  # most hold one: a fifth of an import's time went here
        item = text.strip()
        return [item] if item else []
    return [item.strip() for item in text.split(",") if item.strip()]


def join_list(items: list[str]) -> str:
    """Several items as one field, each once (compared without case)."""
    if len(items) == 1:
        return items[0].strip()
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.strip().casefold(), item.strip())
    return ", ".join(v for k, v in seen.items() if k)


@dataclass(eq=False, slots=True)
class Conversation(Record):
    table: ClassVar[str] = "conversations"
    kind: ClassVar[str] = "conversation"
    sparse: ClassVar[bool] = False
    people: list[int] = field(default_factory=list)
    date: Day = ""
    via: Via = Via.OTHER
    notes: str = ""
    topics: list[str] = field(default_factory=list)
    goals: list[int] = field(default_factory=list)
    created: Moment = ""
    updated: Moment = ""
    source: str = ""  # "calendar" when an import logged it from a calendar


@dataclass(eq=False, slots=True)
class Goal(Record):
    table: ClassVar[str] = "goals"
    kind: ClassVar[str] = "goal"
    title: str = ""
    gap: str = ""
    why: str = ""
    success: str = ""
    area: str = ""
    target: Day | None = None
    status: GoalStatus = GoalStatus.OPEN
    advisors: list[int] = field(default_factory=list)
    person: int | None = None  # whose goal it is (a mentee's); None: yours
    created: Moment = ""
    closed: str | None = None
    updated: Moment = ""


@dataclass(eq=False, slots=True)
class Todo(Record):
    table: ClassVar[str] = "todos"
    kind: ClassVar[str] = "follow-up"
    text: str = ""
    person: int | None = None
    owner: Owner = Owner.ME
    due: Day | None = None
    goal: int | None = None
    conversation: int | None = None
    done: Day | None = None
    created: Moment = ""
    updated: Moment = ""


@dataclass(eq=False, slots=True)
class Topic(Record):
    table: ClassVar[str] = "topics"
    kind: ClassVar[str] = "topic"
    person: int = 0
    text: str = ""
    created: Moment = ""
    discussed_in: int | None = None
    updated: Moment = ""


@dataclass(eq=False, slots=True)
class Advice(Record):
    table: ClassVar[str] = "advice"
    kind: ClassVar[str] = "advice"
    person: int = 0
    conversation: int | None = None
    text: str = ""
    given: Day = ""
    decision: Decision | None = None
    outcome: str = ""
    reported: Day | None = None
    # True: advice you gave them (a mentee); the loop runs the other way:
    # whether they take it, and how it went for them
    mine: bool = False
    updated: Moment = ""


@dataclass(eq=False, slots=True)
class KeyDate(Record):
    """A date that matters to someone: a birthday, an anniversary, a big day.
    ``date`` is YYYY-MM-DD, or --MM-DD when the year is not known."""

    table: ClassVar[str] = "dates"
    kind: ClassVar[str] = "date"
    person: int = 0
    label: str = ""
    date: MonthDay = ""
    yearly: bool = True
    note: str = ""
    created: Moment = ""
    updated: Moment = ""


@dataclass(eq=False, slots=True)
class Agreement(Record):
    """The terms of one relationship, agreed together: what you ask of them,
    what you offer back, how you meet, and when you look at it again."""

    table: ClassVar[str] = "agreements"
    kind: ClassVar[str] = "agreement"
    person: int = 0
    ask: str = ""
    offer: str = ""
    format: str = ""
    confidential: bool | None = None  # None: not said
    agreed: Day = ""  # the day it was made
    review: Day | None = None  # when you will look at it together again
    reviewed: Day | None = None  # the last time you did
    note: str = ""  # what the last review said
    created: Moment = ""
    updated: Moment = ""

    @property
    def since(self) -> str:
        """The day the terms were last set: the last review, else the day made."""
        return self.reviewed or self.agreed


@dataclass(eq=False, slots=True)
class Give(Record):
    """Something you did for someone: an introduction, help, a thank-you."""

    table: ClassVar[str] = "gives"
    kind: ClassVar[str] = "give"
    person: int = 0
    text: str = ""
    kind_of: GiveKind = GiveKind.HELP
    date: Day = ""
    conversation: int | None = None
    created: Moment = ""
    updated: Moment = ""


@dataclass(eq=False, slots=True)
class Review(Record):
    """One review of the whole board: whom you keep, deepen and rotate out."""

    table: ClassVar[str] = "reviews"
    kind: ClassVar[str] = "board review"
    date: Day = ""
    keep: list[int] = field(default_factory=list)
    deepen: list[int] = field(default_factory=list)
    rotate: list[int] = field(default_factory=list)
    notes: str = ""  # one line per person noted: "Ana Lopez: ..."
    created: Moment = ""
    updated: Moment = ""


# Every kind of record, in an order where every reference points at a kind
# before it (merging follows it).
MODELS: tuple[type[Record], ...] = (
    Person,
    Goal,
    Conversation,
    Todo,
    Topic,
    Advice,
    KeyDate,
    Agreement,
    Give,
    Review,
)
# The fields that hold ids of other records, and the kind they point at.
REFERENCES: dict[type[Record], dict[str, type[Record]]] = {
    Goal: {"advisors": Person, "person": Person},
    Conversation: {"people": Person, "goals": Goal},
    Todo: {"person": Person, "goal": Goal, "conversation": Conversation},
    Topic: {"person": Person, "discussed_in": Conversation},
    Advice: {"person": Person, "conversation": Conversation},
    KeyDate: {"person": Person},
    Agreement: {"person": Person},
    Give: {"person": Person, "conversation": Conversation},
    Review: {"keep": Person, "deepen": Person, "rotate": Person},
}
# References a record cannot live without.
# (A goal's ``person`` may be None, a goal of yours; one of someone else's
# goes with them.)
REQUIRED = {
    (Goal, "person"),
    (Topic, "person"),
    (Advice, "person"),
    (Conversation, "people"),
    (KeyDate, "person"),
    (Agreement, "person"),
    (Give, "person"),
}


class Records(Protocol):
    """What the rules need of a board's records: the store's ``Data`` is one,
    and so is any in-memory stand-in a test builds."""

    def all(self, model: type[R]) -> list[R]: ...

    def documents(self, model: type[Record]) -> Iterable[tuple[int, dict[str, Any]]]: ...

    def get(self, model: type[R], ident: int) -> R | None: ...

    def document(self, model: type[Record], ident: int) -> dict[str, Any] | None: ...

    def freeze(self, model: type[Record]) -> None: ...

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
