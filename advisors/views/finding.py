"""``search`` in words: each hit, its kind, id, date and people, and the line
that matched (the words found highlighted on a terminal)."""

from __future__ import annotations

import re

from advisors.board.search import Hit
from advisors.names import fold
from advisors.views import console


def spans(line: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where the terms are in the line, ignoring case and accents (letter by
    letter: "José" holds "jose" at 0 to 4)."""
    folded = "".join((fold(c) or c)[:1] if c.strip() else c for c in line)
    return sorted((m.start(), m.end()) for t in terms for m in re.finditer(re.escape(t), folded))


def show(hits: list[Hit], terms: list[str], names: dict[int, str], query: str) -> None:
    if not hits:
        console.out(f"Nothing mentions {query}.")
        return
    for hit in hits:
        who = ", ".join(names.get(p, f"#{p}") for p in hit.people if p)
        console.say(
            f"{hit.kind} #{hit.id}  {hit.date or '-'}" + (f"  {who}" if who else ""), "bold"
        )
        line = hit.line if len(hit.line) <= 300 else hit.line[:299] + "…"
        console.highlighted(line, spans(line, terms) if console.use_rich() else [])
    console.note(f"{len(hits)} found.")
