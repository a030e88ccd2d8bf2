"""Reading another main file beside this board's, a sync conflict copy: the
records the two hold alike are dropped as they are read, one at a time, so
the copy is never whole in memory. A board of 20,000 people parsed is 15 MiB
of objects; a copy of it that differs in one person holds that one.

The walk reads a file laid out as JSON objects (any whitespace), records of
the main tables by the standard library's own decoder (``raw_decode``), each
the moment it ends. Anything else (a sealed file is opened first) is parsed
whole, as every file is: what the walk would refuse, that parse refuses in
its own words.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from advisors.store.schema import META
from advisors.store.sealing import unseal
from advisors.store.segments import Doc, json_options, orjson_only, parse

_SPACE = re.compile(r"[ \t\n\r]*")


class _Unusual(Exception):
    """The file is not laid out as the walk expects."""


def parse_apart(
    payload: bytes, tables: Mapping[str, Mapping[str, Doc]], schema: int
) -> tuple[Any, dict[str, list[int]]]:
    """A main file's JSON without the records of ``tables`` it holds alike:
    the same document under the same id, in a file of the same ``schema``
    (an older one is parsed whole: its records change as it is brought up
    to date). Returns what is left, and each table's ids of those dropped."""
    payload = unseal(payload)
    try:
        if orjson_only(payload):  # a surrogate escape: orjson's parse decides
            raise _Unusual
        return _Walk(payload.decode("utf-8"), tables, schema).whole()
    except (_Unusual, ValueError, IndexError, RecursionError):
        return parse(payload), {}


class _Walk:
    def __init__(self, text: str, tables: Mapping[str, Mapping[str, Doc]], schema: int) -> None:
        self.text = text
        self.tables = tables
        self.schema = schema
        self.value = json.JSONDecoder(**json_options()).raw_decode
        self.found: dict[str, Any] = {}
        self.alike: dict[str, list[int]] = {}
        self.compared = False  # only once the file's _meta names the schema

    def whole(self) -> tuple[dict[str, Any], dict[str, list[int]]]:
        at = self._object(self._skip(0), self._table)
        if self._skip(at) != len(self.text):
            raise _Unusual  # more after the object
        return self.found, self.alike

    def _table(self, key: str, at: int) -> int:
        """One member of the top level: a table, or ``_meta``."""
        if key in self.found:
            raise _Unusual  # a table twice: the whole parse keeps the last
        mine = self.tables.get(key) if self.compared else None
        if mine is None or self.text[at] != "{":
            self.found[key], at = self.value(self.text, at)
            if key == META:
                self.compared = _schema_of(self.found[key]) == self.schema
            return at
        kept: dict[str, tuple[int, int]] = {}  # where each record that differs lies
        alike: list[int] = []  # a set grown one by one takes five times the room

        def record(ident: str, at: int) -> int:
            doc, end = self.value(self.text, at)
            if ident in kept:
                raise _Unusual  # a record twice
            if mine.get(ident) == doc:
                alike.append(int(ident))
            else:
                kept[ident] = (at, end)
            return end

        at = self._object(at, record)
        if not {int(k) for k in kept}.isdisjoint(alike):
            raise _Unusual  # a record twice, alike once: the whole parse keeps the last
        self.alike[key] = alike
        # those that differ are parsed again together, so that their field
        # names are one string each, as in a whole parse (one by one, each
        # record had its own: 6 MiB more than the whole file when all differ)
        self.found[key] = self.value(
            "{" + ",".join(f"{json.dumps(k)}:{self.text[a:e]}" for k, (a, e) in kept.items()) + "}"
        )[0]
        return at

    def _object(self, at: int, member: Callable[[str, int], int]) -> int:
        """Read the object at ``at``, handing ``member`` each key and where
        its value starts; ``member`` says where that value ends."""
        text = self.text
        if text[at] != "{":
            raise _Unusual
        at = self._skip(at + 1)
        if text[at] == "}":
            return at + 1
        while True:
            key, at = self.value(text, at)
            if key.__class__ is not str:
                raise _Unusual
            at = self._skip(at)
            if text[at] != ":":
                raise _Unusual
            at = self._skip(member(key, self._skip(at + 1)))
            if text[at] == "}":
                return at + 1
            if text[at] != ",":
                raise _Unusual
            at = self._skip(at + 1)

    def _skip(self, at: int) -> int:
        """Past the whitespace at ``at``."""
        return _SPACE.match(self.text, at).end()  # type: ignore[union-attr]


def _schema_of(meta: Any) -> Any:
    if isinstance(meta, dict) and isinstance(meta.get("1"), dict):
        return meta["1"].get("schema")
    return None
