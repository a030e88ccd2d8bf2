"""The kinds of trouble a user can meet, each with its own exit code.

They are raised anywhere below the CLI and turned into one line on stderr in
one place (``advisors.cli.run_safely``). A mistake found while reading what
the user typed carries its sentence; the store's troubles are typed and
carry only data (which file, which backup, what the disk said): their words
are in ``advisors.views.messages``, which gives ``str()`` of each.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar


class AdvisorsError(Exception):
    """Base class: a problem with a message meant for the user."""

    exit_code = 1
    # how a typed problem is put in words (set by advisors.views.messages)
    wording: ClassVar[Callable[[AdvisorsError], str] | None] = None

    def __str__(self) -> str:
        if self.args:
            return str(self.args[0])
        if AdvisorsError.wording is None:
            import importlib

            importlib.import_module("advisors.views.messages")  # registers the words
        assert AdvisorsError.wording is not None
        return AdvisorsError.wording(self)


class UsageProblem(AdvisorsError):
    """The user asked for something we cannot do: bad date, unknown name..."""

    exit_code = 2


class DataFileProblem(AdvisorsError):
    """The data file is busy, unreadable, corrupt or from a newer version."""

    exit_code = 3


class InterruptedAfterCommit(KeyboardInterrupt):
    """Ctrl-C came after the commit point: the change was saved."""


class Cancelled(AdvisorsError):
    """The user (or their editor) stopped before anything was changed."""

    exit_code = 1


# The store's troubles: data only ------------------------------------------------


class Typed:
    """A trouble made of named fields; ``str()`` is its sentence."""

    fields: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *values: Any, **named: Any) -> None:
        self.args = ()  # no sentence of its own: str() words it
        for name, value in zip(self.fields, values, strict=False):
            setattr(self, name, value)
        for name, value in named.items():
            setattr(self, name, value)


class Busy(Typed, DataFileProblem):
    """Another command held the lock for the whole wait."""

    fields = ("path", "seconds")
    path: Path
    seconds: float


class NotAFile(Typed, DataFileProblem):
    """The data file's path names a folder, or goes through a file."""

    fields = ("path", "folder")
    path: Path
    folder: bool  # True: it is a folder; False: a part of its path is a file


class Unreadable(Typed, DataFileProblem):
    """The main file does not read; ``backup`` is the newest that does."""

    fields = ("path", "reason", "backup")
    path: Path
    reason: str
    backup: Any  # store.backups.Backup, or None


class TooNew(Typed, DataFileProblem):
    fields = ("path", "schema", "known")
    path: Path
    schema: int
    known: int


class LogPartMissing(Typed, DataFileProblem):
    """A segment the main file names is absent or not whole: most often, a
    sync that has not finished. ``writing``: the change was refused."""

    fields = ("path", "writing")
    path: Path
    writing: bool = True
    unmendable: bool = False  # doctor --fix found no backup that holds it


class LogPartDamaged(Typed, DataFileProblem):
    fields = ("path",)
    path: Path


class DiskRefused(Typed, DataFileProblem):
    """The system refused a read or a write: what we were doing, where, and
    whether the change was saved before it did."""

    fields = ("path", "doing", "error", "saved")
    path: Path
    doing: str  # "write the data file", "read the undo step"...
    error: OSError
    saved: bool = False


class ChangedMeanwhile(Typed, DataFileProblem):
    """Another program (a sync tool, an editor) replaced the main file while
    a change held the lock: nothing was written over it."""

    fields = ("path",)
    path: Path


class UndoStepMissing(Typed, DataFileProblem):
    fields = ("path", "old_layout")
    path: Path
    old_layout: bool = False  # there, but from an older layout


class CopyUnreadable(Typed, DataFileProblem):
    """A sync conflict copy that does not read, or names a log part that has
    not arrived (``segment``)."""

    fields = ("path", "segment")
    path: Path
    segment: str | None = None


class BackupUnusable(Typed, DataFileProblem):
    fields = ("path", "reason")
    path: Path
    reason: str


class FileLost(Typed, DataFileProblem):
    """No data file, but backups of one (a warning, and doctor's finding)."""

    fields = ("path", "backups")
    path: Path
    backups: list[str]  # names, newest first


class NothingTo(Typed, UsageProblem):
    """``undo`` or ``redo`` with nothing to take back; ``backup`` with no file."""

    fields = ("verb", "path")
    verb: str  # "undo", "redo", "back up"
    path: Path | None = None


class NotOurs(Typed, DataFileProblem):
    """The data file's path holds JSON that is not an advisors data file: an
    export (``export`` true), or another program's file. Never written."""

    fields = ("path", "export")
    path: Path
    export: bool = False


class Symlinked(Typed, DataFileProblem):
    """A folder of the data file is a symbolic link: writing through it would
    put the data (or its backups) somewhere else."""

    fields = ("path",)
    path: Path


class OutOfMemory(Typed, DataFileProblem):
    """The machine ran out of memory (the file itself may be fine)."""

    fields = ("path",)
    path: Path | None = None


class BadSetting(Typed, UsageProblem):
    fields = ("name", "value")
    name: str
    value: str


class Locked(Typed, DataFileProblem):
    """An encrypted file this device has no key for: ``reason`` is "no-key"
    (no identity here at all), "not-for-us" (the board is not encrypted for
    this device's key) or "command" (``identity_command`` failed: ``detail``)."""

    fields = ("reason", "path", "detail")
    reason: str
    path: Path | None = None
    detail: str = ""
