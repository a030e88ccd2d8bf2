"""The data file: the only module that touches it, and the only one that
imports TinyDB.

Layout on disk, for a data file ``advisors.json``::

    advisors.json                 TinyDB JSON: _meta, people, goals, todos,
                                  topics, advice (small; what `due` reads)
    advisors.conversations/       the conversation log, in TinyDB JSON
        seg-<random>.json         segments of at most SEGMENT_SIZE records
    advisors.json.lock            the lock that serialises writers
    backups/advisors-<date>/      daily copies, the newest 14 kept

The main file names the segments that belong to it. A segment is never
written in place: a changed segment is written under a new name, and the
main file, replaced atomically, is the single commit point. A crash at any
moment therefore leaves the old state or the new one, whole; unreferenced
segments and temporary files are swept up by the next writer. Because the
log lives apart, `due` reads a file whose size does not grow with the log,
and `log` rewrites only the newest segment.

Every change is one transaction::

    with DataFile(path).transaction() as data:
        data.insert(person)

which takes the lock (waiting up to 10 s), reads once, lets the caller
change the in-memory copy, then writes: temp file in the same folder,
flush, fsync, ``os.replace``, fsync of the folder.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import shutil
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from advisors import __version__
from advisors.errors import DataFileProblem
from advisors.models import Conversation, Record, now_stamp

if TYPE_CHECKING:
    from tinydb import TinyDB

SCHEMA = 1
SEGMENT_SIZE = 1000
BACKUPS_KEPT = 14
LOCK_TIMEOUT = 10.0
MAIN_TABLES = ("people", "goals", "todos", "topics", "advice")
META = "_meta"

R = TypeVar("R", bound=Record)


# --------------------------------------------------------------------------
# Low-level file operations. Every byte that reaches the disk goes through
# these, and the tests inject faults into the os calls they make.


def _write_new(path: Path, payload: bytes) -> None:
    """Create ``path`` (which must not exist) with ``payload``, durably."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(payload)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload``: the old file or the new, never half."""
    temp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    try:
        _write_new(temp, payload)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_dir(path.parent)


def _make_private_dir(folder: Path) -> None:
    """Create ``folder`` (and parents) as 0700; leave existing ones alone."""
    missing = []
    for parent in [folder, *folder.parents]:
        if parent.exists():
            break
        missing.append(parent)
    for parent in reversed(missing):
        with contextlib.suppress(FileExistsError):
            parent.mkdir(mode=0o700)


def _dump(data: Any) -> bytes:
    import orjson

    return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small dicts are built.

    Nothing we build has cycles, and the collector otherwise rescans the
    whole growing log again and again: pausing it more than halves the time
    to read a long log.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _parse(payload: bytes) -> Any:
    import orjson

    with _collector_paused():
        return orjson.loads(payload)


def _disk_problem(exc: OSError, path: Path, doing: str) -> DataFileProblem:
    reason = exc.strerror or str(exc)
    hint = ""
    if exc.errno is not None and exc.errno in (28, 122):  # ENOSPC, EDQUOT
        hint = "; free some disk space and try again (nothing was changed)"
    elif isinstance(exc, PermissionError):
        hint = "; check the file's owner and permissions"
    return DataFileProblem(f"can't {doing} {path}: {reason}{hint}")


# --------------------------------------------------------------------------
# Validation of what was read.


def _is_table(value: Any) -> bool:
    """A TinyDB table: numeric string ids mapping to documents (JSON objects).

    Written with map() so that checking a long log costs little.
    """
    return (
        isinstance(value, dict)
        and all(map(str.isdigit, value))
        and set(map(type, value.values())) <= {dict}
    )


_SEGMENT_NAME = re.compile(r"seg-[0-9a-f]{6,32}\.json")


def _is_segment_list(value: Any) -> bool:
    """The main file's list of log segments: names we wrote, and counts."""
    return isinstance(value, list) and all(
        isinstance(s, dict)
        and isinstance(s.get("file"), str)
        and _SEGMENT_NAME.fullmatch(s["file"]) is not None
        and isinstance(s.get("count"), int)
        and s["count"] >= 0
        for s in value
    )


