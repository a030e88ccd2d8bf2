"""The rules of bringing people in from address books and calendars, tested
directly: which column holds what, who a contact is, what a card adds, the
day of a birthday, what a calendar entry is."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisors.board.calendar import Matcher, Meeting, occasion_of
from advisors.board.contacts import Contact, bring_in
from advisors.board.records import KeyDate, Person
from advisors.dates import day_of_year
from advisors.errors import UsageProblem
from advisors.formats.columns import choose, names_a_person, parse_map, plain, target_of
from advisors.store.schema import empty_tables
from advisors.store.segments import ConversationLog
from advisors.store.state import Data


@pytest.fixture
def board(tmp_path: Path) -> Data:
    return Data(empty_tables(), ConversationLog(tmp_path / "log", []))


@pytest.mark.parametrize(
    ("header", "target"),
    [
        ("Name", "name"),
        ("First Name", "first"),
        ("Given Name", "first"),
        ("Prénom", "first"),
        ("Last Name", "last"),
        ("Family Name", "last"),
        ("Nachname", "last"),
        ("Middle Name", "middle"),
        ("E-mail 1 - Value", "email"),
        ("Email Address", "email"),
        ("E-mail 2 Address", "email"),
        ("courriel", "email"),
        ("E-mail 1 - Type", None),
        ("E-mail Display Name", None),
        ("Phone 1 - Value", "phone"),
        ("Mobile Phone", "phone"),
        ("Business Fax", None),
        ("Organization 1 - Name", "org"),
        ("Organization Name", "org"),
        ("Company", "org"),
        ("Position", "title"),
        ("Job Title", "title"),
        ("Organization Title", "title"),
        ("URL", "url"),
        ("Website 1 - Value", "url"),
        ("Birthday", "birthday"),
        ("Connected On", "notes"),
        ("NOTES", "notes"),
        ("last_contact", "skip"),
        ("Favourite colour", None),
        ("Phonetic First Name", None),
    ],
)
def test_a_column_is_known_by_its_name(header: str, target: str | None) -> None:
    assert target_of(header) == target


def test_column_names_compare_folded_and_without_punctuation() -> None:
    assert plain(" E-mail 1 - Value ") == "e mail 1 value"
    assert plain("Société") == "societe"


def test_outlook_title_beside_job_title_is_an_honorific() -> None:
    assert choose(["Title", "First Name", "Job Title"], {}) == [None, "first", "title"]
    assert choose(["Title", "Name"], {}) == ["title", "name"]
    # --map wins over the rule
    assert choose(["Title", "Job Title", "Name"], {"title": "notes"})[0] == "notes"


def test_beside_a_first_name_a_name_column_is_the_family_name() -> None:
    assert choose(["Nom", "Prénom"], {}) == ["last", "first"]
    assert choose(["Name", "First Name", "Last Name"], {}) == ["name", "first", "last"]
    assert choose(["Name", "Vorname"], {"name": "name"}) == ["name", "first"]


def test_a_header_names_a_person_by_a_name_or_its_parts() -> None:
    assert names_a_person(["name"]) and names_a_person([None, "last"])
    assert not names_a_person(["email", "phone", None])


def test_map_reads_pairs_and_refuses_unknown_fields() -> None:
    assert parse_map(["Full name=name, Firm = org", "Tel=phone"]) == {
        "full name": "name",
        "firm": "org",
        "tel": "phone",
    }
    with pytest.raises(UsageProblem, match="unknown field 'boss'"):
        parse_map(["Firm=boss"])
    with pytest.raises(UsageProblem, match="COLUMN=FIELD"):
        parse_map(["Firm"])


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("1985-03-14", "1985-03-14"),
        ("19850314", "1985-03-14"),
        ("--03-14", "--03-14"),
        ("--0314", "--03-14"),
        ("14 Mar", "--03-14"),
        ("3/14/1985", "1985-03-14"),
        ("1604-03-14", "--03-14"),  # Apple's year for "no year"
        ("29 Feb", "--02-29"),
        ("--02-30", None),
        ("2020-02-30", None),
        ("0/0/00", None),
        ("", None),
        ("soon", None),
        ("1850-01-01", None),
    ],
)
def test_the_day_of_a_birthday(text: str, day: str | None) -> None:
    assert day_of_year(text) == day


def test_a_contact_is_found_by_uid_then_email_then_a_name_without_addresses(
    board: Data,
) -> None:
    board.insert(Person(name="Ana Lopez", email="ana@a.example", notes="mine"))
    board.insert(Person(name="Bo Chen"))
    report = bring_in(
        board,
        [
            Contact("card 1", {"name": "A. L.", "email": "ANA@a.example, ana@home.example"}),
            Contact("card 2", {"name": "Bo Chen", "email": "bo@b.example", "org": "Globex"}),
            Contact("card 3", {"name": "Ana Lopez", "email": "other@c.example"}),
        ],
        update=False,
    )
    people = {p.id: p for p in board.all(Person)}
    assert people[1].email == "ana@a.example, ana@home.example"
    assert people[1].name == "Ana Lopez" and people[1].notes == "mine"
    assert (people[2].email, people[2].org) == ("bo@b.example", "Globex")
    assert people[3].name == "Ana Lopez" and people[3].email == "other@c.example"
    assert [c.action for c in report.changes] == ["update", "update", "add"]
    [namesake] = report.namesakes
    assert (namesake.name, namesake.email) == ("Ana Lopez", "other@c.example")
    assert (namesake.other_id, namesake.other_email) == (1, "ana@a.example, ana@home.example")


def test_merge_by_name_takes_a_namesake_as_the_person(board: Data) -> None:
    board.insert(Person(name="Ana Lopez", email="ana@a.example"))
    bring_in(
        board, [Contact("l", {"name": "ana lopez", "email": "x@b"})], update=False, by_name=True
    )
    [ana] = board.all(Person)
    assert ana.email == "ana@a.example, x@b"


def test_an_address_book_fills_empty_fields_and_a_spreadsheet_replaces(board: Data) -> None:
    board.insert(Person(name="Ana", org="Acme", title=""))
    card = Contact("c", {"name": "Ana", "org": "Globex", "title": "CTO", "notes": "theirs"})
    bring_in(board, [card], update=False)
    [ana] = board.all(Person)
    assert (ana.org, ana.title, ana.notes) == ("Acme", "CTO", "")
    bring_in(board, [card], update=True)
    [ana] = board.all(Person)
    assert (ana.org, ana.notes) == ("Globex", "theirs")


def test_dates_are_kept_once_per_person(board: Data) -> None:
    board.insert(Person(name="Ana"))
    card = Contact("c", {"name": "Ana"}, [("birthday", "--03-14")])
    bring_in(board, [card], update=False)
    bring_in(board, [card], update=False)
    [birthday] = board.all(KeyDate)
    assert (birthday.person, birthday.label, birthday.date) == (1, "birthday", "--03-14")


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("Ana's birthday", "birthday"),
        ("Bday Bo", "birthday"),
        ("Cumpleaños de Ana", "birthday"),
        ("Geburtstag Jürgen", "birthday"),
        ("Wedding anniversary", "anniversary"),
        ("Ana / Bo 1:1", None),
        ("Birthdaycake tasting?", "birthday"),
    ],
)
def test_a_calendar_title_that_is_an_occasion(title: str, label: str | None) -> None:
    assert occasion_of(title) == label


def test_a_title_names_someone_by_full_name_or_a_first_name_no_one_else_has() -> None:
    people = [
        Person(id=1, name="Ana Lopez"),
        Person(id=2, name="Bo Chen"),
        Person(id=3, name="Bo Diaz"),
        Person(id=4, name="Priya"),
    ]
    matcher = Matcher(people)

    def named(title: str) -> list[int]:
        return sorted(p.id for p in matcher.people_in(Meeting("k", date(2026, 1, 1), title)))

    assert named("Lunch with Ana") == [1]
    assert named("Lunch with Bo") == []  # two Bos
    assert named("Bo Chen / me") == [2]
    assert named("priya: roadmap") == [4]
    assert named("Banana bread") == []  # a word, not part of one


def test_how_a_contact_was_known_is_said(board: Data) -> None:
    board.insert(Person(name="Ana Lopez", email="ana@a.example"))
    [ana] = board.all(Person)
    cards = [
        Contact("1", {"uid": ana.uid, "name": "Someone Else"}),
        Contact("2", {"name": "ANA LOPEZ"}),
        Contact("3", {"name": "A", "email": "ana@a.example"}),
    ]
    report = bring_in(board, cards, update=False)
    assert [c.why for c in report.changes] == [
        "already here as Ana Lopez (same uid)",
        "already here as Ana Lopez (same name)",
        "already here as Ana Lopez (same e-mail)",
    ]


def test_a_uid_finds_whoever_holds_it_when_the_rows_first_give_one(board: Data) -> None:
    """The index by uid is made when a row first gives one: it holds the
    board's people, the one that row adds, and those added after."""
    board.insert(Person(name="Ana", uid="uid-ana"))
    rows = [
        Contact("1", {"name": "Bo", "uid": "uid-bo"}),  # new: the index is made for it
        Contact("2", {"name": "Cy"}),
        Contact("3", {"name": "Someone", "uid": "uid-ana"}),
        Contact("4", {"name": "Di", "uid": "uid-di"}),  # new, after the index is made
        Contact("5", {"name": "Other", "uid": "uid-di"}),
        Contact("6", {"name": "Another", "uid": "uid-bo"}),
    ]
    report = bring_in(board, rows, update=False)
    assert [c.action for c in report.changes] == ["add", "add", "skip", "add", "skip", "skip"]
    assert sorted(p.name for p in board.all(Person)) == ["Ana", "Bo", "Cy", "Di"]


