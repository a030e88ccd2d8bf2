"""What ``doctor`` needs to know of the files, as facts: does the main file
read (and does TinyDB read it), is every segment it names there and whole,
does its index agree with the segments, which segments nothing names, which
conflict copies wait, which backups and undo steps could not be restored.
And ``mend``: the repairs that lose nothing, in one commit that ``undo`` can
revert. The words, and what the user should run, are the action's
(``actions.doctor``).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisors.board.records import Person
from advisors.errors import DataFileProblem, Locked, LogPartMissing
from advisors.store import history
from advisors.store.commit import commit, locked
from advisors.store.durable import (
    digest,
    disk_problem,
    make_private,
    make_private_folder,
    read_regular,
)
from advisors.store.reading import Reader
from advisors.store.schema import INDEX_KEYS, MAIN_TABLES
from advisors.store.sealing import MAGIC, is_sealed
from advisors.store.segments import (
    ConversationLog,
    Doc,
    SegmentDamaged,
    SegmentMissing,
    bring_in_segments,
    index_entry,
    is_whole,
    load_segment,
    meta_in,
    meta_of,
    parse,
)
from advisors.store.state import Data, note_latest

if TYPE_CHECKING:
    from advisors.store.backups import Backup

_INDEX_KEYS = ("count", *INDEX_KEYS)


@dataclass
class SegmentTrouble:
    file: str
    problem: str  # in words: "the log segment X is missing"
    source: str | None  # the backup (or "stray") holding a whole copy


@dataclass
class Facts:
    """What is wrong with the files of one data file."""

    path: Path
    absent: bool = False  # there is no data file (yet, or any more)
    backups: list[str] = field(default_factory=list)  # names, newest first
    unreadable: str | None = None  # why the main file does not read
    database_opens: bool = True  # TinyDB opens it with every record
    migrated: bool = False  # in an older layout
    segments: list[SegmentTrouble] = field(default_factory=list)
    stale_index: list[str] = field(default_factory=list)
    # what the records check found (``check``, the caller's), when the log
    # is whole and current; None when they were not checked
    records: list[Any] | None = None
    stale_contacts: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    strays: list[str] = field(default_factory=list)
    stray_folder: Path | None = None
    conflicts: list[str] = field(default_factory=list)
    bad_backups: list[tuple[Path, str]] = field(default_factory=list)
    broken_steps: list[tuple[str, str, str]] = field(default_factory=list)  # file, command, why
    checked: dict[str, int] = field(default_factory=dict)  # what was looked at
    fixed: list[str] = field(default_factory=list)  # what mend did, in words


def _absent(reader: Reader, facts: Facts | None = None) -> Facts:
    """What there is to say of a data file that is not there: its backups."""
    facts = facts or Facts(reader.path)
    facts.absent = True
    facts.backups = [b.name for b in reader.backups.newest_first()]
    return facts


def examine(reader: Reader, check: Callable[[Data], list[Any]], *, deep: bool = False) -> Facts:
    """Everything wrong with the data file, its log, backups and history;
    ``check`` checks the records. Each segment is read once: its bytes,
    index and conversations are checked as the records check walks the log
    (a segment it does not read is read on its own). ``deep``: undo steps
    are read as boards (see ``broken_steps``)."""
    facts = Facts(reader.path)
    books = _examine_board(reader, check, facts)
    if books is None:
        return facts
    # what is read whole below (TinyDB's copy of the board, each backup and
    # undo step) is read in its turn, once the board is let go: the board
    # and TinyDB's copy together were 65 MiB at 20,000 people
    meta, backups, verified, counts = books
    if counts is not None:
        facts.database_opens = tinydb_counts(reader.path) == counts
    facts.bad_backups = _bad_backups(reader, backups, verified)
    facts.broken_steps = [
        (step["file"], step.get("command") or "", why)
        for step, why in broken_steps(reader, meta, verified, deep=deep)
    ]
    return facts


def _examine_board(
    reader: Reader, check: Callable[[Data], list[Any]], facts: Facts
) -> tuple[dict[str, Any], list[Backup], Whole, dict[str, int] | None] | None:
    """What ``examine`` finds in the main file and its log (in ``facts``);
    the board's books, its backups, the segments found whole and how many
    records each main table holds (None: an older layout, which TinyDB
    need not open), or None when there is no main file or it does not read."""
    payload = reader.payload()
    if payload is None:
        _absent(reader, facts)
        return None
    try:
        data = reader.build(payload)
    except Locked:
        raise  # not damage: this device lacks the key (said as the command's error)
    except DataFileProblem as exc:
        facts.unreadable = str(exc)
        return None
    del payload  # 5 MB at 20,000 people, not needed beside the board
    facts.migrated = data.migrated
    # what TinyDB must find in each table (it reads the file once ours is gone)
    counts = None if data.migrated else {n: len(data.tables.get(n, {})) for n in MAIN_TABLES}
    backups = reader.backups.newest_first()
    facts.backups = [b.name for b in backups]
    seen: dict[int, tuple[str | None, dict[str, Any] | None]] = {}
    latest: dict[int, str] = {}
    records = None
    if not data.migrated and not data.log.missing():

        def watch(index: int, payload: bytes, docs: dict[str, Doc]) -> None:
            seen[index] = _verdict(data.log.entries[index], payload, docs)
            note_latest(latest, docs.values(), None)

        data.log.watch = watch
        try:
            records = check(data)
        except (SegmentMissing, SegmentDamaged):  # named below, read on its own
            records = None
        finally:
            data.log.watch = None
    segments = [
        (entry, *(seen.get(index) or _read_segment(reader, entry)))
        for index, entry in enumerate(data.log.entries)
    ]
    whole = all(problem is None for _entry, problem, _fresh in segments)
    for entry, problem, _fresh in segments:
        if problem is not None:
            source = segment_source(reader, entry, backups)
            facts.segments.append(
                SegmentTrouble(
                    entry["file"], problem, source.parent.parent.name if source else None
                )
            )
    facts.stale_index = [e["file"] for e, _problem, fresh in segments if _stale(e, fresh)]
    if whole and not data.migrated:
        facts.records = check(data) if records is None else records
        every = len(seen) == len(data.log.entries)
        facts.stale_contacts = stale_contacts(data, latest if every else None)
    facts.strays = [p.name for p in stray_segments(reader, data)]
    facts.stray_folder = reader.layout.backups / "stray"
    facts.conflicts = [c.name for c in reader.layout.conflict_copies()]
    facts.checked = {
        "log segment": len(data.log.entries),
        "backup": len(backups),
        "undo step": len(history.steps(data.meta)),
    }
    verified = Whole()
    for entry, problem, _fresh in segments:
        if problem is None:
            verified.known(reader.layout.log / entry["file"], entry)
    return data.meta, backups, verified, counts


def tinydb_counts(path: Path) -> dict[str, int] | None:
    """How many records TinyDB finds in each main table of the file at
    ``path``, or None when it can't open it: the promise that the file is
    readable without us (an encrypted one once ``age`` has decrypted it,
    here in memory). TinyDB's JSON storage parses the file on every read,
    so it is read through TinyDB's cache: once, not once a table (ten
    parses of 5 MB at 20,000 people)."""
    from tinydb import TinyDB
    from tinydb.middlewares import CachingMiddleware
    from tinydb.storages import JSONStorage, MemoryStorage

    try:
        if is_sealed(read_regular(path, len(MAGIC))):
            db = TinyDB(storage=MemoryStorage)
            db.storage.write(parse(read_regular(path)))
        else:
            db = TinyDB(path, storage=CachingMiddleware(JSONStorage), access_mode="r")
        with db:
            return {name: len(db.table(name)) for name in MAIN_TABLES}
    except Exception:
        return None


def _read_segment(
    reader: Reader, entry: dict[str, Any]
) -> tuple[str | None, dict[str, Any] | None]:
    """One read of a named segment: what is wrong with it, or the entry its
    content gives (to compare with the index)."""
    path = reader.layout.log / entry["file"]
    try:
        payload, docs = load_segment(path, entry)
    except SegmentMissing:
        gone = not path.exists()
        return f"the log segment {entry['file']} is {'missing' if gone else 'not whole'}", None
    except SegmentDamaged:
        return f"the log segment {entry['file']} is damaged", None
    return _verdict(entry, payload, docs)


def _verdict(
    entry: dict[str, Any], payload: bytes, docs: dict[str, Doc]
) -> tuple[str | None, dict[str, Any] | None]:
    """What is wrong with a segment that reads, or its fresh index entry."""
    fresh = index_entry(entry["file"], payload, docs)
    if fresh["sha256"] != entry["sha256"]:
        return f"the log segment {entry['file']} was changed", None
    return None, fresh


def _stale(entry: dict[str, Any], fresh: dict[str, Any] | None) -> bool:
    return fresh is not None and any(fresh[k] != entry.get(k) for k in _INDEX_KEYS)


def segment_source(reader: Reader, entry: dict[str, Any], backups: list[Backup]) -> Path | None:
    """A whole copy of a named segment: in a backup, or among the strays."""
    from advisors.store.backups import log_folder_of

    folders = [log_folder_of(b, reader.layout) for b in backups]
    folders.append(reader.layout.backups / "stray" / "log")
    for folder in folders:
        candidate = folder / entry["file"]
        if is_whole(candidate, entry):
            return candidate
    return None


def stale_contacts(
    data: Data, latest: dict[int, str] | None = None
) -> list[tuple[str, str | None, str | None]]:
    """People whose stored last contact is not what the log says: name, the
    stored one, the log's. ``latest``: the log's, already gathered in a pass;
    without it, the log is read and ``data`` left with the log's."""
    if latest is None:
        stored = {p.id: p.last_contact for p in data.all(Person)}
        data.recompute_contacts()
        return [
            (p.name, stored.get(p.id), p.last_contact)
            for p in data.all(Person)
            if stored.get(p.id) != p.last_contact
        ]
    return [
        (str(doc.get("name", "")), doc.get("last_contact"), latest.get(ident))
        for ident, doc in data.documents(Person)
        if doc.get("last_contact") != latest.get(ident)
    ]


