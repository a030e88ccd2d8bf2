"""The data file: reading a consistent state, and changing it in one commit.

Every change is one transaction::

    with DataFile(path).transaction(today=today) as data:
        data.insert(person)

which takes the lock beside the file (waiting up to 10 s, then "busy"),
reads once, lets the caller change the state in memory, then commits:

1. every segment the main file names is checked to be there and whole;
2. before the first change of the day, a backup of the file as read;
3. changed log segments are written under new names (temp file, fsync,
   rename, fsync of the folder);
4. the main file, which names the segments, is replaced atomically (temp
   file, fsync, ``os.replace``, fsync of the folder): the single commit point;
5. segments the old main file named and the new one does not are removed,
   with temporary files our own interrupted writes left behind.

A crash, kill or full disk at any moment therefore leaves the old state or
the new one, whole. A reader takes no lock: it reads the main file, then the
segments it names; if one has gone, it reads the main file again, and only
the *same* main file naming a missing segment is damage.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisors.errors import DataFileProblem, InterruptedAfterCommit, UsageProblem
from advisors.store import undo
from advisors.store.durable import (
    disk_problem,
    fsync_folder,
    make_private_folder,
    read_regular,
    replace_with,
    temp_name,
    write_new,
)
from advisors.store.layout import Layout
from advisors.store.schema import (
    META,
    SCHEMA,
    Damage,
    Draft,
    check_main,
    empty_tables,
    lacks_index,
    legacy_segment_names,
    upgrade,
)
from advisors.store.segments import ConversationLog, dump, missing_part, parse, reindexed
from advisors.store.state import Data

if TYPE_CHECKING:  # backups are imported when a change or a restore needs them
    from advisors.store.backups import Backup, Backups, Source

LOCK_TIMEOUT = 10.0


def lock_timeout() -> float:
    text = os.environ.get("ADVISORS_LOCK_TIMEOUT")
    if text is None:
        return LOCK_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise UsageProblem(f"ADVISORS_LOCK_TIMEOUT should be seconds from 0 to 3600, not {text!r}")
    return value


class DataFile:
    """The data file at ``path`` with its log, lock and backups."""

    def __init__(self, path: Path) -> None:
        self.layout = Layout.of(path)
        self.path = self.layout.main
        self._backups: Backups | None = None
        self.created: list[Path] = []  # folders the last change had to create

    @property
    def backups(self) -> Backups:
        if self._backups is None:
            from advisors.store.backups import Backups

            self._backups = Backups(self.layout)
        return self._backups

    # Reading ------------------------------------------------------------------

    def payload(self) -> bytes | None:
        try:
            return read_regular(self.path)
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise DataFileProblem(
                f"the data file {self.path} is a folder; point --db at a file"
            ) from None
        except OSError as exc:
            if exc.errno == errno.ENOTDIR:
                raise DataFileProblem(
                    f"the data file {self.path} can't be used: a part of its path is a "
                    "file, not a folder"
                ) from None
            raise disk_problem(exc, self.path, "read the data file") from None

    def build(self, payload: bytes | None) -> Data:
        if payload is None:
            return Data(empty_tables(), ConversationLog(self.layout.log, []))
        try:
            schema, tables = check_main(parse(payload))
        except Damage as exc:
            raise DataFileProblem(self.damage_message(str(exc))) from None
        except Exception:
            raise DataFileProblem(self.damage_message("it is not valid JSON")) from None
        if schema > SCHEMA:
            raise DataFileProblem(
                f"the data file {self.path} was written by a newer advisors (schema "
                f"{schema}; this one knows {SCHEMA}); upgrade advisors to use it. The "
                "file was left untouched"
            )
        if schema == SCHEMA:
            data = Data(tables, ConversationLog(self.layout.log, tables[META]["1"]["log"]))
            self._rebuild_index(data)
            return data
        if schema == 0 and self._has_a_log():
            raise DataFileProblem(
                self.damage_message("it has no _meta table, yet a conversation log lies beside it")
            )
        draft = Draft(schema, tables, self.read_legacy_segment)
        try:
            upgrade(draft)
        except Damage as exc:
            raise DataFileProblem(self.damage_message(str(exc))) from None
        return self.upgraded(draft)

    def upgraded(self, draft: Draft) -> Data:
        """The state an upgraded older file (or backup) becomes: its log goes
        into this file's log folder at the next commit."""
        data = Data(draft.tables, ConversationLog(self.layout.log, []), migrated=True)
        for ident, doc in draft.conversations:
            data.log.add(ident, doc)
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
            raise DataFileProblem(
                f"the conversation log segment {path} is missing; 'advisors restore' lists "
                "the backups to restore"
            ) from None
        except OSError as exc:
            raise disk_problem(exc, path, "read the conversation log") from None
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

    def damage_message(self, reason: str) -> str:
        newest = next((b for b in self.backups.newest_first() if self._reads(b)), None)
        if newest is not None:
            remedy = (
                f"the newest backup is {newest.path}; restore it with "
                f"'advisors restore {newest.name}'"
            )
        else:
            remedy = "there is no backup yet; fix the file by hand or move it aside"
        return (
            f"the data file {self.path} can't be read ({reason}); it was left untouched. {remedy}"
        )

    def read(self) -> Data:
        """A consistent snapshot without the lock; the log is read on demand."""
        payload = self.payload()
        data = self.build(payload)

        def reread() -> Data | None:
            nonlocal payload
            fresh = self.payload()
            if fresh == payload:
                return None  # the same main file names a missing segment: damage
            payload = fresh
            return self.build(fresh)

        data.reread = reread
        self._name_lost_file(data, payload)
        lost = data.log.missing()
        if lost and self.payload() == payload:  # not a writer's commit meanwhile
            data.problems.append(f"{missing_part(lost[0])}. Changes wait until it is back")
        return data

    def _name_lost_file(self, data: Data, payload: bytes | None) -> None:
        """No data file, but backups of one: it was lost (or moved), and a
        board that starts afresh here should not hide that."""
        if payload is None and (backups := self.backups.newest_first()):
            data.problems.append(
                f"the data file {self.path} was not there, but {len(backups)} backup"
                f"{'' if len(backups) == 1 else 's'} of it are: 'advisors restore "
                f"{backups[0].name}' puts the newest back, 'advisors import' of its "
                "folder merges it"
            )

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
        return DataFile(path).read()

    def read_backup(self, folder: Path) -> Data:
        """A backup folder (this board's, or one from another device) as a
        state, checked as strictly as ``restore`` checks it."""
        from advisors.store.backups import Backup
        from advisors.store.restore import check_backup

        return check_backup(self, Backup(folder, stamp="", kind="merge"))

    def read_copy(self, path: Path) -> Data:
        """Another main file whose log is this file's: a sync conflict copy
        (written on another device, it names segments in the shared log)."""
        try:
            payload = read_regular(path)
        except OSError as exc:
            raise disk_problem(exc, path, "read the conflict copy") from None
        try:
            data = self.build(payload)
        except DataFileProblem:
            raise DataFileProblem(
                f"the conflict copy {path} can't be read; it was left where it is"
            ) from None
        lost = data.log.missing()
        if lost:
            raise DataFileProblem(
                f"the conflict copy {path.name} names a part of the conversation log that "
                f"has not arrived yet ({lost[0].name}); is a sync still running? Nothing "
                "was merged"
            )
        return data

    def set_aside(self, copy: Path) -> Path:
        """Move a merged conflict copy into ``backups/merged/``, where it is
        kept and no longer named on every run."""
        target = self.layout.merged / copy.name
        try:
            make_private_folder(self.layout.merged)
            os.replace(copy, target)
        except OSError as exc:
            raise disk_problem(exc, copy, "move aside the merged copy", saved=True) from None
        return target

    # Writing ------------------------------------------------------------------

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        from advisors.store.lock import Busy, held

        try:
            self.created = make_private_folder(self.path.parent)
        except OSError as exc:
            raise disk_problem(exc, self.path.parent, "create the folder") from None
        timeout = lock_timeout()
        try:
            with held(self.layout.lock, timeout):
                yield
        except Busy:
            raise DataFileProblem(
                f"the data file {self.path} is busy: another advisors command has held "
                f"it for {timeout:g} s; try again in a moment"
            ) from None
        except OSError as exc:
            if exc.filename is None or Path(str(exc.filename)) != self.layout.lock:
                raise
            raise disk_problem(exc, self.layout.lock, "use the data file's folder for") from None

    @contextlib.contextmanager
    def transaction(self, *, today: date | None = None, command: str = "") -> Iterator[Data]:
        """Lock, read, let the caller change the data, then commit it whole.

        An exception inside the block (a user mistake, Ctrl-C) writes nothing.
        ``command`` is what ``advisors undo --list`` will call the change.
        """
        with self.locked():
            payload = self.payload()
            data = self.build(payload)
            self._name_lost_file(data, payload)
            yield data
            if data.changed:
                self.commit(data, payload, today or date.today(), kind="change", command=command)

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
            raise DataFileProblem(f"{missing_part(lost[0])}. Nothing was written")

    def commit(
        self,
        data: Data,
        payload: bytes | None,
        today: date,
        *,
        kind: str,
        command: str,
        replacing: Data | None = None,
        protect: frozenset[Path] = frozenset(),
        keep_step: bool = True,
    ) -> None:
        """Write ``data`` as the new state: see the module's docstring."""
        self.check_log(data)
        saved = False
        written: list[Path] = []
        try:
            if payload is not None and (data.migrated or not self.backups.has_daily(today)):
                backup_kind = "before-migration" if data.migrated else "daily"
                try:
                    self.backups.take(backup_kind, payload, self.sources(replacing or data), today)
                    self.backups.rotate(keep=protect)
                except OSError as exc:
                    raise disk_problem(
                        exc, self.layout.backups, "write the day's backup in"
                    ) from None
            data.settle()
            self._clear_pending(data)
            planned = data.log.new_names()
            journal = undo.plan(
                data.meta,
                kind=kind,
                command=command,
                previous_names=data.read_names,
                new_names=data.log.names_after_write(),
                today=today,
                has_previous=keep_step and not data.migrated,
            )
            # not fsynced: losing it in a power cut costs disk, never data
            replace_with(
                self.layout.pending,
                dump(
                    {
                        "segments": planned,
                        "superseded": sorted(journal.doomed),
                        "steps": [journal.step["file"]] if journal.step else [],
                        "dropped": journal.dropped,
                    }
                ),
                sync=False,
            )
            data.log.write_changed(written)
            if journal.step is not None:
                make_private_folder(self.layout.undo)
                before = self.path if payload is not None else dump(empty_tables())
                written.append(undo.keep_previous(self.layout.undo, before, journal.step))
                fsync_folder(self.layout.undo)
            new_main = data.serialise_main()
            temp = temp_name(self.path)
            try:
                write_new(temp, new_main)
                os.replace(temp, self.path)
            except BaseException:
                temp.unlink(missing_ok=True)
                raise
            saved = True
            fsync_folder(self.path.parent)
        except KeyboardInterrupt:
            if saved:
                raise InterruptedAfterCommit() from None
            self.forget(written)
            raise
        except OSError as exc:
            if saved:
                self._sweep(journal.doomed, journal.dropped)
            else:
                self.forget(written)
            raise disk_problem(exc, self.path, "write the data file", saved=saved) from None
        except BaseException:
            if not saved:
                self.forget(written)
            raise
        self._sweep(journal.doomed, journal.dropped)
        with contextlib.suppress(OSError):
            self.layout.pending.unlink()

    def _clear_pending(self, data: Data) -> None:
        """Finish what an interrupted commit left, as its journal says: remove
        the segments and undo steps it wrote but never named, or named and
        then let go of; keep whatever the current state or its history names."""
        try:
            journal = parse(read_regular(self.layout.pending))
            segments = [*journal["segments"], *journal["superseded"]]
            steps = [*journal.get("steps", []), *journal.get("dropped", [])]
        except FileNotFoundError:
            return
        except Exception:
            segments, steps = [], []
        named = data.log.named() | set(data.meta.get("held", {}))
        for name in segments:
            if isinstance(name, str) and self.layout.is_segment_name(name) and name not in named:
                with contextlib.suppress(OSError):
                    (self.layout.log / name).unlink()
        kept = {s["file"] for s in undo.steps(data.meta)}
        for name in steps:
            if isinstance(name, str) and undo.is_step_name(name) and name not in kept:
                with contextlib.suppress(OSError):
                    (self.layout.undo / name).unlink()
        with contextlib.suppress(OSError):
            self.layout.pending.unlink()

    def forget(self, written: list[Path]) -> None:
        """Remove the segments and the undo step a failed commit began (none is
        named yet)."""
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink()

    def _sweep(self, segments: set[str], steps: list[str] | None = None) -> None:
        """Remove what this data file no longer names nor keeps for undo, and
        the temporary files its own interrupted writes left; nothing else."""
        for name in segments:
            with contextlib.suppress(OSError):
                (self.layout.log / name).unlink()
        for name in steps or []:
            with contextlib.suppress(OSError):
                (self.layout.undo / name).unlink()
        with contextlib.suppress(OSError):
            for name in os.listdir(self.layout.log):
                if self.layout.is_segment_temp(name):
                    (self.layout.log / name).unlink()
        with contextlib.suppress(OSError):
            for name in os.listdir(self.layout.folder):
                if self.layout.is_main_temp(name):
                    (self.layout.folder / name).unlink()
        with contextlib.suppress(OSError):
            for name in os.listdir(self.layout.undo):
                if self.layout.is_step_temp(name):
                    (self.layout.undo / name).unlink()
        self.backups.sweep_staging()

    # Backups and restore ------------------------------------------------------

    def backup_now(self, today: date) -> Path:
        """A manual backup of the file as it is; only of a file that reads."""
        with self.locked():
            payload = self.payload()
            if payload is None:
                raise UsageProblem(f"there is no data file at {self.path} yet")
            data = self.build(payload)
            self.check_log(data)
            try:
                target = self.backups.take("manual", payload, self.sources(data), today)
                self.backups.rotate()
            except OSError as exc:
                raise disk_problem(exc, self.layout.backups, "write a backup in") from None
            self.backups.sweep_staging()
            return target

    def restore(self, backup: Backup, today: date, command: str = "") -> Path | None:
        """Put ``backup`` in place of the data file, as one change (see
        ``store.restore``); returns the ``before-restore`` backup it kept."""
        from advisors.store.restore import restore

        return restore(self, backup, today, command)

    def history(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The changes undo can revert and redo can put back, oldest first."""
        meta = self.read().meta
        return list(meta.get("undo", [])), list(meta.get("redo", []))

    def undo(self, today: date, *, redo: bool = False) -> dict[str, Any]:
        """Revert the newest change, or put back what undo took (see
        ``store.undo.step_back``); returns the step used."""
        return undo.step_back(self, today, redo=redo)