def test_a_later_row_finds_a_person_by_the_name_or_address_an_earlier_row_gave(
    board: Data,
) -> None:
    ana = board.insert(Person(name="Ana", email="ana@a.example"))
    rows = [
        Contact("1", {"uid": ana.uid, "name": "Ana", "email": "ana@new.example"}),
        # by the new address only: by name, she has other addresses (a namesake)
        Contact("2", {"name": "Ana", "email": "ana@new.example", "org": "Acme"}),
        Contact("3", {"uid": ana.uid, "name": "Ana Lopez"}),
        Contact("4", {"name": "ana lopez", "title": "CTO"}),  # by the new name
    ]
    bring_in(board, rows, update=True)
    [found] = board.all(Person)
    assert (found.name, found.org, found.title) == ("ana lopez", "Acme", "CTO")
    assert found.email == "ana@a.example, ana@new.example"


def test_a_person_without_an_address_is_not_found_by_one_that_reads_none(board: Data) -> None:
    """A spreadsheet a script wrote may say "None" where there is no address."""
    board.insert(Person(name="Ana"))
    report = bring_in(board, [Contact("1", {"name": "Bo", "email": "None"})], update=True)
    assert [c.action for c in report.changes] == ["add"]
    assert sorted(p.name for p in board.all(Person)) == ["Ana", "Bo"]