def stray_segments(reader: Reader, data: Data) -> list[Path]:
    """Segments in the log folder that neither the file, nor an undo step,
    nor a conflict copy (waiting, or merged) names."""
    named = data.log.named() | set(data.meta.get("held", {}))
    # another device may still name the segments of a copy merged here, or
    # of its undo steps (their files arrive through the sync too)
    others = [*reader.layout.conflict_copies()]
    for folder in (reader.layout.merged, reader.layout.undo):
        with contextlib.suppress(OSError):
            others += sorted(folder.glob("*.json"))
    for copy in others:
        with contextlib.suppress(Exception):
            meta = meta_in(copy)
            named |= {e["file"] for e in meta.get("log", []) if isinstance(e, dict)}
    try:
        names = os.listdir(reader.layout.log)
    except OSError:
        return []
    return sorted(
        reader.layout.log / n for n in names if reader.layout.is_segment_name(n) and n not in named
    )


def _bad_backups(reader: Reader, backups: list[Backup], whole: Whole) -> list[tuple[Path, str]]:
    """The backups that could not be restored, and why."""
    found = []
    for backup in backups:
        try:
            reader.vet_backup(backup, whole)
        except DataFileProblem as exc:
            found.append((backup.path, str(exc)))
    return found


def broken_steps(
    reader: Reader, meta: dict[str, Any], whole: Whole, *, deep: bool = False
) -> list[tuple[dict[str, Any], str]]:
    """The undo and redo steps that could not be taken, and why. A step is
    checked by the size and hash it records and by the segments its main
    file names being there; ``deep`` (and a step from before it recorded a
    hash) reads it as a board, and checks each segment it names by hash."""
    broken = []
    for step in history.steps(meta):
        why = _step_problem(reader, step, whole, deep or "sha256" not in step)
        if why is not None:
            broken.append((step, why))
    return broken


