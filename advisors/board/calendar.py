"""Meetings from a calendar, logged as conversations: what keeps "last
contact" true for people who live in their calendar.

A past meeting whose attendees' e-mails or title name someone on the board
becomes a conversation on that day with them: video when it has a meeting
link, in person when it has a place, else a call. Its uid comes from the
event's (and, for a repeating event, the occurrence's), so importing next
month's calendar adds only what is new, and a conversation you dropped stays
dropped.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

from advisors.board.merge import Report, label_of
from advisors.board.records import Conversation, KeyDate, Person, Records, Via, now_stamp
from advisors.names import fold

# What ``export --format ics`` writes has UIDs ending so: a check-in that
# advisors put in a calendar is a reminder, not a meeting that happened.
OWN_UIDS = "@advisors"


def reminder_uid(uid: str, kind: str) -> str:
    """The calendar UID of a record's check-in or follow-up: the same in
    every export, so a subscribed calendar updates rather than doubles."""
    return f"{uid}-{kind}{OWN_UIDS}"


@dataclass
class Meeting:
    key: str  # the event's UID and, for one of a series, its start
    day: date
    title: str
    attendees: list[str] = field(default_factory=list)  # e-mail addresses
    declined: list[str] = field(default_factory=list)  # of those who said no
    cancelled: bool = False
    link: bool = False
    place: bool = False
    series: str = ""  # the UID of the repeating event it is one of
    you_declined: bool = False
    # an all-day event that is free, or a birthday or an anniversary: a date
    # in someone's life, not a meeting with them
    occasion: bool = False

    @property
    def uid(self) -> str:
        return hashlib.sha256(f"ics:{self.key}".encode()).hexdigest()[:16]

    @property
    def via(self) -> Via:
        return Via.VIDEO if self.link else Via.IN_PERSON if self.place else Via.CALL


_OCCASIONS = {
    "birthday": re.compile(
        r"birthday|\bbday\b|b-day|cumplea|anniversaire de|geburtstag|aniversário|verjaardag", re.I
    ),
    "anniversary": re.compile(r"anniversary|anniversaire|aniversario|jahrestag|jubil", re.I),
}


def occasion_of(title: str) -> str | None:
    """ "birthday" or "anniversary" when a calendar entry's title says so."""
    return next((label for label, words in _OCCASIONS.items() if words.search(title)), None)


_WORD = re.compile(r"\w+")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*")


@dataclass(frozen=True)
class Clues:
    """The words one of which any meeting naming someone on the board holds:
    each person's e-mail addresses, and the first word of each name (which a
    title naming them by full or first name contains). Most of a calendar
    holds none of them, and is passed over without being read."""

    words: frozenset[str]
    emails: frozenset[str]

    @classmethod
    def of(cls, people: list[Person]) -> Clues | None:
        """The clues for ``people``; None when a name has no word to look
        for (then every event must be read)."""
        words = set()
        for person in people:
            first = _WORD.search(fold(person.name))
            if first is None:
                return None
            words.add(first[0])
        emails = {address for person in people for address in person.addresses}
        return cls(frozenset(words), frozenset(emails))

    def could_name(self, text: str) -> bool:
        """Whether ``text`` (an event, as the file has it) holds a clue."""
        low = text.casefold()
        if self.emails and not self.emails.isdisjoint(_EMAIL.findall(low)):
            return True
        return any(
            (word if word.isascii() else fold(word)) in self.words
            for word in set(_WORD.findall(low))
        )


