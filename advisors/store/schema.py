"""What a data file must look like, checked once at the edge, and the named
list of migrations that bring an older file up to date.

A file that fails a check is damage (exit 3, with the restore hint), never an
internal error further in: past this module nothing meets a number where it
expects a name, or a string where it expects a list of ids.

The main file, schema 3 (schema 2 without agreements, gives and reviews)::

    {"_meta": {"1": {"schema": 2, "created": ..., "app_version": ...,
                     "next_id": {"people": 8, "conversations": 120, ...},
                     "log": [SEGMENT, ...]}},
     "people": {"1": {...}}, "goals": {...}, "todos": {...},
     "topics": {...}, "advice": {...}}

Each SEGMENT names one immutable file of the log and what a reader needs to
know without opening it: ``file``, ``count``, ``bytes``, ``sha256``, the
``first`` and ``last`` conversation dates, the ``people`` in it, its
``max_id`` and (since 0.3) its ``min_id``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from advisors import __version__
from advisors.board.records import ENUMS, MODELS, Record, now_stamp

SCHEMA = 4
# The layout of the log since schema 2: later schemas change only what the
# main tables hold, so such a file is read in place and upgraded in memory.
LOG_SCHEMA = 2
META = "_meta"
MAIN_TABLES = ("people", "goals", "todos", "topics", "advice")
_SEGMENT_FILE = re.compile(r"^seg-[0-9a-f]{12}\.json$")
_LEGACY_SEGMENT_FILE = re.compile(r"^seg-[0-9a-f]{6,32}\.json$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ID = re.compile(r"^[0-9]{1,12}$")
# Dates the code can add a cadence of ten years to, and print.
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


class Damage(Exception):
    """What was read is not a data file of ours; the message says why."""


# Checks of values ------------------------------------------------------------


def _text(value: Any) -> bool:
    return isinstance(value, str)


def _text_or_none(value: Any) -> bool:
    return value is None or isinstance(value, str)


def _day(value: Any) -> bool:
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        return False
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    return EARLIEST <= day <= LATEST


def _day_or_none(value: Any) -> bool:
    return value is None or _day(value)


def _month_day(value: Any) -> bool:
    """A date, or a day of the year as --MM-DD (29 February included)."""
    if isinstance(value, str) and value.startswith("--"):
        return _day("2000" + value[1:])
    return _day(value)


def _flag(value: Any) -> bool:
    return isinstance(value, bool)


def _flag_or_none(value: Any) -> bool:
    return value is None or isinstance(value, bool)


def _ident(value: Any) -> bool:
    return type(value) is int and 0 < value < 10**12


def _ident_or_none(value: Any) -> bool:
    return value is None or _ident(value)


def _idents(value: Any) -> bool:
    # map/set/min/max run in C: a long log's index has many ids to check
    return isinstance(value, list) and (
        not value or (set(map(type, value)) == {int} and min(value) > 0 and max(value) < 10**12)
    )


def _texts(value: Any) -> bool:
    return isinstance(value, list) and set(map(type, value)) <= {str}


def _stamps(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


Check = Callable[[Any], bool]

# What each annotation of a record field (see board/records.py) must hold in
# the file; a word of a choice is text here (doctor names an unknown one).
_BY_ANNOTATION: dict[str, Check] = {
    "str": _text,
    "str | None": _text_or_none,
    "Moment": _text,
    "Day": _day,
    "Day | None": _day_or_none,
    "MonthDay": _month_day,
    "bool": _flag,
    "bool | None": _flag_or_none,
    "int": _ident,
    "int | None": _ident_or_none,
    "list[int]": _idents,
    "list[str]": _texts,
    "dict[str, Moment]": _stamps,
    **dict.fromkeys(ENUMS, _text),
    **{f"{name} | None": _text_or_none for name in ENUMS},
}


def _checks(model: type[Record]) -> dict[str, Check]:
    return {f.name: _BY_ANNOTATION[str(f.type)] for f in fields(model) if f.name != "id"}


# The fields whose type the code relies on, derived from the records (other
# keys are kept as they are), and the tombstones of what was removed.
FIELDS: dict[str, dict[str, Check]] = {model.table: _checks(model) for model in MODELS}
FIELDS["deleted"] = {"uid": _text, "table": _text, "time": _text}


def check_table(name: str, table: Any) -> dict[str, dict[str, Any]]:
    """A TinyDB table: decimal ids mapping to records whose fields have the
    types the code relies on."""
    if not isinstance(table, dict):
        raise Damage(f"its table {name!r} is not a table of records")
    checks = FIELDS.get(name, {})
    texts = {field_name for field_name, check in checks.items() if check is _text}
    for key, doc in table.items():
        if not _ID.match(key) or key.startswith("0"):
            raise Damage(f"its table {name!r} has a record with the id {key!r}")
        if not isinstance(doc, dict):
            raise Damage(f"its record {name} #{key} is not an object")
        for field_name, value in doc.items():  # the fields it holds: half of all, or fewer
            if value.__class__ is str and field_name in texts:
                continue  # most of them, without a call
            check = checks.get(field_name)
            if check is not None and not check(value):
                raise Damage(f"its record {name} #{key} has a wrong {field_name}")
    return table


_STEP_FILE = re.compile(r"^step-[0-9]{6,}(?:-[0-9a-f]{8})?\.json$")


def _step(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and _ident(value.get("seq"))
        and isinstance(value.get("file"), str)
        and _STEP_FILE.match(value["file"]) is not None
        and isinstance(value.get("time"), str)
        and isinstance(value.get("command", ""), str)
    )


def check_books(meta: dict[str, Any]) -> None:
    """The main file's own record: the undo history, the segments it holds
    for it, and the counters; what a crafted or damaged one holds must not
    reach the code as a wrong type."""
    for key in ("undo", "redo"):
        steps = meta.get(key, [])
        if not isinstance(steps, list) or not all(_step(s) for s in steps):
            raise Damage("its undo history is wrong")
    held = meta.get("held", {})
    if not isinstance(held, dict) or not all(
        isinstance(k, str) and _SEGMENT_FILE.match(k) and type(v) is int and v >= 0
        for k, v in held.items()
    ):
        raise Damage("its undo history is wrong")
    if "next_step" in meta and not _ident(meta["next_step"]):
        raise Damage("its undo history is wrong")
    for key in ("created", "app_version"):
        if key in meta and not isinstance(meta[key], str):
            raise Damage(f"its {key} is wrong")


def check_segment_entry(entry: Any) -> dict[str, Any]:
    """One entry of the main file's segment list."""
    if not (
        isinstance(entry, dict)
        and isinstance(entry.get("file"), str)
        and _SEGMENT_FILE.match(entry["file"])
        and all(type(entry.get(k)) is int and entry[k] >= 0 for k in ("count", "bytes"))
        and isinstance(entry.get("sha256"), str)
        and _SHA.match(entry["sha256"])
        and _day_or_none(entry.get("first"))
        and _day_or_none(entry.get("last"))
        and ("people" not in entry or _idents(entry["people"]))
        and ("max_id" not in entry or (type(entry["max_id"]) is int and entry["max_id"] >= 0))
        and ("min_id" not in entry or (type(entry["min_id"]) is int and entry["min_id"] >= 0))
    ):
        raise Damage("its list of log segments is wrong")
    return entry


