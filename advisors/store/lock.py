"""The lock beside the data file that serialises writers.

On POSIX systems it is ``flock`` on ``advisors.json.lock``, straight from the
standard library: the kernel frees it when the process dies, so a killed run
never blocks the next, and it costs nothing to import. (``filelock`` takes the
same kernel lock there, but importing it costs 12-14 ms, more than a tenth of
a whole ``advisors log``.) Elsewhere ``filelock`` does the job.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

POLL = 0.05  # seconds between tries while another writer holds the lock


class Busy(Exception):
    """Another process held the lock for the whole timeout."""


@contextlib.contextmanager
def held(path: Path, timeout: float) -> Iterator[None]:
    """Hold the lock at ``path`` (created 0600, never through a symlink),
    waiting up to ``timeout`` seconds for it."""
    if os.name != "posix":  # pragma: no cover - exercised on Windows only
        with _portable(path, timeout):
            yield
        return
    import fcntl

    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy() from None
                time.sleep(min(POLL, max(deadline - time.monotonic(), 0)))
        yield
    finally:
        # unlock, then close: should the close fail, the lock is free anyway,
        # and a change already committed is not reported as failed
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        with contextlib.suppress(OSError):
            os.close(fd)


@contextlib.contextmanager
def _portable(path: Path, timeout: float) -> Iterator[None]:  # pragma: no cover
    from filelock import FileLock, Timeout

    lock = FileLock(str(path), timeout=timeout, mode=0o600)
    try:
        lock.acquire()
    except Timeout:
        raise Busy() from None
    try:
        yield
    finally:
        lock.release()