class Matcher:
    """Who on the board a meeting names: an attendee's e-mail, or the title
    naming someone's full name, or a first name nobody else on the board has;
    never someone who declined it."""

    def __init__(self, people: list[Person]) -> None:
        self.by_email = {address: p for p in people for address in p.addresses}
        firsts: dict[str, list[Person]] = {}
        for p in people:
            words = fold(p.name).split()
            if words:
                firsts.setdefault(words[0], []).append(p)
        names = [(fold(p.name), p) for p in people if fold(p.name)]
        names += [
            (first, ps[0])
            for first, ps in firsts.items()
            if len(ps) == 1 and first != fold(ps[0].name)
        ]
        # by the first word of each name: a title is tried only against the
        # names whose first word it holds (a calendar has thousands of titles)
        self.names: dict[str, list[tuple[re.Pattern[str], Person]]] = {}
        for name, person in names:
            first_word = _WORD.search(name)
            key = first_word[0] if first_word else ""
            self.names.setdefault(key, []).append((self._pattern(name), person))

    @staticmethod
    def _pattern(words: str) -> re.Pattern[str]:
        return re.compile(rf"(?<!\w){re.escape(words)}(?!\w)")

    def people_in(self, meeting: Meeting) -> list[Person]:
        found: dict[int, Person] = {}
        for email in meeting.attendees:
            person = self.by_email.get(email.casefold())
            if person is not None:
                found[person.id] = person
        title = fold(meeting.title)
        for word in {"", *_WORD.findall(title)}:
            for pattern, person in self.names.get(word, ()):
                if pattern.search(title):
                    found[person.id] = person
        for email in meeting.declined:
            person = self.by_email.get(email.casefold())
            if person is not None:
                found.pop(person.id, None)
        return list(found.values())


def log_meetings(
    board: Records, meetings: list[Meeting], today: date, *, unnamed: int = 0
) -> Report:
    """Log each past meeting with someone on the board, once. ``unnamed``
    events were passed over already, holding no clue to anyone."""
    report = Report()
    report.tally("event", "naming no one on your board", unnamed)
    people = board.all(Person)
    names = {p.id: p.name for p in people}
    matcher = Matcher(people)
    logged = board.newest_conversations()
    known = {c.uid for c in logged}
    removed = {t["uid"] for t in board.deletions()}
    same_day = {(c.date, frozenset(c.people)) for c in logged}
    dates = {(d.person, d.label) for d in board.all(KeyDate)}
    for meeting in sorted(meetings, key=lambda m: (m.day, m.key)):
        if meeting.cancelled:
            report.tally("event", "cancelled")
            continue
        if meeting.key.endswith(OWN_UIDS):
            report.tally("event", "a check-in advisors wrote, not a meeting")
            continue
        if meeting.you_declined:
            report.tally("event", "you declined")
            continue
        who = matcher.people_in(meeting)
        if meeting.occasion:
            _keep_date(board, meeting, who, dates, report)
            continue
        if meeting.day > today:
            report.tally("event", "still to come (a later import logs it)")
            continue
        if not who:
            report.tally("event", "naming no one on your board")
            continue
        talk = Conversation(
            uid=meeting.uid,
            people=sorted(p.id for p in who),
            date=meeting.day.isoformat(),
            via=meeting.via,
            notes=meeting.title,
            source="calendar",
            created=now_stamp(),
        )
        label = label_of(talk, names)
        if talk.uid in known:
            report.tally("meeting", "logged by an earlier import")
        elif talk.uid in removed:
            report.note("skip", "conversation", label, "you dropped it here")
        elif (talk.date, frozenset(talk.people)) in same_day:
            report.note("skip", "conversation", label, "already logged that day")
        else:
            board.insert(talk)
            known.add(talk.uid)
            same_day.add((talk.date, frozenset(talk.people)))
            report.note("add", "conversation", label, meeting.title)
    return report


def _keep_date(
    board: Records,
    meeting: Meeting,
    who: list[Person],
    dates: set[tuple[int, str]],
    report: Report,
) -> None:
    """An all-day birthday or anniversary of one person on the board becomes
    their date (once, without a year: a calendar's first year is rarely the
    year of birth); any other free all-day event is passed over."""
    label = occasion_of(meeting.title)
    if label is None or len(who) != 1:
        report.tally("event", "all day and free: a date, not a meeting")
        return
    person = who[0]
    if (person.id, label) in dates:
        report.tally("event", f"already kept as a {label}")
        return
    day = f"--{meeting.day.month:02d}-{meeting.day.day:02d}"
    board.insert(KeyDate(person=person.id, label=label, date=day, created=now_stamp()))
    dates.add((person.id, label))
    report.note("add", "date", f"{person.name}'s {label} ({day[2:]})")
