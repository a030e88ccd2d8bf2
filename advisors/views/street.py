"""The two-way street in words: agreements, what you gave, endings, and the
board review."""

from __future__ import annotations

from datetime import date

from advisors.board.giving import Exchange
from advisors.board.records import Agreement, Give, Person
from advisors.board.stocktake import Recorded, Seat, Stocktake


def agreement_lines(a: Agreement, today: date) -> list[str]:
    """The terms, one per line, then when it is reviewed."""
    lines = []
    if a.ask:
        lines.append(f"You ask: {a.ask}")
    if a.offer:
        lines.append(f"You offer: {a.offer}")
    if a.format:
        lines.append(f"How you meet: {a.format}")
    if a.confidential is not None:
        lines.append(
            "Confidential: what you say stays between you."
            if a.confidential
            else "Open: you may share what you talk about."
        )
    since = f"Agreed {a.agreed}" if not a.reviewed else f"Last reviewed {a.reviewed}"
    if a.review and a.review <= today.isoformat():
        lines.append(f"{since}; time to review it together (due {a.review}).")
    elif a.review:
        lines.append(f"{since}; review it together by {a.review}.")
    if a.note:
        lines.append(f"At the last review: {a.note}")
    return lines


def give_line(g: Give) -> str:
    return f"{g.date} {g.kind_of}: {g.text}"


def agreed(person: Person, a: Agreement | None, today: date, what: str) -> None:
    from advisors.views import console

    heading = {
        "made": f"Agreed with {person.name}.",
        "changed": f"Changed your agreement with {person.name}.",
        "reviewed": f"Reviewed your agreement with {person.name}.",
        "shown": f"Your agreement with {person.name}:",
    }[what]
    console.out(heading)
    for line in agreement_lines(a, today) if a else []:
        console.para(f"  {line}", hang=4)


def given(g: Give, person: Person, e: Exchange) -> None:
    from advisors.views import console

    console.para(f"Noted for {person.name} ({g.kind_of}, {g.date}): {g.text}", hang=2)
    console.para(
        f"This year you gave {person.name} {_things(e.given_year)} "
        f"and received {_pieces(e.received_year)}.",
        hang=2,
    )


def _things(n: int) -> str:
    return "nothing" if n == 0 else "1 thing" if n == 1 else f"{n} things"


def _pieces(n: int) -> str:
    return "no advice" if n == 0 else "1 piece of advice" if n == 1 else f"{n} pieces of advice"


def closed(person: Person, message: str) -> None:
    from advisors.views import console

    console.para(
        f"Closed your relationship with {person.name}: alumni now, kept with their "
        f"history and out of 'due' ('advisors resume {person.id}' brings them back).",
        hang=0,
    )
    console.out("")
    console.out("A last message you could send:")
    console.para(f"  {message}", hang=2)


def seat(s: Seat, today: date) -> None:
    """One person on the review's walk."""
    from advisors.views import console

    p = s.person
    console.out("")
    where = f" at {p.org}" if p.org else ""
    console.say(f"{p.name}: {p.role}{where}", "bold")
    facts = [
        f"{_talks(s.tie.conversations)} in the last year ({s.tie.strength} tie)",
        f"areas: {', '.join(p.areas)}" if p.areas else "no areas",
    ]
    if s.exchange is not None:
        facts.append(
            f"this year you gave {_things(s.exchange.given_year)}, "
            f"received {_pieces(s.exchange.received_year)}"
        )
    console.para("  " + "; ".join(facts) + ".", hang=2)
    if s.agreement is not None:
        console.para(f"  {s.agreement.sentence(today)}.", hang=2)


def _talks(n: int) -> str:
    return f"{n} conversation{'s' if n != 1 else ''}"


def review(take: Stocktake, recorded: Recorded | None) -> None:
    """The review's summary, and what was kept when it was done."""
    from advisors.views import console

    if recorded is not None:
        done = recorded.review
        counts = [
            f"{len(ids)} to {word}"
            for ids, word in (
                (done.keep, "keep"),
                (done.deepen, "deepen"),
                (done.rotate, "rotate out"),
            )
            if ids
        ]
        console.para(
            f"Board review of {done.date} recorded"
            + (f": {', '.join(counts)}." if counts else ".")
            + " ('advisors undo' takes it back.)",
            hang=0,
        )
        for person in recorded.rotated:
            console.para(f"  {person.name} is alumni now, kept with their history.", hang=4)
        console.out("")
    console.say(f"Your board on {take.as_of} ({_people(len(take.ties))} active)", "bold")
    if take.due:
        console.para(f"  {take.due}", hang=4)
    elif take.last_review:
        console.out(f"  Last reviewed {take.last_review}.")
    console.heading("Areas")
    for area, names in take.covered.items():
        console.para(f"  {area}: {', '.join(names)}", hang=4)
    if take.uncovered:
        console.para(f"  Not covered: {', '.join(take.uncovered)}.", hang=4)
    console.heading("The mix")
    console.para(
        "  By org: " + (", ".join(f"{s.value} {s.count}" for s in take.orgs) or "no orgs noted"),
        hang=4,
    )
    console.para("  By role: " + ", ".join(f"{s.value} {s.count}" for s in take.roles), hang=4)
    for warning in take.warnings:
        console.para(f"  - {warning}", hang=4)
    console.heading("Ties (conversations in the last year)")
    width = max((len(t.person.name) for t in take.ties), default=0)
    for t in take.ties:
        console.out(f"  {t.person.name.ljust(width)}  {t.conversations:>3}  {t.strength}")
    if take.takers:
        console.heading("Only taken from")
        for e in take.takers:
            console.para(f"  - {e.sentence()}", hang=4)
    if take.agreements:
        console.heading("Agreements past review")
        for due in take.agreements:
            console.para(f"  - {due.sentence(take.as_of)}.", hang=4)


def _people(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'people'}"
