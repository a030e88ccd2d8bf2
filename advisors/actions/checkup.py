"""``doctor``: what is wrong with the data file, its log, backups and undo
history, in words, each with the command that fixes it; ``--fix`` repairs
what loses nothing, as one change ``undo`` can take back.

The store gathers the facts (``store.checks``); the records' own problems
are the domain's (``board.health``); this module puts them together.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisors.actions.board import Board
from advisors.actions.result import Result
from advisors.board import health
from advisors.board.health import Finding


@dataclass
class Checkup(Result):
    path: Path
    findings: list[Finding] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)  # segments, backups, undo steps
    absent: bool = False  # there is no data file (yet, or any more)
    fixing: bool = False

    @property
    def healthy(self) -> bool:
        return not any(f.serious for f in self.findings)

    @property
    def exit_code(self) -> int:  # type: ignore[override]
        return 0 if self.healthy else 1

    def show(self) -> None:
        from advisors.views import doctor

        doctor.show(self)

    def as_json(self) -> Any:
        from advisors.views import doctor

        return doctor.as_json(self)


def doctor(board: Board, *, fix: bool = False, deep: bool = False) -> Checkup:
    """Check everything; with ``fix``, repair what can be repaired first;
    with ``deep``, read every undo step as a whole board."""
    store = board.store
    facts = (
        store.mend(board.today(), board.command_line, health.repair, health.examine, deep=deep)
        if fix
        else store.checkup(health.examine, deep=deep)
    )
    return Checkup(
        facts.path,
        findings=findings(facts),
        fixed=facts.fixed,
        checked=facts.checked,
        absent=facts.absent,
        fixing=fix,
    )


def findings(facts: Any) -> list[Finding]:
    """The facts the store found, as findings with their fixes."""
    found: list[Finding] = []
    add = found.append
    if facts.absent:
        if facts.backups:
            count = len(facts.backups)
            add(
                Finding(
                    "file",
                    f"there is no data file, but {count} backup{'' if count == 1 else 's'} of one",
                    f"advisors restore {facts.backups[0]} (the newest; 'advisors restore' lists "
                    "all)",
                    fixable=False,
                )
            )
        return found
    if facts.unreadable is not None:
        add(Finding("schema", facts.unreadable, "advisors restore", fixable=False))
        return found
    if not facts.database_opens:
        add(
            Finding(
                "schema",
                "TinyDB does not read the main file as the same database",
                "advisors export, then import the export into a new file",
                fixable=False,
            )
        )
    if facts.migrated:
        add(
            Finding(
                "schema",
                "the file is in an older layout; the next change brings it up to date",
                "advisors doctor --fix does it now (after a backup)",
                fixable=True,
                serious=False,
            )
        )
    for trouble in facts.segments:
        add(
            Finding(
                "segments",
                trouble.problem,
                f"advisors doctor --fix brings it back from {trouble.source}"
                if trouble.source
                else "no backup holds it: 'advisors restore' lists the backups",
                fixable=trouble.source is not None,
            )
        )
    if facts.stale_index:
        stale = facts.stale_index
        add(
            Finding(
                "index",
                f"the index of {len(stale)} log segment(s) disagrees with them ({stale[0]})",
                "advisors doctor --fix rebuilds it",
                fixable=True,
            )
        )
    if facts.records is not None:
        found += facts.records
        found += [
            Finding(
                "derived",
                f"{name}'s last contact is {stored or 'never'}, the log says {logged or 'never'}",
                "advisors doctor --fix rebuilds it from the log",
                fixable=True,
            )
            for name, stored, logged in facts.stale_contacts
        ]
    elif facts.segments:
        add(
            Finding(
                "segments",
                "the records were not checked: the log is not whole",
                "run 'advisors doctor' again once the log is back",
                fixable=False,
                serious=False,
            )
        )
    if facts.strays:
        add(
            Finding(
                "segments",
                f"{len(facts.strays)} log segment(s) named by nothing ({facts.strays[0]}): left "
                "by an interrupted write, or sent ahead by a sync",
                f"advisors doctor --fix moves them to {facts.stray_folder}",
                fixable=True,
            )
        )
    if facts.conflicts:
        add(
            Finding(
                "conflicts",
                f"sync conflict copies of the data file: {', '.join(facts.conflicts)}",
                "advisors merge",
                fixable=False,
            )
        )
    found += [
        Finding("backups", why, f"remove it: rm -r '{path}'", fixable=False)
        for path, why in facts.bad_backups
    ]
    found += [
        Finding(
            "undo",
            f"the undo step {file} ({command or 'a change'}) can't be restored: {why}",
            "advisors doctor --fix drops it from the history",
            fixable=True,
        )
        for file, command, why in facts.broken_steps
    ]
    return found
