"""Bring data in: an export or another data file (merged by uid), people from
a spreadsheet or an address book, meetings from a calendar (any format the
registry, ``advisors.formats``, can read); and merge the conflict copies a
sync tool left beside the data file."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from advisors import formats
from advisors.actions.board import Board
from advisors.actions.result import Confirm, Result
from advisors.board.merge import MANY_ADDS, Copy, Report, copy_of, doubtful, merge, weighty
from advisors.board.records import Person, Status
from advisors.errors import DataFileProblem, UsageProblem
from advisors.formats.columns import parse_map


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


class _AskFirst(Exception):
    """A change big enough to ask about: the transaction is left unwritten,
    the question asked without the lock, and the change made again."""

    def __init__(self, report: Report) -> None:
        super().__init__()
        self.report = report


def _counts(report: Report) -> str:
    return (
        f"{report.count('add')} to add, {report.count('update')} to update, "
        f"{report.count('delete')} to remove"
    )


def _ask(confirm: Confirm, report: Report, what: str, verb: str) -> None:
    confirm(
        f"{what}: {_counts(report)}. Go ahead?",
        f"{verb} {what} would remove or change records ({_counts(report)}); see them with "
        "--dry-run, then add --yes",
    )


def import_file(
    board: Board,
    file: Path,
    *,
    form: str | None = None,
    status: Status | None = None,
    dry_run: bool = False,
    max_size: int = formats.MAX_BYTES,
    encoding: str | None = None,
    columns: list[str] | None = None,
    strict: bool = False,
    merge_by_name: bool = False,
    confirm: Confirm | None = None,
) -> Imported:
    """Read and check the whole file, then merge it in one change (or, with
    ``dry_run``, into a snapshot that is never written). A record that can't
    be read is skipped and named (``strict`` refuses the file instead).
    ``encoding`` says the file's when detection is wrong; ``columns`` says
    what a spreadsheet's columns hold ("Full name=name,Firm=org"); with
    ``merge_by_name``, a contact with a person's name is that person
    whatever their e-mail. A change that removes records, or changes or adds
    many, is put to ``confirm`` first."""
    source = "standard input" if str(file) == "-" else file.name
    file = board.store.main_file_in(file) or file  # a backup's folder: its main file
    chosen = formats.named(form) if form else formats.guess(file)
    if not chosen.reads:
        choose = formats.names(formats.readable())
        raise UsageProblem(f"import can't read {chosen.name}: choose {choose}")
    if status is not None and not chosen.people:
        raise UsageProblem(
            f"--status is for people from a spreadsheet or an address book, not {chosen.name}"
        )
    if columns and chosen.name != "csv":
        raise UsageProblem(f"--map is for the columns of a spreadsheet (CSV), not {chosen.name}")
    mapping = parse_map(columns or [])
    payload = opened(formats.read_bytes(file, max_size), file)
    # the board as it is: what a dry run changes, and who a calendar may name
    snapshot = board.read() if dry_run or chosen.name == "ics" else None
    context = formats.Context(
        today=board.today(),
        people=snapshot.all(Person) if snapshot is not None else [],
        status=Status(status) if status is not None else None,
        cadence_for=board.config.cadence_for,
        read_data_file=lambda path: _data_file_copy(board, path),
        encoding=encoding,
        strict=strict,
        columns=mapping,
        merge_by_name=merge_by_name,
        me=frozenset(a.casefold() for a in board.config.me),
        dry_run=dry_run,
    )

    def reader() -> formats.Apply:  # a bad file stops here, before any lock
        context.begin()
        return chosen.load().read(file, payload, context)

    def told(report: Report) -> Report:
        report.notes[:0] = context.notes
        report.skipped = dict(context.skipped)
        return report

    if confirm is not None and not dry_run:
        context.most = MANY_ADDS
    try:
        apply = reader()
        context.check_count(apply.records)
    except formats.TooMany as many:
        # asked before the work (and the memory) of bringing in that many
        assert confirm is not None
        confirm(
            f"{source} holds {many.records:,} records to bring in. Go ahead?",
            f"{source} holds {many.records:,} records, more than one import brings in "
            f"without asking ({MANY_ADDS:,}); see them with --dry-run, then add --yes",
        )
        confirm, context.most = None, None
        apply = reader()
    if dry_run and snapshot is not None:
        return Imported(told(apply(snapshot)), source, dry_run=True)
    try:
        with board.change() as data:
            report = apply(data)
            if confirm is not None and weighty(report):
                raise _AskFirst(report)
    except _AskFirst as first:
        _ask(confirm, first.report, source, "importing")  # type: ignore[arg-type]
        apply = reader()  # read afresh: a merge changes what it merged
        with board.change() as data:
            report = apply(data)
    return Imported(told(report), source)


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


def merge_copies(board: Board, *, confirm: Confirm | None = None) -> Merged:
    """Merge each sync conflict copy of the data file by uid, in one change,
    then move the copies to ``backups/merged/``. A copy with a uid used twice
    or a time in the future is refused; a merge that removes records or
    changes many is put to ``confirm`` first."""
    board.mention_conflicts = False
    store = board.store
    copies = store.conflict_copies()
    if not copies:
        return Merged(store.path)

    def merged() -> list[tuple[Path, Report]]:
        reports = []
        with board.change() as data:
            for path in copies:
                theirs = store.read_copy(path, beside=data)
                # both sides' conversations only where their logs differ
                copy = copy_of(theirs, theirs.conversations_apart_from(data), data.same_as(theirs))
                copy.mine = data.conversations_apart_from(theirs)
                why = doubtful(copy, datetime.now().astimezone())
                if why is not None:
                    raise UsageProblem(f"the conflict copy {path.name}: {why}; nothing was merged")
                reports.append((path, merge(data, copy)))
            if confirm is not None and any(weighty(r) for _p, r in reports):
                total = Report([c for _p, r in reports for c in r.changes])
                raise _AskFirst(total)
        return reports

    try:
        reports = merged()
    except _AskFirst as first:
        _ask(confirm, first.report, "the conflict copies", "merging")  # type: ignore[arg-type]
        confirm = None
        reports = merged()
    return Merged(store.path, [(path, report, store.set_aside(path)) for path, report in reports])


def opened(payload: bytes, file: Path) -> bytes:
    """A file sealed in the age format (an encrypted board's export, say),
    decrypted in memory with this device's keys; any other as it is."""
    from advisors.errors import Locked
    from advisors.store.sealing import is_sealed, unseal

    if not is_sealed(payload):
        return payload
    try:
        return unseal(payload)
    except Locked as exc:
        exc.path = file
        raise
    except ValueError:
        raise UsageProblem(f"{file} is encrypted (age) but damaged: it does not decrypt") from None
