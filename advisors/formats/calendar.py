"""ICS: ``export`` writes a calendar of check-ins and dated follow-ups with
stable UIDs; ``import`` logs past meetings from a calendar file (as any
calendar app exports it), read with ``icalendar``, repeating events expanded
with ``recurring-ical-events`` up to today."""

from __future__ import annotations

import re
from calendar import isleap
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from advisors import __version__
from advisors.board.calendar import Clues, Meeting, log_meetings, occasion_of, reminder_uid
from advisors.board.due import next_due
from advisors.board.merge import Report
from advisors.board.occasions import on_year
from advisors.board.records import KeyDate, Owner, Records, now_stamp
from advisors.board.rota import is_set_aside, on_rota
from advisors.board.values import flat
from advisors.errors import UsageProblem
from advisors.formats import Apply, Context, Everything, read_text

_CONTROL_BUT_NEW_LINES = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


# How far back a calendar is read: repeating meetings are expanded over these
# years only (a series with no end would otherwise run to 1900), and no series
# gives more than its newest SERIES_MOST meetings.
YEARS_BACK = 10
SERIES_MOST = 1000
# A series repeating more often than daily is a reminder, not meetings.
_TOO_OFTEN = {"SECONDLY", "MINUTELY", "HOURLY"}


def read(path: Path, payload: bytes, context: Context) -> Apply:
    """The past meetings with people on the board, to log once each."""
    clues = Clues.of(context.people)  # to pass over the events naming no one
    skipped: list[tuple[str, str]] = []
    found = read_meetings(path, payload, context.today, clues, skipped, context)

    def apply(board: Records) -> Report:
        report = log_meetings(board, found.meetings, context.today, unnamed=found.unnamed)
        for title, why in skipped:
            report.note("skip", "series", title or "(no title)", why)
        return report

    return Apply(apply, len(found.meetings))


_LINK = re.compile(r"https?://", re.I)
_LINK_FIELDS = ("URL", "CONFERENCE", "X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL")
_ADDRESS = re.compile(r"[^@\s<>:]+@[^@\s<>]+\.[^@\s<>]+")


@dataclass
class Found:
    """What a calendar holds: its meetings, and how many events were passed
    over unread for naming no one."""

    meetings: list[Meeting] = field(default_factory=list)
    unnamed: int = 0


def read_meetings(
    path: Path,
    payload: bytes,
    today: date,
    clues: Clues | None = None,
    skipped: list[tuple[str, str]] | None = None,
    context: Context | None = None,
) -> Found:
    """The meetings of the calendar over the last ``YEARS_BACK`` years up to
    today, and how many events were passed over unread for holding none of
    the ``clues``. A series repeating more often than daily is passed over,
    and one with more than ``SERIES_MOST`` meetings keeps its newest; both
    are added to ``skipped`` as (title, why). An event without a UID or a
    start is skipped and named (``context.skip``). Several calendars in one
    file (``BEGIN:VCALENDAR`` more than once) are all read."""
    import icalendar

    context = context or Context(today=today, people=[])
    payload = _whole(path, read_text(path, payload, context), context).encode("utf-8")
    found = Found()
    if clues is not None:
        payload, found.unnamed = _narrowed(payload, clues)
    try:
        calendars = icalendar.Calendar.from_ical(payload, multiple=True)
    except Exception as exc:  # icalendar raises ValueError and others on bad input
        raise UsageProblem(f"{path.name}: not a calendar ({_first_line(exc)})") from None
    if not calendars:
        raise UsageProblem(f"{path.name}: not a calendar (no BEGIN:VCALENDAR ... END:VCALENDAR)")
    said = skipped if skipped is not None else []
    for calendar in calendars:
        me = set(context.me) | _owner(calendar)
        found.meetings += _meetings_of(path, calendar, today, me, said, context)
    return found


def _whole(path: Path, text: str, context: Context) -> str:
    """The calendar with what a cut-short or hand-made file lacks: the
    ``END:VCALENDAR`` of a file cut short, or the ``VCALENDAR`` around
    events written bare."""
    lines = [line.strip().upper() for line in text.splitlines()]
    opened = lines.count("BEGIN:VCALENDAR")
    closed = sum(1 for line in lines if line.startswith("END:VCALENDAR"))
    if opened > closed:
        context.notes.append(
            f"{path.name} ends without END:VCALENDAR (cut short?); read what it holds."
        )
        text = text.rstrip("\r\n") + "\r\nEND:VCALENDAR\r\n" * (opened - closed)
    elif not opened and "BEGIN:VEVENT" in lines:
        text = f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{text.rstrip()}\r\nEND:VCALENDAR\r\n"
    return text


