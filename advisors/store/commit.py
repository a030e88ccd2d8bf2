"""The commit: the one way a new state reaches the disk.

Every change is one transaction (``datafile.DataFile.transaction``), which
takes the lock beside the file (waiting up to 10 s, then "busy"), reads once,
lets the caller change the state in memory, then commits:

1. every segment the main file names is checked to be there and whole, and
   the main file to be the one read (one another program, a sync tool or
   an editor, replaced or changed meanwhile is refused, never written over);
2. before the first change of the day, a backup of the file as read;
3. changed log segments are written under new names (temp file, fsync,
   rename, fsync of the folder);
4. the main file, which names the segments, is replaced atomically (temp
   file, fsync, ``os.replace``, fsync of the folder): the single commit point;
5. segments the old main file named and the new one does not are removed,
   with temporary files our own interrupted writes left behind.

A crash, kill or full disk at any moment therefore leaves the old state or
the new one, whole.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from advisors.errors import BadSetting, Busy, InterruptedAfterCommit, LogPartMissing
from advisors.store import history
from advisors.store.durable import (
    AsRead,
    disk_problem,
    fsync_folder,
    make_private_folder,
    plain_folder,
    put,
    read_regular,
    replace_with,
)
from advisors.store.reading import Reader
from advisors.store.schema import empty_tables
from advisors.store.sealing import seal_of
from advisors.store.segments import dump, parse
from advisors.store.state import Data

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
        raise BadSetting("ADVISORS_LOCK_TIMEOUT", text)
    return value


@contextlib.contextmanager
def locked(reader: Reader) -> Iterator[list[Path]]:
    """Hold the writers' lock; yields the folders it had to create."""
    from advisors.store import lock

    try:
        created = make_private_folder(reader.path.parent)
    except OSError as exc:
        raise disk_problem(exc, reader.path.parent, "create the folder") from None
    timeout = lock_timeout()
    try:
        with lock.held(reader.layout.lock, timeout):
            yield created
    except lock.Busy:
        raise Busy(reader.path, timeout) from None
    except OSError as exc:
        if exc.filename is None or Path(str(exc.filename)) != reader.layout.lock:
            raise
        raise disk_problem(exc, reader.layout.lock, "use the data file's folder for") from None


def check_log(data: Data) -> None:
    lost = data.log.missing()
    if lost:
        raise LogPartMissing(lost[0], True)


def commit(
    reader: Reader,
    data: Data,
    read: AsRead | None,
    today: date,
    *,
    kind: str,
    command: str,
    replacing: Data | None = None,
    protect: frozenset[Path] = frozenset(),
    keep_step: bool = True,
) -> None:
    """Write ``data`` as the new state: see the module's docstring."""
    check_log(data)
    if read is not None:
        read.unchanged()
    for folder in (reader.layout.log, reader.layout.undo, reader.layout.backups):
        plain_folder(folder)
    saved = False
    written: list[Path] = []
    try:
        if read is not None and (data.migrated or not reader.backups.has_daily(today)):
            backup_kind = "before-migration" if data.migrated else "daily"
            payload = read.payload()
            try:
                reader.backups.take(backup_kind, payload, reader.sources(replacing or data), today)
                reader.backups.rotate(keep=protect)
            except OSError as exc:
                raise disk_problem(
                    exc, reader.layout.backups, "write the day's backup in"
                ) from None
            del payload  # the new main file is made next: not both at once
        data.settle()
        clear_pending(reader, data)
        seal = seal_of(data.meta)
        planned = data.log.new_names()
        journal = history.plan(
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
            reader.layout.pending,
            seal(
                dump(
                    {
                        "segments": planned,
                        "superseded": sorted(journal.doomed),
                        "steps": [journal.step["file"]] if journal.step else [],
                        "dropped": journal.dropped,
                    }
                )
            ),
            sync=False,
        )
        written.append(reader.layout.pending)
        data.log.write_changed(written, seal)
        if journal.step is not None:
            make_private_folder(reader.layout.undo)
            kept = read or AsRead.of(None, seal(dump(empty_tables())))
            written.append(history.keep_previous(reader.layout.undo, journal.step, kept))
            fsync_folder(reader.layout.undo)
        put(reader.path, data.serialise_main())
        saved = True
        fsync_folder(reader.path.parent)
    except KeyboardInterrupt:
        if saved:
            raise InterruptedAfterCommit() from None
        forget(written)
        raise
    except OSError as exc:
        if saved:
            sweep(reader, journal.doomed, journal.dropped)
        else:
            forget(written)
        raise disk_problem(exc, reader.path, "write the data file", saved=saved) from None
    except BaseException:
        if not saved:
            forget(written)
        raise
    sweep(reader, journal.doomed, journal.dropped)
    with contextlib.suppress(OSError):
        reader.layout.pending.unlink()


def clear_pending(reader: Reader, data: Data) -> None:
    """Finish what an interrupted commit left, as its journal says: remove
    the segments and undo steps it wrote but never named, or named and
    then let go of; keep whatever the current state or its history names."""
    try:
        journal = parse(read_regular(reader.layout.pending))
        segments = [*journal["segments"], *journal["superseded"]]
        steps = [*journal.get("steps", []), *journal.get("dropped", [])]
    except FileNotFoundError:
        return
    except Exception:
        segments, steps = [], []
    named = data.log.named() | set(data.meta.get("held", {}))
    for name in segments:
        if isinstance(name, str) and reader.layout.is_segment_name(name) and name not in named:
            with contextlib.suppress(OSError):
                (reader.layout.log / name).unlink()
    kept = {s["file"] for s in history.steps(data.meta)}
    for name in steps:
        if isinstance(name, str) and history.is_step_name(name) and name not in kept:
            with contextlib.suppress(OSError):
                (reader.layout.undo / name).unlink()
    with contextlib.suppress(OSError):
        reader.layout.pending.unlink()


def forget(written: list[Path]) -> None:
    """Remove what a failed commit wrote (none of it is named yet), the last
    first: its undo step, its segments, then its journal of them."""
    for path in reversed(written):
        with contextlib.suppress(OSError):
            path.unlink()


def sweep(reader: Reader, segments: set[str], steps: list[str] | None = None) -> None:
    """Remove what this data file no longer names nor keeps for undo, and
    the temporary files its own interrupted writes left; nothing else."""
    for name in segments:
        with contextlib.suppress(OSError):
            (reader.layout.log / name).unlink()
    for name in steps or []:
        with contextlib.suppress(OSError):
            (reader.layout.undo / name).unlink()
    with contextlib.suppress(OSError):
        for name in os.listdir(reader.layout.log):
            if reader.layout.is_segment_temp(name):
                (reader.layout.log / name).unlink()
    with contextlib.suppress(OSError):
        for name in os.listdir(reader.layout.folder):
            if reader.layout.is_main_temp(name):
                (reader.layout.folder / name).unlink()
    with contextlib.suppress(OSError):
        for name in os.listdir(reader.layout.undo):
            if reader.layout.is_step_temp(name):
                (reader.layout.undo / name).unlink()
    reader.backups.sweep_staging()
