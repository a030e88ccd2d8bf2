"""The date, cadence and name parsers: table-driven, plus properties."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisors.cadence import (
    add_cadence,
    cadence_days,
    cadence_words,
    parse_cadence,
)
from advisors.dates import parse_date
from advisors.errors import UsageProblem
from advisors.names import find_one, fold

WEDNESDAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2026-11-25"),
        ("Yesterday", "2026-11-24"),
        ("tomorrow", "2026-11-26"),
        ("3 days ago", "2026-11-22"),
        ("1 day ago", "2026-11-24"),
        ("a week ago", "2026-11-18"),
        ("2 weeks ago", "2026-11-11"),
        ("2 months ago", "2026-09-25"),
        ("in 3 days", "2026-11-28"),
        ("in 2 weeks", "2026-12-09"),
        ("friday", "2026-11-20"),
        ("last friday", "2026-11-20"),
        ("Wednesday", "2026-11-18"),  # the most recent *past* Wednesday
        ("tuesday", "2026-11-24"),
        ("next friday", "2026-11-27"),
        ("next wednesday", "2026-12-02"),
        ("next mon", "2026-11-30"),
        ("2026-11-20", "2026-11-20"),
        ("20 Nov", "2026-11-20"),
        ("Nov 20 2026", "2026-11-20"),
        ("  2026-01-31 ", "2026-01-31"),
    ],
)
def test_dates_people_write(text: str, expected: str) -> None:
    assert parse_date(text, WEDNESDAY).isoformat() == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "soon",
        "blursday",
        "next blursday",
        "31 Nov 2026",
        "2026-13-01",
        "november",
        "99999 days ago",
    ],
)
def test_unreadable_dates_say_what_is_accepted(text: str) -> None:
    with pytest.raises(UsageProblem) as caught:
        parse_date(text, WEDNESDAY)
    message = str(caught.value)
    assert "\n" not in message
    assert "yesterday" in message or "out of range" in message or "needed" in message


@given(st.text(max_size=40))
@settings(max_examples=400, deadline=None)
def test_any_text_is_a_date_or_a_usage_problem(text: str) -> None:
    try:
        result = parse_date(text, WEDNESDAY)
    except UsageProblem:
        return
    assert isinstance(result, date)


@given(
    st.integers(min_value=0, max_value=3000),
    st.sampled_from(["day", "days", "week", "weeks", "month", "months"]),
)
def test_ago_and_in_are_mirror_images(count: int, unit: str) -> None:
    try:
        back = parse_date(f"{count} {unit} ago", WEDNESDAY)
    except UsageProblem:
        return
    assert back <= WEDNESDAY
    if unit.startswith(("day", "week")):
        ahead = parse_date(f"in {count} {unit}", WEDNESDAY)
        assert (ahead - WEDNESDAY) == (WEDNESDAY - back)


@pytest.mark.parametrize(
    ("text", "canonical", "words"),
    [
        ("weekly", "1w", "every week"),
        ("biweekly", "2w", "every 2 weeks"),
        ("Fortnightly", "2w", "every 2 weeks"),
        ("monthly", "1m", "every month"),
        ("quarterly", "3m", "every 3 months"),
        ("yearly", "1y", "every year"),
        ("every 3 weeks", "3w", "every 3 weeks"),
        ("every 10 days", "10d", "every 10 days"),
        ("every month", "1m", "every month"),
        ("2 months", "2m", "every 2 months"),
        ("45 days", "45d", "every 45 days"),
        ("10d", "10d", "every 10 days"),
        ("3w", "3w", "every 3 weeks"),
        ("2M", "2m", "every 2 months"),
        ("1y", "1y", "every year"),
    ],
)
def test_cadences_are_stored_canonically(text: str, canonical: str, words: str) -> None:
    assert parse_cadence(text) == canonical
    assert cadence_words(canonical) == words
    assert parse_cadence(canonical) == canonical  # canonical forms read back


@pytest.mark.parametrize(
    "text",
    [
        "0d",
        "0 weeks",
        "-1w",
        "every -3 days",
        "every 0 months",
        "often",
        "",
        "3x",
        "11y",
        "9999 days",
    ],
)
def test_bad_cadences_are_refused(text: str) -> None:
    with pytest.raises(UsageProblem):
        parse_cadence(text)


@given(st.text(max_size=30))
@settings(max_examples=400)
def test_any_text_is_a_cadence_or_a_usage_problem(text: str) -> None:
    try:
        canonical = parse_cadence(text)
    except UsageProblem:
        return
    assert parse_cadence(canonical) == canonical
    assert cadence_days(canonical) >= 1


@given(st.integers(1, 500), st.sampled_from("dwmy"))
def test_every_canonical_cadence_moves_forward(count: int, unit: str) -> None:
    try:
        cadence = parse_cadence(f"{count}{unit}")
    except UsageProblem:
        return
    assert add_cadence(WEDNESDAY, cadence) > WEDNESDAY


def test_a_month_after_january_31_is_the_end_of_february() -> None:
    assert add_cadence(date(2026, 1, 31), "1m") == date(2026, 2, 28)
    assert add_cadence(date(2028, 1, 31), "1m") == date(2028, 2, 29)


PEOPLE = [
    (1, "Ana Lopez", "ana"),
    (2, "José Chen", "jose"),
    (3, "Bo Chen", "bo"),
    (4, "Anabel Ruiz", "anabel"),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Ana Lopez", "ana"),
        ("ana lopez", "ana"),
        ("ANA", "ana"),  # a whole word beats the prefix of Anabel
        ("jose", "jose"),
        ("JOSÉ", "jose"),
        ("lop", "ana"),
        ("bo", "bo"),
        ("anab", "anabel"),
        ("2", "jose"),
        ("ruiz", "anabel"),
        ("pez", "ana"),  # a unique substring
    ],
)
def test_names_are_found(query: str, expected: str) -> None:
    assert find_one(query, PEOPLE) == expected


def test_ambiguous_names_list_every_match() -> None:
    with pytest.raises(UsageProblem) as caught:
        find_one("chen", PEOPLE)
    assert "Bo Chen, José Chen" in str(caught.value)
    with pytest.raises(UsageProblem, match="Ana Lopez, Anabel Ruiz"):
        find_one("an", PEOPLE)


def test_unknown_names_suggest_the_closest() -> None:
    with pytest.raises(UsageProblem, match="did you mean Ana Lopez"):
        find_one("Ana Lopes", PEOPLE)
    with pytest.raises(UsageProblem, match="did you mean Bo Chen"):
        find_one("Bo Chan", PEOPLE)


def test_fold_ignores_case_accents_and_spacing() -> None:
    assert fold("  José   CHÉN ") == "jose chen"


@given(st.text(max_size=20))
def test_any_query_finds_one_or_is_a_usage_problem(query: str) -> None:
    try:
        found = find_one(query, PEOPLE)
    except UsageProblem as problem:
        assert "\n" not in str(problem)
        return
    assert found in {value for _, _, value in PEOPLE}
