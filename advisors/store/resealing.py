"""Encrypting a board, decrypting it, and changing the devices it is sealed
for: every file written anew for the new recipients (none: in the clear).

One commit, as the design asks: under the lock, each log segment the board,
its undo steps or its backups name is written again under a new name (temp
file, fsync, rename), each undo step likewise, and each backup is moved onto
its new segments (new ones placed beside the old, its main file replaced
atomically, then the old ones removed). Last, the main file, which names the
new segments, steps and recipients, replaces the old one: the commit point.
The journal beside it lists what is new and what is old, so that a kill
before the commit leaves the old board whole (the next command removes the
new files) and a kill after it leaves the new one (the next command removes
the old). Backups already moved stay moved: whole, and readable either way.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from advisors.errors import LogPartMissing, UsageProblem
from advisors.store import history
from advisors.store.backups import Backup, log_folder_of
from advisors.store.commit import check_log, clear_pending, locked, sweep
from advisors.store.durable import (
    digest,
    fsync_folder,
    make_private_folder,
    place_copy,
    read_regular,
    replace_with,
    temp_name,
    write_new,
)
from advisors.store.reading import Reader
from advisors.store.schema import LOG_SCHEMA, META
from advisors.store.sealing import Seal, unseal
from advisors.store.segments import dump, parse
from advisors.store.state import Data


@dataclass
class Resealed:
    """What a reseal wrote: counts of files, for the user."""

    segments: int = 0
    steps: int = 0
    backups: int = 0
    copies: int = 0  # merged conflict copies and stray segments
    dropped_steps: int = 0  # undo steps whose log was already gone


@dataclass
class _Pass:
    reader: Reader
    seal: Seal
    recipients: list[dict[str, Any]]
    renamed: dict[str, dict[str, Any]] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)
    done: Resealed = field(default_factory=Resealed)

    @property
    def log(self) -> Path:
        return self.reader.layout.log

    def segment(self, folder: Path, entry: dict[str, Any]) -> dict[str, Any]:
        """``entry``'s segment written anew into the live log: its new entry."""
        if entry["file"] in self.renamed:
            return self.renamed[entry["file"]]
        path = folder / entry["file"]
        try:
            raw = read_regular(path)
        except FileNotFoundError:
            raise LogPartMissing(path, True) from None
        if len(raw) != entry["bytes"] or digest(raw) != entry["sha256"]:
            raise LogPartMissing(path, True)
        payload = self.seal(unseal(raw))
        name = f"seg-{os.urandom(6).hex()}.json"
        self._write(self.log / name, payload)
        fresh = {**entry, "file": name, "bytes": len(payload), "sha256": digest(payload)}
        self.renamed[entry["file"]] = fresh
        self.done.segments += 1
        return fresh

    def _write(self, target: Path, payload: bytes) -> None:
        temp = temp_name(target)
        self.written.append(target)
        try:
            write_new(temp, payload)
            os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise

    def main_file(self, tables: dict[str, Any], folder: Path) -> bytes:
        """A main file's tables (a step's, a backup's) naming the new segments
        and recipients, sealed."""
        meta = tables[META]["1"]
        meta["log"] = [self.segment(folder, e) for e in meta.get("log", [])]
        self._recipients(meta)
        return self.seal(dump(tables))

    def _recipients(self, meta: dict[str, Any]) -> None:
        if self.recipients:
            meta["recipients"] = self.recipients
        else:
            meta.pop("recipients", None)

    def steps(self, data: Data) -> list[str]:
        """Write each undo and redo step anew; the old files' names."""
        undo_folder = self.reader.layout.undo
        old: list[str] = []
        for stack in ("undo", "redo"):
            kept = []
            for step in data.meta.get(stack, []):
                old.append(step["file"])
                try:
                    tables = parse(read_regular(undo_folder / step["file"]))
                    payload = self.main_file(tables, self.log)
                except (OSError, LogPartMissing, ValueError, KeyError, TypeError):
                    self.done.dropped_steps += 1  # it could not be undone anyway
                    continue
                fresh = {**step, "file": f"step-{step['seq']:06d}-{os.urandom(4).hex()}.json"}
                fresh["bytes"], fresh["sha256"] = len(payload), digest(payload)
                self._write(undo_folder / fresh["file"], payload)
                kept.append(fresh)
                self.done.steps += 1
            data.meta[stack] = kept
        return old

    def backup(self, backup: Backup) -> None:
        """Move one backup onto sealed files, whole at every moment."""
        layout = self.reader.layout
        main = backup.path / layout.main.name
        tables = parse(read_regular(main))
        meta = (tables.get(META) or {}).get("1") or {}
        if int(meta.get("schema", 0)) < LOG_SCHEMA:  # 0.1's layout: names without hashes
            for path in sorted(p for p in backup.path.rglob("*") if p.is_file()):
                replace_with(path, self.seal(unseal(read_regular(path))))
            self.done.backups += 1
            return
        folder = log_folder_of(backup, layout)
        entries = []
        for entry in meta.get("log", []):
            fresh = self.segment(folder, entry)
            place_copy(self.log / fresh["file"], folder / fresh["file"], fresh["bytes"], None)
            entries.append(fresh)
        if entries:
            fsync_folder(folder)
        meta["log"] = entries
        self._recipients(meta)
        replace_with(main, self.seal(dump(tables)))
        named = {e["file"] for e in entries}
        with contextlib.suppress(OSError):
            for name in os.listdir(folder):
                if layout.is_segment_name(name) and name not in named:
                    (folder / name).unlink()
        self.done.backups += 1

    def loose_copy(self, path: Path) -> None:
        """A merged conflict copy or a stray segment, sealed in place (nothing
        names it, so it may change)."""
        with contextlib.suppress(OSError, ValueError):
            raw = read_regular(path)
            payload = unseal(raw)
            replace_with(path, self.seal(payload))
            self.done.copies += 1


