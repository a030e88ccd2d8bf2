"""``search``: what did we say about X?"""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.actions import finding as actions
from advisors.board.search import PLACES
from advisors.commands import CommandSet, current, present
from advisors.commands.params import JsonOpt, date_option, read_date

app = CommandSet()


@app.command()
def search(
    text: Annotated[
        list[str],
        typer.Argument(
            metavar="TEXT...",
            help="Words that must all be there (case and accents ignored); "
            "'\"a phrase\"' in quotes as written.",
            show_default=False,
        ),
    ],
    places: Annotated[
        list[str] | None,
        typer.Option(
            "--in",
            metavar="PLACE",
            show_default=False,
            help=f"Only search {', '.join(PLACES)}; repeat for more.",
        ),
    ] = None,
    since: Annotated[
        str | None, date_option("--since", "Only what is dated DATE or later.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Find the notes, topics, follow-ups, advice, goals, gives and people on TEXT."""
    day = read_date(since) if since else None
    present(actions.search_all(current(), " ".join(text), places=places, since=day), as_json)
