"""The words of every trouble the store reports, in one place.

The store raises typed errors that carry data (``advisors.errors``); this
module says each as one sentence that names the file and what to do, and
whether a change was saved. Importing it registers ``words`` as the way
``str()`` of such an error reads.
"""

from __future__ import annotations

import errno
from pathlib import Path

from advisors import errors
from advisors.errors import (
    AdvisorsError,
    BackupUnusable,
    BadSetting,
    Busy,
    ChangedMeanwhile,
    CopyUnreadable,
    DiskRefused,
    FileLost,
    Locked,
    LogPartDamaged,
    LogPartMissing,
    NotAFile,
    NothingTo,
    NotOurs,
    OutOfMemory,
    Symlinked,
    TooNew,
    UndoStepMissing,
    Unreadable,
)

RESTORE_LISTS = "'advisors restore' lists the backups"


def missing_part(segment: object) -> str:
    """What a named segment that is absent or not whole most often means in a
    synced folder, and what to do when it is not that."""
    return (
        f"a part of the conversation log has not arrived yet ({segment} is missing or not "
        "whole); is a sync still running? If not, 'advisors doctor --fix' brings it back "
        "from a backup ('advisors restore' lists them)"
    )


def words(problem: AdvisorsError) -> str:
    """One sentence for a typed trouble."""
    match problem:
        case Busy(path=path, seconds=seconds):
            return (
                f"the data file {path} is busy: another advisors command has held it for "
                f"{seconds:g} s; try again in a moment"
            )
        case NotAFile(path=path, folder=True):
            return f"the data file {path} is a folder; point --db at a file"
        case NotAFile(path=path):
            return f"the data file {path} can't be used: a part of its path is a file, not a folder"
        case Unreadable(path=path, reason=reason, backup=backup):
            if backup is not None:
                remedy = (
                    f"the newest backup is {backup.path}; restore it with "
                    f"'advisors restore {backup.name}'"
                )
            else:
                remedy = "there is no backup yet; fix the file by hand or move it aside"
            return f"the data file {path} can't be read ({reason}); it was left untouched. {remedy}"
        case TooNew(path=path, schema=schema, known=known):
            return (
                f"the data file {path} was written by a newer advisors (schema {schema}; this "
                f"one knows {known}); upgrade advisors to use it. The file was left untouched"
            )
        case LogPartMissing(unmendable=True):
            return (
                "a part of the conversation log is missing and no backup holds it; nothing "
                "else was changed: 'advisors restore' lists the backups"
            )
        case LogPartMissing(path=path, writing=writing):
            outcome = "Nothing was written" if writing else "Changes wait until it is back"
            return f"{missing_part(path)}. {outcome}"
        case LogPartDamaged(path=path):
            return f"the conversation log segment {path} is damaged; {RESTORE_LISTS} to restore"
        case DiskRefused():
            return _refused(problem)
        case ChangedMeanwhile(path=path):
            return (
                f"the data file {path} was changed by another program (a sync tool?) while "
                "this command ran; nothing was written over it: run the command again"
            )
        case UndoStepMissing(path=path, old_layout=True):
            return f"the undo step {path} is from an older layout"
        case UndoStepMissing(path=path):
            return f"the undo step {path} is missing; {RESTORE_LISTS}"
        case CopyUnreadable(path=path, segment=None):
            return f"the conflict copy {path} can't be read; it was left where it is"
        case CopyUnreadable(path=path, segment=segment):
            return (
                f"the conflict copy {path.name} names a part of the conversation log that has "
                f"not arrived yet ({segment}); is a sync still running? Nothing was merged"
            )
        case BackupUnusable(path=path, reason=reason):
            return f"the backup {path} can't be restored: {reason}"
        case FileLost(path=path, backups=backups):
            count = len(backups)
            return (
                f"the data file {path} was not there, but {count} backup"
                f"{'' if count == 1 else 's'} of it are: 'advisors restore {backups[0]}' puts "
                "the newest back, 'advisors import' of its folder merges it"
            )
        case NothingTo(verb="back up", path=path):
            return f"there is no data file at {path} yet"
        case NothingTo(verb="redo"):
            return (
                "there is nothing to redo: redo puts back what undo took, until a new change "
                "is made"
            )
        case NothingTo(verb=verb):
            return f"there is nothing to {verb}"
        case NotOurs(path=path, export=True):
            return (
                f"{path} is an advisors export, not a data file; it was left untouched: bring "
                f"it in with 'advisors import {path}'"
            )
        case NotOurs(path=path):
            return (
                f"{path} is not an advisors data file (another program's JSON?); it was left "
                "untouched: point --db at your data file, or at a new file to start a board"
            )
        case Symlinked(path=path):
            return (
                f"{path} is a symbolic link; advisors writes only into plain folders beside "
                "the data file, so nothing was changed: make it a plain folder (move what it "
                "points to in its place)"
            )
        case Locked(reason="no-key", path=path):
            return (
                f"{_encrypted(path)} and this device has no key for it: on a device that "
                "reads it, run 'advisors key add-device'; nothing was changed"
            )
        case Locked(reason="not-for-us", path=path, detail=mine):
            return (
                f"{_encrypted(path)}, but not for this device's key: on a device that reads "
                f"it, run 'advisors key add {mine}'; nothing was changed"
            )
        case Locked(reason="passphrase", path=path):
            return (
                f"{_encrypted(path)} with a passphrase, and there is no terminal to ask it on "
                "(cron and scripts can't type one): run it on a terminal, or use a key kept "
                "on this device ('advisors decrypt', then 'advisors encrypt'); nothing was changed"
            )
        case Locked(reason="passphrase-wrong", path=path):
            return f"that passphrase does not open {path or 'the board'}; nothing was changed"
        case Locked(reason="command", detail=detail):
            return f"the config's identity_command gave no key ({detail}); nothing was changed"
        case OutOfMemory(path=None):
            return "ran out of memory; nothing was changed. Close other programs and try again"
        case OutOfMemory(path=path):
            return (
                f"ran out of memory reading {path}; the file was left untouched and is not "
                "damaged. Close other programs and try again"
            )
        case BadSetting(name=name, value=value):
            return f"{name} should be seconds from 0 to 3600, not {value!r}"
    return type(problem).__name__


def _refused(problem: DiskRefused) -> str:
    """Names the file the system complained about, and says whether the change
    was saved, so nobody repeats a change that happened."""
    exc, path = problem.error, problem.path
    reason = exc.strerror or str(exc)
    if exc.filename and str(exc.filename).rsplit("/", 1)[-1] != path.name:
        reason = f"{reason} ({exc.filename})"
    outcome = "the change was saved" if problem.saved else "nothing was changed"
    hint = ""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        hint = "; free some disk space and try again"
    elif isinstance(exc, PermissionError):
        hint = "; check the owner and permissions of the file and its folder"
    elif exc.errno == errno.ELOOP:
        hint = "; it is a symbolic link, and advisors reads only plain files in its data folder"
    return f"can't {problem.doing} {path}: {reason}{hint} ({outcome})"


errors.AdvisorsError.wording = words


def _encrypted(path: Path | None) -> str:
    return f"{path} is encrypted" if path is not None else "the board is encrypted"