def _segment_names(tables: Any) -> list[str] | None:
    """The log segments a main file names; None if that list is not ours."""
    try:
        segments = tables[META]["1"].get("log", [])
    except (KeyError, TypeError, AttributeError):
        return [] if isinstance(tables, dict) and META not in tables else None
    return [s["file"] for s in segments] if _is_segment_list(segments) else None


class _Corrupt(Exception):
    """Internal: the bytes read are not a data file of ours."""


def _check_main(raw: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(raw, dict):
        raise _Corrupt("it is not a JSON object")
    for name, table in raw.items():
        if not _is_table(table):
            raise _Corrupt(f"its table {name!r} is not a table of records")
    return raw


# --------------------------------------------------------------------------
# TinyDB over the copy in memory: read once per command, written by us.


def _tinydb(tables: dict[str, dict[str, Any]]) -> TinyDB:
    from tinydb import TinyDB
    from tinydb.storages import Storage

    class Snapshot(Storage):
        """Hands TinyDB the tables read at the start of the command.

        TinyDB re-reads its storage on every table access; reading the file
        once and serving it from memory keeps each command at one parse.
        """

        def __init__(self) -> None:
            self.tables = tables

        def read(self) -> dict[str, dict[str, Any]]:
            return self.tables

        def write(self, data: dict[str, dict[str, Any]]) -> None:
            if data is not self.tables:
                self.tables.clear()
                self.tables.update(data)

    return TinyDB(storage=Snapshot)


class ConversationLog:
    """The conversation table, kept in segment files beside the main file.

    Segments are loaded only when needed: adding a conversation reads the
    newest segment alone.
    """

    def __init__(self, folder: Path, segments: list[dict[str, Any]]) -> None:
        self.folder = folder
        self.segments = [dict(s) for s in segments]
        self._docs: dict[int, dict[str, dict[str, Any]]] = {}
        self.dirty: set[int] = set()

    def _load(self, index: int) -> dict[str, dict[str, Any]]:
        if index not in self._docs:
            path = self.folder / self.segments[index]["file"]
            try:
                payload = path.read_bytes()
            except FileNotFoundError:
                raise _SegmentMissing(path) from None
            except OSError as exc:
                raise _disk_problem(exc, path, "read the conversation log") from None
            try:
                raw = _parse(payload)
                table = raw["conversations"]
                if not _is_table(table):
                    raise ValueError
            except Exception:
                raise DataFileProblem(
                    f"the conversation log segment {path} is damaged; "
                    "run 'advisors restore' to go back to a backup"
                ) from None
            self._docs[index] = table
        return self._docs[index]

    def all_docs(self) -> Iterator[tuple[int, dict[str, Any]]]:
        for index in range(len(self.segments)):
            for key, doc in self._load(index).items():
                yield int(key), doc

    def add(self, doc: dict[str, Any], ident: int) -> None:
        if not self.segments or self.segments[-1]["count"] >= SEGMENT_SIZE:
            self.segments.append({"file": None, "count": 0})
            self._docs[len(self.segments) - 1] = {}
        index = len(self.segments) - 1
        self._load(index)[str(ident)] = doc
        self.segments[index]["count"] += 1
        self.dirty.add(index)

    def _find(self, ident: int) -> int:
        for index in range(len(self.segments)):
            if str(ident) in self._load(index):
                return index
        raise KeyError(ident)

    def get(self, ident: int) -> dict[str, Any] | None:
        try:
            return self._docs[self._find(ident)][str(ident)]
        except KeyError:
            return None

    def replace(self, ident: int, doc: dict[str, Any]) -> dict[str, Any]:
        """Put ``doc`` in place of conversation ``ident``; return the old one."""
        index = self._find(ident)
        old = self._docs[index][str(ident)]
        self._docs[index][str(ident)] = doc
        self.dirty.add(index)
        return old

    def remove(self, ident: int) -> None:
        index = self._find(ident)
        del self._docs[index][str(ident)]
        self.segments[index]["count"] -= 1
        self.dirty.add(index)

    def write_dirty(self, written: list[Path]) -> None:
        """Write each changed segment under a new name (never in place).

        Each file attempted is appended to ``written`` first, so a failed
        commit can remove what it began.
        """
        if not self.dirty:
            return
        _make_private_dir(self.folder)
        for index in sorted(self.dirty):
            name = f"seg-{os.urandom(6).hex()}.json"
            written.append(self.folder / name)
            _write_new(self.folder / name, _dump({"conversations": self._docs[index]}))
            self.segments[index]["file"] = name
        _fsync_dir(self.folder)
        self.segments = [s for s in self.segments if s["count"] > 0]
        self.dirty.clear()

    def referenced(self) -> set[str]:
        return {s["file"] for s in self.segments if s["file"]}


class _SegmentMissing(DataFileProblem):
    """A segment the main file names is gone.

    Lock-free readers retry (a writer may have just replaced it); inside a
    transaction it means the log was damaged, and it reaches the user.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"the conversation log segment {path} is missing; restore a backup "
            "with 'advisors restore'"
        )


class Data:
    """One consistent state of the data file, in memory."""

    def __init__(self, tables: dict[str, dict[str, Any]], log: ConversationLog):
        self.tables = tables
        self.log = log
        self.changed = False
        self.migrated = False
        self._db: TinyDB | None = None
        # Set on lock-free snapshots, which may race a writer's sweep.
        self.source: DataFile | None = None
        # People whose last contact must be derived again before it is read.
        self._stale_contacts: set[int] = set()

    @property
    def meta(self) -> dict[str, Any]:
        return self.tables[META]["1"]

    @property
    def db(self) -> TinyDB:
        if self._db is None:
            self._db = _tinydb(self.tables)
        return self._db

    # Records of the main file -------------------------------------------

    def all(self, model: type[R]) -> list[R]:
        if model.table == "people":
            self._refresh_contacts()
        return [
            model.from_doc(int(k), doc)
            for k, doc in self.tables.get(model.table, {}).items()
        ]

    def get(self, model: type[R], ident: int) -> R | None:
        if model.table == "people":
            self._refresh_contacts()
        if model is Conversation:
            doc = self.log.get(ident)
        else:
            doc = self.tables.get(model.table, {}).get(str(ident))
        return None if doc is None else model.from_doc(ident, doc)

    def _next_id(self, table: str) -> int:
        counters = self.meta.setdefault("next_id", {})
        existing = self.tables.get(table, {})
        start = max((int(k) for k in existing), default=0) + 1
        ident = max(int(counters.get(table, 1)), start)
        counters[table] = ident + 1
        return ident

    def insert(self, record: R) -> R:
        """Store a new record; ids are never reused, so old ids stay wrong
        rather than silently pointing at someone else."""
        self.changed = True
        if isinstance(record, Conversation):
            record.id = self._next_id("conversations")
            self.log.add(record.to_doc(), record.id)
            self._note_contact(record)
            return record
        from tinydb.table import Document

        record.id = self._next_id(record.table)
        self.db.table(record.table).insert(Document(record.to_doc(), doc_id=record.id))
        return record

    def save(self, record: Record) -> None:
        """Write back every field of a record that already exists."""
        self.changed = True
        if isinstance(record, Conversation):
            before = self.log.replace(record.id, record.to_doc())
            self._stale_contacts |= set(record.people) | set(before.get("people", ()))
            return
        self.db.table(record.table).update(record.to_doc(), doc_ids=[record.id])

    def delete(self, record: Record) -> None:
        self.changed = True
        if isinstance(record, Conversation):
            self.log.remove(record.id)
            self._stale_contacts |= set(record.people)
            return
        self.db.table(record.table).remove(doc_ids=[record.id])

    def conversations(self) -> list[Conversation]:
        """The whole log as records (read lazily, on first use)."""
        return [Conversation.from_doc(i, doc) for i, doc in self.conversation_docs()]

    def conversation_docs(self) -> list[tuple[int, dict[str, Any]]]:
        """The whole log as raw documents: cheaper to filter before building
        records when the log is long."""
        if self.source is None:
            with _collector_paused():
                return list(self.log.all_docs())
        for attempt in range(5):
            try:
                with _collector_paused():
                    docs = list(self.log.all_docs())
                break
            except _SegmentMissing:
                if attempt == 4:
                    raise
                # a writer committed since we read the main file: read its state
                fresh = self.source._read_main()
                self.tables, self.log, self._db = fresh.tables, fresh.log, None
        # The log is read-only from here on in this process: keep the
        # collector from rescanning it each time it runs.
        gc.freeze()
        return docs

    def _refresh_contacts(self) -> None:
        """Bring the derived last contacts up to date after conversations were
        changed or deleted: one pass over the log, however many changed."""
        if self._stale_contacts:
            stale, self._stale_contacts = self._stale_contacts, set()
            self._touch_contacts(stale)

    def _touch_contacts(self, people: Any) -> None:
        """Keep each person's derived last contact in step with the log."""
        wanted = {int(p) for p in people}
        latest: dict[int, str] = {}
        for _ident, doc in self.log.all_docs() if wanted else ():
            for p in doc.get("people", ()):
                if p in wanted and doc.get("date", "") > latest.get(p, ""):
                    latest[p] = doc["date"]
        table = self.tables.setdefault("people", {})
        for p in wanted:
            if str(p) in table:
                table[str(p)]["last_contact"] = latest.get(p)
        self._db = None  # TinyDB caches queries over the tables

    def _note_contact(self, conversation: Conversation) -> None:
        """Cheaper form of _touch_contacts for a conversation just added."""
        table = self.tables.get("people", {})
        for p in conversation.people:
            doc = table.get(str(p))
            if doc is not None and conversation.date > (doc.get("last_contact") or ""):
                doc["last_contact"] = conversation.date
        self._db = None

    def recompute_contacts(self) -> None:
        """Derive every person's last contact from the whole log again."""
        self._touch_contacts(int(k) for k in self.tables.get("people", {}))

    def serialise_main(self) -> bytes:
        self._refresh_contacts()
        self.meta["log"] = self.log.segments
        self.meta["app_version"] = __version__
        return _dump(self.tables)


# --------------------------------------------------------------------------


def _empty_tables() -> dict[str, dict[str, Any]]:
    tables: dict[str, dict[str, Any]] = {
        META: {"1": {"schema": SCHEMA, "created": now_stamp(),
                     "app_version": __version__, "log": [], "next_id": {}}}
    }
    for name in MAIN_TABLES:
        tables[name] = {}
    return tables


class DataFile:
    """The data file at ``path``, its log segments, lock and backups."""

    def __init__(self, path: Path) -> None:
        # Follow a symlink (a data file kept in a synced folder, say): the
        # atomic replace must swap the real file, not the link.
        self.path = path.resolve()
        self.log_folder = path.with_name(f"{path.stem}.conversations")
        self.backup_folder = path.parent / "backups"
        self.lock_path = path.with_name(f"{path.name}.lock")

    # Reading ----------------------------------------------------------------

    def read(self) -> Data:
        """A snapshot without the lock; the log is read when first asked for."""
        data = self._read_main()
        data.source = self
        return data

    def _read_main(self) -> Data:
        try:
            payload = self.path.read_bytes()
        except FileNotFoundError:
            tables = _empty_tables()
            return Data(tables, ConversationLog(self.log_folder, []))
        except IsADirectoryError:
            raise DataFileProblem(
                f"the data file {self.path} is a folder; point --db at a file"
            ) from None
        except OSError as exc:
            raise _disk_problem(exc, self.path, "read the data file") from None
        try:
            tables = _check_main(_parse(payload))
        except Exception as exc:
            reason = exc if isinstance(exc, _Corrupt) else "it is not valid JSON"
            raise DataFileProblem(self._corrupt_message(str(reason))) from None
        return self._upgrade(tables)

    def _corrupt_message(self, reason: str) -> str:
        newest = self.backups()[-1:] if self.backup_folder.exists() else []
        if newest:
            remedy = (
                f"the newest backup is {newest[0]}; restore it with "
                f"'advisors restore {newest[0].name}'"
            )
        else:
            remedy = "there is no backup yet; fix the file by hand or move it aside"
        return (
            f"the data file {self.path} can't be read ({reason}); it was left "
            f"untouched. {remedy}"
        )

    def _upgrade(self, tables: dict[str, dict[str, Any]]) -> Data:
        meta_table = tables.get(META) or {}
        meta = meta_table.get("1")
        if meta is None:
            schema = 0
        else:
            schema = meta.get("schema", 0)
            if not isinstance(schema, int):
                raise DataFileProblem(self._corrupt_message("its schema is not a number"))
        if schema > SCHEMA:
            raise DataFileProblem(
                f"the data file {self.path} was written by a newer advisors "
                f"(schema {schema}; this one knows {SCHEMA}); upgrade advisors "
                "to use it. The file was left untouched"
            )
        if schema == SCHEMA:
            assert meta is not None
            segments = meta.get("log", [])
            if not _is_segment_list(segments):
                raise DataFileProblem(self._corrupt_message("its list of log segments is wrong"))
            for name in MAIN_TABLES:
                tables.setdefault(name, {})
            return Data(tables, ConversationLog(self.log_folder, segments))
        return self._migrate_from_0(tables)

    def _migrate_from_0(self, tables: dict[str, dict[str, Any]]) -> Data:
        """A plain TinyDB file (or a JSON export): conversations inline."""
        fresh = _empty_tables()
        old_meta = (tables.get(META) or {}).get("1") or {}
        fresh[META]["1"]["created"] = old_meta.get("created", fresh[META]["1"]["created"])
        for name in MAIN_TABLES:
            fresh[name] = tables.get(name, {})
        data = Data(fresh, ConversationLog(self.log_folder, []))
        inline = tables.get("conversations", {})
        for key in sorted(inline, key=int):
            data.log.add(inline[key], int(key))
        data.meta["next_id"]["conversations"] = max(map(int, inline), default=0) + 1
        data.recompute_contacts()
        data.changed = data.migrated = bool(tables)
        return data

    # Writing ------------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        from filelock import FileLock, Timeout

        _make_private_dir(self.path.parent)
        timeout = float(os.environ.get("ADVISORS_LOCK_TIMEOUT", LOCK_TIMEOUT))
        lock = FileLock(str(self.lock_path), timeout=timeout, mode=0o600)
        try:
            lock.acquire()
        except Timeout:
            raise DataFileProblem(
                f"the data file {self.path} is busy: another advisors command "
                f"has held it for {timeout:g} s; try again in a moment"
            ) from None
        except OSError as exc:
            raise _disk_problem(exc, self.lock_path, "lock") from None
        try:
            yield
        finally:
            lock.release()

    @contextlib.contextmanager
    def transaction(self, *, today: date | None = None) -> Iterator[Data]:
        """Lock, read, let the caller change the data, then commit it whole.

        An exception (a user mistake, Ctrl-C) inside the block writes nothing.
        """
        with self._locked():
            data = self._read_main()
            # Writers load segments lazily; a concurrent writer is excluded by
            # the lock, so every segment named is there to read.
            yield data
            if data.changed:
                self._commit(data, today or date.today())

    def _commit(self, data: Data, today: date) -> None:
        written: list[Path] = []
        try:
            if self.path.exists():
                self._daily_backup(today, data.log.referenced(), force=data.migrated)
            data.log.write_dirty(written)
            atomic_write(self.path, data.serialise_main())
        except BaseException as exc:
            # Remove the segments this commit began, unless the main file on
            # disk already names them (a fault after the replace).
            named = self._segment_names_on_disk()
            if named is not None:
                for path in written:
                    if path.name not in named:
                        with contextlib.suppress(OSError):
                            path.unlink()
                self._sweep(set(named))
            if isinstance(exc, OSError):
                raise _disk_problem(exc, self.path, "write the data file") from None
            raise
        self._sweep(data.log.referenced())

    def _sweep(self, keep: set[str]) -> None:
        """Remove what crashed or superseded writes left behind."""
        with contextlib.suppress(OSError):
            for entry in self.log_folder.iterdir():
                if entry.name.startswith("seg-") and entry.name not in keep or (
                    entry.name.endswith(".tmp")
                ):
                    entry.unlink()
        with contextlib.suppress(OSError):
            prefix = f".{self.path.name}."
            for entry in self.path.parent.iterdir():
                if entry.name.startswith(prefix) and entry.name.endswith(".tmp"):
                    entry.unlink()

    # Backups ------------------------------------------------------------

    def backups(self) -> list[Path]:
        """This data file's backups, oldest first."""
        prefix = f"{self.path.stem}-"
        try:
            entries = [
                e for e in self.backup_folder.iterdir()
                if e.is_dir() and e.name.startswith(prefix)
                and (e / self.path.name).exists()
            ]
        except OSError:
            return []
        return sorted(entries, key=lambda e: e.name)

    def _daily_backup(self, today: date, segments: set[str], *,
                      force: bool = False) -> None:
        name = f"{self.path.stem}-{today.isoformat()}"
        if force or not (self.backup_folder / name).exists():
            if force:
                name += datetime.now().strftime("T%H%M%S")
            self._copy_to_backup(name, segments)

    def backup_now(self) -> Path:
        with self._locked():
            if not self.path.exists():
                raise DataFileProblem(f"there is no data file at {self.path} yet")
            stamp = datetime.now().strftime("%Y-%m-%dT%H%M%S")
            return self._copy_to_backup(f"{self.path.stem}-{stamp}",
                                        self._segment_names_on_disk() or [])

    def _copy_to_backup(self, name: str, segments: Iterable[str]) -> Path:
        """Copy the current main file and the log ``segments`` it names."""
        _make_private_dir(self.backup_folder)
        target = self.backup_folder / name
        staging = self.backup_folder / f".{name}.{os.urandom(4).hex()}.tmp"
        try:
            staging.mkdir(mode=0o700)
            shutil.copy2(self.path, staging / self.path.name)
            segments = sorted(segments)
            if segments:
                (staging / self.log_folder.name).mkdir(mode=0o700)
                for segment in segments:
                    source = self.log_folder / segment
                    if source.exists():
                        shutil.copy2(source, staging / self.log_folder.name / segment)
            if target.exists():
                shutil.rmtree(target)
            os.replace(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _fsync_dir(self.backup_folder)
        for old in self.backups()[:-BACKUPS_KEPT]:
            shutil.rmtree(old, ignore_errors=True)
        return target

    def _segment_names_on_disk(self) -> list[str] | None:
        """The segments the main file on disk names; None if it can't be read."""
        try:
            raw = _parse(self.path.read_bytes())
        except FileNotFoundError:
            return []
        except Exception:
            return None
        return _segment_names(raw)

    def restore(self, backup: Path) -> Path:
        """Put a backup back in place, keeping a copy of what it replaces."""
        try:
            payload = (backup / self.path.name).read_bytes()
            segments = _segment_names(_check_main(_parse(payload)))
        except Exception:
            segments = None
        if segments is None:
            raise DataFileProblem(f"the backup {backup} can't be read either")
        with self._locked():
            safety = None
            if self.path.exists():
                stamp = datetime.now().strftime("%Y-%m-%dT%H%M%S")
                safety = self._copy_to_backup(f"{self.path.stem}-{stamp}-before-restore",
                                              self._segment_names_on_disk() or [])
            if segments:
                _make_private_dir(self.log_folder)
                for segment in segments:
                    target = self.log_folder / segment
                    if not target.exists():
                        shutil.copy2(backup / self.log_folder.name / segment, target)
                _fsync_dir(self.log_folder)
            atomic_write(self.path, payload)
            self._sweep(set(segments))
        return safety or backup
