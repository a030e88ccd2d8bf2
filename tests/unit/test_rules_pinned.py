"""The rules of who is due, natural dates, rhythm and the digest, pinned at
their edges: each test here kills mutants that survived the rest of the fast
suite (``scripts/mutation``). Domain only: no CLI, no files written."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from advisors.board.digest import build_digest, goal_gaps
from advisors.board.due import DueReport, next_due, standing, summary, who_is_due
from advisors.board.records import (
    Advice,
    Conversation,
    Decision,
    Goal,
    Owner,
    Person,
    Role,
    Status,
    Todo,
)
from advisors.board.rhythm import month_starts, rhythm, rhythm_of, rhythms, rhythms_of
from advisors.dates import days_ago_words, parse_date, relative_words
from advisors.errors import UsageProblem
from advisors.store.schema import empty_tables
from advisors.store.segments import ConversationLog
from advisors.store.state import Data

TODAY = date(2026, 11, 25)  # a Wednesday


def talked(name: str, days_ago: int | None, cadence: str = "1m", **fields) -> Person:
    last = None if days_ago is None else (TODAY - timedelta(days=days_ago)).isoformat()
    return Person(name=name, cadence=cadence, last_contact=last, **fields)


# Who is due, and the summary line -------------------------------------------


def report(*people: Person, within: int = 7) -> DueReport:
    return who_is_due(people, TODAY, within=within)


def test_the_summary_says_caught_up_only_when_nobody_needs_attention() -> None:
    assert summary(report()) == "Nobody active on your board yet."
    assert summary(report(talked("Ok", 1))) == "All caught up: 1 on track."
    assert summary(report(talked("Late", 40), talked("Ok", 1))) == (
        "1 to reconnect with, 1 on track."
    )
    assert summary(report(talked("Soon", 28), talked("Ok", 1))) == ("1 due this week, 1 on track.")
    assert summary(report(talked("Late", 40), talked("Soon", 28))) == (
        "1 to reconnect with, 1 due this week."
    )


def test_the_summary_names_a_wider_window_in_days() -> None:
    assert summary(report(talked("Soon", 20), within=14)) == "1 due within 14 days."


def test_the_default_window_is_a_week() -> None:
    eight_days_out = talked("Eight", 30 - 8, cadence="30d")
    assert who_is_due([eight_days_out], TODAY).people[0].state == "ok"
    seven_days_out = talked("Seven", 30 - 7, cadence="30d")
    assert who_is_due([seven_days_out], TODAY).people[0].state == "soon"


def test_filters_keep_looking_after_someone_left_out() -> None:
    people = [
        talked("Peer", 1, role=Role.PEER, areas=["career"]),
        talked("Mentor", 1, role=Role.MENTOR, areas=["career"]),
        talked("Coach", 1, role=Role.MENTOR, areas=["wellness"]),
    ]
    assert [s.person.name for s in who_is_due(people, TODAY, role="mentor").people] == [
        "Coach",
        "Mentor",
    ]
    assert [s.person.name for s in who_is_due(people, TODAY, area="career").people] == [
        "Mentor",
        "Peer",
    ]


def test_paused_people_are_listed_by_return_day_and_open_ended_pauses_last() -> None:
    people = [
        Person(name="Open", status=Status.PAUSED),
        Person(name="Later", status=Status.PAUSED, paused_until="2027-03-01"),
        Person(name="Sooner", status=Status.PAUSED, paused_until="2027-01-01"),
    ]
    assert [p.name for p in who_is_due(people, TODAY).paused] == ["Sooner", "Later", "Open"]


def test_next_due_is_for_people_on_the_rota_only_and_ignores_the_window() -> None:
    ana = talked("Ana", 10, cadence="2w")
    assert next_due(ana, TODAY) == TODAY + timedelta(days=4)
    assert next_due(talked("Gone", 10, status=Status.ARCHIVED), TODAY) is None
    assert next_due(talked("Maybe", 10, status=Status.PROSPECT), TODAY) is None


# Dates people type -------------------------------------------------------------


def test_a_two_digit_year_is_this_century() -> None:
    assert parse_date("20/11/26", TODAY) == date(2026, 11, 20)
    assert parse_date("20/11/99", TODAY) == date(2099, 11, 20)
    with pytest.raises(UsageProblem, match="out of range"):
        parse_date("20/11/1800", TODAY)


def test_a_slash_date_follows_the_configured_order() -> None:
    assert parse_date("05/06/2026", TODAY, order="dmy") == date(2026, 6, 5)
    assert parse_date("05/06/2026", TODAY, order="mdy") == date(2026, 5, 6)
    # only one reading exists: taken whatever the order says
    assert parse_date("13/06/2026", TODAY, order="mdy") == date(2026, 6, 13)
    assert parse_date("06/13/2026", TODAY, order="dmy") == date(2026, 6, 13)


def test_an_ambiguous_slash_date_names_both_readings_and_the_setting() -> None:
    with pytest.raises(UsageProblem) as caught:
        parse_date("05/06/2026", TODAY)
    assert str(caught.value) == (
        "the date '05/06/2026' could be 5 June 2026 or 6 May 2026: write 2026-06-05 or "
        '2026-05-06, or set date_order = "dmy" or "mdy" in the config file'
    )


def test_an_impossible_slash_date_is_refused_naming_it() -> None:
    with pytest.raises(UsageProblem, match="can't read the date '31/31/2026'"):
        parse_date("31/31/2026", TODAY)


def test_end_of_month_in_december_and_months_either_way() -> None:
    assert parse_date("end of month", date(2026, 12, 3)) == date(2026, 12, 31)
    assert parse_date("end of month", date(2026, 11, 3)) == date(2026, 11, 30)
    assert parse_date("end of month", date(2027, 2, 3)) == date(2027, 2, 28)
    assert parse_date("end of next month", date(2026, 11, 3)) == date(2026, 12, 31)
    assert parse_date("next month", date(2026, 1, 31)) == date(2026, 2, 28)
    assert parse_date("last month", TODAY) == date(2026, 10, 25)


def test_a_shift_too_far_says_what_was_typed() -> None:
    with pytest.raises(UsageProblem, match="can't read the date '-999999 years'"):
        parse_date("999999 years ago", TODAY)


def test_words_for_days() -> None:
    assert days_ago_words(None) == "never"
    assert days_ago_words(0) == "today"
    assert days_ago_words(1) == "yesterday"
    assert days_ago_words(2) == "2 days ago"
    assert relative_words(0) == "today"
    assert relative_words(1) == "1 day ago"
    assert relative_words(-1) == "in 1 day"
    assert relative_words(-3) == "in 3 days"


# The rhythm of a relationship --------------------------------------------------


def days(*ago: int) -> list[date]:
    return [TODAY - timedelta(days=n) for n in ago]


def test_month_starts_are_first_days_oldest_first() -> None:
    assert month_starts(date(2026, 2, 14), 3) == [
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]


def test_a_talk_on_the_as_of_day_counts_and_each_talk_counts_once() -> None:
    ana = Person(name="Ana", cadence="1m", created="2020-01-01")
    found = rhythm(ana, [TODAY, TODAY - timedelta(days=1)], TODAY, months=2)
    assert found.months == [0, 2]
    assert found.conversations == 2


def test_the_default_window_is_twelve_months() -> None:
    ana = Person(name="Ana", cadence="1m", created="2020-01-01")
    assert len(rhythm(ana, [], TODAY).months) == 12
    assert len(rhythms([ana], [], TODAY)[0].months) == 12


def test_a_period_runs_from_each_talk_and_a_talk_on_its_last_day_keeps_it() -> None:
    # weekly, added 2026-11-04: a talk on the 10th keeps the first period;
    # [10, 17] and [17, 24] pass without one; [24, 1 Dec] is still running
    bo = Person(name="Bo", cadence="1w", created="2026-11-04T09:00:00+00:00")
    found = rhythm(bo, [date(2026, 11, 10)], TODAY, months=12)
    assert (found.periods, found.kept) == (3, 1)
    # on the 11th, the last day of the first period: kept; [11, 18] broken;
    # [18, 25] runs until today's end
    on_the_edge = rhythm(bo, [date(2026, 11, 11)], TODAY, months=12)
    assert (on_the_edge.periods, on_the_edge.kept) == (2, 1)


def test_the_period_a_talk_today_ends_counts_kept() -> None:
    bo = Person(name="Bo", cadence="1w", created="2026-11-04T09:00:00+00:00")
    found = rhythm(bo, [TODAY], TODAY)
    assert (found.periods, found.kept) == (3, 1)  # [4,11] and [11,18] broken


def test_kept_every_time_and_a_gap_longer_than_the_rhythm_never_go_together() -> None:
    # the case: a six-week rhythm, talks 73 days apart
    ana = Person(name="Ana", cadence="6w", created="2020-01-01")
    found = rhythm(ana, [TODAY - timedelta(days=80), TODAY - timedelta(days=7)], TODAY, months=3)
    assert [g.days for g in found.long_gaps] == [73]
    assert found.kept < found.periods
    steady = rhythm(ana, days(80, 40, 2), TODAY, months=3)
    assert steady.long_gaps == [] and steady.kept == steady.periods


def test_the_latest_they_let_go_by_is_the_rhythm_stats_measure() -> None:
    ana = Person(name="Ana", cadence="3w", at_most="6w", created="2020-01-01")
    found = rhythm(ana, days(80, 40, 2), TODAY, months=3)
    assert found.long_gaps == [] and found.kept == found.periods


def test_gaps_longer_than_the_rhythm_and_an_open_silence() -> None:
    ana = Person(name="Ana", cadence="10d", created="2020-01-01")
    found = rhythm(ana, days(40, 30, 19), TODAY, months=3)
    assert [g.days for g in found.gaps] == [10, 11]
    assert [(g.days, g.still_open) for g in found.long_gaps] == [(11, False), (19, True)]
    exactly = rhythm(ana, days(20, 10), TODAY, months=3)
    assert exactly.long_gaps == []  # ten days is the rhythm, not longer
    assert rhythm(ana, [], TODAY, months=3).long_gaps == []


def test_someone_added_during_the_window_is_measured_from_then() -> None:
    new = Person(name="New", cadence="1m", created="2026-10-01T08:00:00+00:00")
    assert rhythm(new, [], TODAY).begin == date(2026, 10, 1)
    assert rhythm(new, days(70, 60), TODAY).begin == date(2026, 9, 16)  # an earlier talk
    unreadable = Person(name="Odd", cadence="1m", created="not a time")
    assert rhythm(unreadable, days(30), TODAY).begin == date(2026, 10, 26)
    assert rhythm(unreadable, [], TODAY).begin == TODAY


def test_nobody_measured_is_listed_first() -> None:
    quiet = Person(id=1, name="Zed", cadence="1m", created=TODAY.isoformat())
    kept = Person(id=2, name="Amy", cadence="1m", created="2020-01-01")
    talks = [Conversation(people=[2], date=(TODAY - timedelta(days=3)).isoformat())]
    assert [r.person.name for r in rhythms([kept, quiet], talks, TODAY, months=1)] == [
        "Zed",
        "Amy",
    ]


@pytest.fixture
def board(tmp_path: Path) -> Data:
    return Data(empty_tables(), ConversationLog(tmp_path / "log", []))


def test_rhythms_of_the_board_read_the_window_and_a_newcomers_earlier_talk(board: Data) -> None:
    old = board.insert(Person(name="Old", cadence="1m", created="2020-01-01"))
    new = board.insert(Person(name="New", cadence="1m", created="2026-10-01"))
    board.insert(Person(name="Gone", cadence="1m", created="2020-01-01", status=Status.ARCHIVED))
    for person, day in ((old, "2025-06-01"), (old, "2026-11-01"), (old, "2026-12-01")):
        board.insert(Conversation(people=[person.id], date=day))
    board.insert(Conversation(people=[new.id], date="2025-08-10"))  # before the window
    found = {r.person.name: r for r in rhythms_of(board, TODAY, months=12)}
    assert sorted(found) == ["New", "Old"]
    assert found["Old"].conversations == 1  # not the one before the window, nor after today
    # added during the window, but talked before it: measured from its start
    assert found["New"].begin == date(2025, 11, 25)
    assert found["New"].conversations == 0
    one = rhythm_of(board, old, TODAY, months=24)
    assert one.conversations == 2 and len(one.months) == 24
    assert len(rhythm_of(board, old, TODAY).months) == 12


class _Counted:
    """A board that counts what its rules ask of the log."""

    def __init__(self, board: Data) -> None:
        self.board, self.asked = board, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.board, name)

    def newest_conversations(self, *args: Any, **kwargs: Any) -> list[Conversation]:
        self.asked += 1
        return self.board.newest_conversations(*args, **kwargs)


def test_rhythms_of_newcomers_who_never_talked_ask_the_log_nothing_more(board: Data) -> None:
    for n in range(3):  # an address book brought in during the window, never talked to
        board.insert(Person(name=f"New {n}", cadence="1m", created="2026-10-01"))
    talker = board.insert(Person(name="Talker", cadence="1m", created="2026-10-01"))
    board.insert(Conversation(people=[talker.id], date="2025-08-10"))  # before the window
    counted = _Counted(board)
    found = {r.person.name: r for r in rhythms_of(counted, TODAY, months=12)}
    assert counted.asked == 2  # the window, and the talker's conversation before it
    assert found["Talker"].begin == date(2025, 11, 25)
    assert found["New 0"].begin == date(2026, 10, 1)


# The digest ----------------------------------------------------------------------


def digest_of(as_of: date = TODAY, within: int = 7, **lists):
    return build_digest(
        lists.get("people", []),
        lists.get("todos", []),
        lists.get("advice", []),
        lists.get("goals", []),
        as_of,
        within=within,
    )


def test_the_digest_window_widens_people_and_follow_ups_alike() -> None:
    soon = talked("Soon", 30 - 10, cadence="30d")
    mine = Todo(text="send", owner=Owner.ME, due=(TODAY + timedelta(days=10)).isoformat())
    narrow = digest_of(people=[soon], todos=[mine])
    assert narrow.due_soon == [] and narrow.my_todos == []
    wide = digest_of(people=[soon], todos=[mine], within=14)
    assert [s.person.name for s in wide.due_soon] == ["Soon"]
    assert [t.text for t in wide.my_todos] == ["send"]
    assert build_digest([soon], [mine], [], [], TODAY).due_soon == []  # a week by default


def test_follow_ups_due_on_the_last_day_of_the_window_are_in() -> None:
    edge = (TODAY + timedelta(days=7)).isoformat()
    mine = Todo(id=1, text="mine", owner=Owner.ME, due=edge)
    theirs = Todo(id=2, text="theirs", owner=Owner.THEM, person=1, due=edge)
    found = digest_of(todos=[mine, theirs])
    assert [t.text for t in found.my_todos] == ["mine"]
    assert [t.text for t in found.waiting] == ["theirs"]


def test_follow_ups_are_sorted_by_due_date_with_undated_last() -> None:
    a = Todo(id=1, text="later", owner=Owner.THEM, person=1, due="2026-11-30")
    b = Todo(id=2, text="undated", owner=Owner.THEM, person=1, created="2020-01-01")
    c = Todo(id=3, text="sooner", owner=Owner.THEM, person=1, due="2026-11-20")
    assert [t.text for t in digest_of(todos=[a, b, c]).waiting] == ["sooner", "later", "undated"]


def test_an_undated_wait_shows_once_older_than_that_persons_rhythm() -> None:
    ana = Person(id=1, name="Ana", cadence="2w")

    def waiting(asked_days_ago: int, person: int | None = 1) -> list[Todo]:
        created = (TODAY - timedelta(days=asked_days_ago)).isoformat() + "T09:00:00+00:00"
        todo = Todo(text="x", owner=Owner.THEM, person=person, created=created)
        return digest_of(people=[ana], todos=[todo]).waiting

    assert waiting(13) == []
    assert len(waiting(14)) == 1  # exactly one rhythm: shown
    # nobody's rhythm: the default month
    assert waiting(29, person=None) == [] and len(waiting(31, person=None)) == 1
    assert waiting(20, person=7) == []  # someone gone: the default month too


def test_advice_and_gaps_wait_for_the_first_digest_of_the_month_unless_new() -> None:
    old = Advice(person=1, text="old", given="2026-09-01")
    fresh = Advice(person=1, text="fresh", given=(TODAY - timedelta(days=6)).isoformat())
    week_old = Advice(person=1, text="week", given=(TODAY - timedelta(days=7)).isoformat())
    tried = Advice(person=1, text="tried", given="2026-09-01", decision=Decision.TAKING)
    tried.outcome = "it worked"
    pieces = [old, fresh, week_old, tried]
    mid_month = digest_of(advice=pieces)
    assert [a.text for a in mid_month.to_decide] == ["fresh"]
    assert mid_month.to_report == []
    first_week = digest_of(as_of=date(2026, 12, 7), advice=pieces)
    assert [a.text for a in first_week.to_decide] == ["old", "fresh", "week"]
    assert [a.text for a in first_week.to_report] == ["tried"]
    assert digest_of(as_of=date(2026, 12, 8), advice=[old]).to_decide == []


def test_a_goal_gap_is_new_within_the_window_only() -> None:
    def goal(created_days_ago: int) -> Goal:
        created = (TODAY - timedelta(days=created_days_ago)).isoformat()
        return Goal(title="Run", area="wellness", created=created + "T09:00:00+00:00")

    assert len(digest_of(goals=[goal(6)]).gaps) == 1
    assert digest_of(goals=[goal(7)]).gaps == []
    assert len(digest_of(as_of=date(2026, 12, 1), goals=[goal(30)]).gaps) == 1


def test_goal_gaps_ignore_the_configured_areas_without_goals() -> None:
    gaps = goal_gaps([], [Goal(title="Run", area="wellness")], TODAY)
    assert [g.area for g in gaps] == ["wellness"]


def test_goals_coming_up_include_the_horizon_day_and_are_sorted() -> None:
    horizon = (TODAY + timedelta(days=30)).isoformat()
    goals = [
        Goal(id=2, title="B", target=horizon),
        Goal(id=1, title="A", target=horizon),
        Goal(id=3, title="C", target=(TODAY + timedelta(days=31)).isoformat()),
        Goal(id=4, title="Early", target="2026-12-01"),
    ]
    assert [g.title for g in digest_of(goals=goals).goals] == ["Early", "A", "B"]


def test_standing_of_a_person_uses_the_window_it_is_given() -> None:
    assert standing(talked("Ana", 25, cadence="30d"), TODAY, 5).state == "soon"
    assert standing(talked("Ana", 25, cadence="30d"), TODAY, 4).state == "ok"


def test_the_digest_and_the_rhythm_defaults_when_not_given(board: Data) -> None:
    eight_days_out = talked("Eight", 30 - 8, cadence="30d")
    assert build_digest([eight_days_out], [], [], [], TODAY).due_soon == []
    back = board.insert(
        Person(name="Back", status=Status.PAUSED, paused_until="2026-11-01", created="2020-01-01")
    )
    assert [r.person.id for r in rhythms_of(board, TODAY)] == [back.id]  # the pause has ended
    assert len(rhythms_of(board, TODAY)[0].months) == 12


def test_a_person_without_a_readable_creation_day_is_measured_from_today() -> None:
    blank = Person(name="Blank", cadence="1m", created="")
    assert rhythm(blank, [], TODAY).begin == TODAY
    assert rhythm(blank, days(20), TODAY).begin == TODAY - timedelta(days=20)
