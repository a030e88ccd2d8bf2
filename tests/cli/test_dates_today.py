"""Dates that matter and the morning screen (issue "dates that matter, a
rhythm with some give, today, search"). Today is Wednesday 2026-11-25."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Env, ok, run, snapshot


def dates(*args: str) -> list[dict]:
    return ok("date", "list", *args, "--json").json()


def test_dates_with_and_without_a_year_yearly_or_once(env: Env) -> None:
    ok("add", "Ana")
    assert (
        "Kept Ana's birthday (date #1): 14 March, every year"
        in ok("date", "add", "ana", "birthday", "14 Mar").stdout
    )
    ok("date", "add", "ana", "work anniversary", "2019-12-01")
    ok("date", "add", "ana", "baby due", "2027-02-10", "--once", "--note", "a girl")
    ok("date", "add", "ana", "other", "--03-14")  # a day of the year, no year
    found = dates()
    assert [(d["label"], d["next"], d["days"]) for d in found] == [
        ("work anniversary", "2026-12-01", 6),
        ("baby due", "2027-02-10", 77),
        ("birthday", "2027-03-14", 109),
        ("other", "2027-03-14", 109),
    ]
    assert found[0]["date"] == "2019-12-01" and found[2]["date"] == "--03-14"
    assert found[1]["yearly"] is False and found[1]["note"] == "a girl"
    assert [d["label"] for d in dates("--within", "14")] == ["work anniversary"]
    assert [d["label"] for d in dates("ana", "--within", "0")] == []


def test_29_february_falls_on_28_february_in_other_years(env: Env) -> None:
    ok("add", "Leo", "--birthday", "29 Feb")
    [leo] = dates()
    assert (leo["label"], leo["date"], leo["next"]) == ("birthday", "--02-29", "2027-02-28")
    text = ok("export", "--format", "ics").stdout
    assert "RRULE:FREQ=YEARLY;BYMONTHDAY=-1;BYMONTH=2" in text


def test_a_date_once_must_be_to_come_and_mistakes_change_nothing(env: Env) -> None:
    ok("add", "Ana")
    before = snapshot(env.db)
    for args, said in (
        (("ana", "x", "2020-01-01", "--once"), "has passed"),
        (("ana", "x", "--bogus"), "can't read the date"),
        (("nobody", "x", "14 Mar"), "no person called"),
        (("ana", "", "14 Mar"), "label"),
    ):
        result = run("date", "add", *args)
        assert result.exit_code == 2 and said in result.stderr, (args, result.stderr)
        assert result.stderr.count("\n") == 1
    assert snapshot(env.db) == before
    ok("date", "add", "ana", "birthday", "14 Mar")
    again = run("date", "add", "ana", "birthday", "14 March")
    assert again.exit_code == 2 and "already have birthday" in again.stderr


def test_edit_and_drop_a_date(env: Env) -> None:
    ok("add", "Ana")
    ok("date", "add", "ana", "birthday", "14 Mar")
    ok("date", "edit", "1", "--date", "--03-15", "--note", "tea")
    [d] = dates()
    assert (d["date"], d["note"]) == ("--03-15", "tea")
    assert run("date", "edit", "1").exit_code == 2
    assert run("date", "drop", "9").exit_code == 2
    ok("date", "drop", "1")
    assert dates() == []
    ok("undo", "--yes")
    assert len(dates()) == 1


def test_show_prep_and_remind_list_dates(env: Env) -> None:
    ok("add", "Ana", "--birthday", "1980-11-30")
    assert "birthday: 30 November 1980, every year (in 5 days)" in ok("show", "ana").stdout
    assert "birthday: 30 November 1980" in ok("prep", "ana").stdout
    digest = ok("remind").stdout
    assert "Coming up" in digest and "Ana's birthday, 30 November (in 5 days, turns 46)." in digest
    assert ok("remind", "--format", "json").json()["coming_up"][0]["next"] == "2026-11-30"
    env.config.write_text("dates_within = 3\n")
    assert "Coming up" not in ok("remind").stdout


def test_a_vcard_birthday_is_a_date_in_remind(env: Env, tmp_path: Path) -> None:
    card = tmp_path / "c.vcf"
    card.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Bo Chen\nBDAY:--11-27\nEND:VCARD\n")
    ok("import", str(card))
    assert "Bo Chen's birthday, 27 November (in 2 days)." in ok("remind").stdout


@pytest.mark.parametrize("args", [(), ("--json",)])
def test_today_is_silent_when_nothing_needs_you(env: Env, args: tuple[str, ...]) -> None:
    result = ok("today", *args)
    if args:
        assert result.json()["needs_attention"] is False
    else:
        assert result.stdout == ""
    assert ok("today", "--always").stdout == "Nothing needs you today.\n"


def test_today_lists_what_needs_you_this_morning(env: Env, tmp_path: Path) -> None:
    ok("add", "Ana Lopez", "--email", "ana@x.example", "--every", "weekly")
    ok("log", "ana", "--date", "2026-11-10", "--note", "x", "--todo", "send the deck")
    ok("todo", "edit", "1", "--due", "today")
    ok("add", "Bo", "--birthday", "--11-28", "--every", "yearly")
    ok("log", "bo", "--note", "y")
    ok("advice", "add", "bo", "try mornings")
    ok("advice", "decide", "1", "taking")
    ok("advice", "outcome", "1", "it worked")
    cal = tmp_path / "c.ics"
    cal.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:m1\nDTSTART:20261105T100000Z\n"
        "SUMMARY:Coffee\nATTENDEE:mailto:ana@x.example\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    ok("import", str(cal))
    shown = ok("today").stdout
    assert "Talk to\n  Ana Lopez: 8 days overdue (you aim for every week)." in shown
    assert "#1 send the deck (for Ana Lopez): due today." in shown
    assert "Bo's birthday, 28 November (in 3 days)." in shown
    assert "Tell Bo how it went: try mornings (it worked)." in shown
    assert "2026-11-05 with Ana Lopez: Coffee" in shown
    found = ok("today", "--json").json()
    assert [p["name"] for p in found["due"]] == ["Ana Lopez"]
    assert found["imported"][0]["date"] == "2026-11-05"
    assert run("today", "--exit-code").exit_code == 1
    # two days later the import is no longer news
    assert "Coffee" not in ok("today", "--as-of", "2026-11-28").stdout