def _step_problem(reader: Reader, step: dict[str, Any], whole: Whole, deep: bool) -> str | None:
    path = reader.layout.undo / step["file"]
    try:
        payload = read_regular(path)
        if not deep:
            if len(payload) != step["bytes"] or digest(payload) != step["sha256"]:
                return "its file was changed"
            named = ConversationLog(reader.layout.log, meta_of(payload)["log"])
        else:
            named = reader.build(payload).log
    except (OSError, DataFileProblem):
        return "its file is missing or does not read"
    except Exception:  # it matched its hash, yet its entries do not read
        return "its file does not read"
    lost = named.missing()
    if lost:
        return f"its log segment {lost[0].name} is gone"
    if deep:
        for entry in named.entries:
            if not whole(named.folder / entry["file"], entry):
                return f"its log segment {entry['file']} was changed"
    return None


class Whole:
    """``is_whole`` for one run of ``doctor``: a segment file already found
    whole (the same file, by device and inode, with the same size and time)
    is not read and hashed again. Backups and undo steps hard-link the
    segments of the log, so fourteen backups cost one pass, not fourteen."""

    def __init__(self) -> None:
        self._whole: set[tuple[int, int, int, int, str]] = set()

    def __call__(self, path: Path, entry: dict[str, Any]) -> bool:
        key = self._key(path, entry)
        if key is not None and key in self._whole:
            return True
        if not is_whole(path, entry):
            return False
        if key is not None:
            self._whole.add(key)
        return True

    def known(self, path: Path, entry: dict[str, Any]) -> None:
        """``path`` was just read and found to be what ``entry`` names."""
        key = self._key(path, entry)
        if key is not None:
            self._whole.add(key)

    @staticmethod
    def _key(path: Path, entry: dict[str, Any]) -> tuple[int, int, int, int, str] | None:
        try:
            info = path.lstat()
        except OSError:
            return None
        return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, str(entry["sha256"]))


