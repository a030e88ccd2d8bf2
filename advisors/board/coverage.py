"""The whole board at a glance: which areas of a life it covers, where the
gaps are, and whether it is a two-way street.

One definition of a gap, used by ``board`` and by ``remind``, so the two never
disagree. Plain functions of the records and a date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from advisors.board import DEFAULT_AREAS
from advisors.board.due import NEVER, OVERDUE, Standing, standing
from advisors.board.giving import Exchange, exchanges, takers
from advisors.board.records import (
    Advice,
    Conversation,
    Decision,
    Give,
    Goal,
    GoalStatus,
    Person,
    Records,
    Role,
    Status,
)
from advisors.board.rota import is_paused, on_rota
from advisors.names import spoken

RECENT_DAYS = 90

# The kinds of gap, as the JSON names them.
NOBODY, ALL_OVERDUE, GOAL_ALONE, PROSPECT, PAUSED = (
    "no_advisor",
    "all_overdue",
    "goal_without_advisor",
    "prospect_could_cover",
    "paused_leaves_gap",
)


@dataclass
class Area:
    name: str
    advisors: list[Standing] = field(default_factory=list)
    freshest: date | None = None  # the latest contact with anyone covering it
    goals: list[Goal] = field(default_factory=list)


@dataclass
class Gap:
    kind: str
    area: str | None
    sentence: str
    goals: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)


@dataclass
class Side:
    """One side of the two-way street."""

    people: int = 0
    conversations: int = 0  # in the last ``RECENT_DAYS`` days


@dataclass
class Balance:
    learn_from: Side = field(default_factory=Side)  # mentors, sponsors, coaches
    peers: Side = field(default_factory=Side)
    mentees: Side = field(default_factory=Side)
    advice_received: int = 0
    advice_acted_on: int = 0
    leaning: str | None = None  # a sentence when the board leans one way
    only_mentors: bool = True  # everyone you learn from is a mentor
    advice_given: int = 0  # advice you gave (to your mentees, or anyone)
    # each person's give and take over 90 days and a year, and so who you
    # have only taken from
    exchanges: list[Exchange] = field(default_factory=list)

    @property
    def takers(self) -> list[Exchange]:
        return takers(self.exchanges)


@dataclass
class Board:
    as_of: date
    areas: list[Area]
    gaps: list[Gap]
    balance: Balance
    alumni: list[Person] = field(default_factory=list)  # relationships closed well


def yours(goals: Iterable[Goal]) -> list[Goal]:
    """Your own goals: a mentee's (a goal ``for`` someone) is theirs, shown
    in their prep, never a gap of your board."""
    return [g for g in goals if g.person is None]


def areaspoken(
    people: Iterable[Person],
    goals: Iterable[Goal],
    as_of: date,
    configured: Sequence[str] = DEFAULT_AREAS,
) -> list[str]:
    """The areas of a life: configured ones, then any an active advisor or an
    open goal names, in that order."""
    names = list(dict.fromkeys(configured))
    goals = yours(goals)
    for person in people:
        if on_rota(person, as_of):
            names += [a for a in person.areas if a not in names]
    for goal in goals:
        if goal.status == GoalStatus.OPEN and goal.area and goal.area not in names:
            names.append(goal.area)
    return names


def gaps(
    people: list[Person],
    goals: list[Goal],
    as_of: date,
    configured: Sequence[str] = DEFAULT_AREAS,
    within: int = 7,
) -> list[Gap]:
    """Every gap on the board, in words."""
    goals = yours(goals)
    names = areaspoken(people, goals, as_of, configured)
    active = [p for p in people if on_rota(p, as_of)]
    found: list[Gap] = []
    for area in names:
        covering = [p for p in active if area in p.areas]
        wanted = [g.title for g in goals if g.status == GoalStatus.OPEN and g.area == area]
        if not covering:
            because = f" (goal: {', '.join(wanted)})" if wanted else ""
            found.append(Gap(NOBODY, area, f"No active advisor for {area}{because}.", wanted))
            paused = [p.name for p in people if is_paused(p, as_of) and area in p.areas]
            if paused:
                found.append(
                    Gap(
                        PAUSED,
                        area,
                        f"{spoken(paused)} paused, which leaves {area} uncovered.",
                        wanted,
                        paused,
                    )
                )
            prospects = [p.name for p in people if p.status == Status.PROSPECT and area in p.areas]
            for name in prospects:
                found.append(
                    Gap(
                        PROSPECT,
                        area,
                        f"{name} (prospect) could cover {area}: ask them.",
                        wanted,
                        [name],
                    )
                )
        elif all(standing(p, as_of, within).state in (OVERDUE, NEVER) for p in covering):
            found.append(
                Gap(
                    ALL_OVERDUE,
                    area,
                    f"Everyone who covers {area} is overdue: {spoken([p.name for p in covering])}.",
                    wanted,
                    [p.name for p in covering],
                )
            )
    for goal in goals:
        if goal.status == GoalStatus.OPEN and not any(p.id in goal.advisors for p in active):
            paused = [p.name for p in people if p.id in goal.advisors and is_paused(p, as_of)]
            why = (
                f": {spoken(paused)} {'is' if len(paused) == 1 else 'are'} paused" if paused else ""
            )
            found.append(
                Gap(
                    GOAL_ALONE,
                    goal.area or None,
                    f"Nobody active helps with your goal \u201c{goal.title}\u201d{why}."
                    if paused
                    else f"Nobody helps with your goal \u201c{goal.title}\u201d.",
                    [goal.title],
                    paused,
                )
            )
    return found


def balance(
    people: list[Person],
    talks: Iterable[Conversation],
    advice: Iterable[Advice],
    as_of: date,
    gives: Iterable[Give] = (),
) -> Balance:
    """The two-way street: who you learn from, peers, who you mentor, and
    what you gave each person against what you received."""
    advice = list(advice)
    result = Balance(exchanges=exchanges(people, gives, advice, as_of))
    side_of = {Role.PEER: result.peers, Role.MENTEE: result.mentees}
    sides = {}
    for person in people:
        if on_rota(person, as_of):
            side = side_of.get(person.role, result.learn_from)
            side.people += 1
            if side is result.learn_from and person.role != Role.MENTOR:
                result.only_mentors = False
            sides[person.id] = side
    since = (as_of - timedelta(days=RECENT_DAYS)).isoformat()
    for talk in talks:
        if since < talk.date <= as_of.isoformat():
            for side in {id(sides[p]): sides[p] for p in talk.people if p in sides}.values():
                side.conversations += 1
    for piece in advice:
        if piece.mine:
            result.advice_given += 1
            continue
        result.advice_received += 1
        if piece.decision == Decision.TAKING and piece.outcome:
            result.advice_acted_on += 1
    result.leaning = _leaning(result)
    return result


def _leaning(b: Balance) -> str | None:
    teachers, mentees = b.learn_from.people, b.mentees.people
    if teachers and not mentees:
        who = (
            _count(teachers, "mentor", "mentors")
            if b.only_mentors
            else _count(teachers, "person to learn from", "people to learn from")
        )
        return (
            f"You have {who} and no mentee: the article's two-way street says "
            "teaching is how you learn."
        )
    if mentees and not teachers:
        return (
            f"You mentor {_count(mentees, 'person', 'people')} and have nobody to "
            "learn from: who advises you?"
        )
    if teachers >= 3 * mentees + 3:
        return (
            f"You have {teachers} people to learn from and {mentees} "
            f"mentee{'s' if mentees != 1 else ''}: the board leans towards learning."
        )
    return None


def board(
    people: list[Person],
    goals: list[Goal],
    recent: Iterable[Conversation],
    advice: Iterable[Advice],
    as_of: date,
    *,
    latest: dict[int, str],
    gives: Iterable[Give] = (),
    configured: Sequence[str] = DEFAULT_AREAS,
    within: int = 7,
) -> Board:
    """The board on ``as_of``: ``recent`` holds the conversations of the last
    ``RECENT_DAYS`` days, ``latest`` each person's last contact up to then."""
    goals = yours(goals)
    areas = []
    for name in areaspoken(people, goals, as_of, configured):
        covering = [
            standing(p, as_of, within) for p in people if on_rota(p, as_of) and name in p.areas
        ]
        covering.sort(key=lambda s: (-s.urgency, s.person.name.casefold()))
        days = [latest[s.person.id] for s in covering if s.person.id in latest]
        areas.append(
            Area(
                name,
                covering,
                date.fromisoformat(max(days)) if days else None,
                [g for g in goals if g.status == GoalStatus.OPEN and g.area == name],
            )
        )
    return Board(
        as_of,
        areas,
        gaps(people, goals, as_of, configured, within),
        balance(people, recent, advice, as_of, gives),
        sorted((p for p in people if p.status == Status.ALUMNI), key=lambda p: p.name.casefold()),
    )


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def latest_contacts(records: Records, people: Iterable[Person], as_of: date) -> dict[int, str]:
    """Each on-rota person's last contact on ``as_of`` (the stored one, unless
    ``as_of`` is before it, when the log says)."""
    latest: dict[int, str] = {}
    for person in people:
        if not on_rota(person, as_of) or not person.last_contact:
            continue
        if person.last_contact <= as_of.isoformat():
            latest[person.id] = person.last_contact
        elif found := records.newest_conversations(1, person=person.id, until=as_of.isoformat()):
            latest[person.id] = found[0].date
    return latest


def board_of(
    records: Records,
    people: list[Person],
    as_of: date,
    *,
    configured: Sequence[str] = DEFAULT_AREAS,
    within: int = 7,
) -> Board:
    """The board on ``as_of``, reading from the log only what it needs."""
    recent = records.newest_conversations(
        since=(as_of - timedelta(days=RECENT_DAYS)).isoformat(), until=as_of.isoformat()
    )
    return board(
        people,
        records.all(Goal),
        recent,
        records.all(Advice),
        as_of,
        latest=latest_contacts(records, people, as_of),
        gives=records.all(Give),
        configured=configured,
        within=within,
    )