def _owner(calendar: Any) -> set[str]:
    """The calendar's owner, when the file names them: Google names an
    exported calendar after its owner's address."""
    name = str(calendar.get("X-WR-CALNAME", "")).strip()
    return {name.casefold()} if _ADDRESS.fullmatch(name) else set()


def _meetings_of(
    path: Path,
    calendar: Any,
    today: date,
    me: set[str],
    said: list[tuple[str, str]],
    context: Context,
) -> list[Meeting]:
    import recurring_ical_events
    import x_wr_timezone

    for number, event in enumerate(list(calendar.walk("VEVENT")), 1):
        where = f"event {number}"
        title = _title(event) or where
        if not str(event.get("UID", "")).strip() or event.get("DTSTART") is None:
            missing = "UID" if not str(event.get("UID", "")).strip() else "start (DTSTART)"
            context.skip(
                path, where, "event", f"without a {missing}", title, f"it has no {missing}"
            )
            _remove(calendar, event)
            continue
        rule = event.get("RRULE")
        rules = rule if isinstance(rule, list) else [rule] if rule is not None else []
        if any(str(r.get("FREQ", [""])[0]).upper() in _TOO_OFTEN for r in rules):
            said.append((_title(event), "it repeats more often than daily"))
            _remove(calendar, event)
    start = date(today.year - YEARS_BACK, today.month, min(today.day, 28))
    stop = today + timedelta(days=1)
    # a single event is its own one meeting: only series are expanded (by
    # the library), which a calendar of thousands of meetings needs
    repeating, single = _split(x_wr_timezone.to_standard(calendar))
    events = [e for e in single if _within(e, start, stop)]
    try:
        events += recurring_ical_events.of(repeating).between(start, stop)
    except Exception:
        events += _one_by_one(path, repeating, start, stop, context)
    # a series shares one UID: each occurrence is keyed by the start it had in
    # the series (its RECURRENCE-ID), which stays when one meeting is moved
    series = {
        str(e.get("UID", ""))
        for e in calendar.walk("VEVENT")
        if e.get("RRULE") or e.get("RDATE") or e.get("RECURRENCE-ID")
    }
    meetings = [_meeting(e, series, me) for e in events]
    by_series: dict[str, list[Meeting]] = {}
    for meeting in meetings:
        if meeting.series:
            by_series.setdefault(meeting.series, []).append(meeting)
    for found in by_series.values():
        if len(found) > SERIES_MOST:
            found.sort(key=lambda m: m.day)
            dropped = {id(m) for m in found[:-SERIES_MOST]}
            meetings = [m for m in meetings if id(m) not in dropped]
            said.append(
                (found[-1].title, f"only its newest {SERIES_MOST:,} of {len(found):,} meetings")
            )
    return meetings


_REPEATS = ("RRULE", "RDATE", "RECURRENCE-ID")


def _split(calendar: Any) -> tuple[Any, list[Any]]:
    """A calendar of the series (events that repeat, and the occurrences
    moved out of them, which share their UID) with the time zones, and the
    list of the other events."""
    import icalendar

    events = list(calendar.walk("VEVENT"))
    in_series = {str(e.get("UID", "")) for e in events if any(k in e for k in _REPEATS)}
    repeating = icalendar.Calendar()
    for key, value in calendar.items():
        repeating[key] = value
    for zone in calendar.walk("VTIMEZONE"):
        repeating.add_component(zone)
    single = []
    for event in events:
        if str(event.get("UID", "")) in in_series:
            repeating.add_component(event)
        else:
            single.append(event)
    return repeating, single


def _within(event: Any, start: date, stop: date) -> bool:
    """Whether a single event starts on a day from ``start`` to before ``stop``."""
    moment = event.get("DTSTART").dt
    day = moment.date() if isinstance(moment, datetime) else moment
    return bool(start <= day < stop)


def _one_by_one(path: Path, calendar: Any, start: date, stop: date, context: Context) -> list[Any]:
    """The events of a calendar one of whose events can't be expanded, read
    one series at a time (a series shares its UID), the ones that can't be
    skipped and named: one bad event must not cost the rest."""
    import icalendar
    import recurring_ical_events

    zones = list(calendar.walk("VTIMEZONE"))
    series: dict[str, list[Any]] = {}
    for event in calendar.walk("VEVENT"):
        series.setdefault(str(event.get("UID", "")), []).append(event)
    events: list[Any] = []
    for uid, parts in series.items():
        alone = icalendar.Calendar()
        for component in (*zones, *parts):
            alone.add_component(component)
        try:
            events += recurring_ical_events.of(alone).between(start, stop)
        except Exception:  # the library raises many kinds on a malformed event
            title = _title(parts[0]) or uid
            context.skip(
                path,
                f"event {title!r}",
                "event",
                "whose dates can't be read",
                title,
                "its dates or repeat rule can't be read",
            )
    return events


