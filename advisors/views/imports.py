"""What an import or a merge did, or would do in a dry run."""

from __future__ import annotations

from typing import Any

from advisors.board.merge import Report
from advisors.views import console

_PLURAL = {"person": "people"}
_DONE = {"add": "Added", "update": "Updated", "delete": "Removed", "skip": "Skipped"}
_WOULD = {
    "add": "Would add",
    "update": "Would update",
    "delete": "Would remove",
    "skip": "Would skip",
}


# How many skipped records, or possible duplicates, a report names one by
# one (``--json`` names every possible duplicate).
SHOWN = 5


def report(result: Report, *, source: str, dry_run: bool, verb: str = "Imported") -> None:
    """Each change in a dry run; in a real one what was skipped and why (what
    was added is counted: an import may bring thousands)."""
    verbs = _WOULD if dry_run else _DONE
    for change in result.changes:
        if change.action == "conflict":
            console.para(f"Conflict in {change.kind} {change.label}: {change.why}.")
            continue
        if dry_run or change.action == "skip":
            why = f": {change.why}" if change.why and change.action != "add" else ""
            console.para(f"{verbs[change.action]} {change.kind} {change.label}{why}.")
    for (noun, why), count in result.quiet.items():
        things = noun if count == 1 else _PLURAL.get(noun, noun + "s")
        console.para(f"{'Would pass' if dry_run else 'Passed'} over {count} {things} {why}.")
    for line in [*skipped(result), *result.notes, *possible_duplicates(result, most=SHOWN)]:
        console.para(line)
    console.para(summary(result, source=source, dry_run=dry_run, verb=verb))


_COUNTED = {
    False: {"add": "added", "update": "updated", "delete": "removed", "skip": "skipped"},
    True: {"add": "to add", "update": "to update", "delete": "to remove", "skip": "to skip"},
}


def skipped(result: Report) -> list[str]:
    """Each kind of record skipped, in a sentence naming a few of them."""
    lines = []
    for (noun, why), labels in result.skipped.items():
        nouns = noun if len(labels) == 1 else _PLURAL.get(noun, noun + "s")
        shown = ", ".join(labels[:SHOWN])
        more = f" and {len(labels) - SHOWN:,} more" if len(labels) > SHOWN else ""
        lines.append(f"Skipped {len(labels):,} {nouns} {why}: {shown}{more}.")
    return lines


def possible_duplicates(result: Report, *, most: int | None = None) -> list[str]:
    """A sentence for each person added beside a namesake with other
    e-mails (the first ``most``, then how many more)."""
    found = result.namesakes
    lines = [
        f"Possible duplicate: {n.name} ({n.email}) and {n.other_name} (id {n.other_id}, "
        f"{n.other_email}) have the same name and other e-mails, so they are two people; "
        "import with --merge-by-name to make them one."
        for n in (found if most is None else found[:most])
    ]
    if len(found) > len(lines):
        lines.append(
            f"And {len(found) - len(lines):,} more possible duplicates, people of the same name "
            "and other e-mails ('--json' lists them all)."
        )
    return lines


def summary(result: Report, *, source: str, dry_run: bool, verb: str) -> str:
    if not dry_run and not result.changed:
        return f"Nothing new in {source}; nothing was changed."
    parts = [
        f"{result.count(action) + (result.unread if action == 'skip' else 0)} {words}"
        for action, words in _COUNTED[dry_run].items()
        if action != "delete" or result.count(action)
    ]
    if dry_run:
        return f"Dry run of {source}: {', '.join(parts)}. Nothing was written."
    return f"{verb} {source}: {', '.join(parts)}. 'advisors undo' takes it back."


def as_json(result: Report, *, source: str, dry_run: bool) -> dict[str, Any]:
    return {
        "source": source,
        "dry_run": dry_run,
        "changes": [
            {"action": c.action, "kind": c.kind, "label": c.label, "why": c.why}
            for c in result.changes
        ],
        "passed_over": [
            {"kind": noun, "why": why, "count": count}
            for (noun, why), count in result.quiet.items()
        ],
        "notes": [*skipped(result), *result.notes, *possible_duplicates(result)],
        "unread": result.unread,  # records of the file skipped as unreadable (named in notes)
    }


def merged(path: Any, merged: list[tuple[Any, Report, Any]]) -> None:
    """``merge``: what each conflict copy brought, and where it went."""
    if not merged:
        console.out(f"No sync conflict copies beside {path}.")
        return
    for copy, result, target in merged:
        report(result, source=copy.name, dry_run=False, verb="Merged")
        console.out(f"Moved {copy.name} to {target}.")