def test_a_spreadsheet_row_as_the_board_has_it_is_counted_not_listed(board: Data) -> None:
    board.insert(Person(name="Ana", org="Acme"))
    [ana] = board.all(Person)
    report = bring_in(
        board, [Contact("l", {"uid": ana.uid, "name": "Ana", "org": "Acme"})], update=True
    )
    assert report.changes == []
    assert report.quiet == {("person", "already here as the file has them"): 1}


def test_a_row_with_a_uid_changes_the_fields_after_it_never_the_uid(board: Data) -> None:
    board.insert(Person(name="Ana"))
    [ana] = board.all(Person)
    bring_in(board, [Contact("l", {"uid": ana.uid, "name": "Ana", "org": "Globex"})], update=True)
    [after] = board.all(Person)
    assert (after.uid, after.org) == (ana.uid, "Globex")


def test_one_birthday_twice_in_a_file_is_kept_once_and_said(board: Data) -> None:
    cards = [
        Contact("1", {"name": "Ana", "email": "a@x"}, [("birthday", "--03-14")]),
        Contact("2", {"name": "Ana", "email": "a@x"}, [("birthday", "--03-14")]),
    ]
    report = bring_in(board, cards, update=False)
    [birthday] = board.all(KeyDate)
    assert birthday.created  # stamped like every new record
    assert [c.label for c in report.changes if c.kind == "date"] == ["Ana's birthday (--03-14)"]


def test_map_pairs_split_at_the_last_equals_and_need_a_column() -> None:
    assert parse_map(["a=b=name"]) == {"a b": "name"}
    assert parse_map(["x=name,,y=org"]) == {"x": "name", "y": "org"}
    with pytest.raises(UsageProblem):
        parse_map(["=name"])


