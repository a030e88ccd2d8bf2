"""Restoring a backup: check it as strictly as the live file (schema, sizes,
hashes, no symlinks), keep what it replaces as a ``before-restore`` backup,
place its segments beside the live file under temporary names, and commit its
state as one change, which undo can take back."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from advisors.errors import DataFileProblem
from advisors.store.durable import disk_problem, read_regular
from advisors.store.schema import META, SCHEMA, Damage, Draft, check_main, upgrade
from advisors.store.segments import ConversationLog, bring_in_segments, is_whole, parse
from advisors.store.state import Data
from advisors.store.undo import carry_history

if TYPE_CHECKING:
    from advisors.store.backups import Backup
    from advisors.store.datafile import DataFile


def check_backup(datafile: DataFile, backup: Backup) -> Data:
    """The backup as a state, checked as strictly as the live file."""
    from advisors.store.backups import is_plain_folder, log_folder_of

    if not is_plain_folder(backup.path):
        raise DataFileProblem(f"the backup {backup.path} is not a plain folder")
    folder = log_folder_of(backup, datafile.layout)
    try:
        payload = read_regular(backup.path / datafile.path.name)
        schema, tables = check_main(parse(payload))
        if schema > SCHEMA:
            raise Damage(f"it was written by a newer advisors (schema {schema})")
        if schema == SCHEMA:
            data = Data(tables, ConversationLog(folder, tables[META]["1"]["log"]))
            for entry in data.log.entries:
                if not is_whole(folder / entry["file"], entry):
                    raise Damage(f"its log segment {entry['file']} is missing or damaged")
            return data
        draft = Draft(schema, tables, lambda name: datafile.read_legacy_segment(name, folder))
        upgrade(draft)
    except (Damage, DataFileProblem) as exc:
        raise DataFileProblem(f"the backup {backup.path} can't be restored: {exc}") from None
    except Exception:
        raise DataFileProblem(
            f"the backup {backup.path} can't be restored: it does not read"
        ) from None
    return datafile.upgraded(draft)


def restore(datafile: DataFile, backup: Backup, today: date, command: str) -> Path | None:
    """Put ``backup`` in place of the data file, as one change (one step of
    undo): what it replaces is kept as a ``before-restore`` backup."""
    with datafile.locked():
        try:
            return _restore(datafile, backup, today, command)
        except OSError as exc:
            raise disk_problem(exc, datafile.path, "restore the data file") from None


def _restore(datafile: DataFile, backup: Backup, today: date, command: str) -> Path | None:
    restored = check_backup(datafile, backup)
    kept: Path | None = None
    live_payload = datafile.payload()
    live: Data | None = None
    if live_payload is not None:
        try:
            live = datafile.build(live_payload)
            datafile.check_log(live)
        except DataFileProblem:  # kept as it is, for whoever can mend it
            kept = datafile.backups.take("before-restore", live_payload, [], today)
            live = None
        else:
            kept = datafile.backups.take(
                "before-restore", live_payload, datafile.sources(live), today
            )
        datafile.backups.rotate(keep=frozenset({backup.path}))
    if not restored.migrated:  # place its segments beside the live file, checked
        bring_in_segments(
            datafile.layout.log,
            [
                (restored.log.folder / entry["file"], entry)
                for entry in restored.log.entries
                if not is_whole(datafile.layout.log / entry["file"], entry)
            ],
        )
        restored = Data(restored.tables, ConversationLog(datafile.layout.log, restored.log.entries))
    usable = live is not None and not live.migrated
    if usable:
        assert live is not None
        carry_history(restored, live)
    restored.migrated, restored.changed = False, True
    restored.read_names = live.read_names if usable and live else set()
    datafile.commit(
        restored,
        live_payload if usable else None,
        today,
        kind="change",
        command=command,
        replacing=live,
        protect=frozenset({backup.path}),
        keep_step=usable or live_payload is None,
    )
    return kept
