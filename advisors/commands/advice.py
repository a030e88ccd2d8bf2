"""The advice loop: what you were told, what you decided, how it went, and
telling them (closing the loop is what keeps people advising you)."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors import render
from advisors.commands.common import JsonOpt, PersonArg, id_argument, required_text
from advisors.dates import parse_date
from advisors.errors import UsageProblem
from advisors.followups import CLOSED, advice_state
from advisors.models import Advice, Person
from advisors.session import current, find_by_id, find_person

app = typer.Typer(help="Advice you received: decide, try, and report back.",
                  no_args_is_help=True)

IdArg = Annotated[str, id_argument("advice", "advice list")]


@app.command("add")
def add_advice(
    name: PersonArg,
    text: Annotated[str, typer.Argument(help="The advice, in a sentence.",
                                        show_default=False)],
    given: Annotated[str, typer.Option(
        "--date", metavar="DATE", help="When they gave it.")] = "today",
) -> None:
    """Record advice someone gave you."""
    session = current()
    clean = required_text("advice", text)
    day = parse_date(given, session.today())
    with session.change() as data:
        person = find_person(data, name)
        advice = data.insert(Advice(person=person.id, text=clean, given=day.isoformat()))
    render.out(f"Recorded advice #{advice.id} from {person.name}. Decide with: "
               f"advisors advice decide {advice.id} taking|declined")


@app.command("list")
def list_advice(
    open_only: Annotated[bool, typer.Option(
        "--open", help="Only advice still waiting on you.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """List advice with where each piece stands."""
    data = current().read()
    names = {p.id: p.name for p in data.all(Person)}
    items = [a for a in data.all(Advice) if not open_only or advice_state(a) != CLOSED]
    items.sort(key=lambda a: (a.given, a.id), reverse=True)
    if as_json:
        render.emit_json([
            {"id": a.id, "person": names.get(a.person), "text": a.text, "given": a.given,
             "decision": a.decision, "outcome": a.outcome, "reported": a.reported,
             "state": advice_state(a), "conversation": a.conversation}
            for a in items])
        return
    if not items:
        render.err("No advice recorded yet." if not open_only else "Nothing waiting on you.")
        return
    render.table(
        [render.Column("ID", justify="right"), render.Column("From", shrink=1, min_width=10),
         render.Column("Advice", shrink=2), render.Column("Given", drop=1),
         render.Column("State")],
        [[str(a.id), names.get(a.person, f"#{a.person}"), a.text, a.given, advice_state(a)]
         for a in items],
    )


@app.command("decide")
def decide(
    ident: IdArg,
    decision: Annotated[str, typer.Argument(
        metavar="taking|declined", help="taking (you will act on it) or declined.",
        show_default=False)],
) -> None:
    """Say whether you are taking the advice."""
    word = decision.strip().lower()
    if word not in ("taking", "declined"):
        raise UsageProblem(f"decide 'taking' or 'declined', not {decision!r}")
    with current().change() as data:
        advice = find_by_id(data, Advice, ident, "advice")
        advice.decision = word
        data.save(advice)
    tip = "Record how it went with: advisors advice outcome " + str(advice.id) + " TEXT"
    render.out(f"Advice #{advice.id}: {word}. " + (tip if word == "taking" else ""))


@app.command("outcome")
def outcome(
    ident: IdArg,
    text: Annotated[str, typer.Argument(help="How it went.", show_default=False)],
) -> None:
    """Record how acting on the advice went."""
    clean = required_text("outcome", text)
    with current().change() as data:
        advice = find_by_id(data, Advice, ident, "advice")
        advice.outcome = clean
        if advice.decision is None:
            advice.decision = "taking"
        data.save(advice)
        person = data.get(Person, advice.person)
    who = person.name if person else "them"
    render.out(f"Noted. Tell {who} how it went, then: advisors advice reported {advice.id}")


@app.command("reported")
def reported(ident: IdArg) -> None:
    """Note that you told them how their advice worked out."""
    session = current()
    with session.change() as data:
        advice = find_by_id(data, Advice, ident, "advice")
        advice.reported = session.today().isoformat()
        data.save(advice)
    render.out(f"Loop closed on advice #{advice.id}. Thank you for telling them.")