def test_a_first_name_alone_names_a_person() -> None:
    assert names_a_person(["first"]) and names_a_person(["name"])


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("--02-29", "--02-29"),
        ("1985-03-14T10:00:00", "1985-03-14"),
        ("1900-01-01", "1900-01-01"),
        ("2999-12-31", "2999-12-31"),
        ("3000-01-01", None),
        ("March 14", "--03-14"),
    ],
)
def test_more_days_of_birthdays(text: str, day: str | None) -> None:
    assert day_of_year(text) == day


TODAY_RULES = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "yearly", "day"),
    [
        ("14 Mar", True, "--03-14"),
        ("14 Mar", False, "2027-03-14"),  # once, no year: the next one
        ("1 Dec", False, "2026-12-01"),
        ("25 Nov", False, "2026-11-25"),  # today is still to come
        ("29 Feb", False, "2028-02-29"),  # the next leap year
        ("--12-31", False, "2026-12-31"),
        ("1985-03-14", True, "1985-03-14"),
        ("19850314", False, "1985-03-14"),
        ("in 3 weeks", False, "2026-12-16"),
        ("next friday", True, "2026-11-27"),
        ("friday", False, "2026-11-27"),  # a bare weekday: the next one
        ("Mar 14", True, "--03-14"),
    ],
)
def test_the_day_of_a_date_that_matters(text: str, yearly: bool, day: str) -> None:
    from advisors.dates import occasion_day

    assert occasion_day(text, TODAY_RULES, yearly=yearly) == day


def test_an_ambiguous_slash_date_follows_the_order_given() -> None:
    from advisors.dates import occasion_day

    assert occasion_day("05/06/2027", TODAY_RULES, yearly=False, order="dmy") == "2027-06-05"
    assert occasion_day("05/06/2027", TODAY_RULES, yearly=False, order="mdy") == "2027-05-06"


@pytest.mark.parametrize(
    ("text", "ahead", "day"),
    [
        ("25 Nov", True, date(2026, 11, 25)),  # today: neither rolled on nor back
        ("25 Nov", False, date(2026, 11, 25)),
        ("24 Nov", True, date(2027, 11, 24)),
        ("26 Nov", False, date(2025, 11, 26)),
        ("29 Feb", True, date(2028, 2, 29)),
        ("29 Feb", False, date(2024, 2, 29)),
        ("1 Mar 2026", True, date(2026, 3, 1)),  # a year given is kept
    ],
)
def test_a_day_and_month_rolls_the_way_the_option_looks(text: str, ahead: bool, day: date) -> None:
    from advisors.dates import parse_date

    assert parse_date(text, TODAY_RULES, ahead=ahead) == day


def test_advice_to_report_back_is_new_from_the_day_its_outcome_was_recorded() -> None:
    from advisors.board.digest import build_digest
    from advisors.board.records import Advice, Decision

    old_outcome = Advice(
        id=1, person=1, text="a", given="2026-10-01", decision=Decision.TAKING, outcome="ok"
    )
    old_outcome.stamps = {"outcome": "2026-10-05T09:00:00+00:00"}
    new_outcome = Advice(
        id=2, person=1, text="b", given="2026-10-01", decision=Decision.TAKING, outcome="ok"
    )
    new_outcome.stamps = {"outcome": "2026-11-24T09:00:00+00:00"}
    edge = Advice(
        id=3, person=1, text="c", given="2026-10-01", decision=Decision.TAKING, outcome="x"
    )
    edge.stamps = {"outcome": "2026-11-18T09:00:00+00:00"}  # the window's first day: not new
    unstamped = Advice(
        id=4,
        person=1,
        text="d",
        given="2026-10-01",
        decision=Decision.TAKING,
        outcome="y",
        updated="2026-11-20T09:00:00+00:00",
    )
    found = build_digest([], [], [old_outcome, new_outcome, edge, unstamped], [], TODAY_RULES)
    assert [a.id for a in found.to_report] == [2, 4]


def test_a_contact_known_by_email_never_brings_its_own_uid(board: Data) -> None:
    board.insert(Person(name="Ana", email="a@x"))
    [ana] = board.all(Person)
    row = Contact("l", {"uid": "0123456789abcdef", "name": "Ana", "email": "a@x", "org": "Acme"})
    bring_in(board, [row], update=True)
    [after] = board.all(Person)
    assert (after.uid, after.org) == (ana.uid, "Acme")
