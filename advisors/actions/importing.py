"""Bring data in: an export or another data file (merged by uid), people from
a spreadsheet or an address book, meetings from a calendar (any format the
registry, ``advisors.formats``, can read); and merge the conflict copies a
sync tool left beside the data file."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisors import formats
from advisors.actions.board import Board
from advisors.actions.result import Result
from advisors.board.merge import Copy, Report, copy_of, merge
from advisors.board.records import Person, Status
from advisors.errors import DataFileProblem, UsageProblem


@dataclass
class Imported(Result):
    report: Report
    source: str
    dry_run: bool = False

    def as_json(self) -> Any:
        from advisors.views import imports

        return imports.as_json(self.report, source=self.source, dry_run=self.dry_run)

    def show(self) -> None:
        from advisors.views import imports

        imports.report(self.report, source=self.source, dry_run=self.dry_run)


def import_file(
    board: Board,
    file: Path,
    *,
    form: str | None = None,
    status: Status | None = None,
    dry_run: bool = False,
) -> Imported:
    """Read and check the whole file, then merge it in one change (or, with
    ``dry_run``, into a snapshot that is never written)."""
    source = file.name
    file = board.store.main_file_in(file) or file  # a backup's folder: its main file
    chosen = formats.named(form) if form else formats.guess(file)
    if not chosen.reads:
        raise UsageProblem(
            f"import can't read {chosen.name}: choose {formats.names(formats.readable())}"
        )
    if status is not None and not chosen.people:
        raise UsageProblem(
            f"--status is for people from a spreadsheet or an address book, not {chosen.name}"
        )
    payload = formats.read_bytes(file)
    # the board as it is: what a dry run changes, and who a calendar may name
    snapshot = board.read() if dry_run or chosen.name == "ics" else None
    context = formats.Context(
        today=board.today(),
        people=snapshot.all(Person) if snapshot is not None else [],
        status=Status(status) if status is not None else None,
        cadence_for=board.config.cadence_for,
        read_data_file=lambda path: _data_file_copy(board, path),
    )
    apply = chosen.load().read(file, payload, context)  # a bad file stops here
    if dry_run and snapshot is not None:
        return Imported(apply(snapshot), source, dry_run=True)
    with board.change() as data:
        report = apply(data)
    return Imported(report, source)


def _data_file_copy(board: Board, file: Path) -> Copy:
    try:
        return copy_of(board.store.read_other(file))
    except DataFileProblem as exc:
        raise UsageProblem(
            f"{file.name} is an advisors data file that can't be read: {exc}"
        ) from None


@dataclass
class Merged(Result):
    path: Path  # the data file
    merged: list[tuple[Path, Report, Path]] = field(default_factory=list)  # copy, report, moved to

    def as_json(self) -> Any:
        from advisors.views import imports

        return {
            "merged": [
                {**imports.as_json(r, source=p.name, dry_run=False), "moved_to": str(m)}
                for p, r, m in self.merged
            ]
        }

    def show(self) -> None:
        from advisors.views import imports

        imports.merged(self.path, self.merged)


def merge_copies(board: Board) -> Merged:
    """Merge each sync conflict copy of the data file by uid, in one change,
    then move the copies to ``backups/merged/``."""
    board.mention_conflicts = False
    store = board.store
    copies = store.conflict_copies()
    if not copies:
        return Merged(store.path)
    reports = []
    with board.change() as data:
        for path in copies:
            reports.append((path, merge(data, copy_of(store.read_copy(path)))))
    return Merged(store.path, [(path, report, store.set_aside(path)) for path, report in reports])
