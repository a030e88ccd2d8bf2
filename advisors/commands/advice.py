"""The advice loop: what you were told, what you decided, how it went, and
telling them (closing the loop is what keeps people advising you)."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.actions import advice as actions
from advisors.board.records import Decision
from advisors.commands import CommandSet, current, present
from advisors.commands.params import (
    Choice,
    JsonOpt,
    PersonArg,
    id_argument,
    read_date,
    text_option,
)
from advisors.errors import UsageProblem

app = CommandSet(
    "Advice you received (decide, try, report back) and advice you gave.", group="advice"
)

IdArg = Annotated[str, id_argument("advice", "advice list", "advice")]
DECISION = Choice(tuple(Decision), "decide 'taking' or 'declined', not {value}", kind=Decision)


@app.command("add")
def add(
    name: PersonArg,
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help="The advice, in a sentence.", show_default=False)
    ],
    given: Annotated[
        str, typer.Option("--date", metavar="DATE", help="When it was given.")
    ] = "today",
    mine: Annotated[
        bool,
        typer.Option("--given", help="Advice you gave them (someone you mentor)."),
    ] = False,
) -> None:
    """Record advice someone gave you (or, with --given, advice you gave them)."""
    present(actions.add_advice(current(), name, text, given=read_date(given), mine=mine))


@app.command("list")
def list_advice(
    open_only: Annotated[
        bool, typer.Option("--open", help="Only advice still waiting on you.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """List advice with where each piece stands."""
    present(actions.list_advice(current(), open_only=open_only), as_json)


@app.command("edit")
def edit(
    ident: IdArg,
    text: Annotated[str | None, text_option("--text", "New wording.")] = None,
) -> None:
    """Reword a piece of advice."""
    if text is None:
        raise UsageProblem("nothing to change: give --text")
    present(actions.edit_advice(current(), ident, text))


@app.command("drop")
def drop(ident: IdArg) -> None:
    """Delete a piece of advice recorded by mistake."""
    present(actions.drop_advice(current(), ident))


@app.command("decide")
def decide(
    ident: IdArg,
    decision: Annotated[
        Decision,
        typer.Argument(
            metavar="taking|declined",
            click_type=DECISION,
            show_default=False,
            help="taking (you will act on it) or declined.",
        ),
    ],
) -> None:
    """Say whether you are taking the advice."""
    present(actions.decide_advice(current(), ident, decision))


@app.command("outcome")
def outcome(
    ident: IdArg,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="How it went.", show_default=False)],
) -> None:
    """Record how acting on the advice went."""
    present(actions.advice_outcome(current(), ident, text))


@app.command("reported")
def reported(ident: IdArg) -> None:
    """Note that you told them how their advice worked out."""
    present(actions.advice_reported(current(), ident))
