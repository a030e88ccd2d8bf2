"""Restoring a backup: check it as strictly as the live file (schema, sizes,
hashes, no symlinks), keep what it replaces as a ``before-restore`` backup,
place its segments beside the live file under temporary names, and commit its
state as one change, which undo can take back."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from advisors.errors import DataFileProblem
from advisors.store.commit import check_log, commit, locked
from advisors.store.durable import disk_problem
from advisors.store.history import carry_history
from advisors.store.reading import Reader
from advisors.store.segments import ConversationLog, bring_in_segments, is_whole
from advisors.store.state import Data

if TYPE_CHECKING:
    from advisors.store.backups import Backup


def restore(reader: Reader, backup: Backup, today: date, command: str) -> Path | None:
    """Put ``backup`` in place of the data file, as one change (one step of
    undo): what it replaces is kept as a ``before-restore`` backup."""
    with locked(reader):
        try:
            return _restore(reader, backup, today, command)
        except OSError as exc:
            raise disk_problem(exc, reader.path, "restore the data file") from None


def _restore(reader: Reader, backup: Backup, today: date, command: str) -> Path | None:
    restored = reader.check_backup(backup)
    kept: Path | None = None
    live_payload = reader.payload()
    read = reader.as_read(live_payload)
    live: Data | None = None
    if live_payload is not None:
        try:
            live = reader.build(live_payload)
            check_log(live)
        except DataFileProblem:  # kept as it is, for whoever can mend it
            kept = reader.backups.take("before-restore", live_payload, [], today)
            live = None
        else:
            kept = reader.backups.take("before-restore", live_payload, reader.sources(live), today)
        reader.backups.rotate(keep=frozenset({backup.path}))
    if not restored.migrated:  # place its segments beside the live file, checked
        bring_in_segments(
            reader.layout.log,
            [
                (restored.log.folder / entry["file"], entry)
                for entry in restored.log.entries
                if not is_whole(reader.layout.log / entry["file"], entry)
            ],
        )
        restored = Data(restored.tables, ConversationLog(reader.layout.log, restored.log.entries))
    usable = live is not None and not live.migrated
    if usable:
        assert live is not None
        carry_history(restored, live)
    restored.migrated, restored.changed = False, True
    restored.read_names = live.read_names if usable and live else set()
    commit(
        reader,
        restored,
        read if usable else None,
        today,
        kind="change",
        command=command,
        replacing=live,
        protect=frozenset({backup.path}),
        keep_step=usable or live_payload is None,
    )
    return kept
