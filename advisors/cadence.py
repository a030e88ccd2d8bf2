"""How often to talk to someone: parsed from words, stored as ``3w``.

Cadences are applied with ``relativedelta`` so "every month" after 31
January lands on the last day of February.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from advisors.errors import UsageProblem

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

DEFAULT_CADENCE = "1m"
ACCEPTED_FORMS = (
    "weekly, biweekly, monthly, quarterly, yearly, every 3 weeks, 45 days, 10d, 3w, 2m, 1y"
)

_NAMED = {
    "daily": "1d",
    "weekly": "1w",
    "biweekly": "2w",
    "fortnightly": "2w",
    "monthly": "1m",
    "bimonthly": "2m",
    "quarterly": "3m",
    "yearly": "1y",
    "annually": "1y",
}
_UNIT_LETTER = {
    "d": "d",
    "day": "d",
    "w": "w",
    "week": "w",
    "m": "m",
    "month": "m",
    "y": "y",
    "year": "y",
}
_SPOKEN = re.compile(r"^(?:every\s+)?(-?[0-9]{1,9})?\s*(day|week|month|year)s?$")
_SHORT = re.compile(r"^(-?[0-9]{1,9})\s*([dwmy])$")
_CANONICAL = re.compile(r"^([1-9][0-9]{0,8})([dwmy])$")
_DAYS_PER = {"d": 1.0, "w": 7.0, "m": 30.436875, "y": 365.2425}
_WORD = {"d": "day", "w": "week", "m": "month", "y": "year"}
# Ten years is the longest cadence that still means "keep in touch".
_MOST = {"d": 3653, "w": 522, "m": 120, "y": 10}


@functools.lru_cache(maxsize=512)
def parse_cadence(text: str) -> str:
    """Read a cadence as people write it and return its canonical form
    (remembered: a board of 20,000 people holds a handful of cadences)."""
    words = " ".join(text.strip().lower().split())
    if words in _NAMED:
        return _NAMED[words]
    match = _SHORT.match(words) or _SPOKEN.match(words)
    if not match:
        raise UsageProblem(f"can't read the cadence {text!r}: try {ACCEPTED_FORMS}")
    count = int(match[1]) if match[1] is not None else 1
    unit = _UNIT_LETTER[match[2]]
    if count <= 0:
        raise UsageProblem(
            f"the cadence {text!r} must be at least one {_WORD[unit]}: try {ACCEPTED_FORMS}"
        )
    if count > _MOST[unit]:
        raise UsageProblem(f"the cadence {text!r} is longer than ten years")
    return f"{count}{unit}"


def _split(cadence: str) -> tuple[int, str]:
    match = _CANONICAL.match(cadence)
    if not match:
        return 1, "m"  # a hand-edited file: fall back to monthly
    return int(match[1]), match[2]


def add_cadence(start: date, cadence: str) -> date:
    """The date one cadence after ``start`` (month ends stay month ends)."""
    count, unit = _split(cadence)
    if unit in "dw":  # exact, and much cheaper than relativedelta
        return start + timedelta(days=count * (7 if unit == "w" else 1))
    return start + _month_delta(count if unit == "m" else 12 * count)


@lru_cache(maxsize=64)
def _month_delta(months: int) -> relativedelta:
    from dateutil.relativedelta import relativedelta

    return relativedelta(months=months)


def latest_after(every: str, text: str | None) -> str:
    """``--at-most``: the longest to let go by, canonical, checked against the
    cadence (it can't be shorter); "none" (or "") takes it away."""
    if text is None or text.strip().lower() in ("", "none", "off"):
        return ""
    latest = parse_cadence(text)
    if cadence_days(latest) < cadence_days(every):
        raise UsageProblem(
            f"--at-most {text.strip()} is shorter than the cadence ({cadence_words(every)}): "
            "the longest you let go by is at least the cadence"
        )
    return latest


def cadence_days(cadence: str) -> float:
    """The cadence's length in days, for ordering by urgency."""
    count, unit = _split(cadence)
    return count * _DAYS_PER[unit]


def cadence_words(cadence: str) -> str:
    """``3w`` as "every 3 weeks"; ``1m`` as "every month"."""
    count, unit = _split(cadence)
    if count == 1:
        return f"every {_WORD[unit]}"
    return f"every {count} {_WORD[unit]}s"


def cadence_span(cadence: str) -> str:
    """``3w`` as "3 weeks"; ``1m`` as "month" (for a column headed "Every")."""
    return cadence_words(cadence).removeprefix("every ")
