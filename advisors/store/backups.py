"""Backups of one data file: taking them, keeping the right ones, and
checking one before it is restored.

A backup is a folder ``backups/<file>-<stamp>[-<kind>]/`` holding a copy of
the main file and a ``log/`` folder with a hard link (a copy where the file
system has none) of each segment it names, so unchanged segments cost no
disk. It is staged under a temporary name and renamed when whole: a backup
that is listed is complete. Only a file that reads is ever backed up.

Kinds: ``daily`` (the first change of each day; the newest 14 are kept),
``manual`` (``advisors backup``), ``before-restore`` and ``before-migration``;
each kind is rotated apart, so no number of manual backups evicts a daily one.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from advisors.store.durable import (
    fsync_folder,
    make_private_folder,
    place_copy,
    plain_folder,
    write_new,
)
from advisors.store.layout import Layout

KEPT_PER_KIND = 14
KINDS = ("daily", "manual", "before-restore", "before-migration")
_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})(T\d{6})?(?:-([a-z-]+))?$")


@dataclass(frozen=True)
class Backup:
    path: Path
    stamp: str
    kind: str
    legacy: bool = False  # written by advisors 0.1 (named by the stem)

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class Source:
    """One segment to put into a backup: where it is, and what it must be."""

    path: Path
    size: int
    sha256: str | None


class Backups:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.folder = layout.backups

    def newest_first(self) -> list[Backup]:
        """This data file's backups, newest first."""
        found = []
        main = self.layout.main
        try:
            entries = list(os.scandir(self.folder))
        except OSError:
            return []
        for entry in entries:
            if not entry.is_dir(follow_symlinks=False):
                continue
            for prefix, legacy in ((f"{main.name}-", False), (f"{main.stem}-", True)):
                if not entry.name.startswith(prefix):
                    continue
                match = _STAMP.match(entry.name[len(prefix) :])
                if (
                    match
                    and (match[3] or "daily") in KINDS
                    and (Path(entry.path) / main.name).is_file()
                ):
                    found.append(
                        Backup(
                            Path(entry.path),
                            match[1] + (match[2] or ""),
                            match[3] or "daily",
                            legacy,
                        )
                    )
                    break
        return sorted(found, key=lambda b: (b.stamp, not b.legacy), reverse=True)

    def find(self, name: str) -> Backup | None:
        return next((b for b in self.newest_first() if b.name == name), None)

    def has_daily(self, day: date) -> bool:
        return (self.layout.backup(day.isoformat()) / self.layout.main.name).is_file()

    def take(self, kind: str, payload: bytes, segments: list[Source], today: date) -> Path:
        """Write a backup of ``kind`` from the main file's bytes and its segments."""
        if kind == "daily":
            stamp = today.isoformat()
        else:
            stamp = f"{today.isoformat()}T{datetime.now():%H%M%S}-{kind}"
        target = self.layout.backup(stamp)
        plain_folder(self.folder)
        make_private_folder(self.folder)
        staging = self.folder / f".{target.name}.{os.urandom(4).hex()}.tmp"
        try:
            staging.mkdir(mode=0o700)
            write_new(staging / self.layout.main.name, payload)
            if segments:
                (staging / "log").mkdir(mode=0o700)
                for source in segments:
                    place_copy(
                        source.path, staging / "log" / source.path.name, source.size, source.sha256
                    )
                fsync_folder(staging / "log")
            fsync_folder(staging)
            if target.exists():  # a manual backup in the same second
                target = target.with_name(f"{target.name}-{os.urandom(2).hex()}")
            os.rename(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        fsync_folder(self.folder)
        return target

    def rotate(self, *, keep: frozenset[Path] = frozenset()) -> None:
        """Keep the newest ``KEPT_PER_KIND`` of each kind, and every path in
        ``keep`` (the backup being restored, say)."""
        seen: dict[str, int] = {}
        for backup in self.newest_first():
            count = seen[backup.kind] = seen.get(backup.kind, 0) + 1
            if count > KEPT_PER_KIND and backup.path not in keep:
                shutil.rmtree(backup.path, ignore_errors=True)

    def sweep_staging(self) -> None:
        """Remove what an interrupted backup left: our own staging folders."""
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                if self.layout.is_backup_staging(entry.name) and entry.is_dir(
                    follow_symlinks=False
                ):
                    shutil.rmtree(entry.path, ignore_errors=True)


def log_folder_of(backup: Backup, layout: Layout) -> Path:
    """Where a backup keeps its segments (advisors 0.1 used the stem's name)."""
    if backup.legacy or not (backup.path / "log").exists():
        legacy = backup.path / layout.legacy_log.name
        if legacy.exists():
            return legacy
    return backup.path / "log"


def is_plain_folder(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False
