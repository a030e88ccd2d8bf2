"""Bring data in: an export or another data file (merged by uid), people from
a spreadsheet or an address book, meetings from a calendar; and merge the
conflict copies a sync tool left beside the data file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from advisors.board.merge import Copy, Report
from advisors.board.records import Records
from advisors.commands import CommandSet
from advisors.commands.params import STATUS, Choice, JsonOpt
from advisors.errors import UsageProblem
from advisors.session import Session, current
from advisors.views import console, imports

app = CommandSet()

FORMAT = Choice(
    ("json", "csv", "vcard", "ics"),
    "unknown --format {value}: choose json, csv, vcard or ics",
    aliases={"vcf": "vcard", "ical": "ics", "icalendar": "ics"},
)
Action = Callable[[Records], Report]


@app.command("import")
def import_(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            show_default=False,
            help="The file to bring in: an export or data file (.json), a backup's "
            "folder, a spreadsheet (.csv), an address book (.vcf) or a calendar (.ics).",
        ),
    ],
    file_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            click_type=FORMAT,
            show_default=False,
            help="json, csv, vcard or ics; by default, from the file's extension.",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Show what would be added, updated and skipped; write nothing."
        ),
    ] = False,
    status: Annotated[
        str | None,
        typer.Option(
            "--status",
            click_type=STATUS,
            show_default=False,
            help="The status of the people a CSV or vCard adds (a row's own status wins); "
            "prospect keeps a whole address book out of due.",
        ),
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Bring in an export, people (CSV, vCard) or calendar meetings (ICS)."""
    from advisors import sources

    session = current()
    source = file.name
    if file.is_dir() and (file / session.path.name).is_file():  # a backup folder
        file = file / session.path.name
    chosen = file_format or sources.guess_format(file)
    if status is not None and chosen not in ("csv", "vcard"):
        raise UsageProblem(
            f"--status is for people from a spreadsheet or an address book, not {chosen}"
        )
    payload = sources.read_bytes(file)
    # the board as it is: what a dry run changes, and who a calendar may name
    snapshot = session.read() if dry_run or chosen == "ics" else None
    action = _reader(session, chosen, file, payload, status, snapshot)  # a bad file stops here
    if dry_run and snapshot is not None:
        result = action(snapshot)
    else:
        with session.change() as data:
            result = action(data)
    if as_json:
        console.emit_json(imports.as_json(result, source=source, dry_run=dry_run))
    else:
        imports.report(result, source=source, dry_run=dry_run)


def _reader(
    session: Session,
    chosen: str,
    file: Path,
    payload: bytes,
    status: str | None,
    snapshot: Records | None,
) -> Action:
    """Read and check the file now; return what merges it into a board."""
    from advisors import sources

    today = session.today()
    if chosen == "json":
        from advisors.board.merge import merge
        from advisors.sources import export_json

        document = export_json.parse_json(file, payload)
        if export_json.is_data_file(document):
            copy = _data_file_copy(session, file)
        else:
            copy = export_json.read_export(file, document)
        export_json.check_values(file, copy)
        return lambda board: merge(board, copy)
    if chosen == "ics":
        from advisors.board.calendar import Clues, log_meetings
        from advisors.board.records import Person
        from advisors.sources.calendar import read_meetings

        assert snapshot is not None
        clues = Clues.of(snapshot.all(Person))  # to pass over the events naming no one
        meetings, unnamed = read_meetings(file, payload, today, clues)
        return lambda board: log_meetings(board, meetings, today, unnamed=unnamed)
    from advisors.board.contacts import bring_in
    from advisors.sources.people_csv import read_people
    from advisors.sources.vcard import read_cards

    text = sources.read_text(file, payload)
    # a spreadsheet is the user's own edit and updates; an address book only adds
    update = chosen == "csv"
    contacts = read_people(file, text) if update else read_cards(file, text)
    return lambda board: bring_in(
        board, contacts, update=update, status=status, cadence_for=session.config.cadence_for
    )


def _data_file_copy(session: Session, file: Path) -> Copy:
    from advisors.errors import DataFileProblem

    try:
        return session.datafile.read_other(file).as_copy()
    except DataFileProblem as exc:
        raise UsageProblem(
            f"{file.name} is an advisors data file that can't be read: {exc}"
        ) from None


@app.command()
def merge(as_json: JsonOpt = False) -> None:
    """Merge sync conflict copies of the data file into it, then move them aside."""
    from advisors.board.merge import merge as merge_copy

    session = current()
    session.mention_conflicts = False
    datafile = session.datafile
    copies = datafile.layout.conflict_copies()
    if not copies:
        if as_json:
            console.emit_json({"merged": []})
        else:
            console.out(f"No sync conflict copies beside {datafile.path}.")
        return
    results = []
    with session.change() as data:
        for path in copies:
            results.append((path, merge_copy(data, datafile.read_copy(path).as_copy())))
    moved = [datafile.set_aside(path) for path in copies]
    if as_json:
        console.emit_json(
            {
                "merged": [
                    {**imports.as_json(r, source=p.name, dry_run=False), "moved_to": str(m)}
                    for (p, r), m in zip(results, moved, strict=True)
                ]
            }
        )
        return
    for (path, result), target in zip(results, moved, strict=True):
        imports.report(result, source=path.name, dry_run=False, verb="Merged")
        console.out(f"Moved {path.name} to {target}.")
