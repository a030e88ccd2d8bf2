"""The conversation log: immutable segment files, and the index that lets a
reader skip the ones that cannot hold what it wants.

A segment holds at most ``SEGMENT_SIZE`` conversations as a TinyDB table. It
is never written in place: a changed segment is written under a new name and
the main file, replaced atomically, names the new one. The main file's entry
for each segment (see ``schema``) carries its size and hash, its date range,
the people in it and its highest id.
"""

from __future__ import annotations

import bisect
import gc
import heapq
import itertools
import operator
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from advisors.errors import DiskRefused, Locked, LogPartDamaged, LogPartMissing
from advisors.store.durable import (
    digest,
    file_matches,
    fsync_folder,
    make_private_folder,
    place_copy,
    put,
    read_regular,
)
from advisors.store.sealing import Seal, is_sealed, unseal

SEGMENT_SIZE = 1000
# A log is put back in date order when, on average, a day falls in more
# segments than this (see ``ConversationLog.is_mixed``).
MIXED = 3
Doc = dict[str, Any]


class SegmentMissing(LogPartMissing):
    """A segment the main file names is not there, or not whole. A lock-free
    reader first checks whether a writer has just committed."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, True)


class SegmentDamaged(LogPartDamaged):
    def __init__(self, path: Path) -> None:
        super().__init__(path)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small dicts are built,
    and put it back as it was: parsed JSON holds no cycles, and the collector
    would otherwise rescan the growing log again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# Above this size a file is parsed by the standard library: orjson builds the
# whole document beside a buffer it sizes for the worst case, so a main file
# of 6 MB (20,000 people) took the process's peak 15 MiB above what the
# parsed board holds, where json's took 3 MiB, for 15 ms more.
LARGE = 1 << 20
# What orjson refuses and json takes: a lone surrogate escape ("\ud800"),
# which no file could then be written with (this finds any surrogate escape).
_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")


def orjson_only(payload: bytes) -> bool:
    """Whether only orjson may read ``payload``: the standard library would
    take what orjson refuses (see ``_SURROGATE``)."""
    return _SURROGATE.search(payload) is not None


def parse(payload: bytes) -> Any:
    """A file's JSON, decrypted first if it is sealed (see ``sealing``).
    The same JSON reads the same whatever its size: NaN and Infinity are
    refused, and a whole number beyond 64 bits is a float, as in orjson."""
    import orjson

    payload = unseal(payload)
    with collector_paused():
        if len(payload) < LARGE or orjson_only(payload):
            return orjson.loads(payload)
        import json

        return json.loads(payload, **json_options())


def json_options() -> dict[str, Any]:
    """How the standard library reads our JSON as orjson does (NaN and
    Infinity refused, a whole number beyond 64 bits a float), each object's
    short strings shared."""
    return {"parse_constant": _refused, "parse_int": _int64, "object_hook": _Shared()}


class _Shared(dict[str, str]):
    """Hands json each object with its short strings shared: a board's
    roles, statuses, cadences and days repeat in thousands of records, and
    one string object each serves them all (a sixth of a board of 20,000
    people parsed, 3 MiB, for 5-10 ms)."""

    def __call__(self, found: dict[str, Any]) -> dict[str, Any]:
        share = self.setdefault
        for key, value in found.items():
            if value.__class__ is str and len(value) <= _SHORT:
                found[key] = share(value, value)
        return found


_SHORT = 10  # a day (2026-12-04) and shorter: what repeats, not names or uids


def _refused(word: str) -> Any:
    raise ValueError(f"{word} is not JSON")


def _int64(text: str) -> int | float:
    value = int(text)
    return value if -(2**63) <= value < 2**64 else float(value)  # as orjson reads it


# The head of a main file that holds its books: those of a thousand segments.
_BOOKS = 1 << 20


def meta_of(payload: bytes) -> Any:
    """The ``_meta`` record of a main file (its books: the segments it
    names, its undo steps), reading only that part of one written as the
    store writes them (``_meta`` first): an undo step of 20,000 people is
    8 MB to parse whole, for the few kilobytes that name its segments."""
    payload = unseal(payload)
    found = _books_in(payload)
    return found if found is not None else parse(payload)["_meta"]["1"]


def meta_in(path: Path) -> Any:
    """The ``_meta`` record of the main file at ``path`` (see ``meta_of``),
    reading only the head of one in the clear written as ours are."""
    head = read_regular(path, _BOOKS + 1)
    if len(head) > _BOOKS:  # more to the file than its head
        found = None if is_sealed(head) else _books_in(head)
        if found is not None:
            return found
        head = read_regular(path)
    return meta_of(head)


def _books_in(payload: bytes) -> Any:
    """The ``_meta`` record from the head of ``payload``, or None when the
    file is not written as ours are or its books are longer."""
    import json

    start = b'{"_meta":'
    if not payload.startswith(start):
        return None
    cut = min(len(payload), _BOOKS)
    while cut < len(payload) and payload[cut] & 0xC0 == 0x80:
        cut -= 1  # not inside a letter's bytes
    try:
        table, _end = json.JSONDecoder().raw_decode(payload[:cut].decode(), len(start))
        return table["1"]
    except (ValueError, KeyError, TypeError):
        return None


def dump(document: Any) -> bytes:
    """Compact JSON, as TinyDB writes it: a third of the size indented JSON
    takes, which every read and every undo step would pay for. A document
    held frozen (``freeze``) is written as the bytes it is."""
    import orjson

    # no copy to add the newline
    return orjson.dumps(document, default=_frozen, option=orjson.OPT_APPEND_NEWLINE)


def freeze(document: Doc) -> bytes:
    """A document as the JSON the file will hold: a third of the memory of
    the dictionary and its values, for a change that holds thousands
    (``thaw`` reads it again)."""
    import orjson

    # a copy of its own size: orjson's bytes keep the room it wrote them in (4 KiB)
    return memoryview(orjson.dumps(document)).tobytes()


def thaw(document: Doc | bytes) -> Doc:
    """A document, from its frozen bytes or as it is."""
    if type(document) is bytes:
        import orjson

        found: Doc = orjson.loads(document)
        return found
    return document  # type: ignore[return-value]


def _frozen(value: Any) -> Any:
    """What orjson writes for a frozen document: its bytes as they are."""
    if type(value) is bytes:
        import orjson

        return orjson.Fragment(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def dump_pieces(tables: dict[str, dict[str, Any]], batch: int = 1000) -> Iterator[bytes]:
    """What ``dump`` writes of a main file's tables, the same bytes, a
    ``batch`` of documents at a time: so the text of a board of 20,000
    people is never whole in memory (orjson's buffer for it reached 32 MiB,
    a third of an import's peak)."""
    import orjson

    yield b"{"
    for number, (name, table) in enumerate(tables.items()):
        yield (b"," if number else b"") + orjson.dumps(name) + b":{"
        items = iter(table.items())
        first = True
        while chunk := dict(itertools.islice(items, batch)):
            yield (b"" if first else b",") + orjson.dumps(chunk, default=_frozen)[1:-1]
            first = False
        yield b"}"
    yield b"}\n"


def index_entry(name: str, payload: bytes, docs: dict[str, Doc]) -> dict[str, Any]:
    """What the main file records about one segment."""
    days = [doc["date"] for doc in docs.values()]
    people = sorted({p for doc in docs.values() for p in doc.get("people", ())})
    return {
        "file": name,
        "count": len(docs),
        "bytes": len(payload),
        "sha256": digest(payload),
        "first": min(days, default=None),
        "last": max(days, default=None),
        "people": people,
        "max_id": max(map(int, docs), default=0),
        # with max_id, which segments can hold an id (for an edit by id);
        # older entries lack it, and then any segment below max_id can
        "min_id": min(map(int, docs), default=0),
    }


def load_segment(path: Path, entry: dict[str, Any]) -> tuple[bytes, dict[str, Doc]]:
    """A named segment's bytes and conversations, checked against what its
    entry records (size, count, shape; not the hash, which costs a pass)."""
    try:
        payload = read_regular(path)
    except FileNotFoundError:
        raise SegmentMissing(path) from None
    except OSError as exc:  # a symlink in its place, a disk error
        raise DiskRefused(path, "read the conversation log", exc) from None
    if len(payload) != entry["bytes"]:
        raise SegmentMissing(path)
    try:
        table = parse(payload)["conversations"]
        if not isinstance(table, dict) or len(table) != entry["count"]:
            raise ValueError
        for key, doc in table.items():
            if not (
                key.isascii()
                and key.isdigit()
                and isinstance(doc, dict)
                and isinstance(doc.get("people"), list)
                and isinstance(doc.get("date"), str)
            ):
                raise ValueError
    except Locked as exc:
        exc.path = path
        raise
    except Exception:
        raise SegmentDamaged(path) from None
    return payload, table


def reindexed(folder: Path, entry: dict[str, Any]) -> dict[str, Any] | None:
    """The entry a named segment's content gives (its index rebuilt), or None
    when the segment is missing, not whole, damaged or not the one named."""
    try:
        payload, docs = load_segment(folder / entry["file"], entry)
    except (SegmentMissing, SegmentDamaged):
        return None
    fresh = index_entry(entry["file"], payload, docs)
    return fresh if fresh["sha256"] == entry["sha256"] else None


def is_whole(path: Path, entry: dict[str, Any]) -> bool:
    """Is ``path`` the segment ``entry`` names: its size and its hash?"""
    return file_matches(path, entry["bytes"], entry["sha256"])


def bring_in_segments(folder: Path, copies: list[tuple[Path, dict[str, Any]]]) -> None:
    """Place each ``(source, entry)`` into the log ``folder`` as the segment
    the entry names (linked or copied, checked), then fsync the folder."""
    if not copies:
        return
    make_private_folder(folder)
    for source, entry in copies:
        place_copy(source, folder / entry["file"], entry["bytes"], entry["sha256"])
    fsync_folder(folder)


# ISO days, each digit turned around: ordered as strings, they run newest first.
_FLIP = str.maketrans("0123456789", "9876543210")
_ORDER = operator.itemgetter(0, 1)  # (day, id): never the document
_DAY = operator.itemgetter(0)


def _days_between(first: str, last: str) -> int:
    from datetime import date

    return (date.fromisoformat(last) - date.fromisoformat(first)).days


class ConversationLog:
    """The log of one data file: its folder and the segments the main file
    names. Segments are read only when something asks for them."""

    def __init__(self, folder: Path, entries: list[dict[str, Any]]) -> None:
        self.folder = folder
        self.entries = [dict(e) for e in entries]
        self._docs: dict[int, dict[str, Doc]] = {}
        self._dirty: set[int] = set()
        # sees each segment ``stream`` reads from disk (its bytes and
        # conversations): ``doctor`` checks them in the pass that checks the
        # records, rather than reading the log twice more
        self.watch: Callable[[int, bytes, dict[str, Doc]], None] | None = None
        self._planned: dict[int, str] = {}
        self.superseded: set[str] = set()

    # Reading ------------------------------------------------------------------

    @property
    def count(self) -> int:
        return sum(e["count"] for e in self.entries)

    def max_id(self) -> int:
        return max((e.get("max_id", 0) for e in self.entries), default=0)

    def missing(self) -> list[Path]:
        """Named segments that are absent or of the wrong size (a cheap stat)."""
        lost = []
        for entry in self.entries:
            if entry.get("file") is None:
                continue
            path = self.folder / entry["file"]
            try:
                size = path.lstat().st_size
            except OSError:
                lost.append(path)
                continue
            if size != entry["bytes"]:
                lost.append(path)
        return lost

    def _load(self, index: int) -> dict[str, Doc]:
        if index not in self._docs:
            entry = self.entries[index]
            self._docs[index] = load_segment(self.folder / entry["file"], entry)[1]
        return self._docs[index]

    def _peek(self, index: int) -> dict[str, Doc]:
        """A segment's conversations, read without keeping them."""
        if index in self._docs:
            return self._docs[index]
        entry = self.entries[index]
        return load_segment(self.folder / entry["file"], entry)[1]

    def apart_from(self, other: ConversationLog) -> Iterator[tuple[int, Doc]]:
        """The conversations of the segments ``other`` does not name as they
        are on disk here (the same file with the same hash): where two
        copies of one board, sharing one log folder, can differ."""
        same = {
            (entry["file"], entry["sha256"])
            for index, entry in enumerate(other.entries)
            if index not in other._dirty and entry.get("file")
        }
        for index, entry in enumerate(self.entries):
            if index in self._dirty or (entry.get("file"), entry.get("sha256")) not in same:
                for key, doc in self._peek(index).items():
                    yield int(key), doc

    def all_docs(self) -> Iterator[tuple[int, Doc]]:
        for index in range(len(self.entries)):
            for key, doc in self._load(index).items():
                yield int(key), doc

    def stream(self) -> Iterator[tuple[int, Doc]]:
        """Every conversation, a segment at a time, keeping none it had not
        read already: a pass over the whole log holds one segment."""
        for index, entry in enumerate(self.entries):
            docs = self._docs.get(index)
            if docs is None:
                payload, docs = load_segment(self.folder / entry["file"], entry)
                if self.watch is not None:
                    self.watch(index, payload, docs)
            for key, doc in docs.items():
                yield int(key), doc

    def in_order(
        self, *, newest_first: bool = False, keep: Callable[[Doc], bool] | None = None
    ) -> Iterator[tuple[int, Doc]]:
        """Every conversation by date, then id (``newest_first``: the other
        way); with ``keep``, those it keeps. Segments are read in the order
        their date ranges begin, and what was read before the next one's
        start is given out: in a log in date order one or two are held at a
        time; a log that arrived mixed and was not compacted yet is held
        whole."""
        flip = _FLIP if newest_first else None
        sign = -1 if newest_first else 1
        starts = []
        for index, entry in enumerate(self.entries):
            if not entry["count"]:
                continue
            edge = entry.get("last" if newest_first else "first")
            if index in self._dirty or not edge:
                starts.append(("", index))  # no up-to-date range: read it first
            else:
                starts.append((edge.translate(flip) if flip else edge, index))
        starts.sort()
        # Everything read that comes before the next segment's start is in
        # its place: sorted, and given out; the rest waits for that segment.
        waiting: list[tuple[str, int, Doc]] = []
        for number, (_start, index) in enumerate(starts):
            waiting += [
                (doc["date"].translate(flip) if flip else doc["date"], sign * int(key), doc)
                for key, doc in self._peek(index).items()
                if keep is None or keep(doc)
            ]
            waiting.sort(key=_ORDER)  # mostly in order already: a merge of two runs
            cut = len(waiting)
            if number + 1 < len(starts):
                cut = bisect.bisect_left(waiting, starts[number + 1][0], key=_DAY)
            for _day, signed, doc in waiting[:cut]:
                yield sign * signed, doc
            del waiting[:cut]

    def newest(
        self,
        limit: int | None,
        keep: Callable[[Doc], bool] | None = None,
        *,
        person: int | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[tuple[int, Doc]]:
        """Conversations newest first (by date, then id), at most ``limit``.

        Segments that cannot hold a match (by their people and date range) are
        not read, and reading stops once no unread segment can hold anything
        newer than what is already found. What is read is not kept: one
        person's whole history holds their conversations, not the log.
        """

        def newest_possible(index: int) -> str:
            if index in self._dirty or "last" not in self.entries[index]:
                return "9999"  # no up-to-date index (changed here, or not rebuilt)
            return self.entries[index]["last"] or ""

        candidates = [
            i
            for i, e in enumerate(self.entries)
            if e["count"]
            and (
                i in self._dirty
                or (
                    (person is None or person in e.get("people", [person]))
                    and (since is None or (e.get("last", "9999") or "") >= since)
                    and (until is None or (e.get("first") or "0000") <= until)
                )
            )
        ]
        candidates.sort(key=newest_possible, reverse=True)
        best: list[tuple[str, int, Doc]] = []  # a min-heap of the newest found
        for index in candidates:
            if limit is not None and len(best) >= limit and newest_possible(index) < best[0][0]:
                break
            for key, doc in self._peek(index).items():
                day = doc["date"]
                if (since and day < since) or (until and day > until):
                    continue
                if person is not None and person not in doc["people"]:
                    continue
                if keep is not None and not keep(doc):
                    continue
                item = (day, int(key), doc)
                if limit is None or len(best) < limit:
                    heapq.heappush(best, item)
                elif item[:2] > best[0][:2]:
                    heapq.heapreplace(best, item)
        best.sort(key=lambda item: item[:2], reverse=True)
        return [(ident, doc) for _day, ident, doc in best]

    def _find(self, ident: int) -> int:
        """The segment that holds conversation ``ident``. Segments in date
        order can each span many ids: one that does not hold it is read and
        let go, so a lookup holds one segment at a time."""
        key = str(ident)
        for index, entry in enumerate(self.entries):
            if not entry["count"] or not entry.get("min_id", 0) <= ident <= entry.get(
                "max_id", ident
            ):
                continue
            docs = self._peek(index)
            if key in docs:
                self._docs[index] = docs
                return index
        raise KeyError(ident)

    def get(self, ident: int) -> Doc | None:
        try:
            return self._docs[self._find(ident)][str(ident)]
        except KeyError:
            return None

    # Changing -------------------------------------------------------------------

    def _touch(self, index: int) -> None:
        if index not in self._dirty:
            name = self.entries[index].get("file")
            if name:
                self.superseded.add(name)
            self._dirty.add(index)

    def add(self, ident: int, doc: Doc) -> None:
        if not self.entries or self.entries[-1]["count"] >= SEGMENT_SIZE:
            self.entries.append({"file": None, "count": 0, "max_id": 0, "min_id": 0})
            self._docs[len(self.entries) - 1] = {}
        index = len(self.entries) - 1
        self._load(index)[str(ident)] = doc
        entry = self.entries[index]
        entry["count"] += 1
        entry["max_id"] = max(entry.get("max_id", 0), ident)
        if "min_id" in entry:  # an older entry without one may hold lower ids
            entry["min_id"] = min(entry["min_id"] or ident, ident)
        self._touch(index)

    def replace(self, ident: int, doc: Doc) -> Doc:
        """Put ``doc`` in place of conversation ``ident``; return the old one."""
        index = self._find(ident)
        old = self._docs[index][str(ident)]
        self._docs[index][str(ident)] = doc
        self._touch(index)
        return old

    def remove(self, ident: int) -> Doc:
        index = self._find(ident)
        old = self._docs[index].pop(str(ident))
        self.entries[index]["count"] -= 1
        self._touch(index)
        return old

    @property
    def changed(self) -> bool:
        return bool(self._dirty)

    def new_names(self) -> list[str]:
        """Choose the names the changed segments will be written under, so a
        commit can record them before it writes (see ``write_changed``)."""
        for index in sorted(self._dirty):
            if self._docs[index] and index not in self._planned:
                self._planned[index] = f"seg-{os.urandom(6).hex()}.json"
        return list(self._planned.values())

    def names_after_write(self) -> set[str]:
        """The segments the state will name once ``write_changed`` has run."""
        self.new_names()
        return {
            self._planned[i] if i in self._dirty else e["file"]
            for i, e in enumerate(self.entries)
            if e["count"] > 0 and (i in self._planned or i not in self._dirty)
        }

    def write_changed(self, written: list[Path], seal: Seal) -> None:
        """Write each changed segment under a new name, never in place,
        sealed by ``seal`` (encrypted, on an encrypted board).

        Each final path is appended to ``written`` before it is created, so
        a failed commit can remove what it began.
        """
        if not self._dirty:
            return
        self.new_names()
        self._in_date_order()
        make_private_folder(self.folder)
        for index in sorted(self._dirty):
            docs = self._docs[index]
            if not docs:
                continue
            name = self._planned[index]
            target = self.folder / name
            payload = seal(dump({"conversations": docs}))
            written.append(target)
            put(target, payload)
            self.entries[index] = index_entry(name, payload, docs)
        fsync_folder(self.folder)
        self.entries = [e for e in self.entries if e["count"] > 0]
        self._docs = {}  # indices moved; reload on demand (rare after a write)
        self._dirty.clear()
        self._planned.clear()

    def is_mixed(self) -> bool:
        """Whether the segments' runs of days overlap so much that readers
        skip little: on average each day falls in more than ``MIXED``
        segments (years of backfilling, one conversation at a time)."""
        ranges = [
            (e["first"], e["last"])
            for e in self.entries
            if e["count"] and e.get("first") and e.get("last")
        ]
        if len(ranges) < 4:
            return False
        first = min(a for a, _b in ranges)
        last = max(b for _a, b in ranges)
        whole = max(_days_between(first, last), 1)
        return sum(_days_between(a, b) + 1 for a, b in ranges) > MIXED * whole

    def compact(self) -> None:
        """Write the whole log again in new segments, full but for the last;
        being new, they are put in date order as they are written (see
        ``_in_date_order``). The old files stay until nothing (an undo step,
        a backup) names them: the commit is one step like any other."""
        docs = list(self.all_docs())
        for index in range(len(self.entries)):
            self._touch(index)
        chunks = [docs[i : i + SEGMENT_SIZE] for i in range(0, len(docs), SEGMENT_SIZE)]
        self.entries = [
            {
                "file": None,
                "count": len(chunk),
                "max_id": max(ident for ident, _doc in chunk),
                "min_id": min(ident for ident, _doc in chunk),
            }
            for chunk in chunks
        ]
        self._docs = {
            index: {str(i): doc for i, doc in chunk} for index, chunk in enumerate(chunks)
        }
        self._dirty = set(range(len(chunks)))
        self._planned = {}

    def _in_date_order(self) -> None:
        """The segments this change made (an import, a merge, a migration:
        many conversations, in whatever order they came) hold them in date
        order, so that each spans a narrow range of days a reader can skip.
        Each keeps its count, so the names planned for them still hold."""
        fresh = [
            i for i in sorted(self._dirty) if self.entries[i].get("file") is None and self._docs[i]
        ]
        if len(fresh) < 2:
            return
        docs = sorted(
            (
                (doc["date"], int(key), key, doc)
                for i in fresh
                for key, doc in self._docs[i].items()
            ),
            key=lambda item: item[:2],
        )
        start = 0
        for i in fresh:
            count = len(self._docs[i])
            self._docs[i] = {key: doc for _day, _id, key, doc in docs[start : start + count]}
            start += count

    def named(self) -> set[str]:
        return {e["file"] for e in self.entries if e.get("file")}
