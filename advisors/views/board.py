"""The whole board and the rhythm of each relationship, as text."""

from __future__ import annotations

from datetime import date

from advisors.board.coverage import Board
from advisors.board.rhythm import Rhythm, month_starts
from advisors.dates import days_ago_words
from advisors.views import console
from advisors.views.due import state_words

BLOCKS = "·▁▂▃▄▅▆▇█"  # a month with no contact is a dot


def board(b: Board) -> None:
    """Each area with the advisors who cover it (never cut short), then the
    gaps and the balance, wrapped to the width of the terminal or 80."""
    for index, area in enumerate(b.areas):
        if index:
            console.out()
        fresh = (
            f"freshest contact {days_ago_words((b.as_of - area.freshest).days)}"
            if area.freshest
            else "no contact yet"
        )
        if not area.advisors:
            console.say(f"{area.name}: nobody", "bold")
        else:
            console.say(f"{area.name} ({fresh})", "bold")
        width = max((len(s.person.name) for s in area.advisors), default=0)
        for s in area.advisors:
            console.say(f"  {s.person.name.ljust(width)}  {state_words(s, b.as_of)}", s.state)
        if area.goals:
            paragraph("goals: " + "; ".join(g.title for g in area.goals), "  ")
    if b.gaps:
        console.heading("Gaps")
        for gap in b.gaps:
            paragraph(gap.sentence, "  - ", "    ")
    bal = b.balance
    console.heading("Two-way street (conversations in the last 90 days)")
    for label, side in (
        ("Learn from", bal.learn_from),
        ("Peers", bal.peers),
        ("You mentor", bal.mentees),
    ):
        console.out(
            f"  {label + ':':12}{side.people} "
            f"{'person' if side.people == 1 else 'people'}, "
            f"{side.conversations} conversation{'s' if side.conversations != 1 else ''}"
        )
    console.out(
        f"  {'Advice:':12}{bal.advice_received} received, {bal.advice_acted_on} acted on"
        + (f", {bal.advice_given} given" if bal.advice_given else "")
    )
    if bal.leaning:
        paragraph(bal.leaning, "  ")
    if bal.exchanges:
        console.out("  Given and received, last 90 days / last year:")
        width = max(len(e.person.name) for e in bal.exchanges)
        for e in bal.exchanges:
            console.out(
                f"    {e.person.name.ljust(width)}  given {e.given_recent} / {e.given_year}, "
                f"received {e.received_recent} / {e.received_year}"
            )
    for e in bal.takers:
        paragraph(e.sentence(), "  - ", "    ")
    if b.alumni:
        console.heading("Alumni")
        paragraph(", ".join(p.name for p in b.alumni) + ".", "  ")


def paragraph(text: str, first: str, rest: str | None = None) -> None:
    import textwrap

    for line in textwrap.wrap(
        text,
        max(console.width(), 40),
        initial_indent=first,
        subsequent_indent=rest if rest is not None else first,
        break_on_hyphens=False,
    ):
        console.out(line)


def strip(counts: list[int]) -> str:
    """Contacts per month: blocks on a terminal, digits when piped."""
    if console.use_rich():
        top = max(max(counts), 1)
        return "".join(BLOCKS[0] if n == 0 else BLOCKS[max(1, round(8 * n / top))] for n in counts)
    return "".join("." if n == 0 else str(n) if n < 10 else "+" for n in counts)


def percent(value: float | None) -> str:
    return "-" if value is None else f"{round(100 * value)}%"


def days(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}d"


def rhythms(found: list[Rhythm], as_of: date, months: int) -> None:
    starts = month_starts(as_of, months)
    console.out(f"Contacts per month, {starts[0]:%b %Y} to {as_of:%b %Y} (oldest first).")
    rows = [
        [
            r.person.name,
            strip(r.months),
            percent(r.consistency),
            days(r.average_gap),
            days(r.longest_gap),
            str(r.conversations),
        ]
        for r in found
    ]
    totals = [sum(r.months[i] for r in found) for i in range(months)]
    rated = [r.consistency for r in found if r.consistency is not None]
    rows.append(
        [
            "All",
            strip(totals),
            percent(sum(rated) / len(rated) if rated else None),
            "",
            "",
            str(sum(totals)),
        ]
    )
    console.table(
        [
            console.Column("Name", min_width=12),
            console.Column("Months"),
            console.Column("Kept", justify="right"),
            console.Column("Avg gap", justify="right", drop=2),
            console.Column("Longest", justify="right", drop=1),
            console.Column("Talks", justify="right", drop=3),
        ],
        rows,
    )


def one_rhythm(r: Rhythm, as_of: date, months: int) -> None:
    rhythms([r], as_of, months)
    console.out(f"Measured from {r.begin}: {r.kept} of {r.periods} periods kept.")
    if r.long_gaps:
        console.heading("Gaps longer than their rhythm")
        for gap in r.long_gaps:
            end = "now (still open)" if gap.still_open else str(gap.end)
            console.out(f"  {gap.start} to {end}: {gap.days} days")
