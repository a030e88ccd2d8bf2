"""Every path that belongs to one data file, decided in one place.

The layout is built from the *resolved* data file, so a data file reached
through a symlink (one kept in a synced folder, say) keeps its log, lock and
backups beside its target, and two links to one file share one lock. Every
name is derived from the file's *full* name, so ``advisors.json`` and
``advisors.bak`` in one folder never share a log, a lock or a backup::

    advisors.json                     the main file: the single commit point
    advisors.json.log/seg-<hex>.json  the conversation log, immutable segments
    advisors.json.lock                the lock that serialises writers
    advisors.json.undo/step-<n>-<hex>.json  the main files that changes replaced
    advisors.json.pending             segments a commit is writing (while it does)
    advisors.json.recipients          an encrypted board's devices (public keys)
    advisors.json.key                 a passphrase board's key, sealed with it
    backups/advisors.json-<stamp>/    backups: a main file and its log/
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from advisors.store.durable import is_temp_of

_SEGMENT = re.compile(r"^seg-[0-9a-f]{12}\.json$")
_CONFLICT = re.compile(r"^\.sync-conflict-[0-9]{8}-[0-9]{6}-|^ \(.*conflicted copy.*\)", re.I)


@dataclass(frozen=True)
class Layout:
    main: Path

    @classmethod
    def of(cls, path: Path) -> Layout:
        """The layout of the data file at ``path``, following symlinks."""
        return cls(Path(path).expanduser().absolute().resolve())

    @property
    def folder(self) -> Path:
        return self.main.parent

    @property
    def log(self) -> Path:
        return self.main.with_name(f"{self.main.name}.log")

    @property
    def lock(self) -> Path:
        return self.main.with_name(f"{self.main.name}.lock")

    @property
    def undo(self) -> Path:
        """Previous main files, one per change, for ``advisors undo``."""
        return self.main.with_name(f"{self.main.name}.undo")

    @property
    def pending(self) -> Path:
        """The names of the segments a commit is about to write: what an
        interrupted commit left behind, for the next writer to remove."""
        return self.main.with_name(f"{self.main.name}.pending")

    @property
    def recipients(self) -> Path:
        """The public keys of the devices an encrypted board is sealed for."""
        return self.main.with_name(f"{self.main.name}.recipients")

    @property
    def key(self) -> Path:
        """A passphrase board's identity, sealed with the passphrase."""
        return self.main.with_name(f"{self.main.name}.key")

    @property
    def backups(self) -> Path:
        return self.folder / "backups"

    @property
    def legacy_log(self) -> Path:
        """Where schema 1 kept the log: named by the stem, so shared by
        ``advisors.json`` and ``advisors.bak``; read, never written."""
        return self.main.with_name(f"{self.main.stem}.conversations")

    def backup(self, stamp: str) -> Path:
        return self.backups / f"{self.main.name}-{stamp}"

    def is_main_temp(self, name: str) -> bool:
        """A temporary file of the main file, the commit journal or the list
        of recipients."""
        return any(
            is_temp_of(name, path.name) for path in (self.main, self.pending, self.recipients)
        )

    @staticmethod
    def is_step_temp(name: str) -> bool:
        """A temporary file of an undo step (``.step-000012-<hex>.json.<hex>.tmp``)."""
        return name.startswith(".step-") and is_temp_of(name, name[1:].rsplit(".", 2)[0])

    def is_backup_staging(self, name: str) -> bool:
        return name.startswith(f".{self.main.name}-") and name.endswith(".tmp")

    def conflict_copies(self) -> list[Path]:
        """Copies of the main file a sync tool made when both devices changed
        it: Syncthing's ``advisors.sync-conflict-<date>-<time>-<device>.json``,
        Nextcloud's ``advisors (conflicted copy <date> <time>).json`` and
        Dropbox's ``advisors (Ana's conflicted copy <date>).json``."""
        stem, suffix = self.main.stem, self.main.suffix
        try:
            names = os.listdir(self.folder)
        except OSError:
            return []
        return sorted(
            self.folder / name
            for name in names
            if name.startswith(stem)
            and name.endswith(suffix)
            and _CONFLICT.search(name[len(stem) : len(name) - len(suffix) or None])
        )

    @property
    def merged(self) -> Path:
        """Where ``advisors merge`` puts the conflict copies it has merged."""
        return self.backups / "merged"

    @staticmethod
    def is_segment_name(name: str) -> bool:
        return _SEGMENT.match(name) is not None

    @staticmethod
    def is_segment_temp(name: str) -> bool:
        return name.startswith(".seg-") and is_temp_of(name, name[1:].rsplit(".", 2)[0])
