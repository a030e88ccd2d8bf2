"""Bring data in: an export or another data file (merged by uid), people from
a spreadsheet or an address book, meetings from a calendar; and merge the
conflict copies a sync tool left beside the data file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from advisors import formats
from advisors.actions import importing as actions
from advisors.board.records import Status
from advisors.commands import CommandSet, confirm, current, present
from advisors.commands.params import STATUS, Choice, JsonOpt, WholeNumber, YesOpt
from advisors.formats.columns import TARGETS

app = CommandSet()

READABLE = formats.readable()
FORMAT = Choice(
    [f.name for f in READABLE],
    "unknown --format {value}: choose " + formats.names(READABLE),
    aliases=formats.aliases(READABLE),
)
FILE_HELP = (
    f"The file to bring in: {READABLE[0].noun} ({READABLE[0].extensions[0]}), a backup's folder, "
    + ", ".join(f"{f.noun} ({f.extensions[0]})" for f in READABLE[1:-1])
    + f" or {READABLE[-1].noun} ({READABLE[-1].extensions[0]})."
)


@app.command("import")
def import_(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            show_default=False,
            help=FILE_HELP,
        ),
    ],
    file_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            click_type=FORMAT,
            show_default=False,
            help=f"{formats.names(READABLE)}; by default, from the file's extension.",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Show what would be added, updated and skipped; write nothing."
        ),
    ] = False,
    status: Annotated[
        Status | None,
        typer.Option(
            "--status",
            click_type=STATUS,
            show_default=False,
            help="The status of the people a CSV or vCard adds (a row's own status wins); "
            "prospect keeps a whole address book out of due.",
        ),
    ] = None,
    max_size: Annotated[
        int,
        typer.Option(
            "--max-size",
            metavar="MB",
            click_type=WholeNumber(1, 100_000, "--max-size", "MB"),
            help="Refuse a file larger than this many megabytes (a guard against the wrong file).",
        ),
    ] = formats.MAX_BYTES // (1024 * 1024),
    columns: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="COLUMN=FIELD,...",
            show_default=False,
            help="Say what a spreadsheet's columns hold, such as 'Full name=name,Firm=org' "
            f"(fields: {', '.join(TARGETS)}).",
        ),
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(
            "--encoding",
            show_default=False,
            help="The file's text encoding (cp1252, latin-1, utf-16...), when the guess is wrong.",
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="Refuse the whole file at its first bad record, rather than skip it."
        ),
    ] = False,
    merge_by_name: Annotated[
        bool,
        typer.Option(
            "--merge-by-name",
            help="Take a contact with a person's name as that person, even with another e-mail.",
        ),
    ] = False,
    yes: YesOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Bring in an export, people (CSV, vCard) or calendar meetings (ICS).

    An import that would remove records, update more than a few or add more
    than a thousand shows the counts and asks first (--yes does not ask).
    """
    result = actions.import_file(
        current(),
        file,
        form=file_format,
        status=status,
        dry_run=dry_run,
        max_size=max_size * 1024 * 1024,
        encoding=encoding,
        columns=columns,
        strict=strict,
        merge_by_name=merge_by_name,
        confirm=confirm(yes),
    )
    present(result, as_json)


@app.command()
def merge(yes: YesOpt = False, as_json: JsonOpt = False) -> None:
    """Merge sync conflict copies of the data file into it, then move them aside."""
    present(actions.merge_copies(current(), confirm=confirm(yes)), as_json)
