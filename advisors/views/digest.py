"""The weekly digest as plain text (for e-mail) or Markdown."""

from __future__ import annotations

from datetime import date

from advisors.board.digest import Digest
from advisors.board.followups import Whose
from advisors.cadence import cadence_words
from advisors.dates import days_words, relative_words
from advisors.views import occasions


def _relative(day: str, as_of: date) -> str:
    return relative_words((as_of - date.fromisoformat(day)).days)


def sections(
    digest: Digest, names: dict[int, str], concerns: Whose | None = None
) -> list[tuple[str, list[str]]]:
    """The digest as titled lists of sentences, empty sections left out."""
    as_of = digest.as_of
    window = "this week" if digest.within == 7 else f"in the next {days_words(digest.within)}"
    reconnect = []
    for s in digest.reconnect:
        rhythm = cadence_words(s.person.cadence)
        if s.last_contact is None:
            reconnect.append(
                f"Time to reach out to {s.person.name}: you haven't "
                f"talked yet (you aim for {rhythm})."
            )
        else:
            reconnect.append(
                f"Time to reconnect with {s.person.name}: "
                f"{days_words(s.days_since or 0)}, you aim for {rhythm}."
            )
    soon = [
        f"{s.person.name}: due {s.next_due} ({_relative(s.next_due.isoformat(), as_of)})"
        + (f", at the latest {s.latest}." if s.latest and s.latest > as_of else ".")
        for s in digest.due_soon
    ]
    mine = [
        f"{t.text}"
        + (
            f" (for {who})"
            if (who := concerns.of(t) if concerns else names.get(t.person or 0))
            else ""
        )
        + f": due {t.due}, {_relative(t.due or '', as_of)}."
        for t in digest.my_todos
    ]
    waiting = [
        f"{t.text}, from "
        f"{(concerns.of(t) if concerns else names.get(t.person or 0)) or 'someone'}"
        + (
            f": due {t.due}, {_relative(t.due, as_of)}."
            if t.due
            else f" (asked {t.created[:10]})."
            if t.created
            else "."
        )
        for t in digest.waiting
    ]
    advice = [
        f"Decide on {names.get(a.person, 'their')}'s advice: {a.text} (given {a.given})."
        for a in digest.to_decide
    ]
    advice += [
        f"Tell {names.get(a.person, 'them')} how it went: {a.text}"
        + (f" ({a.outcome})." if a.outcome else ".")
        for a in digest.to_report
    ]
    goals = [
        f"{g.title}: target {g.target} ({_relative(g.target or '', as_of)})." for g in digest.goals
    ]
    gaps = [gap.sentence for gap in digest.gaps]
    dates = [occasions.line(u, names) + "." for u in digest.coming]
    reviews = [r.sentence(as_of) + "." for r in digest.agreements]
    if digest.board_review:
        reviews.append(digest.board_review + " Run 'advisors review'.")
    found = [
        ("People to reconnect with", reconnect),
        (f"Due {window}", soon),
        ("Coming up", dates),
        ("Your follow-ups", mine),
        ("Waiting on others", waiting),
        ("Advice", advice),
        ("Goals coming up", goals),
        ("Board gaps", gaps),
        ("Reviews", reviews),
    ]
    return [(title, items) for title, items in found if items]


def text_lines(parts: list[tuple[str, list[str]]], as_of: date, width: int = 80) -> list[str]:
    """Plain text for an e-mail: no escape codes, no boxes, lines <= width."""
    import textwrap

    lines = [f"Your board of advisors, {as_of:%A} {as_of.day} {as_of:%B %Y}"]
    for title, items in parts:
        lines += ["", title]
        for item in items:
            lines += textwrap.wrap(
                item, width, initial_indent="  - ", subsequent_indent="    ", break_on_hyphens=False
            )
    return lines


def markdown_lines(parts: list[tuple[str, list[str]]], as_of: date) -> list[str]:
    lines = [f"# Your board of advisors, {as_of.isoformat()}"]
    for title, items in parts:
        lines += ["", f"## {title}", ""]
        lines += [f"- {item}" for item in items]
    return lines


def show(
    digest: Digest, names: dict[int, str], concerns: Whose, form: str, *, always: bool
) -> None:
    """``remind``: the sections that need attention; nothing at all when none
    does (so cron sends no empty mail), unless ``always``."""
    from advisors.views import console

    if digest.needs_attention:
        parts = sections(digest, names, concerns)
        lines = (
            markdown_lines(parts, digest.as_of)
            if form == "markdown"
            else text_lines(parts, digest.as_of, console.width())
        )
        for line in lines:
            console.out(line)
    elif always:
        console.out("All caught up: nobody to reconnect with and nothing waiting on you.")
