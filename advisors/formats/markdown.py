"""Markdown: a readable report of the board, written by ``export``."""

from __future__ import annotations

import re
from datetime import date

from advisors.board.due import next_due
from advisors.board.records import GoalStatus, Status
from advisors.board.values import flat
from advisors.cadence import cadence_words
from advisors.formats import Everything

# What Markdown (CommonMark, GitHub's) would read as markup: a backslash
# before each keeps it text, so a name or a note can't become a heading, a
# link, emphasis or HTML.
_MARKUP = re.compile(r"([\\`*_\[\]<>#|!~&])")


def md(text: str) -> str:
    """Text as one line of Markdown that shows as written."""
    return _MARKUP.sub(r"\\\1", flat(text))


def write(e: Everything, today: date) -> dict[str, bytes]:
    """A readable report: the board, then each person with their conversations,
    newest first."""
    names = {p.id: md(p.name) for p in e.people}
    lines = [f"# Your board of advisors, {today.isoformat()}", ""]
    for p in sorted(e.people, key=lambda p: p.name.casefold()):
        if p.status == Status.ARCHIVED:
            continue
        due = next_due(p, today)
        state = f"next due {due}" if due else p.status
        lines.append(
            f"- **{names[p.id]}** ({p.role}; {', '.join(p.areas) or 'no area'}): "
            f"{cadence_words(p.cadence)}, last contact {p.last_contact or 'never'}, "
            f"{state}"
        )
    open_goals = [g for g in e.goals if g.status == GoalStatus.OPEN]
    if open_goals:
        lines += ["", "## Goals", ""]
        lines += [
            f"- {md(g.title)}"
            + (f" (by {g.target})" if g.target else "")
            + (f": {md(g.success)}" if g.success else "")
            for g in open_goals
        ]
    for p in sorted(e.people, key=lambda p: p.name.casefold()):
        lines += ["", f"## {names[p.id]}", ""]
        for label, value in (
            ("Role", p.role),
            ("Status", p.status),
            ("Why", p.why),
            ("Email", p.email),
            ("Phone", p.phone),
            ("Org", p.org),
            ("Title", p.title),
            ("Web", p.url),
            ("Notes", p.notes),
        ):
            if value:
                lines.append(f"- {label}: {md(value)}")
        talks = [c for c in e.conversations if p.id in c.people]
        if talks:
            lines += ["", "### Conversations", ""]
        for c in talks:
            others = [names.get(i, f"#{i}") for i in c.people if i != p.id]
            with_others = f", with {', '.join(others)}" if others else ""
            lines.append(
                f"- **{c.date}**, {c.via}{with_others}" + (": " + md(c.notes) if c.notes else "")
            )
    return {"": ("\n".join(lines) + "\n").encode("utf-8")}
