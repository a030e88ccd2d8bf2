"""Markdown: a readable report of the board, written by ``export``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from advisors.board.due import next_due
from advisors.board.records import Conversation, GoalStatus, Person
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


# What the report holds of its conversation lines at once: the people later
# in it wait for another pass over the log beyond that. The people take about
# a kilobyte each in memory, so the lines may take what they leave of
# ``BUDGET``, ``HELD`` at least: 200 people, 22 MiB (100,000 conversations
# are 15 MiB of lines: one pass); 20,000 people, 4 MiB.
BUDGET = 22 << 20
PERSON = 1 << 10
HELD = 4 << 20


def write(e: Everything, today: date, held: int | None = None) -> dict[str, Payload]:
    """A readable report: the board, then each person with their conversations,
    newest first (at most ``held`` bytes of them in memory; by default
    what the budget leaves beside the people)."""
    return {"": _pieces(e, today, held_for(len(e.people)) if held is None else held)}


def held_for(people: int) -> int:
    """The bytes of conversation lines a report of ``people`` holds at once."""
    return max(HELD, BUDGET - PERSON * people)


def _pieces(e: Everything, today: date, held: int) -> Iterator[bytes]:
    """The report piece by piece: the board, then each person's section
    with their conversations (``_Talks``)."""
    order = sorted(e.people, key=lambda p: p.name.casefold())
    lines = [f"# Your board of advisors, {today.isoformat()}", ""]
    for p in order:
        if is_set_aside(p):
            continue
        due = next_due(p, today)
        state = f"next due {due}" if due else p.status
        lines.append(
            f"- **{md(p.name)}** ({p.role}; {', '.join(p.areas) or 'no area'}): "
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
    del lines
    for people, talks in _Talks(e, order, held).batches():
        for p in people:
            yield from _section(e, p, talks.pop(p.id, None), today)
    yield b"\n"


class _Talks:
    """Each person's conversation lines, newest first, kept as their bytes
    until their section is written: at most ``most`` bytes at once, the
    people later in the report waiting for another pass over the log. The
    first pass reads every conversation and notes, for those it could not
    keep, how much each one's lines take; a later pass builds only the
    conversations of the people it is for."""

    def __init__(self, e: Everything, order: list[Person], most: int) -> None:
        self.e = e
        self.order = order
        self.most = most
        self.place = {p.id: at for at, p in enumerate(order)}
        self.sizes: dict[int, int] = {}  # bytes of lines, roughly, of those not kept
        self.names: dict[int, str] = {}  # as Markdown: those met in a conversation of several

    def batches(self) -> Iterator[tuple[list[Person], dict[int, bytearray]]]:
        """People in the report's order, a pass's worth at a time, with
        their lines."""
        start = 0
        while start < len(self.order):
            talks, stop = self._gather(start, self._planned(start))
            yield self.order[start:stop], talks
            start = stop

    def _planned(self, start: int) -> int:
        """Where the pass from ``start`` is meant to end: the first pass
        tries everyone; a later one as many as the sizes noted fit."""
        if start == 0:
            return len(self.order)
        stop, held = start, 0
        while stop < len(self.order):
            held += self.sizes.get(self.order[stop].id, 0)
            if held > self.most and stop > start:
                break
            stop += 1
        return stop

    def _gather(self, start: int, stop: int) -> tuple[dict[int, bytearray], int]:
        """One pass over the log: the lines of the people of the report
        from ``start`` to ``stop``, the last of them left for later when
        they do not fit (one at least is kept); and where those kept end."""
        first = start == 0
        among = None if first else {p.id for p in self.order[start:stop]}
        talks: dict[int, bytearray] = {}
        held = 0
        for c in self.e.talks(newest_first=True, among=among):
            for person in c.people:
                at = self.place.get(person, -1)
                if at < start:
                    continue
                if at >= stop:
                    if first:
                        self.sizes[person] = self.sizes.get(person, 0) + len(c.notes) + 40
                    continue
                data = self._line(c, person)
                talks.setdefault(person, bytearray()).extend(data)
                held += len(data)
                while held > self.most and stop > start + 1:
                    stop -= 1
                    left = self.order[stop].id
                    dropped = len(talks.pop(left, b""))
                    held -= dropped
                    if first:
                        self.sizes[left] = dropped
        return talks, stop

    def _line(self, c: Conversation, person: int) -> bytes:
        others = [self._name(i) for i in c.people if i != person]
        with_others = f", with {', '.join(others)}" if others else ""
        notes = ": " + md(c.notes) if c.notes else ""
        return f"\n- **{c.date}**, {c.via}{with_others}{notes}".encode()

    def _name(self, ident: int) -> str:
        if ident not in self.names:
            at = self.place.get(ident)
            self.names[ident] = f"#{ident}" if at is None else md(self.order[at].name)
        return self.names[ident]


def _section(e: Everything, p: Person, talks: bytearray | None, today: date) -> Iterator[bytes]:
    """One person's section: what the board knows of them, then their
    conversations, newest first."""
    lines = ["", "", f"## {md(p.name)}", ""]
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
        lines += [f"- {md(g.title)}" + (f" (by {g.target})" if g.target else "") for g in theirs]
    gave = sorted((g for g in e.gives if g.person == p.id), key=lambda g: g.date, reverse=True)
    if gave:
        lines += ["", "### What you gave", ""]
        lines += [f"- **{g.date}**, {g.kind_of}: {md(g.text)}" for g in gave]
    if talks:
        lines += ["", "### Conversations"]
    yield "\n".join(lines).encode("utf-8")
    if talks:
        yield b"\n" + bytes(talks)
