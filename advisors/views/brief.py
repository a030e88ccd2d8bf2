"""The brief before a conversation, as text or Markdown."""

from __future__ import annotations

from advisors.board.advice import advice_state
from advisors.board.brief import Brief
from advisors.board.records import Advice, Status
from advisors.cadence import cadence_words
from advisors.dates import days_ago_words
from advisors.views import occasions, street


def brief_lines(b: Brief, markdown: bool, width: int = 80) -> list[str]:
    """The brief as lines of text, wrapped to ``width``; Markdown headings and
    bullets if asked (Markdown is not wrapped)."""
    p = b.person
    bullet = "- " if markdown else "  "
    lines = [f"# Prep: {p.name}" if markdown else f"Prep: {p.name} ({p.role})"]
    facts = []
    if markdown:
        facts.append(f"{p.role}" + (f", {', '.join(p.areas)}" if p.areas else ""))
    if p.status == Status.PROSPECT:
        facts.append("A prospect: someone you mean to ask onto your board.")
    if p.status == Status.ARCHIVED:
        facts.append("Archived: off your board ('advisors resume' brings them back).")
    if p.status == Status.ALUMNI:
        facts.append("Alumni: a relationship you closed ('advisors resume' brings them back).")
    if p.why and not (b.mentee and (p.need or p.where)):
        facts.append(f"On your board because: {p.why}")
    if p.status == Status.PAUSED and b.standing is None:
        facts.append(
            f"Paused until {p.paused_until}." if p.paused_until else "Paused until you resume them."
        )
    s = b.standing
    if s is not None:
        since = days_ago_words(s.days_since)
        talked = (
            "You have not talked yet."
            if s.last_contact is None
            else (
                f"Last talked {s.last_contact} ({since}); you aim for {cadence_words(p.cadence)}."
            )
        )
        facts.append(talked)
        facts.append(
            f"Next due {s.next_due}"
            + (" (snoozed)" if s.snoozed else "")
            + (f", {s.days_overdue} days overdue." if s.days_overdue else ".")
        )
    lines += [f"{bullet}{f}" if markdown else f"  {f}" for f in facts]

    def section(title: str, items: list[str]) -> None:
        if items:
            lines.append("")
            lines.append(f"## {title}" if markdown else title)
            lines.extend(f"{bullet}{item}" for item in items)

    if b.mentee:  # listen to learn: where they are and what they need first
        section("Where they are", p.where.splitlines())
        section("What they need", p.need.splitlines())
        section("Why", p.why.splitlines() if p.need or p.where else [])
        section("Your open advice to them", [_advised(a) for a in b.advised])
        section("Topics to bring up", [t.text for t in b.topics])
        section(
            "Their goals",
            [
                g.title
                + (f" (success: {g.success})" if g.success else "")
                + (f", by {g.target}" if g.target else "")
                for g in b.their_goals
            ],
        )
    if b.agreement is not None:
        section("Your agreement", street.agreement_lines(b.agreement, b.today))
    section("Your notes on them", p.notes.splitlines())
    if b.last is not None and b.last.notes:
        section(f"Last time ({b.last.date}, {b.last.via})", b.last.notes.splitlines())
    section("You owe them", [f"{t.text}" + (f" (due {t.due})" if t.due else "") for t in b.mine])
    section(
        "You are waiting on", [f"{t.text}" + (f" (due {t.due})" if t.due else "") for t in b.theirs]
    )
    section(
        "Goals they help with",
        [f"{g.title}" + (f" (success: {g.success})" if g.success else "") for g in b.goals],
    )
    section("Advice to decide on", [a.text for a in b.to_decide])
    section(
        "Tell them how it went",
        [
            f"{a.text}" + (f": {a.outcome}" if a.outcome else " (you are trying it)")
            for a in b.to_report
        ],
    )
    if not b.mentee:
        section("Topics to bring up", [t.text for t in b.topics])
    section("What you gave lately", [street.give_line(g) for g in b.gives])
    section("Dates", [f"{d.label}: {occasions.when(d, b.today)}" for d in b.dates])
    if markdown:
        return lines
    import textwrap

    wrapped = []
    for line in lines:
        indent = line[: len(line) - len(line.lstrip())]
        wrapped += textwrap.wrap(
            line, width, subsequent_indent=indent + "  ", break_on_hyphens=False
        ) or [""]
    return wrapped


def _advised(a: Advice) -> str:
    state = advice_state(a)
    return f"{a.text} ({a.given}; {state})"


def show(b: Brief, markdown: bool) -> None:
    """``prep``: the brief, wrapped to the screen (Markdown is not wrapped)."""
    from advisors.views import console

    for line in brief_lines(b, markdown, console.width()):
        console.out(line)
