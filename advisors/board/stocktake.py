"""The board review: every six months or at a turning point, look at the
whole board and choose, person by person, to keep, deepen or rotate out;
then see the mix (orgs, roles), the strength of each tie, who you only take
from and which agreements are past their review. Plain functions of the
records and a date."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from advisors.board import DEFAULT_AREAS
from advisors.board.agreements import ReviewDue
from advisors.board.coverage import areaspoken
from advisors.board.endings import make_alumni
from advisors.board.giving import YEAR_DAYS, Exchange
from advisors.board.records import (
    Conversation,
    Goal,
    Person,
    Records,
    Review,
    Status,
    now_stamp,
)
from advisors.board.rota import parse_day
from advisors.cadence import add_cadence
from advisors.dates import span_words
from advisors.errors import UsageProblem

REVIEW_EVERY = "6m"  # config review_every, unless it says


class Choice(StrEnum):
    KEEP = "keep"
    DEEPEN = "deepen"
    ROTATE = "rotate"  # out: the person becomes alumni
    SKIP = "skip"


# How strong a tie is, by conversations in the last year: (at least, word).
STRENGTHS = ((12, "strong"), (4, "steady"), (1, "weak"), (0, "dormant"))


def strength(conversations: int) -> str:
    return next(word for least, word in STRENGTHS if conversations >= least)


@dataclass
class Tie:
    person: Person
    conversations: int  # in the last year

    @property
    def strength(self) -> str:
        return strength(self.conversations)


@dataclass
class Share:
    """How many on the board share one org or one role."""

    what: str  # "org" or "role"
    value: str
    count: int


@dataclass
class Stocktake:
    as_of: date
    ties: list[Tie]  # the active board, strongest tie first
    covered: dict[str, list[str]]  # area -> who covers it
    uncovered: list[str]
    orgs: list[Share]
    roles: list[Share]
    warnings: list[str]
    takers: list[Exchange]
    agreements: list[ReviewDue]
    last_review: str | None  # the day of the last one
    due: str | None  # "Time to review your board: ..." when it is

    @property
    def people(self) -> list[Person]:
        return [t.person for t in self.ties]


def ties(people: Sequence[Person], talks: Iterable[Conversation], as_of: date) -> list[Tie]:
    """Each person's conversations in the year up to ``as_of``, strongest first."""
    since = (as_of - timedelta(days=YEAR_DAYS)).isoformat()
    counts: Counter[int] = Counter()
    for talk in talks:
        if since < talk.date <= as_of.isoformat():
            counts.update(talk.people)
    found = [Tie(p, counts[p.id]) for p in people]
    found.sort(key=lambda t: (-t.conversations, t.person.name.casefold()))
    return found


def mix(people: Sequence[Person]) -> tuple[list[Share], list[Share], list[str]]:
    """The board by org and by role, and a warning for each org or role that
    more than half of it shares (a board of one or two says nothing)."""
    orgs = [
        Share("org", o, n)
        for o, n in Counter(p.org.strip() for p in people if p.org.strip()).most_common()
    ]
    roles = [Share("role", str(r), n) for r, n in Counter(p.role for p in people).most_common()]
    warnings = []
    if len(people) >= 3:
        for share in [*orgs, *roles]:
            if share.count * 2 > len(people):
                at = f"at {share.value}" if share.what == "org" else f"{share.value}s"
                warnings.append(
                    f"{share.count} of your {len(people)} advisors are {at}: "
                    f"more than half the board sees from one {share.what}."
                )
    return orgs, roles, warnings


def review_due(
    reviews: Iterable[Review], people: Iterable[Person], today: date, every: str
) -> str | None:
    """ "Time to review your board" once ``every`` has passed since the last
    review (or since your first person joined, before any)."""
    start = review_start(reviews, people)
    if start is None or add_cadence(start[0], every) > today:
        return None
    day, since = start
    return f"Time to review your board: {span_words(day, today)} since {since} ({day})."


def review_start(reviews: Iterable[Review], people: Iterable[Person]) -> tuple[date, str] | None:
    """What the next board review counts from, and its words: the last
    review, else the day the first of ``people`` joined; None with neither."""
    last = max((r.date for r in reviews), default=None)
    if last:
        return date.fromisoformat(last), "your last review"
    joined = [day for p in people if (day := parse_day(p.created[:10])) is not None]
    return (min(joined), "you began your board") if joined else None


def stocktake(
    records: Records,
    people: list[Person],
    as_of: date,
    *,
    exchanges: list[Exchange],
    agreements: list[ReviewDue],
    every: str = REVIEW_EVERY,
    configured: Sequence[str] = DEFAULT_AREAS,
) -> Stocktake:
    """The review's summary on ``as_of``, of everyone active."""
    active = [p for p in people if p.status == Status.ACTIVE]
    talks = records.newest_conversations(
        since=(as_of - timedelta(days=YEAR_DAYS)).isoformat(), until=as_of.isoformat()
    )
    covered = {
        area: [p.name for p in active if area in p.areas]
        for area in areaspoken(active, records.all(Goal), as_of, configured)
    }
    orgs, roles, warnings = mix(active)
    reviews = records.all(Review)
    return Stocktake(
        as_of=as_of,
        ties=ties(active, talks, as_of),
        covered={a: names for a, names in covered.items() if names},
        uncovered=[a for a, names in covered.items() if not names],
        orgs=orgs,
        roles=roles,
        warnings=warnings,
        takers=[e for e in exchanges if e.only_taken and e.person.status == Status.ACTIVE],
        agreements=agreements,
        last_review=max((r.date for r in reviews), default=None),
        due=review_due(reviews, people, as_of, every),
    )


@dataclass
class Seat:
    """One person as the review walks past them: the tie, the give and take,
    and their agreement when its review has come."""

    tie: Tie
    exchange: Exchange | None
    agreement: ReviewDue | None

    @property
    def person(self) -> Person:
        return self.tie.person


def seats(take: Stocktake, exchanges: Iterable[Exchange]) -> list[Seat]:
    """The active board in the order the review walks it: by name."""
    by_person = {e.person.id: e for e in exchanges}
    due = {r.person.id: r for r in take.agreements}
    found = [Seat(t, by_person.get(t.person.id), due.get(t.person.id)) for t in take.ties]
    found.sort(key=lambda s: s.person.name.casefold())
    return found


@dataclass
class Verdict:
    """One person's choice in a review, with a note."""

    person: Person
    choice: Choice
    note: str = ""


@dataclass
class Recorded:
    review: Review
    rotated: list[Person] = field(default_factory=list)


def record_review(board: Records, verdicts: list[Verdict], day: date) -> Recorded:
    """Keep the review of ``day``: whom you keep, deepen and rotate out
    (they become alumni), with the notes; a review with no choices (``review
    --done``) only says that you did it."""
    if any(r.date == day.isoformat() for r in board.all(Review)) and not verdicts:
        raise UsageProblem(f"you already reviewed your board on {day}")
    review = Review(date=day.isoformat(), created=now_stamp())
    rotated = []
    notes = []
    for v in verdicts:
        if v.note:
            notes.append(f"{v.person.name}: {v.note}")
        if v.choice == Choice.KEEP:
            review.keep.append(v.person.id)
        elif v.choice == Choice.DEEPEN:
            review.deepen.append(v.person.id)
        elif v.choice == Choice.ROTATE:
            review.rotate.append(v.person.id)
            person = board.get(Person, v.person.id)
            if person is not None and person.status != Status.ALUMNI:
                make_alumni(board, person)
                rotated.append(person)
    review.notes = "\n".join(notes)
    return Recorded(board.insert(review), rotated)
