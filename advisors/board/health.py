"""What ``doctor`` checks in the records, and what ``doctor --fix`` repairs
without losing anything: ids that point at nothing, uids used twice, and
times and cadences that do not read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from advisors.board.merge import KINDS, MODELS, REFERENCES, REQUIRED
from advisors.board.records import Conversation, Person, Record, Records, new_uid, now_stamp
from advisors.cadence import parse_cadence
from advisors.errors import UsageProblem


@dataclass
class Finding:
    check: str  # schema, ids, uids, dates, derived, segments, index, conflicts, backups, undo
    problem: str
    fix: str  # the command that fixes it, or what to do
    fixable: bool  # `doctor --fix` repairs it
    serious: bool = True  # False: worth saying, but the file is healthy


_DROP = {"topics": "advisors topic drop", "advice": "advisors advice drop"}


def _reads_as_time(text: Any) -> bool:
    if not text:
        return True
    try:
        datetime.fromisoformat(str(text))
    except ValueError:
        return False
    return True


def _dangling(
    record: Record, ids: dict[type[Record], set[int]]
) -> list[tuple[str, type[Record], int]]:
    """The references of ``record`` that point at nothing: (field, table, id)."""
    found = []
    for name, target in REFERENCES.get(type(record), {}).items():
        value = getattr(record, name)
        for ident in value if isinstance(value, list) else [value]:
            if ident is not None and ident not in ids[target]:
                found.append((name, target, ident))
    return found


def _unreadable_times(record: Record) -> list[str]:
    return [s for s in ("created", "updated") if not _reads_as_time(getattr(record, s, ""))]


def _everything(board: Records) -> tuple[list[Record], dict[type[Record], set[int]]]:
    records = {model: board.all(model) for model in MODELS}
    ids = {model: {r.id for r in rs} for model, rs in records.items()}
    return [r for rs in records.values() for r in rs], ids


def examine(board: Records) -> list[Finding]:
    """Every problem in the records; none of them stops a command. (Last
    contacts are the store's derived data, and the store checks them.)"""
    findings: list[Finding] = []
    records, ids = _everything(board)
    seen: dict[str, str] = {}
    for record in records:
        model = type(record)
        where = f"{KINDS[model]} #{record.id}"
        for name, target, ident in _dangling(record, ids):
            required = (model, name) in REQUIRED and model is not Conversation
            findings.append(
                Finding(
                    "ids",
                    f"{where} points at {KINDS[target]} #{ident}, which is not there",
                    f"{_DROP[model.table]} {record.id}"
                    if required
                    else "advisors doctor --fix unlinks it",
                    fixable=not required,
                )
            )
        if record.uid in seen:
            findings.append(
                Finding(
                    "uids",
                    f"{where} has the same uid as {seen[record.uid]}",
                    "advisors doctor --fix gives it a new one",
                    fixable=True,
                )
            )
        seen.setdefault(record.uid, where)
        findings += [
            Finding(
                "dates",
                f"{where} has a {stamp} time that does not read",
                "advisors doctor --fix sets it to now",
                fixable=True,
            )
            for stamp in _unreadable_times(record)
        ]
        if isinstance(record, Person):
            try:
                parse_cadence(record.cadence)
            except UsageProblem:
                findings.append(
                    Finding(
                        "dates",
                        f"{record.name} has a cadence that does not read ({record.cadence!r})",
                        f"advisors edit {record.id} --every monthly",
                        fixable=False,
                    )
                )
    return findings


def repair(board: Records) -> int:
    """Fix what ``examine`` finds that can be fixed without losing anything;
    return how many records changed."""
    records, ids = _everything(board)
    seen: set[str] = set()
    changed = 0
    for record in records:
        touched = False
        for name, _target, ident in _dangling(record, ids):
            value = getattr(record, name)
            if isinstance(value, list):
                setattr(record, name, [v for v in value if v != ident])
            elif (type(record), name) not in REQUIRED:
                setattr(record, name, None)
            else:
                continue
            touched = True
        if record.uid in seen:
            record.uid = new_uid()
            touched = True
        seen.add(record.uid)
        for stamp in _unreadable_times(record):
            setattr(record, stamp, now_stamp())
            touched = True
        if touched:
            board.save(record)
            changed += 1
    return changed
