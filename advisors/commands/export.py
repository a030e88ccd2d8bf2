"""Get everything out: JSON, CSV, Markdown or a calendar."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from advisors.board.brief import brief
from advisors.board.followups import whose
from advisors.board.records import Advice, Goal, Person, Todo, Topic
from advisors.board.rota import on_rota
from advisors.commands import CommandSet
from advisors.commands.params import (
    Choice,
    text_option,
)
from advisors.errors import UsageProblem
from advisors.session import current
from advisors.views import console
from advisors.views import export as views

app = CommandSet()

FORMAT = Choice(
    ("json", "csv", "markdown", "ics"),
    "unknown --format {value}: choose json, csv, markdown or ics",
    aliases={"md": "markdown", "ical": "ics", "icalendar": "ics"},
)


def _write(path: Path, payload: bytes) -> None:
    """A private file (it holds your notes), replaced whole, as the store
    writes its own."""
    from advisors.store import replace_with

    try:
        replace_with(path, payload)
    except OSError as exc:
        raise UsageProblem(f"can't write {path}: {exc.strerror or exc}") from None


@app.command()
def export(
    output_format: Annotated[
        str,
        typer.Option(
            "--format",
            click_type=FORMAT,
            help="json (everything, re-importable), csv (people and conversations), "
            "markdown (a report) or ics (check-ins and follow-ups for a calendar).",
        ),
    ] = "json",
    output: Annotated[
        Path | None,
        text_option(
            "--output",
            "Write to FILE (a folder for csv: people.csv and conversations.csv) "
            "instead of printing.",
            "FILE|DIR",
        ),
    ] = None,
) -> None:
    """Write everything out: JSON, CSV, Markdown or a calendar (ICS)."""
    session = current()
    today = session.today()
    data = session.read()
    everything = views.Everything(
        people=data.all(Person),
        conversations=data.newest_conversations(),
        goals=data.all(Goal),
        todos=data.all(Todo),
        topics=data.all(Topic),
        advice=data.all(Advice),
        deleted=data.deletions(),
        schema=int(data.meta.get("schema", 0)),
    )
    if output_format == "csv":
        tables = views.as_csv(everything, today)
        if output is None:
            console.out(tables["people.csv"] + "\n" + tables["conversations.csv"].rstrip("\n"))
            return
        if output.exists() and not output.is_dir():
            raise UsageProblem(
                f"--output {output} is a file: csv needs a folder for "
                "people.csv and conversations.csv"
            )
        output.mkdir(mode=0o700, parents=True, exist_ok=True)
        for name, text in tables.items():
            _write(output / name, text.encode("utf-8"))
        console.out(f"Wrote {output / 'people.csv'} and {output / 'conversations.csv'}.")
        return
    if output_format == "json":
        document = views.as_json(everything)
        if output is None:
            console.emit_json(document)
            return
        data_bytes = (console.json_text(document) + "\n").encode("utf-8")
    elif output_format == "markdown":
        data_bytes = views.as_markdown(everything, today).encode("utf-8")
    else:
        todos = [t for t in everything.todos if t.done is None]
        concerns = whose(data, todos)
        briefs = {
            p.id: brief(
                p,
                today,
                last=None,
                todos=todos,
                goals=everything.goals,
                advice=everything.advice,
                topics=everything.topics,
                within=session.config.within,
                concerns=concerns,
            )
            for p in everything.people
            if on_rota(p, today)
        }
        data_bytes = views.as_ics(everything, today, briefs)
    if output is None:
        if output_format == "ics":
            console.raw(data_bytes)  # CRLF lines, as RFC 5545 wants them
        else:
            console.out(data_bytes.decode("utf-8").rstrip("\n"))
        return
    if output.is_dir():
        raise UsageProblem(f"--output {output} is a folder: give a file name")
    _write(output, data_bytes)
    console.out(f"Wrote {output}.")
