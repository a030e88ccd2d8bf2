"""Get everything out: JSON, CSV, Markdown or a calendar."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from advisors import formats
from advisors.actions import exporting as actions
from advisors.commands import CommandSet, current, present
from advisors.commands.params import Choice, text_option

app = CommandSet()

WRITABLE = formats.writable()
FORMAT = Choice(
    [f.name for f in WRITABLE],
    "unknown --format {value}: choose " + formats.names(WRITABLE),
    aliases=formats.aliases(WRITABLE),
)
FORMAT_HELP = (
    ", ".join(f"{f.name} ({f.writes})" for f in WRITABLE[:-1])
    + f" or {WRITABLE[-1].name} ({WRITABLE[-1].writes})."
)


@app.command()
def export(
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            click_type=FORMAT,
            help=FORMAT_HELP,
        ),
    ] = "json",
    output: Annotated[
        Path | None,
        text_option(
            "--output",
            "Write to FILE (a folder for csv: people.csv and conversations.csv) "
            "instead of printing; - prints.",
            "FILE|DIR",
        ),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="For csv: start each file with the mark Excel needs to show accents right.",
        ),
    ] = False,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain", help="On an encrypted board: write the export in the clear, not encrypted."
        ),
    ] = False,
    to: Annotated[
        list[str] | None,
        typer.Option(
            "--to",
            metavar="RECIPIENT",
            help="Encrypt the export for this age public key (age1...); repeat for more.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write everything out: JSON, CSV, Markdown or a calendar (ICS)."""
    present(
        actions.export(
            current(), form=output_format, output=output, excel=excel, plain=plain, to=to
        )
    )