def _title(event: Any) -> str:
    return " ".join(str(event.get("SUMMARY", "")).split())[:100]


def _remove(calendar: Any, event: Any) -> None:
    """Take an event out of the calendar, wherever it sits."""
    for component in calendar.walk():
        if event in component.subcomponents:
            component.subcomponents.remove(event)
            return


_FOLD = re.compile(rb"\r?\n[ \t]")


_EVENT = re.compile(rb"^[ \t]*BEGIN:VEVENT\b.*?^[ \t]*END:VEVENT[ \t]*\r?$\n?", re.I | re.M | re.S)
_UID_LINE = re.compile(rb"^UID(?:;[^:\r\n]*)?:([^\r\n]*)", re.I | re.M)


def _narrowed(payload: bytes, clues: Clues) -> tuple[bytes, int]:
    """The calendar without the events none of whose parts (a series and the
    occurrences moved out of it share a UID) holds a clue, and how many
    events that leaves out. Everything else (time zones, to-dos) stays, so
    what is left parses as the whole file would."""
    text = _FOLD.sub(b"", payload)
    events: list[tuple[int, int, bytes | None]] = []  # start, end, UID
    named: set[bytes | None] = set()
    for found in _EVENT.finditer(text):
        block = found[0]
        uid_line = _UID_LINE.search(block)
        uid = uid_line[1].strip() if uid_line else None
        events.append((found.start(), found.end(), uid))
        if uid in named:
            continue
        words = block.decode("utf-8", "replace")
        # an escaped line break must not join two words ("Notes\nAna")
        if uid is None or clues.could_name(words.replace("\\n", " ").replace("\\N", " ")):
            named.add(uid)
    passed_over = {uid for _, _, uid in events if uid not in named}
    if not passed_over:
        return payload, 0
    kept, at = [], 0
    for first, last, uid in events:
        if uid not in named:
            kept.append(text[at:first])
            at = last
    kept.append(text[at:])
    return b"".join(kept), len(passed_over)


# Words of a library's message that make it Python's, not the user's.
_PYTHON_WORDS = re.compile(
    r"unpack|object|attribute|NoneType|index|subscript|argument|Error\b|\bkey\b", re.I
)


def _first_line(exc: Exception) -> str:
    """What the calendar library said is wrong, when it says it in words a
    user reads; else what the user needs to know."""
    said = (str(exc).strip().splitlines() or [""])[0][:100]
    if not said or _PYTHON_WORDS.search(said):
        return "its text does not follow the iCalendar format"
    return said


def _address(value: Any) -> str:
    """An attendee's or organiser's e-mail address (``mailto:`` taken off)."""
    email = str(value).strip()
    if email[:7].lower() == "mailto:":
        email = email[7:].strip()
    return email if "@" in email else ""


def _day(moment: Any) -> date:
    """The day of a meeting where it took place: in its own time zone (a
    TZID, or the calendar's X-WR-TIMEZONE), else, for a time in UTC or with
    no zone, where you are."""
    if not isinstance(moment, datetime):
        return moment
    if moment.tzinfo is None:
        return moment.date()
    if moment.tzname() == "UTC":
        return moment.astimezone().date()
    return moment.date()


