"""What ``doctor`` checks in the records, and what ``doctor --fix`` repairs
without losing anything: ids that point at nothing, uids used twice, and
times and cadences that do not read.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from advisors.board.merge import KINDS, label_of
from advisors.board.records import (
    MODELS,
    REFERENCES,
    REQUIRED,
    Advice,
    Conversation,
    Give,
    Goal,
    KeyDate,
    Person,
    Record,
    Records,
    Todo,
    Topic,
    new_uid,
    now_stamp,
)
from advisors.board.values import has_control
from advisors.cadence import DEFAULT_CADENCE, parse_cadence
from advisors.errors import UsageProblem


@dataclass
class Finding:
    check: str  # schema, ids, uids, dates, derived, segments, index, conflicts, backups, undo
    problem: str
    fix: str  # the command that fixes it, or what to do
    fixable: bool  # `doctor --fix` repairs it
    serious: bool = True  # False: worth saying, but the file is healthy


_DROP = {
    "topics": "advisors topic drop {id}",
    "advice": "advisors advice drop {id}",
    "dates": "advisors date drop {id}",
}


def _reads_as_time(text: Any) -> bool:
    if not text:
        return True
    try:
        datetime.fromisoformat(str(text))
    except ValueError:
        return False
    return True


# The rules below read a record's fields from a mapping: a record's own
# (``record.values()``), or the document the file keeps, so that ``doctor``
# checks the log without building a record of each conversation (half its
# time at 100,000); a field the document lacks has its default.
Fields = Mapping[str, Any]


def _dangling(
    model: type[Record], values: Fields, ids: dict[type[Record], set[int]]
) -> list[tuple[str, type[Record], int]]:
    """The references that point at nothing: (field, table, id)."""
    found = []
    for name, target in _rules(model).references:
        value = values.get(name)
        if value is None:
            continue
        known = ids[target]
        for ident in value if isinstance(value, list) else (value,):
            if ident is not None and ident not in known:
                found.append((name, target, ident))
    return found


# The text that names a record, which can't be empty.
_NAMED = {
    Person: "name",
    Goal: "title",
    Todo: "text",
    Topic: "text",
    Advice: "text",
    KeyDate: "label",
    Give: "text",
}
# Fields shown on one line, which hold no control character.
_ONE_LINE = {
    Person: ("name", "email", "phone", "org", "title", "url"),
    Goal: ("title",),
    Todo: ("text",),
    Topic: ("text",),
    Advice: ("text",),
    KeyDate: ("label",),
    Give: ("text",),
}


def wrong_values(record: Record) -> list[tuple[str, str]]:
    """What in ``record`` the commands can't use: (field, in words, such as
    "an unknown status 'zombie'"): a word outside its choices, an empty name,
    a cadence that does not read. (Types and dates are the store's to check.)"""
    return _wrong(type(record), record.values())


def _wrong(model: type[Record], values: Fields) -> list[tuple[str, str]]:
    found = []
    rules = _rules(model)
    if rules.named and not str(values.get(rules.named, "")).strip():
        found.append((rules.named, f"an empty {rules.named}"))
    for name in rules.one_line:
        if has_control(str(values.get(name, ""))):
            found.append((name, f"a control character in its {name}"))
    for name, words in rules.words:
        value = values.get(name)
        if value is not None and not (isinstance(value, str) and value in words):
            found.append((name, f"an unknown {name} {str(value)[:40]!r}"))
    if model is Person:
        cadence = values.get("cadence", DEFAULT_CADENCE)
        try:
            parse_cadence(cadence)
        except UsageProblem:
            found.append(("cadence", f"a cadence that does not read ({str(cadence)[:40]!r})"))
    return found


class _Rules:
    """What the checks of one kind of record read, worked out once: a pass
    of ``doctor`` asks for each of 100,000 conversations."""

    def __init__(self, model: type[Record]) -> None:
        self.references = list(REFERENCES.get(model, {}).items())
        self.named = _NAMED.get(model)
        self.one_line = _ONE_LINE.get(model, ())
        self.words = [(name, frozenset(enum)) for name, enum in model.choices().items()]


_RULES: dict[type[Record], _Rules] = {}


def _rules(model: type[Record]) -> _Rules:
    found = _RULES.get(model)
    if found is None:
        found = _RULES[model] = _Rules(model)
    return found


def _unreadable_times(values: Fields) -> list[str]:
    return [s for s in ("created", "updated") if not _reads_as_time(values.get(s, ""))]


def _known_ids(board: Records) -> dict[type[Record], set[int]]:
    """The ids of every kind kept in the main file; of the log's, those
    the main file's records point at, gathered as the log is walked (every
    reference points at a kind before it, see ``MODELS``, so they are known
    before anything points at them)."""
    return {
        model: set() if model is Conversation else {i for i, _doc in board.documents(model)}
        for model in MODELS
    }


def _pointed_at(board: Records) -> set[int]:
    """The conversations the main file's records point at: the only ids of
    the log a check needs (holding all 100,000 was 7 MiB)."""
    found: set[int] = set()
    for model, references in REFERENCES.items():
        names = [n for n, target in references.items() if target is Conversation]
        if model is Conversation or not names:
            continue
        for _ident, doc in board.documents(model):
            for name in names:
                value = doc.get(name)
                found.update(
                    v for v in (value if isinstance(value, list) else [value]) if type(v) is int
                )
    return found


def _records(board: Records) -> Iterator[tuple[type[Record], int, Fields]]:
    """Every record as the file keeps it, kind by kind in ``MODELS`` order;
    conversations a segment at a time."""
    for model in MODELS:
        for ident, doc in board.documents(model):
            yield model, ident, doc


def _walk(
    board: Records, ids: dict[type[Record], set[int]]
) -> Iterator[tuple[type[Record], int, Fields]]:
    """``_records``, the ids of the conversations pointed at noted in ``ids``
    as they come."""
    wanted = _pointed_at(board)
    for model, ident, doc in _records(board):
        if model is Conversation and ident in wanted:
            ids[Conversation].add(ident)
        yield model, ident, doc


def examine(board: Records) -> list[Finding]:
    """Every problem in the records; none of them stops a command. (Last
    contacts are the store's derived data, and the store checks them.)
    The log is read once, a segment at a time."""
    findings: list[Finding] = []
    ids = _known_ids(board)
    names: dict[int, str] = {}  # filled when a finding needs them
    uids = _Uids()
    for model, ident, doc in _walk(board, ids):
        uids.note(doc["uid"])
        dangling = _dangling(model, doc, ids)
        times = _unreadable_times(doc)
        wrong = _wrong(model, doc)
        if not (dangling or times or wrong):  # nearly every record: no words to make
            continue
        record = model.from_doc(ident, doc)
        where = f"{KINDS[model]} #{record.id}"
        if wrong and not names:
            names.update(_names(board))
        for name, target, ident in dangling:
            required = (model, name) in REQUIRED and model is not Conversation
            findings.append(
                Finding(
                    "ids",
                    f"{where} points at {KINDS[target]} #{ident}, which is not there",
                    _DROP.get(model.table, _BY_HAND).format(id=record.id)
                    if required
                    else "advisors doctor --fix unlinks it",
                    fixable=not required,
                )
            )
        findings += [
            Finding(
                "dates",
                f"{where} has a {stamp} time that does not read",
                "advisors doctor --fix sets it to now",
                fixable=True,
            )
            for stamp in times
        ]
        findings += [
            Finding(
                "values",
                f"{_labelled(where, label_of(record, names))} has {what}",
                _FIXES.get((model, name), _BY_HAND).format(id=record.id),
                fixable=False,
            )
            for name, what in wrong
        ]
    return findings + _used_twice(board, uids.alike())


class _Uids:
    """The uids a walk meets, kept small: each as its hash (8 bytes), and a
    map of a million bits that tells, as each comes, whether its hash may
    have come before. The uids themselves and where each was first seen
    were 13 MiB at 120,000 records, and sorting the hashes 5 MiB more."""

    BITS = 1 << 23

    def __init__(self) -> None:
        self.hashes = array("q")
        self.bits = bytearray(self.BITS // 8)
        self.maybe: set[int] = set()  # hashes whose bit was already set

    def note(self, uid: Any) -> None:
        h = hash(uid)
        self.hashes.append(h)
        slot = h & (self.BITS - 1)
        if self.bits[slot >> 3] & (1 << (slot & 7)):
            self.maybe.add(h)
        else:
            self.bits[slot >> 3] |= 1 << (slot & 7)

    def alike(self) -> set[int]:
        """The hashes met more than once (a uid used twice, or rarely two
        uids alike by chance)."""
        if not self.maybe:
            return set()
        counted = Counter(h for h in self.hashes if h in self.maybe)
        return {h for h, times in counted.items() if times > 1}


def _used_twice(board: Records, alike: set[int]) -> list[Finding]:
    """A record whose uid an earlier one has, ``alike`` holding the hashes
    met more than once: only then is the board walked again, to compare the
    uids themselves and name the record that had each first."""
    if not alike:
        return []
    first: dict[str, tuple[type[Record], int]] = {}
    found = []
    for model, ident, doc in _records(board):
        uid = doc["uid"]
        if hash(uid) not in alike:
            continue
        if uid not in first:
            first[uid] = (model, ident)
            continue
        kind, first_id = first[uid]
        found.append(
            Finding(
                "uids",
                f"{KINDS[model]} #{ident} has the same uid as {KINDS[kind]} #{first_id}",
                "advisors doctor --fix gives it a new one",
                fixable=True,
            )
        )
    return found


def _names(board: Records) -> dict[int, str]:
    return {ident: str(doc.get("name", "")) for ident, doc in board.documents(Person)}


def _labelled(where: str, label: str) -> str:
    return f"{where} ({label})" if label.strip() else where


# The command that sets each field a user can get wrong, by record kind.
_FIXES: dict[tuple[type[Record], str], str] = {
    (Person, "name"): "advisors edit {id} --name 'Their Name'",
    (Person, "role"): "advisors edit {id} --role mentor",
    (Person, "status"): "advisors edit {id} --status active",
    (Person, "cadence"): "advisors edit {id} --every monthly",
    (Conversation, "via"): "advisors conversation edit {id} --via call",
    (Goal, "title"): "advisors goal edit {id} --title 'The goal'",
}

_BY_HAND = "advisors export, correct it in the export, then import that into a new file"


def repair(board: Records) -> list[str]:
    """Fix what ``examine`` finds that can be fixed without losing anything;
    return the records changed, each named ("person Ana Lopez #3")."""
    ids = _known_ids(board)
    seen: set[str] = set()
    changed: list[str] = []
    touched: list[Record] = []  # saved after the walk, which reads the log as it goes
    for model, ident, doc in _walk(board, ids):
        record = model.from_doc(ident, doc)
        mended = False
        for name, _target, missing in _dangling(model, doc, ids):
            value = getattr(record, name)
            if isinstance(value, list):
                setattr(record, name, [v for v in value if v != missing])
            elif (model, name) not in REQUIRED:
                setattr(record, name, None)
            else:
                continue
            mended = True
        if record.uid in seen:
            record.uid = new_uid()
            mended = True
        seen.add(record.uid)
        for stamp in _unreadable_times(doc):
            setattr(record, stamp, now_stamp())
            mended = True
        if mended:
            touched.append(record)
    names = _names(board) if touched else {}
    for record in touched:
        board.save(record)
        changed.append(f"{KINDS[type(record)]} {label_of(record, names)} #{record.id}")
    return changed
