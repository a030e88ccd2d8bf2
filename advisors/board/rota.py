"""Who is on the rota: the one rule, used wherever it matters (``due``,
``list``, ``show``, ``prep``, ``log``, ``remind`` and the board's gaps)."""

from __future__ import annotations

from datetime import date

from advisors.board.records import Person, Status


def parse_day(text: str | None) -> date | None:
    """A stored ISO date, or None (validated on reading, so this is cheap)."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


# Who is set aside: archived, or a relationship closed well (alumni). Kept
# with their history; out of `list` unless asked, out of give and take,
# agreement reviews and the report's rows.
SET_ASIDE = (Status.ARCHIVED, Status.ALUMNI)


def is_set_aside(person: Person) -> bool:
    return person.status in SET_ASIDE


def is_paused(person: Person, as_of: date) -> bool:
    """Paused people come back on their ``paused_until`` day."""
    if person.status != Status.PAUSED:
        return False
    until = parse_day(person.paused_until)
    return until is None or as_of < until


def on_rota(person: Person, as_of: date) -> bool:
    """Someone you mean to keep in touch with on ``as_of``: active, or back
    from a pause that has ended."""
    if person.status == Status.ACTIVE:
        return True
    return person.status == Status.PAUSED and not is_paused(person, as_of)