# What the index says of a segment's content; derived data, rebuilt from the
# segment when an entry lacks it (a file written before it was kept).
INDEX_KEYS = ("first", "last", "people", "max_id")


def lacks_index(entry: dict[str, Any]) -> bool:
    return any(key not in entry for key in INDEX_KEYS)


def check_main(raw: Any) -> tuple[int, dict[str, Any]]:
    """The schema version and the tables of a parsed main file."""
    if not isinstance(raw, dict):
        raise Damage("it is not a JSON object")
    meta_table = raw.get(META)
    if meta_table is None:
        return 0, raw
    if not isinstance(meta_table, dict) or not isinstance(meta_table.get("1"), dict):
        raise Damage("its _meta table is wrong")
    meta = meta_table["1"]
    schema = meta.get("schema")
    if type(schema) is not int or schema < 1:
        raise Damage("its schema is not a version number")
    if schema > SCHEMA:
        return schema, raw
    next_id = meta.get("next_id", {})
    if not isinstance(next_id, dict) or not all(_ident(v) for v in next_id.values()):
        raise Damage("its id counters are wrong")
    check_books(meta)
    for name, table in raw.items():
        if name != META:
            check_table(name, table)
    if schema >= LOG_SCHEMA:
        log = meta.get("log")
        if not isinstance(log, list):
            raise Damage("its list of log segments is wrong")
        for entry in log:
            check_segment_entry(entry)
        if len({entry["file"] for entry in log}) != len(log):
            raise Damage("its list of log segments names a file twice")
    return schema, raw


# The tables a plain TinyDB file of advisors 0.1 could hold.
_LEGACY_TABLES = {"_default", "people", "conversations", "goals", "todos", "topics", "advice"}