def _meeting(event: Any, series: set[str], me: set[str]) -> Meeting:
    uid = str(event.get("UID", "")).strip()
    start = event.get("DTSTART")
    moment = start.dt
    recurrence = event.get("RECURRENCE-ID")
    key = uid
    if uid in series:
        key = f"{uid}@{(recurrence or start).dt.isoformat()}"
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    emails: list[str] = []
    declined: list[str] = []
    mine_declined = False
    for attendee in attendees:
        email = _address(attendee)
        if not email:
            continue
        answer = str(getattr(attendee, "params", {}).get("PARTSTAT", "")).upper()
        if email.casefold() in me:
            mine_declined = mine_declined or answer == "DECLINED"
            continue
        (declined if answer == "DECLINED" else emails).append(email)
    organiser = _address(event.get("ORGANIZER", ""))
    if organiser and organiser.casefold() not in me:
        emails.append(organiser)  # whoever called the meeting was in it
    location = str(event.get("LOCATION", "")).strip()
    texts = [str(event.get(k, "")) for k in _LINK_FIELDS] + [
        location,
        str(event.get("DESCRIPTION", "")),
    ]
    title = " ".join(str(event.get("SUMMARY", "")).split())[:500]
    all_day = not isinstance(moment, datetime)
    free = str(event.get("TRANSP", "")).upper() == "TRANSPARENT"
    return Meeting(
        key=key,
        day=_day(moment),
        title=title,
        attendees=emails,
        declined=declined,
        cancelled=str(event.get("STATUS", "")).upper() == "CANCELLED",
        series=uid if uid in series else "",
        link=any(_LINK.search(t) for t in texts),
        place=bool(location) and not _LINK.search(location),
        you_declined=mine_declined,
        occasion=all_day and (free or occasion_of(title) is not None),
    )


def write(e: Everything, today: date) -> dict[str, bytes]:
    """One all-day event per person on the rota on their next due date, one
    to-do per dated open follow-up, the dates that matter, and each
    agreement's review day. UIDs come from the records' uids, so a
    calendar that subscribes to the file updates rather than duplicates."""
    from icalendar import Calendar, Event
    from icalendar import Todo as CalendarTodo

    calendar = Calendar()
    calendar.add("prodid", f"-//advisors {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "advisors")
    stamp = now_stamp()
    names = {p.id: p.name for p in e.people}
    for p in e.people:
        due = next_due(p, today) if on_rota(p, today) else None
        if due is None:
            continue
        due = max(due, today)  # one already due shows today, where a calendar looks
        event = Event()
        event.add("uid", reminder_uid(p.uid, "check-in"))
        event.add("summary", f"Reconnect with {flat(p.name)}")
        event.add("dtstart", due)
        event.add("dtend", due + timedelta(days=1))
        event.add("dtstamp", _moment(stamp))
        if p.id in e.briefs:
            event.add("description", _CONTROL_BUT_NEW_LINES.sub("", e.briefs[p.id]))
        calendar.add_component(event)
    for d in e.dates:
        if d.person in names:
            calendar.add_component(_date_event(d, names[d.person], stamp))
    for t in e.todos:
        if t.done is not None or not t.due:
            continue
        item = CalendarTodo()
        item.add("uid", reminder_uid(t.uid, "follow-up"))
        who = names.get(t.person or 0)
        mine = t.owner == Owner.ME
        item.add("summary", flat(t.text + (f" ({'for' if mine else 'from'} {who})" if who else "")))
        item.add("due", date.fromisoformat(t.due))
        item.add("dtstamp", _moment(stamp))
        calendar.add_component(item)
    here = {p.id for p in e.people if not is_set_aside(p)}
    for a in e.agreements:
        if a.person in here and a.review:
            event = Event()
            event.add("uid", reminder_uid(a.uid, "agreement-review"))
            event.add("summary", flat(f"Review your agreement with {names[a.person]}"))
            day = max(date.fromisoformat(a.review), today)
            event.add("dtstart", day)
            event.add("dtend", day + timedelta(days=1))
            event.add("dtstamp", _moment(stamp))
            calendar.add_component(event)
    return {"": bytes(calendar.to_ical())}


def _date_event(d: KeyDate, name: str, stamp: str) -> Any:
    """A date that matters as an all-day, free event: yearly ones repeat
    every year (29 February on the last day of February), from the year
    given, or from 2000 when none is."""
    from icalendar import Event

    event = Event()
    event.add("uid", reminder_uid(d.uid, "date"))
    event.add("summary", flat(f"{name}'s {d.label}"))
    first = on_year(d.date, 2000) if d.date.startswith("--") else date.fromisoformat(d.date)
    if d.date[-5:] == "02-29":
        first = date(first.year if isleap(first.year) else 2000, 2, 29)
    event.add("dtstart", first)
    event.add("dtend", first + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("dtstamp", _moment(stamp))
    if d.yearly:
        rule: dict[str, Any] = {"freq": "yearly"}
        if d.date[-5:] == "02-29":
            rule.update(bymonth=2, bymonthday=-1)
        event.add("rrule", rule)
    if d.note:
        event.add("description", _CONTROL_BUT_NEW_LINES.sub("", d.note))
    return event


def _moment(stamp: str) -> Any:
    from datetime import datetime

    return datetime.fromisoformat(stamp)
