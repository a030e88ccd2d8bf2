"""What ``doctor`` checks in the records, and what ``doctor --fix`` repairs
without losing anything: ids that point at nothing, uids used twice, times
and cadences that do not read, and last contacts that disagree with the log.
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


def examine(board: Records) -> list[Finding]:
    """Every problem in the records; none of them stops a command."""
    findings: list[Finding] = []
    records = {model: board.all(model) for model in MODELS}
    ids = {model: {r.id for r in rs} for model, rs in records.items()}
    seen: dict[str, str] = {}
    for model, rs in records.items():
        kind = KINDS[model]
        for record in rs:
            where = f"{kind} #{record.id}"
            for name, target in REFERENCES.get(model, {}).items():
                value = getattr(record, name)
                for ident in value if isinstance(value, list) else [value]:
                    if ident is not None and ident not in ids[target]:
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
            for stamp in ("created", "updated"):
                if not _reads_as_time(getattr(record, stamp, "")):
                    findings.append(
                        Finding(
                            "dates",
                            f"{where} has a {stamp} time that does not read",
                            "advisors doctor --fix sets it to now",
                            fixable=True,
                        )
                    )
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
    latest = latest_contacts(records[Conversation])  # type: ignore[arg-type]
    for person in records[Person]:
        if isinstance(person, Person) and person.last_contact != latest.get(person.id):
            findings.append(
                Finding(
                    "derived",
                    f"{person.name}'s last contact is {person.last_contact or 'never'}, "
                    f"the log says {latest.get(person.id) or 'never'}",
                    "advisors doctor --fix rebuilds it from the log",
                    fixable=True,
                )
            )
    return findings


def latest_contacts(conversations: list[Conversation]) -> dict[int, str]:
    latest: dict[int, str] = {}
    for talk in conversations:
        for p in talk.people:
            if talk.date > latest.get(p, ""):
                latest[p] = talk.date
    return latest


def repair(board: Records) -> int:
    """Fix what ``examine`` finds that can be fixed without losing anything;
    return how many records changed. Last contacts are the store's derived
    data, rebuilt by the caller."""
    records = {model: board.all(model) for model in MODELS}
    ids = {model: {r.id for r in rs} for model, rs in records.items()}
    seen: set[str] = set()
    changed = 0
    for model, rs in records.items():
        for record in rs:
            touched = _unlink(model, record, ids)
            if record.uid in seen:
                record.uid = new_uid()
                touched = True
            seen.add(record.uid)
            for stamp in ("created", "updated"):
                if not _reads_as_time(getattr(record, stamp, "")):
                    setattr(record, stamp, now_stamp())
                    touched = True
            if touched:
                board.save(record)
                changed += 1
    return changed


def _unlink(model: type[Record], record: Record, ids: dict[type[Record], set[int]]) -> bool:
    touched = False
    for name, target in REFERENCES.get(model, {}).items():
        value = getattr(record, name)
        if isinstance(value, list):
            kept = [v for v in value if v in ids[target]]
            if kept != value:
                setattr(record, name, kept)
                touched = True
        elif value is not None and value not in ids[target] and (model, name) not in REQUIRED:
            setattr(record, name, None)
            touched = True
    return touched
