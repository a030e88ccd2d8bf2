"""The two-way street in words: agreements, what you gave, endings, and the
board review."""

from __future__ import annotations

from datetime import date

from advisors.board.records import Agreement, Give


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
