"""What a date the user typed means, given today.

``dateutil`` reads absolute dates ("2026-11-20", "20 Nov"); the relative forms
people say ("yesterday", "last friday", "3 weeks ago") are read here first.
Stored dates are ISO strings compared as text, so nothing here runs on the
hot path of ``due``; dateutil's parser is imported only when it is needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from advisors.errors import UsageProblem

ACCEPTED_FORMS = (
    "2026-11-20, 20 Nov, today, yesterday, 3 days ago, in 2 weeks, friday, last friday, next monday"
)

WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}

_UNITS = {"day": "days", "week": "weeks", "month": "months", "year": "years"}
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_AGO = re.compile(r"^([0-9]{1,6}|a|an|one|two|three|four)\s+(day|week|month|year)s?\s+ago$")
_IN = re.compile(r"^in\s+([0-9]{1,6}|a|an|one|two|three|four)\s+(day|week|month|year)s?$")
_WEEKDAY = re.compile(r"^(last\s+|next\s+|this\s+)?([a-z]+)$")

EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)


def _amount(word: str) -> int:
    return _NUMBER_WORDS[word] if word in _NUMBER_WORDS else int(word)


def _shift(today: date, amount: int, unit: str) -> date:
    from dateutil.relativedelta import relativedelta

    try:
        return today + relativedelta(**{_UNITS[unit]: amount})
    except (OverflowError, ValueError):
        raise _unreadable(f"{amount} {unit}s") from None


def _unreadable(text: str) -> UsageProblem:
    return UsageProblem(f"can't read the date {text!r}: try {ACCEPTED_FORMS}")


def parse_date(text: str, today: date, *, ahead: bool = False, order: str | None = None) -> date:
    """Read a date the way a person writes it, relative to ``today``.

    A bare weekday (or ``this friday``) is the most recent past one, or with
    ``ahead`` (options that name a date to come: ``--due``, ``--by``,
    ``--until``) the next one; ``last`` and ``next`` always win. A slash date
    that reads two ways (``05/06/2026``) needs ``order`` ("dmy" or "mdy").
    """
    words = " ".join(text.strip().lower().split())
    if not words:
        raise UsageProblem(f"a date is needed: try {ACCEPTED_FORMS}")
    fixed = {"today": 0, "now": 0, "yesterday": -1, "tomorrow": 1}
    if words in fixed:
        return today + timedelta(days=fixed[words])
    if words in _RELATIVE:
        return _checked(_RELATIVE[words](today), text)
    if match := _AGO.match(words):
        return _checked(_shift(today, -_amount(match[1]), match[2]), text)
    if match := _IN.match(words):
        return _checked(_shift(today, _amount(match[1]), match[2]), text)
    if (match := _WEEKDAY.match(words)) and match[2] in WEEKDAYS:
        target = WEEKDAYS[match[2]]
        word = (match[1] or "").strip()
        if word == "next" or (ahead and word in ("", "this")):
            return today + timedelta(days=(target - today.weekday() - 1) % 7 + 1)
        return today - timedelta(days=(today.weekday() - target - 1) % 7 + 1)
    if match := _SLASHED.match(words):
        return _checked(_slashed(match, text, order), text)
    found = _checked(_parse_absolute(words, text, today), text)
    if not re.search(r"(?<![0-9])[0-9]{4}(?![0-9])", words):
        # a day and month with no year reads like a bare weekday: the next
        # one for what is to come, the last one for what happened
        found = _roll(found, today, ahead)
    return found


_SLASHED = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$")


def _slashed(match: re.Match[str], text: str, order: str | None) -> date:
    """``20/11/2026`` is 20 November; ``05/06/2026`` reads two ways."""
    first, second, year = int(match[1]), int(match[2]), int(match[3])
    year += 2000 if year < 100 else 0
    readings = []
    for day, month, name in ((first, second, "dmy"), (second, first, "mdy")):
        try:
            readings.append((name, date(year, month, day)))
        except ValueError:
            continue
    if order is not None:
        readings = [r for r in readings if r[0] == order] or readings
    if not readings:
        raise _unreadable(text)
    if len({d for _name, d in readings}) > 1:
        one, other = (d for _name, d in readings)
        raise UsageProblem(
            f"the date {text.strip()!r} could be {one:%-d %B %Y} or {other:%-d %B %Y}: write "
            f'{one.isoformat()} or {other.isoformat()}, or set date_order = "dmy" or '
            '"mdy" in the config file'
        )
    return readings[0][1]


def _end_of_month(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def _months(count: int) -> Callable[[date], date]:
    def shift(day: date) -> date:
        from dateutil.relativedelta import relativedelta

        return day + relativedelta(months=count)

    return shift


_RELATIVE: dict[str, Callable[[date], date]] = {
    "next week": lambda d: d + timedelta(days=7),
    "last week": lambda d: d - timedelta(days=7),
    "next month": _months(1),
    "last month": _months(-1),
    "end of month": _end_of_month,
    "end of the month": _end_of_month,
    "end of next month": lambda d: _end_of_month(_months(1)(d)),
}


def _parse_absolute(words: str, text: str, today: date) -> date:
    try:
        return date.fromisoformat(words)
    except ValueError:
        pass
    if not re.search(r"\d", words):
        # dateutil reads a lone month name as a date; a person rarely means that
        raise _unreadable(text)
    from dateutil import parser

    for default in (
        datetime(today.year, today.month, today.day),
        datetime(today.year - today.year % 4, 1, 1),  # a leap year, for "29 Feb"
    ):
        try:
            return parser.parse(words, default=default, fuzzy=False).date()
        except Exception:  # dateutil raises several kinds for odd input
            continue
    raise _unreadable(text)


def _roll(day: date, today: date, ahead: bool) -> date:
    """``day`` (read in this year) moved a year on when it is to come but
    has passed, or a year back when it happened but is still to come."""
    step = 1 if ahead else -1
    if (ahead and day < today) or (not ahead and day > today):
        for years in (step, 2 * step, 3 * step, 4 * step):  # 29 February
            try:
                return day.replace(year=day.year + years)
            except ValueError:
                continue
    return day


def _checked(value: date, text: str) -> date:
    if not EARLIEST <= value <= LATEST:
        raise UsageProblem(f"the date {text!r} is out of range ({EARLIEST} to {LATEST})")
    return value


def days_words(count: int) -> str:
    """``1 day``, ``3 days``."""
    return f"{count} day{'s' if count != 1 else ''}"


def relative_words(days_ago: int) -> str:
    """``today``, ``3 days ago``, ``in 2 days``."""
    if days_ago == 0:
        return "today"
    return f"{days_words(days_ago)} ago" if days_ago > 0 else f"in {days_words(-days_ago)}"


def days_ago_words(days: int | None) -> str:
    """Say how long ago a contact was, as a person would."""
    if days is None:
        return "never"
    if days == 1:
        return "yesterday"
    return relative_words(days)


def span_words(start: date, end: date) -> str:
    """How long from ``start`` to ``end`` as a person says it: "6 months",
    "3 weeks", "5 days" (whole units, rounded down)."""
    from dateutil.relativedelta import relativedelta

    gap = relativedelta(end, start)
    months = gap.years * 12 + gap.months
    if months:
        return f"{months} month{'s' if months != 1 else ''}"
    days = (end - start).days
    if days >= 14:
        return f"{days // 7} weeks"
    return days_words(days)


_YEAR = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")
_MONTH_DAY = re.compile(r"^--([0-9]{2})-?([0-9]{2})$")


def day_of_year(text: str) -> str | None:
    """A birthday or an anniversary as an address book or a spreadsheet
    writes it ("1985-03-14", "19850314", "--03-14", "14 Mar", "3/14/1985"):
    the date as YYYY-MM-DD, or --MM-DD when it names no year; None when it
    does not read as a day of the year."""
    words = text.strip()
    yearless = _MONTH_DAY.match(words)
    if yearless:
        month, day = int(yearless[1]), int(yearless[2])
        try:
            date(2000, month, day)  # a leap year: 29 February reads
        except ValueError:
            return None
        return f"--{month:02d}-{day:02d}"
    if not words or len(words) > 40 or not re.search(r"[0-9]", words):
        return None  # "friday" or "March" alone is no day of the year
    from dateutil import parser

    default = datetime(2000, 1, 1)  # a leap year, for 29 February
    try:
        found = parser.parse(words.split("T")[0], default=default)
    except (ValueError, OverflowError):
        return None
    if not _YEAR.search(words.replace("-", " ")) and not re.fullmatch(r"[0-9]{8}", words):
        return f"--{found.month:02d}-{found.day:02d}"
    if found.year == 1604:  # Apple's year for a birthday without one
        return f"--{found.month:02d}-{found.day:02d}"
    if not 1900 <= found.year <= 2999:
        return None
    return found.date().isoformat()


def occasion_day(text: str, today: date, *, yearly: bool, order: str | None = None) -> str:
    """The day of a date that matters as the user typed it ("14 Mar",
    "--03-14", "1985-03-14", "in 3 weeks"): YYYY-MM-DD, or --MM-DD for a
    yearly date given without a year. A date once given without a year is
    its next one."""
    read = None if _YEAR.search(text.replace("-", " ")) else day_of_year(text)
    if read is not None and not read.startswith("--"):
        return read
    if read is not None:
        if yearly:
            return read
        month, dom = int(read[2:4]), int(read[5:7])
        year = today.year - today.year % 4 if (month, dom) == (2, 29) else today.year
        return _roll(date(year, month, dom), today, ahead=True).isoformat()
    return parse_date(text, today, ahead=True, order=order).isoformat()