def mend(
    reader: Reader,
    today: date,
    command: str,
    records: Callable[[Data], list[str]],
    check: Callable[[Data], list[Any]],
    *,
    deep: bool = False,
) -> Facts:
    """Repair what can be repaired without losing anything, as one change
    (``records`` repairs the records and counts them); then examine again
    (``check`` checks the records)."""
    if reader.payload() is None:  # nothing to repair: take no lock, make no folder
        return _absent(reader)
    fixed: list[str] = []
    with locked(reader):
        payload = reader.payload()
        if payload is None:
            return _absent(reader)
        read = reader.as_read(payload)
        data = reader.build(payload)
        backups = reader.backups.newest_first()
        found = [_read_segment(reader, entry) for entry in data.log.entries]
        copies = {
            index: (source, entry)
            for index, (entry, (problem, _fresh)) in enumerate(
                zip(data.log.entries, found, strict=True)
            )
            if problem is not None
            and (source := segment_source(reader, entry, backups)) is not None
        }
        try:
            bring_in_segments(reader.layout.log, list(copies.values()))
        except OSError as exc:
            raise disk_problem(exc, reader.layout.log, "bring back the log segments") from None
        for index, (source, entry) in copies.items():
            found[index] = _read_segment(reader, entry)  # its index is checked below
            fixed.append(f"brought {entry['file']} back from {source.parent.parent.name}")
        if data.log.missing():
            raise LogPartMissing(data.log.missing()[0], True, unmendable=True)
        for index, (entry, (_problem, fresh)) in enumerate(
            zip(data.log.entries, found, strict=True)
        ):
            if fresh is not None and _stale(entry, fresh):
                data.log.entries[index] = fresh
                data.changed = True
                fixed.append(f"rebuilt the index of {entry['file']}")
        changed = records(data)
        if changed:
            more = f" and {len(changed) - 5} more" if len(changed) > 5 else ""
            fixed.append(
                f"repaired {len(changed)} record(s) (ids, uids or times): "
                + ", ".join(changed[:5])
                + more
            )
        if stale_contacts(data):
            data.changed = True
            fixed.append("rebuilt last contacts from the log")
        broken = {
            step["file"] for step, _why in broken_steps(reader, data.meta, Whole(), deep=deep)
        }
        if broken:
            for stack in ("undo", "redo"):
                data.meta[stack] = [s for s in data.meta.get(stack, []) if s["file"] not in broken]
            data.changed = True
            fixed.append(f"dropped {len(broken)} undo step(s) that can't be restored")
        if data.migrated:
            fixed.append("brought the file up to date")
        if data.changed:
            commit(reader, data, read, today, kind="change", command=command)
        strays = stray_segments(reader, data)
        if strays:
            folder = reader.layout.backups / "stray" / "log"
            make_private_folder(folder)
            for path in strays:
                with contextlib.suppress(OSError):
                    os.replace(path, folder / path.name)
                    make_private(folder / path.name)
            fixed.append(f"moved {len(strays)} stray segment(s) to {folder}")
    final = examine(reader, check, deep=deep)
    final.fixed = fixed
    return final
