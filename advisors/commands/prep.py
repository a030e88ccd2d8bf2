"""The brief before a conversation."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.actions import briefing as actions
from advisors.commands import CommandSet, current, present
from advisors.commands.params import JsonOpt, PersonArg

app = CommandSet()


@app.command()
def prep(
    name: PersonArg,
    markdown: Annotated[
        bool, typer.Option("--markdown", help="Print Markdown, to paste into a meeting note.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """One screen before a conversation: why, when, what's open."""
    present(actions.prep(current(), name, markdown=markdown), as_json)
