"""Reading a data file: one consistent state, checked at the edge.

A reader takes no lock: it reads the main file, then the segments it names;
if one has gone, it reads the main file again, and only the *same* main file
naming a missing segment is damage (a writer may have committed meanwhile).
An older file is upgraded in memory (the next commit writes it); a newer
one, or one that does not read, is refused without a write.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisors.errors import (
    BackupUnusable,
    CopyUnreadable,
    DataFileProblem,
    FileLost,
    Locked,
    LogPartMissing,
    NotAFile,
    NotOurs,
    OutOfMemory,
    TooNew,
    Unreadable,
)
from advisors.store.durable import AsRead, digest, disk_problem, read_regular
from advisors.store.layout import Layout
from advisors.store.schema import (
    LOG_SCHEMA,
    META,
    SCHEMA,
    Damage,
    Draft,
    check_main,
    empty_tables,
    is_export,
    is_legacy_board,
    lacks_index,
    legacy_segment_names,
    upgrade,
)
from advisors.store.segments import (
    ConversationLog,
    SegmentMissing,
    is_whole,
    parse,
    reindexed,
)
from advisors.store.state import Data

if TYPE_CHECKING:  # backups are imported when a change or a restore needs them
    from advisors.store.backups import Backup, Backups, Source


class Reader:
    """Reads the data file of ``layout``, and the copies and backups of it."""

    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.path = layout.main
        self._backups: Backups | None = None

    @property
    def backups(self) -> Backups:
        if self._backups is None:
            from advisors.store.backups import Backups

            self._backups = Backups(self.layout)
        return self._backups

    def payload(self) -> bytes | None:
        try:
            return read_regular(self.path)
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise NotAFile(self.path, True) from None
        except OSError as exc:
            if exc.errno == errno.ENOTDIR:
                raise NotAFile(self.path, False) from None
            raise disk_problem(exc, self.path, "read the data file") from None

    def as_read(self, payload: bytes | None, *, hold: bool = True) -> AsRead | None:
        """What a change keeps of the main file it read (None: there was
        none); ``hold``: its bytes too, for a caller that holds them anyway."""
        return None if payload is None else AsRead.of(self.path, payload, hold=hold)

    def build(self, payload: bytes | None, beside: Data | None = None) -> Data:
        """The state a main file holds; ``beside`` a board this file is a
        copy of, whose records it holds alike are left out as it is read
        (``Data.alike`` names them)."""
        if payload is None:
            return Data(empty_tables(), ConversationLog(self.layout.log, []))
        alike: dict[str, list[int]] = {}
        try:
            if beside is None:
                parsed = parse(payload)
            else:  # a merge's conflict copy: its own module (and json) only then
                from advisors.store.apart import parse_apart

                parsed, alike = parse_apart(payload, beside.record_tables(), SCHEMA)
            schema, tables = check_main(parsed)
        except Locked as exc:
            exc.path = self.path
            raise
        except Damage as exc:
            raise self.unreadable(str(exc)) from None
        except MemoryError:
            raise OutOfMemory(self.path) from None
        except Exception as exc:
            if "memory" in str(exc).lower():  # orjson says so in words
                raise OutOfMemory(self.path) from None
            raise self.unreadable("it is not valid JSON") from None
        if schema == 0 and not is_legacy_board(tables):
            raise NotOurs(self.path, is_export(tables))
        if schema > SCHEMA:
            raise TooNew(self.path, schema, SCHEMA)
        if schema >= LOG_SCHEMA:
            tables = self._in_place(schema, tables)
            data = Data(tables, ConversationLog(self.layout.log, tables[META]["1"]["log"]))
            data.alike = alike
            self._rebuild_index(data)
            return data
        if schema == 0 and self._has_a_log():
            raise self.unreadable("it has no _meta table, yet a conversation log lies beside it")
        draft = Draft(schema, tables, self.read_legacy_segment)
        try:
            upgrade(draft)
        except Damage as exc:
            raise self.unreadable(str(exc)) from None
        return self.upgraded(draft)

    def _in_place(self, schema: int, tables: dict[str, Any]) -> dict[str, Any]:
        """The main tables of a file whose log is already in today's layout,
        brought up to date in memory (the next commit writes them)."""
        if schema == SCHEMA:
            return tables
        draft = Draft(schema, tables, self.read_legacy_segment)
        try:
            return upgrade(draft).tables
        except Damage as exc:
            raise self.unreadable(str(exc)) from None

    def upgraded(self, draft: Draft) -> Data:
        """The state an upgraded older file (or backup) becomes: its log goes
        into this file's log folder at the next commit."""
        data = Data(draft.tables, ConversationLog(self.layout.log, []), migrated=True)
        data.take_upgraded(draft.conversations)
        data.recompute_contacts()
        return data

    def _rebuild_index(self, data: Data) -> None:
        """Give each segment entry that lacks its index (dates, people, top
        id) one, from the segment itself; the next commit keeps it."""
        for index, entry in enumerate(data.log.entries):
            fresh = reindexed(self.layout.log, entry) if lacks_index(entry) else None
            if fresh is not None:  # else missing or damaged: the usual checks say so
                data.log.entries[index] = fresh
                data.changed = True

    def _has_a_log(self) -> bool:
        for folder in (self.layout.log, self.layout.legacy_log):
            with contextlib.suppress(OSError):
                if any(name.startswith("seg-") for name in os.listdir(folder)):
                    return True
        return False

    def read_legacy_segment(self, name: str, folder: Path | None = None) -> dict[str, Any]:
        path = (folder or self.layout.legacy_log) / name
        try:
            table = parse(read_regular(path))["conversations"]
        except FileNotFoundError:
            raise SegmentMissing(path) from None
        except OSError as exc:
            raise disk_problem(exc, path, "read the conversation log") from None
        except Locked:
            raise
        except Exception:
            raise Damage(f"its log segment {name} is damaged") from None
        if not isinstance(table, dict):
            raise Damage(f"its log segment {name} is damaged")
        return table

    def _reads(self, backup: Backup) -> bool:
        try:
            schema, _tables = check_main(parse(read_regular(backup.path / self.path.name)))
        except Exception:
            return False
        return schema <= SCHEMA

    def unreadable(self, reason: str) -> Unreadable:
        """The main file does not read: why, and the newest backup that does."""
        newest = next((b for b in self.backups.newest_first() if self._reads(b)), None)
        return Unreadable(self.path, reason, newest)

    def read(self) -> Data:
        """A consistent snapshot without the lock; the log is read on demand.
        The main file's bytes are not kept (4 MB at 20,000 people), only
        their hash, to tell whether a writer replaced the file meanwhile."""
        payload = self.payload()
        data = self.build(payload)
        seen = _hash(payload)
        self.name_lost_file(data, payload)
        del payload

        def reread() -> Data | None:
            nonlocal seen
            fresh = self.payload()
            if _hash(fresh) == seen:
                return None  # the same main file names a missing segment: damage
            seen = _hash(fresh)
            return self.build(fresh)

        data.reread = reread
        lost = data.log.missing()
        if lost and _hash(self.payload()) == seen:  # not a writer's commit meanwhile
            data.problems.append(LogPartMissing(lost[0], False))
        return data

    def name_lost_file(self, data: Data, payload: bytes | None) -> None:
        """No data file, but backups of one: it was lost (or moved), and a
        board that starts afresh here should not hide that."""
        if payload is None and (backups := self.backups.newest_first()):
            data.problems.append(FileLost(self.path, [b.name for b in backups]))

    def read_other(self, path: Path) -> Data:
        """Another copy of this board, to merge from: a sync conflict copy
        beside this file (its log is this file's), the main file of a backup
        folder (its log is the folder's ``log/``), or another data file with
        a log of its own."""
        resolved = path.resolve()
        if resolved in self.layout.conflict_copies():
            return self.read_copy(resolved)
        folder = resolved.parent
        if folder.parent == self.layout.backups.resolve() or (
            (folder / "log").is_dir() and not Layout.of(resolved).log.exists()
        ):
            return self.read_backup(folder)
        return Reader(Layout.of(path)).read()

    def read_backup(self, folder: Path) -> Data:
        """A backup folder (this board's, or one from another device) as a
        state, checked as strictly as ``restore`` checks it."""
        from advisors.store.backups import Backup

        return self.check_backup(Backup(folder, stamp="", kind="merge"))

    def read_copy(self, path: Path, beside: Data | None = None) -> Data:
        """Another main file whose log is this file's: a sync conflict copy
        (written on another device, it names segments in the shared log);
        the records it holds alike with ``beside`` left out (see ``build``)."""
        try:
            payload = read_regular(path)
        except OSError as exc:
            raise disk_problem(exc, path, "read the conflict copy") from None
        try:
            data = self.build(payload, beside)
        except DataFileProblem:
            raise CopyUnreadable(path) from None
        lost = data.log.missing()
        if lost:
            raise CopyUnreadable(path, lost[0].name)
        return data

    def sources(self, data: Data) -> list[Source]:
        """The segments of the state as read, to put into a backup."""
        from advisors.store.backups import Source

        if data.migrated:  # an older layout: whatever its main file names
            with contextlib.suppress(Exception):
                raw = parse(read_regular(self.path))
                names = legacy_segment_names(raw[META]["1"])
                folder = self.layout.legacy_log
                return [Source(folder / n, (folder / n).stat().st_size, None) for n in names]
            return []
        return [
            Source(self.layout.log / e["file"], e["bytes"], None)
            for e in data.log.entries
            if e.get("file") and e["file"] in data.read_names
        ]

    def check_log(self, data: Data) -> None:
        lost = data.log.missing()
        if lost:
            raise LogPartMissing(lost[0], True)

    def check_backup(self, backup: Backup) -> Data:
        """The backup as a state, checked as strictly as the live file."""
        found = self._checked_backup(backup)
        return found if isinstance(found, Data) else self.upgraded(found)

    def vet_backup(
        self, backup: Backup, whole: Callable[[Path, dict[str, Any]], bool] = is_whole
    ) -> None:
        """Raise ``BackupUnusable`` when ``backup`` could not be restored: the
        same checks, without rebuilding an older layout's state in memory
        (``doctor`` has no use for it: a second or more, at 100,000)."""
        self._checked_backup(backup, whole)

    def _checked_backup(
        self, backup: Backup, whole: Callable[[Path, dict[str, Any]], bool] = is_whole
    ) -> Data | Draft:
        from advisors.store.backups import is_plain_folder, log_folder_of

        if not is_plain_folder(backup.path):
            raise BackupUnusable(backup.path, "it is not a plain folder")
        folder = log_folder_of(backup, self.layout)
        try:
            payload = read_regular(backup.path / self.path.name)
            schema, tables = check_main(parse(payload))
            if schema > SCHEMA:
                raise Damage(f"it was written by a newer advisors (schema {schema})")
            if schema >= LOG_SCHEMA:
                tables = self._in_place(schema, tables)
                data = Data(tables, ConversationLog(folder, tables[META]["1"]["log"]))
                for entry in data.log.entries:
                    if not whole(folder / entry["file"], entry):
                        raise Damage(f"its log segment {entry['file']} is missing or damaged")
                return data
            draft = Draft(schema, tables, lambda name: self.read_legacy_segment(name, folder))
            upgrade(draft)
        except Locked as exc:
            exc.path = backup.path / self.path.name
            raise
        except (Damage, DataFileProblem) as exc:
            raise BackupUnusable(backup.path, str(exc)) from None
        except Exception:
            raise BackupUnusable(backup.path, "it does not read") from None
        return draft


def _hash(payload: bytes | None) -> str | None:
    return None if payload is None else digest(payload)
