"""Bytes that reach the disk whole, or not at all, and the one line that says
what went wrong when the disk refuses (``disk_problem``).

Every file the store writes goes through here: a new file is written under a
temporary name in its own folder, flushed and fsynced, then renamed into place,
and the folder is fsynced so the rename survives a power cut. Nothing here
follows a symlink it did not choose to, and every file written is 0600.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from advisors.errors import ChangedMeanwhile, DiskRefused, Symlinked

FILE_MODE = 0o600
FOLDER_MODE = 0o700
_TEMP = re.compile(r"^\..+\.[0-9a-f]{8}\.tmp$")


def temp_name(target: Path) -> Path:
    """A fresh temporary name beside ``target`` that the sweep recognises."""
    return target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")


def is_temp_of(name: str, target_name: str) -> bool:
    """Was ``name`` made by ``temp_name`` for a file called ``target_name``?"""
    prefix = f".{target_name}."
    return (
        name.startswith(prefix)
        and _TEMP.match(name) is not None
        and (len(name) == len(prefix) + len("01234567.tmp"))
    )


# What is written: bytes, or the pieces of a long file as they are made (an
# export a segment at a time), so that it never has to be whole in memory.
Payload = bytes | Iterable[bytes]


def pieces_of(payload: Payload) -> Iterable[bytes]:
    """A payload as its pieces (bytes are one piece)."""
    return [payload] if isinstance(payload, bytes) else payload


def _write_all(fd: int, payload: Payload) -> None:
    for piece in pieces_of(payload):
        view = memoryview(piece)
        while view:
            view = view[os.write(fd, view) :]


def write_new(path: Path, payload: Payload, *, sync: bool = True) -> None:
    """Create ``path``, which must not exist, holding ``payload``, fsynced
    unless ``sync`` is false."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE)
    try:
        _write_all(fd, payload)
        if sync:
            os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def put(path: Path, payload: Payload, *, sync: bool = True) -> None:
    """Put ``payload`` at ``path``, atomically (a temporary name, fsynced
    unless ``sync`` is false, then renamed): the old file or the new, never
    half. The caller fsyncs the folder (once, after writing several)."""
    temp = temp_name(path)
    try:
        write_new(temp, payload, sync=sync)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def replace_with(path: Path, payload: Payload, *, sync: bool = True) -> None:
    """Put ``payload`` at ``path``, atomically, and fsync its folder. Without
    ``sync``, a power cut may lose the change (never half of it): for files
    that only save work, such as the commit journal."""
    put(path, payload, sync=sync)
    if sync:
        fsync_folder(path.parent)


def write_output(path: Path, payload: Payload) -> None:
    """Write what the user asked for to a path they named, never replacing
    what is not a plain file: a regular file (or a new one) is replaced
    atomically and kept private, through a symlink at its target; anything
    else (a device, a FIFO, a terminal, ``/dev/stdout``) is opened and
    written in place."""
    try:
        info = os.stat(path)  # what a symlink points at
    except FileNotFoundError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    if info is None or stat.S_ISREG(info.st_mode):
        replace_with(Path(os.path.realpath(path)) if path.is_symlink() else path, payload)
        return
    fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_APPEND)
    try:
        _write_all(fd, payload)
    finally:
        os.close(fd)


def plain_folder(folder: Path) -> Path:
    """``folder`` itself, refused when it is a symbolic link (data written
    through it would land somewhere else)."""
    if folder.is_symlink():
        raise Symlinked(folder)
    return folder


def make_private(path: Path) -> None:
    """What the program keeps is 0600 (a file) or 0700 (a folder), whatever
    mode it came with (a sync tool's copy, say)."""
    with contextlib.suppress(OSError):
        os.chmod(path, FOLDER_MODE if path.is_dir() else FILE_MODE, follow_symlinks=False)


