"""``search``: every note, topic, follow-up, piece of advice, goal and person
that holds all the words asked for. Case and accents are ignored ("jose"
finds José), every word must be there, and "a quoted phrase" must be there
as written; the newest come first."""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from advisors.board.records import Advice, Agreement, Give, Goal, Person, Records, Todo, Topic
from advisors.errors import UsageProblem
from advisors.names import fold

# What --in may name, and what each kind of hit is called.
PLACES = {
    "notes": "conversation",
    "topics": "topic",
    "todos": "follow-up",
    "advice": "advice",
    "goals": "goal",
    "people": "person",
    "gives": "give",
    "agreements": "agreement",
}


@dataclass(frozen=True)
class Hit:
    kind: str  # conversation, topic, follow-up, advice, goal, person, give, agreement
    id: int
    date: str  # the day it is dated: a conversation's, a topic's creation...
    people: tuple[int, ...]
    line: str  # the line of its text that matched


def terms_of(query: str) -> list[str]:
    """The words and "quoted phrases" of a query, folded."""
    try:
        parts = shlex.split(query)
    except ValueError:  # an unclosed quote: take the words as they are
        parts = query.replace('"', " ").split()
    found = [fold(p) for p in parts if fold(p)]
    if not found:
        raise UsageProblem('give a word to search for, or a "quoted phrase"')
    return found


def _plain(text: str) -> str:
    return text.casefold() if text.isascii() else fold(text)


class Matcher:
    def __init__(self, terms: list[str]) -> None:
        self.terms = terms
        self.phrases = any(" " in t for t in terms)

    def matches(self, text: str) -> bool:
        hay = _plain(text)
        if self.phrases:  # a phrase may run over a line break
            hay = " ".join(hay.split())
        return all(t in hay for t in self.terms)

    def line(self, text: str) -> str:
        """The line that holds the most of the terms."""
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()] or [text.strip()]
        return max(lines, key=lambda ln: sum(t in _plain(ln) for t in self.terms))


def search(
    board: Records,
    query: str,
    *,
    places: Iterable[str] = PLACES,
    since: str | None = None,
) -> list[Hit]:
    """Every record of ``places`` holding all the terms, newest first."""
    matcher = Matcher(terms_of(query))
    wanted = set(places)
    hits: list[Hit] = []

    def add(kind: str, ident: int, day: str, people: tuple[int, ...], *texts: str) -> None:
        text = "\n".join(t for t in texts if t)
        if (since is None or day >= since) and matcher.matches(text):
            hits.append(Hit(kind, ident, day, people, matcher.line(text)))

    if "notes" in wanted:

        def keep(doc: dict[str, Any]) -> bool:  # before a record is made of it
            notes, topics = doc.get("notes", ""), doc.get("topics")
            text = f"{notes}\n" + "\n".join(map(str, topics)) if topics else str(notes)
            return matcher.matches(text)

        for c in board.newest_conversations(None, keep, since=since):
            add("conversation", c.id, c.date, tuple(c.people), c.notes, *c.topics)
    if "topics" in wanted:
        for t in board.all(Topic):
            add("topic", t.id, t.created[:10], (t.person,), t.text)
    if "todos" in wanted:
        for todo in board.all(Todo):
            who = (todo.person,) if todo.person else ()
            add("follow-up", todo.id, todo.created[:10], who, todo.text)
    if "advice" in wanted:
        for a in board.all(Advice):
            add("advice", a.id, a.given, (a.person,), a.text, a.outcome)
    if "goals" in wanted:
        for g in board.all(Goal):
            add("goal", g.id, g.created[:10], tuple(g.advisors), g.title, g.gap, g.why, g.success)
    if "people" in wanted:
        for p in board.all(Person):
            add(
                "person",
                p.id,
                p.created[:10],
                (p.id,),
                p.name,
                p.why,
                p.notes,
                p.org,
                p.title,
                p.where,
                p.need,
            )
    if "gives" in wanted:
        for gave in board.all(Give):
            add("give", gave.id, gave.date, (gave.person,), gave.text)
    if "agreements" in wanted:
        for terms in board.all(Agreement):
            add(
                "agreement",
                terms.id,
                terms.since,
                (terms.person,),
                terms.ask,
                terms.offer,
                terms.format,
                terms.note,
            )
    hits.sort(key=lambda h: (h.date, h.kind, h.id), reverse=True)
    return hits
