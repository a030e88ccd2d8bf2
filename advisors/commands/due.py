"""The main view: who is due for a conversation."""

from __future__ import annotations

from advisors.actions import rota as actions
from advisors.commands import CommandSet, current, present
from advisors.commands.params import (
    AreaOpt,
    AsOfOpt,
    JsonOpt,
    RoleOpt,
    WithinOpt,
    as_of_date,
)

app = CommandSet()


@app.command()
def due(
    as_of: AsOfOpt = None,
    within: WithinOpt = None,
    role: RoleOpt = None,
    area: AreaOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Who is due for a conversation, most urgent first (the main view).

    Most urgent means most overdue relative to their rhythm: days since you
    last talked divided by how often you mean to talk.
    """
    board = current()
    day = as_of_date(as_of, board.today())
    present(actions.due(board, as_of=day, within=within, role=role, area=area), as_json)