def reseal(reader: Reader, recipients: list[dict[str, Any]], today: date) -> Resealed:
    """Write every file of the board anew for ``recipients`` (see above)."""
    with locked(reader):
        payload = reader.payload()
        if payload is None:
            raise UsageProblem(f"there is no board at {reader.path} yet; add someone first")
        data = reader.build(payload)
        if data.migrated:
            raise UsageProblem("the board is in an older layout; run 'advisors doctor --fix' first")
        check_log(data)
        clear_pending(reader, data)
        work = _Pass(reader, Seal(tuple(r["key"] for r in recipients)), recipients)
        from advisors.store.checks import stray_segments

        strays = stray_segments(reader, data)
        old_segments = {e["file"] for e in data.log.entries} | set(data.meta.get("held", {}))
        # the journal first: what this pass writes, and what it leaves behind
        journal: dict[str, Any] = {"segments": [], "superseded": [], "steps": [], "dropped": []}
        replace_with(reader.layout.pending, work.seal(dump(journal)))
        make_private_folder(reader.layout.log)
        data.log.entries = [work.segment(reader.layout.log, e) for e in data.log.entries]
        old_steps = work.steps(data)
        data.meta["held"] = {
            work.renamed[n]["file"]: seq
            for n, seq in data.meta.get("held", {}).items()
            if n in work.renamed
        }
        fsync_folder(reader.layout.log)
        if old_steps:
            fsync_folder(reader.layout.undo)
        journal = {
            "segments": [e["file"] for e in work.renamed.values()],
            "superseded": sorted(old_segments | set(work.renamed)),  # old names only
            "steps": [s["file"] for s in history.steps(data.meta)],
            "dropped": old_steps,
        }
        replace_with(reader.layout.pending, work.seal(dump(journal)))
        for backup in reader.backups.newest_first():
            work.backup(backup)
        for path in [*sorted(reader.layout.merged.glob("*")), *strays]:
            work.loose_copy(path)
        work._recipients(data.meta)
        data.changed = True
        replace_with(reader.path, data.serialise_main())
        # committed: the old files go (the journal says which, if this is cut short)
        sweep(reader, set(journal["superseded"]), old_steps)
        _public_list(reader, recipients)
        with contextlib.suppress(OSError):
            reader.layout.pending.unlink()
        return work.done


def _public_list(reader: Reader, recipients: list[dict[str, Any]]) -> None:
    """The recipients beside the board, in the format ``age -R`` reads (only
    public keys: it says who can read, and lets anyone encrypt for them)."""
    path = reader.layout.recipients
    if not recipients:
        path.unlink(missing_ok=True)
        return
    lines = ["# the devices this board is encrypted for (public keys; age -R reads this)"]
    for r in recipients:
        lines.append(f"# {r.get('device', '')}, added {r.get('added', '')}")
        lines.append(r["key"])
    replace_with(path, ("\n".join(lines) + "\n").encode())
