"""The undo history: every change keeps the main file it replaced.

Before a commit replaces the main file, the old one is hard-linked (copied
where the file system has no links) into ``<file>.undo/step-<seq>.json``. An
old main file plus the segments it names *is* the old state, and segments are
never changed in place, so a step costs one small file and never a copy of the
log. The new main file names its steps in ``_meta``::

    "undo": [{"seq": 7, "file": "step-000007.json", "time": ..., "command": ...}],
    "redo": [...],                 # what undo took, until a new change is made
    "held": {"seg-....json": 7},   # segments only steps up to seq 7 still name
    "next_step": 8

A segment the current state no longer names is kept while a step that may
name it is kept (``held``); pruning a step lets it go. Undo and redo are
changes like any other: one commit, and one step of their own (the face,
``datafile``, runs them; this module only keeps the books).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisors.store.durable import AsRead, temp_name, write_new
from advisors.store.segments import dump, parse

if TYPE_CHECKING:
    from advisors.store.state import Data

KEEP_AT_LEAST = 20


@dataclass
class Plan:
    """What one commit does to the history, worked out before it writes."""

    step: dict[str, Any] | None = None  # the step for the main file replaced
    dropped: list[str] = field(default_factory=list)  # step files to remove after
    doomed: set[str] = field(default_factory=set)  # segments to remove after


def steps(meta: dict[str, Any]) -> list[dict[str, Any]]:
    return [*meta.get("undo", []), *meta.get("redo", [])]


def plan(
    meta: dict[str, Any],
    *,
    kind: str,
    command: str,
    previous_names: set[str],
    new_names: set[str],
    has_previous: bool,
    today: date,
) -> Plan:
    """Update ``meta`` (the new main file's) for a commit of ``kind``
    ("change", "undo" or "redo") and say which files go afterwards."""
    result = Plan()
    undo, redo = list(meta.get("undo", [])), list(meta.get("redo", []))
    made = datetime.now().astimezone().isoformat(timespec="seconds")
    if kind == "undo":
        moved = undo.pop()
        result.dropped.append(moved["file"])  # its state is the main file now
        made = moved["time"]  # the step that goes to redo is the same change
    elif kind == "redo":
        moved = redo.pop()
        result.dropped.append(moved["file"])
        made = moved["time"]
    else:
        result.dropped += [s["file"] for s in redo]
        redo = []
    if has_previous:
        seq = int(meta.get("next_step", 1))
        meta["next_step"] = seq + 1
        result.step = {
            "seq": seq,
            # a random part, so two devices sharing the folder through a sync
            # tool or git never write two different steps under one name
            "file": f"step-{seq:06d}-{os.urandom(4).hex()}.json",
            "time": made,  # when the change was made, kept through undo and redo
            "command": command,
        }
        (redo if kind == "undo" else undo).append(result.step)
    kept = _prune(undo, today)
    result.dropped += [s["file"] for s in undo if s not in kept]
    meta["undo"], meta["redo"] = kept, redo
    held = dict(meta.get("held", {}))
    newest = result.step["seq"] if result.step else 0
    for name in previous_names - new_names:
        held[name] = max(held.get(name, 0), newest)
    oldest = min((s["seq"] for s in steps(meta)), default=None)
    for name, seq in list(held.items()):
        if name in new_names:
            del held[name]
        elif oldest is None or seq < oldest:
            del held[name]
            result.doomed.add(name)
    meta["held"] = held
    return result


def _prune(undo: list[dict[str, Any]], today: date) -> list[dict[str, Any]]:
    """Keep the newest ``KEEP_AT_LEAST`` steps, and every step made today."""
    keep_from = max(len(undo) - KEEP_AT_LEAST, 0)
    for index, step in enumerate(undo[:keep_from]):
        if step["time"][:10] >= today.isoformat():
            return undo[index:]
    return undo[keep_from:]


def keep_previous(folder: Path, step: dict[str, Any], kept: AsRead) -> Path:
    """Make the main file about to be replaced (``kept``, as it was read)
    into ``step``'s file: a hard link (no copy) where the file system
    allows, else a copy; or, before the file's first commit (no path), the
    bytes of an empty board. The step records its size and hash, so that
    ``doctor`` checks it without reading it as a board. The caller fsyncs
    the folder before the commit names it."""
    step["bytes"], step["sha256"] = kept.size, kept.sha256
    target = folder / step["file"]
    temp = temp_name(target)
    try:
        if kept.path is None:
            write_new(temp, kept.payload())
        else:
            try:
                os.link(kept.path, temp, follow_symlinks=False)
            except OSError:
                write_new(temp, kept.payload())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return target


_STEP = re.compile(r"^step-[0-9]{6,}(?:-[0-9a-f]{8})?\.json$")


def is_step_name(name: str) -> bool:
    return _STEP.match(name) is not None


def carry_history(into: Data, live: Data) -> None:
    """A state brought back (by undo, redo or restore) keeps the live file's
    history, id counters and the devices it is encrypted for: ids are never
    handed out twice, and an old state is never written back in the clear."""
    meta, now = into.meta, live.meta
    for key in ("undo", "redo", "held", "next_step", "recipients"):
        if key in now:
            meta[key] = json_copy(now[key])
        else:
            meta.pop(key, None)
    counters = meta.setdefault("next_id", {})
    for table, value in now.get("next_id", {}).items():
        counters[table] = max(int(counters.get(table, 1)), int(value))


def json_copy(value: Any) -> Any:
    return parse(dump(value))
