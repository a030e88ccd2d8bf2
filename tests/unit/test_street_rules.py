"""The rules of the two-way street, tested without the CLI: give and take,
agreements and their reviews, the board review, endings, advice you gave,
goals that are someone else's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisors.board import agreements, endings, stocktake
from advisors.board.advice import DECLINED, HEARD, THEIRS, WAITING, advice_state, mark_reported
from advisors.board.coverage import NOBODY, balance, gaps
from advisors.board.giving import exchanges, takers
from advisors.board.records import (
    Advice,
    Agreement,
    Conversation,
    Decision,
    Give,
    Goal,
    Person,
    Review,
    Role,
    Status,
)
from advisors.board.roster import remove_person
from advisors.dates import span_words
from advisors.errors import UsageProblem
from advisors.store.schema import empty_tables
from advisors.store.segments import ConversationLog
from advisors.store.state import Data

TODAY = date(2026, 11, 25)


@pytest.fixture
def board(tmp_path: Path) -> Data:
    return Data(empty_tables(), ConversationLog(tmp_path / "log", []))


def person(board: Data, name: str, **fields: object) -> Person:
    return board.insert(Person(name=name, created="2026-01-10T12:00:00+00:00", **fields))  # type: ignore[arg-type]


# Give and take -----------------------------------------------------------------


def test_give_and_take_count_over_90_days_and_a_year() -> None:
    ana, bo = Person(id=1, name="Ana"), Person(id=2, name="Bo")
    advice = [
        Advice(person=1, given="2026-11-24"),  # recent
        Advice(person=1, given="2026-08-28"),  # 89 days ago: recent
        Advice(person=1, given="2026-08-27"),  # 90 days ago: the year only
        Advice(person=1, given="2025-11-26"),  # 364 days ago: the year
        Advice(person=1, given="2025-11-25"),  # 365 days ago: out
        Advice(person=1, given="2026-11-26"),  # tomorrow: out
        Advice(person=2, given="2026-11-01", mine=True),  # advice you gave counts as given
    ]
    gives = [Give(person=2, date="2026-06-01"), Give(person=1, date="2026-11-20")]
    found = {e.person.name: e for e in exchanges([ana, bo], gives, advice, TODAY)}
    a, b = found["Ana"], found["Bo"]
    assert (a.received_recent, a.received_year, a.given_recent, a.given_year) == (2, 4, 1, 1)
    assert (b.received_recent, b.received_year, b.given_recent, b.given_year) == (0, 0, 1, 2)
    assert not a.only_taken and takers(found.values()) == []


def test_people_you_only_take_from_are_named() -> None:
    ana = Person(id=1, name="Ana Lopez")
    gone = Person(id=2, name="Old", status=Status.ALUMNI)
    advice = [Advice(person=1, given="2026-10-01") for _ in range(4)]
    advice += [Advice(person=2, given="2026-10-01")]
    found = exchanges([ana, gone], [], advice, TODAY)
    assert [e.person.name for e in takers(found)] == ["Ana Lopez"]
    assert found[0].sentence() == (
        "You have received 4 pieces of advice from Ana Lopez and given nothing back this year."
    )
    one = exchanges([ana], [], advice[:1], TODAY)[0]
    assert "received a piece of advice from" in one.sentence()


def test_balance_counts_advice_you_gave_apart_from_advice_received() -> None:
    ana = Person(id=1, name="Ana", role=Role.MENTOR)
    bo = Person(id=2, name="Bo", role=Role.MENTEE)
    advice = [Advice(person=1, given="2026-11-01"), Advice(person=2, given="2026-11-02", mine=True)]
    result = balance([ana, bo], [], advice, TODAY, [Give(person=2, date="2026-11-03")])
    assert (result.advice_received, result.advice_given) == (1, 1)
    assert [e.person.name for e in result.takers] == ["Ana"]


# Advice you gave -------------------------------------------------------------------


def test_advice_you_gave_runs_the_loop_the_other_way(board: Data) -> None:
    bo = person(board, "Bo", role=Role.MENTEE)
    piece = board.insert(Advice(person=bo.id, text="keep a doc", given="2026-11-01", mine=True))
    assert advice_state(piece) == THEIRS
    piece.decision = Decision.TAKING
    assert advice_state(piece) == WAITING
    piece.outcome = "their 1:1s run on time"
    assert advice_state(piece) == HEARD
    piece.decision = Decision.DECLINED
    assert advice_state(piece) == DECLINED
    with pytest.raises(UsageProblem, match="advice you gave"):
        mark_reported(board, piece, TODAY)


# Goals that are someone else's ---------------------------------------------------


def test_a_mentees_goal_is_never_a_gap_of_your_board() -> None:
    bo = Person(id=2, name="Bo", role=Role.MENTEE, areas=["career"])
    theirs = Goal(id=1, title="Run great 1:1s", area="parenting", person=2)
    mine = Goal(id=2, title="Run a marathon", area="running")
    found = gaps([bo], [theirs, mine], TODAY, configured=())
    assert (NOBODY, "running") in [(g.kind, g.area) for g in found]
    assert not [g for g in found if g.area == "parenting" or "Run great 1:1s" in g.goals]


# Agreements ---------------------------------------------------------------------------


def test_an_agreement_is_reviewed_six_months_on_unless_you_say(board: Data) -> None:
    ana = person(board, "Ana")
    made, new = agreements.agree(
        board, ana, agreements.Terms({"ask": "a monthly call", "confidential": True}), TODAY
    )
    assert new and (made.agreed, made.review, made.confidential) == (
        "2026-11-25",
        "2027-05-25",
        True,
    )
    again, new = agreements.agree(
        board, ana, agreements.Terms({"offer": "notes"}, date(2027, 1, 1)), TODAY
    )
    assert (
        not new and again.id == made.id and (again.ask, again.offer) == ("a monthly call", "notes")
    )
    assert again.review == "2027-01-01"
    with pytest.raises(UsageProblem, match="nothing to change"):
        agreements.agree(board, ana, agreements.Terms({"offer": "notes"}), TODAY)
    past, _new = agreements.agree(board, ana, agreements.Terms({}, date(2026, 11, 1)), TODAY)
    assert past.review == "2026-11-01"  # terms agreed long ago: due now


def test_a_review_sets_the_next_and_keeps_the_note(board: Data) -> None:
    ana = person(board, "Ana")
    with pytest.raises(UsageProblem, match="no agreement with Ana yet"):
        agreements.reviewed(board, ana, TODAY, None, None)
    agreements.agree(board, ana, agreements.Terms({"ask": "x"}), date(2026, 5, 25))
    done = agreements.reviewed(board, ana, TODAY, "still right", None)
    assert (done.reviewed, done.review, done.note, done.since) == (
        "2026-11-25",
        "2027-05-25",
        "still right",
        "2026-11-25",
    )
    later = agreements.reviewed(board, ana, TODAY, None, date(2027, 2, 1))
    assert (later.review, later.note) == ("2027-02-01", "still right")


def test_reviews_due_are_those_whose_day_has_come_of_people_still_here() -> None:
    ana, bo = Person(id=1, name="Ana Lopez"), Person(id=2, name="Bo", status=Status.ALUMNI)
    terms = [
        Agreement(person=1, agreed="2026-05-25", review="2026-11-25"),
        Agreement(person=2, agreed="2026-05-25", review="2026-11-01"),
    ]
    [due] = agreements.reviews_due(terms, [ana, bo], TODAY)
    assert due.sentence(TODAY) == "Review your agreement with Ana Lopez: 6 months since 2026-05-25"
    assert agreements.reviews_due(terms, [ana, bo], date(2026, 11, 24)) == []


@pytest.mark.parametrize(
    ("start", "words"),
    [
        (date(2026, 11, 25), "0 days"),
        (date(2026, 11, 24), "1 day"),
        (date(2026, 11, 12), "13 days"),
        (date(2026, 11, 11), "2 weeks"),
        (date(2026, 10, 26), "4 weeks"),
        (date(2026, 10, 25), "1 month"),
        (date(2025, 11, 25), "12 months"),
    ],
)
def test_span_words(start: date, words: str) -> None:
    assert span_words(start, TODAY) == words


# The board review ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("talks", "word"),
    [(0, "dormant"), (1, "weak"), (3, "weak"), (4, "steady"), (11, "steady"), (12, "strong")],
)
def test_the_strength_of_a_tie(talks: int, word: str) -> None:
    assert stocktake.strength(talks) == word


def test_the_mix_warns_when_more_than_half_share_an_org_or_a_role() -> None:
    people = [
        Person(name="A", org="Acme", role=Role.MENTOR),
        Person(name="B", org="Acme", role=Role.PEER),
        Person(name="C", org="Acme ", role=Role.MENTOR),
        Person(name="D", org="Globex", role=Role.COACH),
    ]
    orgs, roles, warnings = stocktake.mix(people)
    assert [(s.value, s.count) for s in orgs] == [("Acme", 3), ("Globex", 1)]
    assert [(s.value, s.count) for s in roles][0] == ("mentor", 2)
    assert warnings == [
        "3 of your 4 advisors are at Acme: more than half the board sees from one org."
    ]
    _orgs, _roles, two = stocktake.mix(people[:2])
    assert two == []  # a board of two says nothing
    _orgs, _roles, mentors = stocktake.mix([*people[:3], Person(name="E", role=Role.MENTOR)])
    assert "3 of your 4 advisors are mentors" in " ".join(mentors)


def test_ties_count_conversations_of_the_last_year() -> None:
    ana, bo = Person(id=1, name="Ana"), Person(id=2, name="Bo")
    talks = [
        Conversation(people=[1, 2], date="2026-11-25"),
        Conversation(people=[1], date="2025-11-26"),
        Conversation(people=[1], date="2025-11-25"),  # a year ago: out
    ]
    assert [(t.person.name, t.conversations) for t in stocktake.ties([bo, ana], talks, TODAY)] == [
        ("Ana", 2),
        ("Bo", 1),
    ]


def test_time_to_review_the_board(board: Data) -> None:
    ana = person(board, "Ana")  # joined 2026-01-10
    assert stocktake.review_due([], [ana], date(2026, 7, 9), "6m") is None
    assert stocktake.review_due([], [ana], date(2026, 7, 10), "6m") == (
        "Time to review your board: 6 months since you began your board (2026-01-10)."
    )
    done = [Review(date="2026-10-01")]
    assert stocktake.review_due(done, [ana], TODAY, "6m") is None
    assert "since your last review (2026-10-01)" in (
        stocktake.review_due(done, [ana], TODAY, "1m") or ""
    )
    assert stocktake.review_due([], [], TODAY, "6m") is None


def test_a_review_keeps_the_choices_and_rotates_people_out(board: Data) -> None:
    ana, bo, cy = person(board, "Ana"), person(board, "Bo"), person(board, "Cy")
    done = stocktake.record_review(
        board,
        [
            stocktake.Verdict(ana, stocktake.Choice.KEEP),
            stocktake.Verdict(bo, stocktake.Choice.ROTATE, "moved abroad"),
            stocktake.Verdict(cy, stocktake.Choice.SKIP, "ask again in spring"),
        ],
        TODAY,
    )
    review = done.review
    assert (review.keep, review.deepen, review.rotate) == ([ana.id], [], [bo.id])
    assert review.notes == "Bo: moved abroad\nCy: ask again in spring"
    assert [p.name for p in done.rotated] == ["Bo"]
    assert board.get(Person, bo.id).status == Status.ALUMNI  # type: ignore[union-attr]
    assert board.get(Person, cy.id).status == Status.ACTIVE  # type: ignore[union-attr]
    stocktake.record_review(board, [], date(2026, 11, 26))
    with pytest.raises(UsageProblem, match="already reviewed"):
        stocktake.record_review(board, [], date(2026, 11, 26))


# Ending well ---------------------------------------------------------------------------


def test_closing_keeps_the_person_as_alumni_and_logs_the_thanks(board: Data) -> None:
    ana = person(board, "Ana Lopez", snoozed_until="2026-12-01")
    thanks = endings.close(board, ana, TODAY, reason="she retired", thanks="Thank you for it all")
    assert ana.status == Status.ALUMNI and ana.snoozed_until is None
    assert (thanks.kind_of, thanks.text, thanks.date) == (
        "thanks",
        "Thank you for it all (closing: she retired)",
        "2026-11-25",
    )
    with pytest.raises(UsageProblem, match="already alumni"):
        endings.close(board, ana, TODAY)
    bo = person(board, "Bo")
    assert endings.close(board, bo, TODAY).text == "Closed the relationship"
    cy = person(board, "Cy")
    plain = endings.close(board, cy, TODAY, reason="moved")
    assert (plain.kind_of, plain.text) == ("other", "Closed the relationship: moved")


def test_the_last_message_reads_as_a_sentence() -> None:
    ana = Person(name="Ana Lopez")
    assert endings.last_message(ana, "Thank you for ten years").startswith(
        "Ana, thank you for ten years. I'd love"
    )
    assert endings.last_message(ana, "").startswith("Ana, thank you for all the time")
    assert endings.last_message(ana, "MBA advice, thank you!").startswith("Ana, MBA advice")


# Removing someone takes what was theirs ------------------------------------------


def test_removing_someone_takes_their_agreement_gives_and_goals(board: Data) -> None:
    ana, bo = person(board, "Ana"), person(board, "Bo")
    board.insert(Agreement(person=bo.id, agreed="2026-11-01"))
    board.insert(Give(person=bo.id, text="an intro", date="2026-11-01"))
    board.insert(Give(person=ana.id, text="thanks", date="2026-11-01"))
    board.insert(Goal(title="theirs", person=bo.id))
    helped = board.insert(Goal(title="mine", advisors=[ana.id, bo.id]))
    review = board.insert(Review(date="2026-11-01", keep=[ana.id, bo.id]))
    remove_person(board, bo)
    assert board.all(Agreement) == []
    assert [g.text for g in board.all(Give)] == ["thanks"]
    assert [g.title for g in board.all(Goal)] == ["mine"]
    assert board.get(Goal, helped.id).advisors == [ana.id]  # type: ignore[union-attr]
    assert board.get(Review, review.id).keep == [ana.id]  # type: ignore[union-attr]
    assert {t["table"] for t in board.deletions()} == {"people", "agreements", "gives", "goals"}


# Pinned by mutation testing ----------------------------------------------------


def test_the_90_day_and_year_windows_end_exactly() -> None:
    ana = Person(id=1, name="Ana")
    gives = [Give(person=1, date="2026-08-27"), Give(person=1, date="2026-08-28")]
    [e] = exchanges([ana], gives, [], TODAY)
    assert (e.given_recent, e.given_year) == (1, 2)  # 90 days ago is not "recent"


def test_exchanges_list_who_you_take_from_most_first() -> None:
    people = [Person(id=1, name="Ana"), Person(id=2, name="Bo"), Person(id=3, name="Cy")]
    advice = [Advice(person=2, given="2026-11-01") for _ in range(3)]
    advice += [Advice(person=1, given="2026-11-01")]
    gives = [Give(person=3, date="2026-11-01") for _ in range(2)]
    assert [e.person.name for e in exchanges(people, gives, advice, TODAY)] == ["Bo", "Ana", "Cy"]


def test_reviews_due_come_oldest_first_and_a_review_is_set_after_today(board: Data) -> None:
    ana, bo = Person(id=1, name="Ana"), Person(id=2, name="Bo")
    terms = [
        Agreement(person=1, agreed="2026-01-01", review="2026-11-20"),
        Agreement(person=2, agreed="2026-01-01", review="2026-11-10"),
    ]
    assert [r.person.name for r in agreements.reviews_due(terms, [ana, bo], TODAY)] == ["Bo", "Ana"]
    cy = person(board, "Cy")
    agreements.agree(board, cy, agreements.Terms({"ask": "x"}), TODAY)
    with pytest.raises(UsageProblem, match=r"--review must be after today \(2026-11-25\)"):
        agreements.reviewed(board, cy, TODAY, None, TODAY)


def test_the_stocktake_reads_the_last_year_up_to_its_day(board: Data) -> None:
    from advisors.board.records import Conversation as Talk

    ana = person(board, "Ana", areas=["career"])
    for day in ("2025-11-25", "2025-11-26", "2026-11-25", "2026-11-26"):
        board.insert(Talk(people=[ana.id], date=day))
    board.insert(Review(date="2026-06-01"))
    take = stocktake.stocktake(
        board,
        [ana],
        TODAY,
        exchanges=[],
        agreements=[],
        every="3m",
        configured=("career", "family"),
    )
    assert [(t.person.name, t.conversations) for t in take.ties] == [("Ana", 2)]
    assert (take.covered, take.uncovered) == ({"career": ["Ana"]}, ["family"])
    assert take.last_review == "2026-06-01"
    assert take.due == "Time to review your board: 5 months since your last review (2026-06-01)."


def test_a_review_keeps_whom_to_deepen_and_leaves_alumni_as_they_are(board: Data) -> None:
    ana = person(board, "Ana")
    bo = person(board, "Bo", status=Status.ALUMNI)
    done = stocktake.record_review(
        board,
        [
            stocktake.Verdict(ana, stocktake.Choice.DEEPEN),
            stocktake.Verdict(bo, stocktake.Choice.ROTATE),
        ],
        TODAY,
    )
    assert (done.review.deepen, done.review.rotate, done.rotated) == ([ana.id], [bo.id], [])
    assert done.review.created


def test_the_role_warning_names_the_role() -> None:
    people = [Person(name=n, role=Role.MENTOR) for n in "ABC"] + [Person(name="D")]
    assert stocktake.mix(people)[2] == [
        "4 of your 4 advisors are mentors: more than half the board sees from one role."
    ]


def test_the_last_message_keeps_your_punctuation() -> None:
    ana = Person(name="Ana Lopez")
    assert endings.last_message(ana, "Thanks!") == (
        "Ana, thanks! I'd love to stay in touch, and if I can ever return the favour, just ask."
    )
    assert endings.last_message(ana, "Thank you.").startswith("Ana, thank you. I'd")
    assert endings.last_message(ana, "").endswith(
        "It made a difference. I'd love to stay in touch, and if I can ever return the "
        "favour, just ask."
    )
    assert endings.last_message(Person(name=""), "x").startswith(", x.")


def test_closing_stamps_the_change(board: Data) -> None:
    ana = person(board, "Ana")
    thanks = endings.close(board, ana, TODAY)
    assert ana.updated and thanks.created


def test_the_advice_loop_says_what_comes_first(board: Data) -> None:
    from advisors.board.advice import decide, record_outcome

    ana = person(board, "Ana")
    piece = board.insert(Advice(person=ana.id, text="x", given="2026-11-01"))
    with pytest.raises(UsageProblem, match=r"^decide on advice #1 first: advisors advice decide"):
        record_outcome(board, piece, "went well")
    mine = board.insert(Advice(person=ana.id, text="y", given="2026-11-01", mine=True))
    with pytest.raises(UsageProblem, match=r"^say whether they take advice #2 first"):
        record_outcome(board, mine, "went well")
    decide(board, mine, Decision.DECLINED)
    with pytest.raises(UsageProblem, match=r"^they declined advice #2"):
        record_outcome(board, mine, "went well")
    decide(board, piece, Decision.TAKING)
    record_outcome(board, piece, "went well")
    with pytest.raises(UsageProblem, match=r"^advice #1 is already report back; its decision"):
        decide(board, piece, Decision.DECLINED)
    mark_reported(board, piece, TODAY)
    with pytest.raises(UsageProblem, match=r"^advice #1 is already reported back$"):
        record_outcome(board, piece, "again")
    with pytest.raises(UsageProblem, match=r"^advice #1 was already reported on 2026-11-25$"):
        mark_reported(board, piece, TODAY)


def test_the_walk_shows_each_persons_give_and_take_and_agreement() -> None:
    ana, bo = Person(id=1, name="Ana"), Person(id=2, name="Bo")
    due = agreements.ReviewDue(Agreement(person=2, agreed="2026-01-01", review="2026-11-01"), bo)
    take = stocktake.Stocktake(
        as_of=TODAY,
        ties=[stocktake.Tie(bo, 3), stocktake.Tie(ana, 1)],
        covered={},
        uncovered=[],
        orgs=[],
        roles=[],
        warnings=[],
        takers=[],
        agreements=[due],
        last_review=None,
        due=None,
    )
    given = exchanges([ana], [Give(person=1, date="2026-11-01")], [], TODAY)
    seats = stocktake.seats(take, given)
    assert [s.person.name for s in seats] == ["Ana", "Bo"]  # by name
    assert (seats[0].exchange, seats[0].agreement) == (given[0], None)
    assert (seats[1].exchange, seats[1].agreement) == (None, due)
