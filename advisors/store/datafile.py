"""The data file's face: what the actions see of the store.

A ``DataFile`` reads consistent snapshots, changes the data in one
transaction (see ``commit`` for the protocol), and keeps the history
(undo, redo), the backups and the conflict copies a sync tool leaves. It
hands out records and typed facts, never the layout of the folder::

    with DataFile(path).transaction(today=today) as data:
        data.insert(person)
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisors.errors import DataFileProblem, NothingTo, UndoStepMissing
from advisors.store import history
from advisors.store.commit import check_log, clear_pending, commit, locked, sweep
from advisors.store.durable import (
    disk_problem,
    make_private,
    make_private_folder,
    plain_folder,
    read_regular,
    replace_with,
)
from advisors.store.layout import Layout
from advisors.store.reading import Reader
from advisors.store.sealing import Seal, is_sealed, seal_of
from advisors.store.segments import collector_paused, meta_in, meta_of, parse
from advisors.store.state import Data

if TYPE_CHECKING:
    from advisors.store.backups import Backup
    from advisors.store.resealing import Resealed


@dataclass(frozen=True)
class Step:
    """One change undo can take back (or redo put back)."""

    command: str  # the command line that made it
    time: str  # when, ISO 8601


@dataclass(frozen=True)
class Where:
    """The files of a data file, for ``advisors where``."""

    main: Path
    log: Path
    backups: Path


class DataFile:
    """The data file at ``path`` with its log, lock, history and backups."""

    def __init__(self, path: Path) -> None:
        self._reader = Reader(Layout.of(path))
        self.path = self._reader.path
        self.created: list[Path] = []  # folders the last change had to create

    # Reading ------------------------------------------------------------------

    def read(self) -> Data:
        """A consistent snapshot without the lock; the log is read on demand."""
        self.tidy()
        return self._reader.read()

    def tidy(self) -> None:
        """Clear what a killed command left (a commit's journal and the files
        it names, a backup's staging folder), when no writer is at work: the
        next command of any kind does it, a reader too."""
        reader = self._reader
        layout = reader.layout
        if not layout.pending.exists():
            try:
                if not any(map(layout.is_backup_staging, os.listdir(layout.backups))):
                    return
            except OSError:
                return
        from advisors.store import lock

        with (
            contextlib.suppress(lock.Busy, OSError, DataFileProblem),
            lock.held(reader.layout.lock, 0),
        ):
            data = reader.build(reader.payload())
            clear_pending(reader, data)
            sweep(reader, set())

    def read_other(self, path: Path) -> Data:
        """Another copy of this board, to merge from: a sync conflict copy, a
        backup folder's main file, or another data file with its own log."""
        return self._reader.read_other(path)

    def main_file_in(self, folder: Path) -> Path | None:
        """A backup's folder (from here or another device) holds a main file
        named as this one: that file, or None when ``folder`` is not one."""
        found = folder / self.path.name
        try:
            return found if folder.is_dir() and found.is_file() else None
        except OSError:  # a name too long, say: not a folder of ours
            return None

    def where(self) -> Where:
        layout = self._reader.layout
        return Where(layout.main, layout.log, layout.backups)

    # Changing -----------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, *, today: date | None = None, command: str = "") -> Iterator[Data]:
        """Lock, read, let the caller change the data, then commit it whole.

        An exception inside the block (a user mistake, Ctrl-C) writes nothing.
        ``command`` is what ``advisors undo --list`` will call the change.
        """
        # a change lives for a moment and makes few cycles: the collector
        # would rescan what it adds again and again (an import of 20,000
        # people spent a tenth of its time there)
        with locked(self._reader) as self.created, collector_paused():
            payload = self._reader.payload()
            read = self._reader.as_read(payload, hold=False)
            data = self._reader.build(payload)
            self._reader.name_lost_file(data, payload)
            del payload  # held for the whole change, at 20,000 people: 5 MiB
            yield data
            if data.changed:
                commit(
                    self._reader,
                    data,
                    read,
                    today or date.today(),
                    kind="change",
                    command=command,
                )

    def reseal(
        self, recipients: list[dict[str, Any]], today: date, *, key: bytes | None = None
    ) -> Resealed:
        """Write every file of the board anew, sealed for ``recipients`` (the
        devices, ``{"key": "age1...", "device": ..., "added": ...}``), or in
        the clear when there are none: one commit (see ``resealing``).
        ``key``: a passphrase board's identity, sealed with the passphrase,
        kept beside the main file."""
        from advisors.store.resealing import reseal

        try:
            return reseal(self._reader, recipients, today, key)
        except OSError as exc:
            raise disk_problem(exc, self.path, "write the board anew") from None

    def passphrase_key(self) -> bytes | None:
        """A passphrase board's sealed identity, or None (not such a board)."""
        try:
            return read_regular(self._reader.layout.key)
        except OSError:
            return None

    def sealed_backups(self) -> bool:
        """Is a backup still encrypted (a ``decrypt`` was cut short)?"""
        from advisors.store.resealing import sealed_backups

        return sealed_backups(self._reader)

    # Conflict copies ----------------------------------------------------------

    def conflict_copies(self) -> list[Path]:
        """Copies of the main file a sync tool made when two devices changed it."""
        return self._reader.layout.conflict_copies()

    def read_copy(self, path: Path, beside: Data | None = None) -> Data:
        """A conflict copy as a state (its log is this file's); with
        ``beside``, the board as it is, without the records they hold alike
        (``Data.same_as`` still counts them)."""
        return self._reader.read_copy(path, beside)

    def set_aside(self, copy: Path) -> Path:
        """Move a merged conflict copy into ``backups/merged/``, where it is
        kept and no longer named on every run; on an encrypted board, a copy
        in the clear (from a device that had not yet seen it encrypted) is
        kept sealed."""
        folder = self._reader.layout.merged
        target = folder / copy.name
        try:
            plain_folder(self._reader.layout.backups)
            make_private_folder(folder)
            # the books of the board and of the copy are all this needs
            live = meta_in(self.path)
            seal = seal_of(live)
            payload = read_regular(copy)
            if seal and not is_sealed(payload):
                replace_with(target, seal(payload))
                copy.unlink()
                self._seal_strays_of(meta_of(payload), live, seal)
            else:
                os.replace(copy, target)
        except OSError as exc:
            raise disk_problem(exc, copy, "move aside the merged copy", saved=True) from None
        make_private(target)
        return target

    def _seal_strays_of(self, copy: dict[str, Any], live: dict[str, Any], seal: Seal) -> None:
        """The segments a copy in the clear brought into the log and the board
        does not name (its own are merged): sealed where they lie. ``copy``
        and ``live``: the books (``_meta``) of each."""
        log = self._reader.layout.log
        named = {e["file"] for e in live.get("log", [])} | set(live.get("held", {}))
        for entry in copy.get("log") or []:
            name = entry.get("file") if isinstance(entry, dict) else None
            if not isinstance(name, str) or not Layout.is_segment_name(name) or name in named:
                continue
            with contextlib.suppress(OSError):
                raw = read_regular(log / name)
                if not is_sealed(raw):
                    replace_with(log / name, seal(raw))

    # History ------------------------------------------------------------------

    def history(self) -> tuple[list[Step], list[Step]]:
        """The changes undo can revert and redo can put back, oldest first."""
        meta = self.read().meta
        return _steps(meta.get("undo", [])), _steps(meta.get("redo", []))

    def undo(self, today: date) -> Step:
        """Revert the newest change, as a change of its own (redo takes it back)."""
        return self._step_back(today, "undo")

    def pending(self, kind: str) -> Pending | None:
        """What ``undo`` or ``redo`` (``kind``) would take from one read: its
        step, the state now and the state the step holds; None when there is
        nothing to take."""
        now = self.read()
        stack = now.meta.get(kind, [])
        if not stack:
            return None
        try:
            then = self._reader.build(read_regular(self._reader.layout.undo / stack[-1]["file"]))
        except (OSError, DataFileProblem):
            then = None  # the step itself says why, when it is taken
        return Pending(_steps([stack[-1]])[0], now, then)

    def redo(self, today: date) -> Step:
        """Put back what the last undo took."""
        return self._step_back(today, "redo")

    def _step_back(self, today: date, kind: str) -> Step:
        reader = self._reader
        with locked(reader):
            payload = reader.payload()
            read = reader.as_read(payload)
            current = reader.build(payload)
            stack = current.meta.get(kind, []) if payload is not None else []
            if not stack:
                raise NothingTo(kind)
            step = stack[-1]
            path = reader.layout.undo / step["file"]
            try:
                previous = reader.build(read_regular(path))
            except FileNotFoundError:
                raise UndoStepMissing(path) from None
            except OSError as exc:
                raise disk_problem(exc, path, "read the undo step") from None
            if previous.migrated:
                raise UndoStepMissing(path, True)
            history.carry_history(previous, current)
            previous.changed = True
            previous.read_names = current.read_names
            assert read is not None
            commit(
                reader,
                previous,
                read,
                today,
                kind=kind,
                command=step["command"],
                replacing=current,
            )
            return _steps([step])[0]

    # Backups ------------------------------------------------------------------

    def backups(self) -> list[Backup]:
        """This data file's backups, newest first."""
        return self._reader.backups.newest_first()

    def holds(self, backup: Backup) -> tuple[int, int] | None:
        """How many people and conversations a backup holds, from its main
        file alone (its log index counts the conversations); None when it
        can't be read."""
        main = backup.path if backup.path.is_file() else self.main_file_in(backup.path)
        if main is None:
            return None
        try:
            tables = parse(read_regular(main))
            meta = tables["_meta"]["1"]
            people = len(tables.get("people", {}))
            log = meta.get("log")
            talks = (
                sum(int(e["count"]) for e in log)
                if isinstance(log, list)
                else len(tables.get("conversations", {}))
            )
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None
        return people, talks

    def backup(self, today: date) -> Path:
        """A manual backup of the file as it is; only of a file that reads."""
        reader = self._reader
        with locked(reader):
            payload = reader.payload()
            if payload is None:
                raise NothingTo("back up", self.path)
            data = reader.build(payload)
            check_log(data)
            try:
                target = reader.backups.take("manual", payload, reader.sources(data), today)
                reader.backups.rotate()
            except OSError as exc:
                raise disk_problem(exc, reader.layout.backups, "write a backup in") from None
            reader.backups.sweep_staging()
            return target

    def restore(self, backup: Backup, today: date, command: str = "") -> Path | None:
        """Put ``backup`` in place of the data file, as one change (see
        ``store.restore``); returns the ``before-restore`` backup it kept."""
        from advisors.store.restore import restore

        return restore(self._reader, backup, today, command)

    # Checking -----------------------------------------------------------------

    def checkup(self, check: Callable[[Data], list[Any]], *, deep: bool = False) -> Any:
        """What is wrong with the files (see ``store.checks``), read under the
        lock so that a writer at work is never taken for damage; ``check``
        checks the records (in the same pass over the log)."""
        from advisors.store.checks import examine

        self.tidy()
        if self._reader.payload() is None:
            return examine(self._reader, check, deep=deep)
        with locked(self._reader):
            return examine(self._reader, check, deep=deep)

    def mend(
        self,
        today: date,
        command: str,
        records: Callable[[Data], list[str]],
        check: Callable[[Data], list[Any]],
        *,
        deep: bool = False,
    ) -> Any:
        """Repair what can be repaired without loss, as one change; ``records``
        repairs the records themselves and says how many it changed; then
        ``check`` checks them again."""
        from advisors.store.checks import mend

        return mend(self._reader, today, command, records, check, deep=deep)


@dataclass(frozen=True)
class Pending:
    """The step ``undo`` or ``redo`` would take, with both states."""

    step: Step
    now: Data
    then: Data | None  # None when the step's file can't be read


def _steps(raw: list[dict[str, Any]]) -> list[Step]:
    return [Step(str(s.get("command") or ""), str(s.get("time") or "")) for s in raw]