def is_legacy_board(raw: dict[str, Any]) -> bool:
    """A file without ``_meta`` is ours (advisors 0.1's plain TinyDB file)
    only when it holds nothing but our tables: an export, another program's
    JSON or TinyDB file is not, and must never be migrated over."""
    return set(raw) <= _LEGACY_TABLES and all(isinstance(t, dict) for t in raw.values())


def is_export(raw: dict[str, Any]) -> bool:
    """What ``advisors export --format json`` writes."""
    return raw.get("format") == "advisors-export"


def legacy_segment_names(meta: dict[str, Any]) -> list[str]:
    """The segments a schema 1 main file names (in its stem's folder)."""
    log = meta.get("log", [])
    if not isinstance(log, list) or not all(
        isinstance(s, dict)
        and isinstance(s.get("file"), str)
        and _LEGACY_SEGMENT_FILE.match(s["file"])
        and type(s.get("count")) is int
        for s in log
    ):
        raise Damage("its list of log segments is wrong")
    return [s["file"] for s in log]


def empty_tables() -> dict[str, Any]:
    tables: dict[str, Any] = {
        META: {
            "1": {
                "schema": SCHEMA,
                "created": now_stamp(),
                "app_version": __version__,
                "next_id": {},
                "log": [],
            }
        }
    }
    for name in MAIN_TABLES:
        tables[name] = {}
    return tables


# Migrations -------------------------------------------------------------------


@dataclass
class Draft:
    """A file on its way to the current schema: the main tables, and the
    conversations that must be written into the log at the next commit."""

    schema: int
    tables: dict[str, Any]
    read_legacy_segment: Callable[[str], dict[str, Any]]
    conversations: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


Migration = Callable[[Draft], None]
MIGRATIONS: list[tuple[int, str, Migration]] = []


def migration(to: int, what: str) -> Callable[[Migration], Migration]:
    """Register the step that brings a file to schema ``to``."""

    def register(step: Migration) -> Migration:
        MIGRATIONS.append((to, what, step))
        MIGRATIONS.sort(key=lambda m: m[0])
        return step

    return register


@migration(1, "a plain TinyDB file: conversations leave the main file for the log")
def _conversations_into_the_log(draft: Draft) -> None:
    raw = draft.tables
    inline = raw.get("conversations", {})
    check_table("conversations", inline)
    fresh = empty_tables()
    old_meta = (raw.get(META) or {}).get("1") or {}
    fresh[META]["1"]["created"] = old_meta.get("created", fresh[META]["1"]["created"])
    for name in MAIN_TABLES:
        fresh[name] = check_table(name, raw.get(name, {}))
    draft.tables = fresh
    draft.conversations = [(int(k), inline[k]) for k in sorted(inline, key=int)]


@migration(2, "the log moves beside the file under its full name, with an index")
def _own_log_folder_with_an_index(draft: Draft) -> None:
    meta = draft.tables[META]["1"]
    if draft.schema == 1:  # a real schema 1 file: its log is in the stem's folder
        for name in legacy_segment_names(meta):
            table = draft.read_legacy_segment(name)
            check_table("conversations", table)
            draft.conversations += [(int(k), doc) for k, doc in table.items()]
        draft.conversations.sort(key=lambda item: item[0])
    meta["log"] = []
    meta["schema"] = 2
    counters = meta.setdefault("next_id", {})
    top = max((ident for ident, _doc in draft.conversations), default=0)
    counters["conversations"] = max(int(counters.get("conversations", 1)), top + 1)


@migration(3, "agreements, gives and board reviews; a mentee's where and need; advice you gave")
def _the_two_way_street(draft: Draft) -> None:
    # Nothing to move: new tables and fields start empty. The number changes
    # so that an older advisors refuses the file instead of dropping what it
    # does not know when it saves a person, a goal or a piece of advice.
    draft.tables[META]["1"]["schema"] = 3


@migration(4, "a field left empty is left out of the main file")
def _empty_fields_left_out(draft: Draft) -> None:
    # Half the disk and memory of a large board. The number changes so that
    # advisors 0.3 refuses the file: when it saves a record it takes each
    # field the document leaves out as changed just then, which would win a
    # merge against a value another device set earlier.
    for model in MODELS:
        table = draft.tables.get(model.table)
        if model.sparse and isinstance(table, dict):
            for key, doc in table.items():
                if isinstance(doc, dict):
                    table[key] = model.trimmed(doc)
    draft.tables[META]["1"]["schema"] = 4


def upgrade(draft: Draft) -> Draft:
    """Run every migration above the draft's schema, in order."""
    for to, _what, step in MIGRATIONS:
        if to > draft.schema:
            step(draft)
            draft.schema = to
    return draft
