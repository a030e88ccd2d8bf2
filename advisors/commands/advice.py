"""The advice loop: what you were told, what you decided, how it went, and
telling them (closing the loop is what keeps people advising you)."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.board import advice as loop
from advisors.board.finding import find_by_id, find_person
from advisors.board.followups import drop as drop_item
from advisors.board.followups import reword
from advisors.board.records import Advice, Decision, Person
from advisors.board.values import MAX_TEXT, required_text
from advisors.commands import CommandSet
from advisors.commands.params import (
    Choice,
    JsonOpt,
    PersonArg,
    id_argument,
    read_date,
    text_option,
)
from advisors.errors import UsageProblem
from advisors.session import current
from advisors.views import console, shapes
from advisors.views.followups import advice_list

app = CommandSet("Advice you received: decide, try, and report back.", group="advice")

IdArg = Annotated[str, id_argument("advice", "advice list", "advice")]
DECISION = Choice(tuple(Decision), "decide 'taking' or 'declined', not {value}")


@app.command("add")
def add(
    name: PersonArg,
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help="The advice, in a sentence.", show_default=False)
    ],
    given: Annotated[
        str, typer.Option("--date", metavar="DATE", help="When they gave it.")
    ] = "today",
) -> None:
    """Record advice someone gave you."""
    session = current()
    clean = required_text("advice", text, most=MAX_TEXT)
    day = read_date(given)
    with session.change() as data:
        person = find_person(data, name)
        advice = loop.add_advice(data, person, clean, day)
    console.out(
        f"Recorded advice #{advice.id} from {person.name}. Decide with: "
        f"advisors advice decide {advice.id} taking|declined"
    )


@app.command("list")
def list_advice(
    open_only: Annotated[
        bool, typer.Option("--open", help="Only advice still waiting on you.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """List advice with where each piece stands."""
    data = current().read()
    names = {p.id: p.name for p in data.all(Person)}
    items = [
        a for a in data.all(Advice) if not open_only or loop.advice_state(a) not in loop.CLOSED
    ]
    items.sort(key=lambda a: (a.given, a.id), reverse=True)
    if as_json:
        console.emit_json([shapes.advice(a, names) for a in items])
    else:
        advice_list(items, names, open_only=open_only)


@app.command("edit")
def edit(
    ident: IdArg,
    text: Annotated[str | None, text_option("--text", "New wording.")] = None,
) -> None:
    """Reword a piece of advice."""
    if text is None:
        raise UsageProblem("nothing to change: give --text")
    clean = required_text("advice", text, most=MAX_TEXT)
    with current().change() as data:
        advice = reword(data, find_by_id(data, Advice, ident, "advice"), clean)
    console.out(f"Updated advice #{advice.id}: {advice.text}")


@app.command("drop")
def drop(ident: IdArg) -> None:
    """Delete a piece of advice recorded by mistake."""
    with current().change() as data:
        advice = drop_item(data, find_by_id(data, Advice, ident, "advice"))
    console.out(f"Dropped advice #{advice.id}: {advice.text}")


@app.command("decide")
def decide(
    ident: IdArg,
    decision: Annotated[
        str,
        typer.Argument(
            metavar="taking|declined",
            click_type=DECISION,
            show_default=False,
            help="taking (you will act on it) or declined.",
        ),
    ],
) -> None:
    """Say whether you are taking the advice."""
    with current().change() as data:
        advice = loop.decide(data, find_by_id(data, Advice, ident, "advice"), Decision(decision))
    tip = f" Record how it went with: advisors advice outcome {advice.id} TEXT"
    console.out(f"Advice #{advice.id}: {decision}." + (tip if decision == "taking" else ""))


@app.command("outcome")
def outcome(
    ident: IdArg,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="How it went.", show_default=False)],
) -> None:
    """Record how acting on the advice went."""
    clean = required_text("outcome", text, most=MAX_TEXT)
    with current().change() as data:
        advice = loop.record_outcome(data, find_by_id(data, Advice, ident, "advice"), clean)
        person = data.get(Person, advice.person)
    who = person.name if person else "them"
    console.out(f"Noted. Tell {who} how it went, then: advisors advice reported {advice.id}")


@app.command("reported")
def reported(ident: IdArg) -> None:
    """Note that you told them how their advice worked out."""
    session = current()
    with session.change() as data:
        advice = loop.mark_reported(
            data, find_by_id(data, Advice, ident, "advice"), session.today()
        )
    console.out(f"Loop closed on advice #{advice.id}. Thank you for telling them.")
