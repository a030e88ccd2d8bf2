"""``doctor`` for the files: does the main file read, is every segment it
names there and whole, does its index agree with the segments, are there
segments nothing names, conflict copies, backups and undo steps that could
not be restored. And ``doctor --fix``: the repairs that lose nothing, in one
commit that ``undo`` can revert.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisors.board import health
from advisors.board.health import Finding
from advisors.board.records import Person
from advisors.errors import DataFileProblem
from advisors.store import undo
from advisors.store.durable import disk_problem, make_private_folder, read_regular
from advisors.store.schema import INDEX_KEYS, MAIN_TABLES
from advisors.store.segments import (
    SegmentDamaged,
    SegmentMissing,
    bring_in_segments,
    index_entry,
    is_whole,
    load_segment,
    parse,
)
from advisors.store.state import Data

if TYPE_CHECKING:
    from advisors.store.backups import Backup
    from advisors.store.datafile import DataFile

_INDEX_KEYS = ("count", *INDEX_KEYS)


@dataclass
class Checkup:
    findings: list[Finding] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)
    # what was looked at: segments, backups, undo steps
    checked: dict[str, int] = field(default_factory=dict)
    absent: bool = False  # there is no data file (yet, or any more)

    @property
    def healthy(self) -> bool:
        return not any(f.serious for f in self.findings)


def _absent(datafile: DataFile) -> Checkup:
    """No data file: nothing to check, unless backups say there was one."""
    result = Checkup(absent=True)
    backups = datafile.backups.newest_first()
    if backups:
        result.findings.append(
            Finding(
                "file",
                f"there is no data file, but {len(backups)} backup"
                f"{'' if len(backups) == 1 else 's'} of one",
                f"advisors restore {backups[0].name} (the newest; 'advisors restore' lists all)",
                fixable=False,
            )
        )
    return result


def examine(datafile: DataFile) -> Checkup:
    """Everything wrong with the data file, its log, backups and history."""
    result = Checkup()
    add = result.findings.append
    payload = datafile.payload()
    if payload is None:
        return _absent(datafile)
    try:
        data = datafile.build(payload)
    except DataFileProblem as exc:
        add(Finding("schema", str(exc), "advisors restore", fixable=False))
        return result
    if not data.migrated and not tinydb_reads(datafile.path, data):
        add(
            Finding(
                "schema",
                "TinyDB does not read the main file as the same database",
                "advisors export, then import the export into a new file",
                fixable=False,
            )
        )
    if data.migrated:
        add(
            Finding(
                "schema",
                "the file is in an older layout; the next change brings it up to date",
                "advisors doctor --fix does it now (after a backup)",
                fixable=True,
                serious=False,
            )
        )
    backups = datafile.backups.newest_first()
    segments = [(entry, *_read_segment(datafile, entry)) for entry in data.log.entries]
    whole = all(problem is None for _entry, problem, _fresh in segments)
    for entry, problem, _fresh in segments:
        if problem is None:
            continue
        source = segment_source(datafile, entry, backups)
        add(
            Finding(
                "segments",
                problem,
                f"advisors doctor --fix brings it back from {source.parent.parent.name}"
                if source
                else "no backup holds it: 'advisors restore' lists the backups",
                fixable=source is not None,
            )
        )
    stale = [e["file"] for e, _problem, fresh in segments if _stale(e, fresh)]
    if stale:
        add(
            Finding(
                "index",
                f"the index of {len(stale)} log segment(s) disagrees with them ({stale[0]})",
                "advisors doctor --fix rebuilds it",
                fixable=True,
            )
        )
    if whole and not data.migrated:
        result.findings += health.examine(data)
        result.findings += [
            Finding(
                "derived",
                f"{name}'s last contact is {stored or 'never'}, the log says {logged or 'never'}",
                "advisors doctor --fix rebuilds it from the log",
                fixable=True,
            )
            for name, stored, logged in stale_contacts(data)
        ]
    elif not whole:
        add(
            Finding(
                "segments",
                "the records were not checked: the log is not whole",
                "run 'advisors doctor' again once the log is back",
                fixable=False,
                serious=False,
            )
        )
    strays = stray_segments(datafile, data)
    if strays:
        add(
            Finding(
                "segments",
                f"{len(strays)} log segment(s) named by nothing ({strays[0].name}): left by "
                "an interrupted write, or sent ahead by a sync",
                f"advisors doctor --fix moves them to {datafile.layout.backups / 'stray'}",
                fixable=True,
            )
        )
    copies = datafile.layout.conflict_copies()
    if copies:
        add(
            Finding(
                "conflicts",
                f"sync conflict copies of the data file: {', '.join(c.name for c in copies)}",
                "advisors merge",
                fixable=False,
            )
        )
    result.checked = {
        "log segment": len(data.log.entries),
        "backup": len(backups),
        "undo step": len(undo.steps(data.meta)),
    }
    result.findings += _backup_findings(datafile, backups)
    result.findings += [
        Finding(
            "undo",
            f"the undo step {step['file']} ({step.get('command') or 'a change'}) can't be "
            f"restored: {why}",
            "advisors doctor --fix drops it from the history",
            fixable=True,
        )
        for step, why in broken_steps(datafile, data)
    ]
    return result


def tinydb_reads(path: Path, data: Data) -> bool:
    """The main file is a TinyDB database: TinyDB opens it and finds every
    record of every table (the promise that the file is readable without us)."""
    from tinydb import TinyDB

    try:
        with TinyDB(path, access_mode="r") as db:
            return all(
                len(db.table(name)) == len(data.tables.get(name, {})) for name in MAIN_TABLES
            )
    except Exception:
        return False


def _read_segment(
    datafile: DataFile, entry: dict[str, Any]
) -> tuple[str | None, dict[str, Any] | None]:
    """One read of a named segment: what is wrong with it, or the entry its
    content gives (to compare with the index)."""
    path = datafile.layout.log / entry["file"]
    try:
        payload, docs = load_segment(path, entry)
    except SegmentMissing:
        gone = not path.exists()
        return f"the log segment {entry['file']} is {'missing' if gone else 'not whole'}", None
    except SegmentDamaged:
        return f"the log segment {entry['file']} is damaged", None
    fresh = index_entry(entry["file"], payload, docs)
    if fresh["sha256"] != entry["sha256"]:
        return f"the log segment {entry['file']} was changed", None
    return None, fresh


def _stale(entry: dict[str, Any], fresh: dict[str, Any] | None) -> bool:
    return fresh is not None and any(fresh[k] != entry.get(k) for k in _INDEX_KEYS)


def segment_source(datafile: DataFile, entry: dict[str, Any], backups: list[Backup]) -> Path | None:
    """A whole copy of a named segment: in a backup, or among the strays."""
    from advisors.store.backups import log_folder_of

    folders = [log_folder_of(b, datafile.layout) for b in backups]
    folders.append(datafile.layout.backups / "stray" / "log")
    for folder in folders:
        candidate = folder / entry["file"]
        if is_whole(candidate, entry):
            return candidate
    return None


def stale_contacts(data: Data) -> list[tuple[str, str | None, str | None]]:
    """People whose stored last contact is not what the log says: name, the
    stored one, the log's. Leaves ``data`` with the log's."""
    stored = {p.id: p.last_contact for p in data.all(Person)}
    data.recompute_contacts()
    return [
        (p.name, stored.get(p.id), p.last_contact)
        for p in data.all(Person)
        if stored.get(p.id) != p.last_contact
    ]


def stray_segments(datafile: DataFile, data: Data) -> list[Path]:
    """Segments in the log folder that neither the file, nor an undo step,
    nor a conflict copy (waiting, or merged) names."""
    named = data.log.named() | set(data.meta.get("held", {}))
    # another device may still name the segments of a copy merged here, or
    # of its undo steps (their files arrive through the sync too)
    others = [*datafile.layout.conflict_copies()]
    for folder in (datafile.layout.merged, datafile.layout.undo):
        with contextlib.suppress(OSError):
            others += sorted(folder.glob("*.json"))
    for copy in others:
        with contextlib.suppress(Exception):
            meta = parse(read_regular(copy))["_meta"]["1"]
            named |= {e["file"] for e in meta.get("log", []) if isinstance(e, dict)}
    try:
        names = os.listdir(datafile.layout.log)
    except OSError:
        return []
    return sorted(
        datafile.layout.log / n
        for n in names
        if datafile.layout.is_segment_name(n) and n not in named
    )


def _backup_findings(datafile: DataFile, backups: list[Backup]) -> list[Finding]:
    from advisors.store.restore import check_backup

    findings = []
    for backup in backups:
        try:
            check_backup(datafile, backup)
        except DataFileProblem as exc:
            findings.append(
                Finding("backups", str(exc), f"remove it: rm -r '{backup.path}'", fixable=False)
            )
    return findings


def broken_steps(datafile: DataFile, data: Data) -> list[tuple[dict[str, Any], str]]:
    broken = []
    for step in undo.steps(data.meta):
        path = datafile.layout.undo / step["file"]
        try:
            previous = datafile.build(read_regular(path))
        except (OSError, DataFileProblem):
            broken.append((step, "its file is missing or does not read"))
            continue
        lost = previous.log.missing()
        if lost:
            broken.append((step, f"its log segment {lost[0].name} is gone"))
    return broken


def repair(datafile: DataFile, today: date, command: str) -> Checkup:
    """Repair what can be repaired without losing anything, as one change."""
    if datafile.payload() is None:  # nothing to repair: take no lock, make no folder
        return _absent(datafile)
    result = Checkup()
    with datafile.locked():
        payload = datafile.payload()
        if payload is None:
            return _absent(datafile)
        data = datafile.build(payload)
        backups = datafile.backups.newest_first()
        found = [_read_segment(datafile, entry) for entry in data.log.entries]
        copies = {
            index: (source, entry)
            for index, (entry, (problem, _fresh)) in enumerate(
                zip(data.log.entries, found, strict=True)
            )
            if problem is not None
            and (source := segment_source(datafile, entry, backups)) is not None
        }
        try:
            bring_in_segments(datafile.layout.log, list(copies.values()))
        except OSError as exc:
            raise disk_problem(exc, datafile.layout.log, "bring back the log segments") from None
        for index, (source, entry) in copies.items():
            found[index] = _read_segment(datafile, entry)  # its index is checked below
            result.fixed.append(f"brought {entry['file']} back from {source.parent.parent.name}")
        if data.log.missing():
            raise DataFileProblem(
                "a part of the conversation log is missing and no backup holds it; nothing "
                "else was changed: 'advisors restore' lists the backups"
            )
        for index, (entry, (_problem, fresh)) in enumerate(
            zip(data.log.entries, found, strict=True)
        ):
            if fresh is not None and _stale(entry, fresh):
                data.log.entries[index] = fresh
                data.changed = True
                result.fixed.append(f"rebuilt the index of {entry['file']}")
        changed = health.repair(data)
        if changed:
            result.fixed.append(f"repaired {changed} record(s): ids, uids or times")
        if stale_contacts(data):
            data.changed = True
            result.fixed.append("rebuilt last contacts from the log")
        broken = {step["file"] for step, _why in broken_steps(datafile, data)}
        if broken:
            for stack in ("undo", "redo"):
                data.meta[stack] = [s for s in data.meta.get(stack, []) if s["file"] not in broken]
            data.changed = True
            result.fixed.append(f"dropped {len(broken)} undo step(s) that can't be restored")
        if data.migrated:
            result.fixed.append("brought the file up to date")
        if data.changed:
            datafile.commit(data, payload, today, kind="change", command=command)
        strays = stray_segments(datafile, data)
        if strays:
            folder = datafile.layout.backups / "stray" / "log"
            make_private_folder(folder)
            for path in strays:
                with contextlib.suppress(OSError):
                    os.replace(path, folder / path.name)
            result.fixed.append(f"moved {len(strays)} stray segment(s) to {folder}")
    final = examine(datafile)
    result.findings, result.checked = final.findings, final.checked
    return result
