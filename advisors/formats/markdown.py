"""Markdown: a readable report of the board, written by ``export``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from advisors.board.due import next_due
from advisors.board.records import GoalStatus
from advisors.board.rota import is_set_aside
from advisors.board.values import flat
from advisors.cadence import cadence_words
from advisors.formats import Everything
from advisors.views.street import agreement_lines

if TYPE_CHECKING:
    from advisors.store import Payload

# What Markdown (CommonMark, GitHub's) would read as markup: a backslash
# before each keeps it text, so a name or a note can't become a heading, a
# link, emphasis or HTML.
_MARKUP = re.compile(r"([\\`*_\[\]<>#|!~&])")


def md(text: str) -> str:
    """Text as one line of Markdown that shows as written."""
    return _MARKUP.sub(r"\\\1", flat(text))


def write(e: Everything, today: date) -> dict[str, Payload]:
    """A readable report: the board, then each person with their conversations,
    newest first."""
    return {"": _pieces(e, today)}


def _pieces(e: Everything, today: date) -> Iterator[bytes]:
    """The report piece by piece. The log is read once, newest first, each
    person's conversation lines kept as their bytes (a third of what the
    conversations take as records) until their section is written."""
    names = {p.id: md(p.name) for p in e.people}
    lines = [f"# Your board of advisors, {today.isoformat()}", ""]
    for p in sorted(e.people, key=lambda p: p.name.casefold()):
        if is_set_aside(p):
            continue
        due = next_due(p, today)
        state = f"next due {due}" if due else p.status
        lines.append(
            f"- **{names[p.id]}** ({p.role}; {', '.join(p.areas) or 'no area'}): "
            f"{cadence_words(p.cadence)}, last contact {p.last_contact or 'never'}, "
            f"{state}"
        )
    open_goals = [g for g in e.goals if g.status == GoalStatus.OPEN and g.person is None]
    if open_goals:
        lines += ["", "## Goals", ""]
        lines += [
            f"- {md(g.title)}"
            + (f" (by {g.target})" if g.target else "")
            + (f": {md(g.success)}" if g.success else "")
            for g in open_goals
        ]
    yield "\n".join(lines).encode("utf-8")
    talks_of: dict[int, bytearray] = {}
    for c in e.talks(newest_first=True):
        for person in c.people:
            others = [names.get(i, f"#{i}") for i in c.people if i != person]
            with_others = f", with {', '.join(others)}" if others else ""
            line = f"\n- **{c.date}**, {c.via}{with_others}" + (
                ": " + md(c.notes) if c.notes else ""
            )
            talks_of.setdefault(person, bytearray()).extend(line.encode("utf-8"))
    for p in sorted(e.people, key=lambda p: p.name.casefold()):
        lines = ["", "", f"## {names[p.id]}", ""]
        for label, value in (
            ("Role", p.role),
            ("Status", p.status),
            ("Why", p.why),
            ("Where they are", p.where),
            ("What they need", p.need),
            ("Email", p.email),
            ("Phone", p.phone),
            ("Org", p.org),
            ("Title", p.title),
            ("Web", p.url),
            ("Notes", p.notes),
        ):
            if value:
                lines.append(f"- {label}: {md(value)}")
        terms = next((a for a in e.agreements if a.person == p.id), None)
        if terms is not None:
            lines += ["", "### Agreement", ""]
            lines += [f"- {md(line)}" for line in agreement_lines(terms, today)]
        theirs = [g for g in e.goals if g.person == p.id and g.status == GoalStatus.OPEN]
        if theirs:
            lines += ["", "### Their goals", ""]
            lines += [
                f"- {md(g.title)}" + (f" (by {g.target})" if g.target else "") for g in theirs
            ]
        gave = sorted((g for g in e.gives if g.person == p.id), key=lambda g: g.date, reverse=True)
        if gave:
            lines += ["", "### What you gave", ""]
            lines += [f"- **{g.date}**, {g.kind_of}: {md(g.text)}" for g in gave]
        talks = talks_of.pop(p.id, None)
        if talks:
            lines += ["", "### Conversations"]
        yield "\n".join(lines).encode("utf-8")
        if talks:
            yield b"\n" + bytes(talks)
    yield b"\n"
