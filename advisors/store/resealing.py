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
When the files are written in the clear (``decrypt``), the backups are
moved after the commit instead, so that a kill never leaves a secret in the
clear beside a sealed board; ``decrypt`` run again finishes the backups such
a kill left sealed.
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
from advisors.store.commit import check_log, clear_pending, locked
from advisors.store.durable import (
    digest,
    fsync_folder,
    make_private_folder,
    place_copy,
    put,
    read_regular,
    replace_with,
)
from advisors.store.reading import Reader
from advisors.store.schema import LOG_SCHEMA, META
from advisors.store.sealing import MAGIC, Seal, is_sealed, seal_of, unseal
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
    # old segment name -> the new one in the live log, chosen before any is
    # written, so the journal can name them all first
    planned: dict[str, str] = field(default_factory=dict)
    renamed: dict[str, dict[str, Any]] = field(default_factory=dict)  # old -> new entry
    new_steps: dict[str, str] = field(default_factory=dict)  # old step file -> new
    done: Resealed = field(default_factory=Resealed)

    @property
    def log(self) -> Path:
        return self.reader.layout.log

    def plan(self, data: Data) -> dict[str, Any]:
        """Choose every new name (segments of the board and of its undo
        steps, the steps themselves): the journal that lets a kill be undone."""
        named = [e["file"] for e in data.log.entries]
        steps: dict[str, str] = {}
        for step in history.steps(data.meta):
            steps[step["file"]] = f"step-{int(step['seq']):06d}-{os.urandom(4).hex()}.json"
            with contextlib.suppress(Exception):  # one that does not read is dropped
                tables = parse(read_regular(self.reader.layout.undo / step["file"]))
                named += [e["file"] for e in tables[META]["1"].get("log", [])]
        for name in named:
            self.planned.setdefault(name, f"seg-{os.urandom(6).hex()}.json")
        self.new_steps = steps
        return {
            "segments": sorted(self.planned.values()),
            "superseded": sorted(set(self.planned) | set(data.meta.get("held", {}))),
            "steps": sorted(steps.values()),
            "dropped": sorted(steps),
        }

    def segment(self, folder: Path, entry: dict[str, Any], into: Path) -> dict[str, Any]:
        """``entry``'s segment (in ``folder``) written anew into ``into``:
        its new entry. One the live log already has anew is not written twice."""
        old = entry["file"]
        if into == self.log and old in self.renamed:
            return self.renamed[old]
        path = folder / old
        try:
            raw = read_regular(path)
        except FileNotFoundError:
            raise LogPartMissing(path, True) from None
        if len(raw) != entry["bytes"] or digest(raw) != entry["sha256"]:
            raise LogPartMissing(path, True)
        payload = self.seal(unseal(raw))
        name = self.planned.get(old) if into == self.log else None
        name = name or f"seg-{os.urandom(6).hex()}.json"
        put(into / name, payload)
        fresh = {**entry, "file": name, "bytes": len(payload), "sha256": digest(payload)}
        if into == self.log:
            self.renamed[old] = fresh
        self.done.segments += 1
        return fresh

    def mark_recipients(self, meta: dict[str, Any]) -> None:
        if self.recipients:
            meta["recipients"] = self.recipients
        else:
            meta.pop("recipients", None)

    def steps(self, data: Data) -> None:
        """Write each undo and redo step anew, under the names planned. Each
        step is read again rather than kept from ``plan``: twenty main files
        of a large board held at once would cost far more than a second read."""
        undo_folder = self.reader.layout.undo
        for stack in ("undo", "redo"):
            kept = []
            for step in data.meta.get(stack, []):
                try:
                    tables = parse(read_regular(undo_folder / step["file"]))
                    meta = tables[META]["1"]
                    meta["log"] = [self.segment(self.log, e, self.log) for e in meta.get("log", [])]
                except (OSError, LogPartMissing, ValueError, KeyError, TypeError):
                    self.done.dropped_steps += 1  # it could not be undone anyway
                    continue
                self.mark_recipients(meta)
                payload = self.seal(dump(tables))
                fresh = {**step, "file": self.new_steps[step["file"]]}
                fresh["bytes"], fresh["sha256"] = len(payload), digest(payload)
                put(undo_folder / fresh["file"], payload)
                kept.append(fresh)
                self.done.steps += 1
            data.meta[stack] = kept

    def backup(self, backup: Backup) -> None:
        """Move one backup onto sealed files, whole at every moment: its new
        segments beside the old (linked from the live log when it has them),
        then its main file replaced, then the old segments removed."""
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
            if entry["file"] in self.renamed:
                fresh = self.renamed[entry["file"]]
                place_copy(self.log / fresh["file"], folder / fresh["file"], fresh["bytes"], None)
            else:
                fresh = self.segment(folder, entry, folder)
            entries.append(fresh)
        if entries:
            fsync_folder(folder)
        meta["log"] = entries
        self.mark_recipients(meta)
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


def reseal(
    reader: Reader, recipients: list[dict[str, Any]], today: date, key: bytes | None = None
) -> Resealed:
    """Write every file of the board anew for ``recipients`` (see above);
    ``key`` is a passphrase board's sealed identity, placed first."""
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
        # the journal first: every file this pass writes, and what it replaces
        journal = work.plan(data)
        # sealed while any part of the board is (decrypting: as it was)
        replace_with(reader.layout.pending, (work.seal or seal_of(data.meta))(dump(journal)))
        if key is not None:
            replace_with(reader.layout.key, key)
        make_private_folder(reader.layout.log)
        data.log.entries = [work.segment(work.log, e, work.log) for e in data.log.entries]
        work.steps(data)
        data.meta["held"] = {
            work.renamed[n]["file"]: seq
            for n, seq in data.meta.get("held", {}).items()
            if n in work.renamed
        }
        fsync_folder(reader.layout.log)
        if journal["steps"]:
            fsync_folder(reader.layout.undo)
        # the backups and copies on the side that keeps them sealed: before
        # the commit when sealing, after it when writing in the clear (a kill
        # between leaves them readable with the key, never a secret exposed)
        if work.seal:
            _the_rest(work, strays)
        work.mark_recipients(data.meta)
        data.changed = True
        replace_with(reader.path, data.serialise_main())
        if not work.seal:
            _the_rest(work, strays)
        # committed: the old files go (the journal names them, if this is cut short)
        clear_pending(reader, data)
        _public_list(reader, recipients)
        if key is None:  # nothing is sealed for a passphrase key any more
            reader.layout.key.unlink(missing_ok=True)
        return work.done


def _the_rest(work: _Pass, strays: list[Path]) -> None:
    """Every backup, merged conflict copy and stray segment, for the new seal."""
    for backup in work.reader.backups.newest_first():
        work.backup(backup)
    for path in [*sorted(work.reader.layout.merged.glob("*")), *strays]:
        work.loose_copy(path)


def sealed_backups(reader: Reader) -> bool:
    """Does a backup of this board hold a sealed main file (what a
    ``decrypt`` cut short after its commit leaves)?"""
    for backup in reader.backups.newest_first():
        with contextlib.suppress(OSError), open(backup.path / reader.path.name, "rb") as handle:
            if is_sealed(handle.read(len(MAGIC))):
                return True
    return False


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
