"""The whole board at a glance, and the rhythm of each relationship."""

from __future__ import annotations

from typing import Annotated

from advisors.actions import overview as actions
from advisors.commands import CommandSet, current, present
from advisors.commands.params import (
    AsOfOpt,
    JsonOpt,
    as_of_date,
    months_option,
    person_argument,
)

app = CommandSet()


@app.command()
def board(as_of: AsOfOpt = None, as_json: JsonOpt = False) -> None:
    """The areas of your life against your advisors: coverage, gaps, balance.

    Rows are the areas in the config's 'areas' list (career, wellness,
    spirituality, community and family by default), and any area an active
    advisor or an open goal names.
    """
    board = current()
    present(actions.board_overview(board, as_of=as_of_date(as_of, board.today())), as_json)


@app.command()
def stats(
    name: Annotated[
        str | None, person_argument("Only this person, with the gaps longer than their rhythm.")
    ] = None,
    months: Annotated[int, months_option("How many months to look back.")] = 12,
    as_of: AsOfOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """How consistently you keep in touch, least consistent first.

    A period runs someone's rhythm (--at-most, else their cadence) from the
    start of the window and from each conversation; it is kept when the next
    conversation comes by its last day. Consistency is the share kept; a gap
    is the days between two conversations in a row. Someone who
    joined during the window is measured from their first conversation or the
    day they were added, whichever is earlier.
    """
    board = current()
    day = as_of_date(as_of, board.today())
    present(actions.stats(board, name=name, months=months, as_of=day), as_json)