def make_private_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and any missing parents as 0700; leave others alone.
    Returns the folders it created."""
    missing = []
    for parent in [folder, *folder.parents]:
        if parent.exists():
            break
        missing.append(parent)
    for parent in reversed(missing):
        with contextlib.suppress(FileExistsError):
            parent.mkdir(mode=FOLDER_MODE)
    return list(reversed(missing))


def read_regular(path: Path, most: int | None = None) -> bytes:
    """The bytes of ``path`` (its first ``most``, when given), refusing a
    symlink or anything but a plain file."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise IsADirectoryError(21, "not a regular file", str(path))
        chunks, left = [], sys.maxsize if most is None else most
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def digest(payload: bytes) -> str:
    """The hash a segment list records for a file's bytes."""
    import hashlib  # only writers and checks need it

    return hashlib.sha256(payload).hexdigest()


@dataclass(frozen=True, slots=True)
class AsRead:
    """A main file as a change read it: its size, hash and identity on disk,
    and its bytes only when ``held`` (a board that is not on disk, or a
    caller that holds them anyway). A change keeps no more than this while
    it runs (at 20,000 people the bytes were 5 MiB held for the whole
    change); the commit reads the file again only when it needs the bytes
    (the day's first backup, an undo step where the file system can't
    link), or when the file on disk is no longer the one read."""

    path: Path | None  # None: the bytes are all there is (``held``)
    size: int
    sha256: str
    held: bytes | None = None
    # device, inode, size and modification time when read (None: unknown)
    identity: tuple[int, int, int, int] | None = None

    @classmethod
    def of(cls, path: Path | None, payload: bytes, *, hold: bool = False) -> AsRead:
        identity = None if path is None else _identity(path)
        if identity is not None and identity[2] != len(payload):  # changed as it was read
            identity = None
        held = payload if hold or path is None else None
        return cls(path, len(payload), digest(payload), held, identity)

    def payload(self) -> bytes:
        """The bytes as they were read: read again, and refused (see
        ``unchanged``) when they are not the same."""
        return self.held if self.held is not None else self._again()

    def unchanged(self) -> None:
        """Refuse to go on when another program (a sync tool, an editor)
        replaced or changed the file while the change held the lock: it is
        left as that program wrote it. The same file on disk (device, inode,
        size and time) is the file read; another with the same bytes is too."""
        if self.path is None or (self.identity and _identity(self.path) == self.identity):
            return
        try:
            self._again()
        except OSError:
            raise ChangedMeanwhile(self.path) from None

    def _again(self) -> bytes:
        """The file read again, if its bytes are the ones read."""
        assert self.path is not None
        again = read_regular(self.path)
        if len(again) != self.size or digest(again) != self.sha256:
            raise ChangedMeanwhile(self.path)
        return again


def _identity(path: Path) -> tuple[int, int, int, int] | None:
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def file_matches(path: Path, size: int, sha256: str | None = None) -> bool:
    """Is ``path`` a plain file of ``size`` bytes (and, if given, that hash)?"""
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or info.st_size != size:
        return False
    if sha256 is None:
        return True
    try:
        return digest(read_regular(path)) == sha256
    except OSError:
        return False


def place_copy(source: Path, target: Path, size: int, sha256: str | None) -> None:
    """Make ``target`` a whole, verified copy of ``source`` (by size, and by
    hash when ``sha256`` is given).

    A hard link where the file system allows (segments never change once
    named, so a link costs no disk), else a copy; either way under a temporary
    name first, checked, then renamed into place. The caller fsyncs the folder.
    """
    if not file_matches(source, size, sha256):
        raise FileNotFoundError(2, "missing or damaged", str(source))
    temp = temp_name(target)
    try:
        try:
            os.link(source, temp, follow_symlinks=False)
        except OSError:
            write_new(temp, read_regular(source))
        if not file_matches(temp, size, sha256):
            raise OSError(5, "the copy does not match its source", str(temp))
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def disk_problem(exc: OSError, path: Path, doing: str, *, saved: bool = False) -> DiskRefused:
    """The system refused: what we were doing, where, and whether the change
    was saved before it did (``views.messages`` says it)."""
    return DiskRefused(path, doing, exc, saved)
