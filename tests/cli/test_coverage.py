"""`advisors board` (coverage, gaps, balance) and `advisors stats` (rhythm)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import Env, ok

ANSI = re.compile(r"\x1b\[")
AS_OF = "2026-11-25"


@pytest.fixture
def life(env: Env) -> Env:
    """A board that leans one way, with every kind of gap."""
    ok("add", "Ana Lopez", "--role", "mentor", "--area", "career", "--every", "monthly")
    ok("add", "Marcus Bell", "--role", "mentor", "--area", "career", "--every", "6w")
    ok("add", "Dana Ruiz", "--role", "mentor", "--area", "wellness", "--every", "2w")
    ok("add", "Finn Hale", "--role", "mentor", "--area", "spirituality", "--status", "prospect")
    ok("add", "Mia Wong", "--role", "mentor", "--area", "community")
    ok("pause", "mia", "--until", "2027-01-10")
    ok("goal", "add", "Run a marathon", "--area", "wellness")
    ok("goal", "add", "Lead a team", "--area", "career", "--advisor", "ana")
    ok("log", "ana", "--date", "2026-11-13", "--note", "x")
    ok("log", "marcus", "--date", "2026-08-01", "--note", "y")
    ok("log", "dana", "--date", "2026-10-01", "--note", "z")
    ok("advice", "add", "ana", "delegate")
    ok("advice", "decide", "1", "taking")
    ok("advice", "outcome", "1", "it worked")
    ok("advice", "add", "ana", "read more")
    return env


def test_board_json_covers_every_area_and_kind_of_gap(life: Env) -> None:
    board = ok("board", "--as-of", AS_OF, "--json").json()
    areas = {a["area"]: a for a in board["areas"]}
    assert list(areas)[:5] == ["career", "wellness", "spirituality", "community", "family"]
    career = areas["career"]
    assert [(p["name"], p["state"]) for p in career["advisors"]] == [
        ("Marcus Bell", "overdue"),
        ("Ana Lopez", "ok"),
    ]
    assert career["freshest_contact"] == "2026-11-13" and career["days_since_freshest"] == 12
    assert career["goals"] == ["Lead a team"]
    assert areas["spirituality"]["advisors"] == []
    kinds = {(g["kind"], g["area"]) for g in board["gaps"]}
    assert ("no_advisor", "spirituality") in kinds
    assert ("no_advisor", "family") in kinds
    assert ("all_overdue", "wellness") in kinds
    assert ("prospect_could_cover", "spirituality") in kinds
    assert ("paused_leaves_gap", "community") in kinds
    assert ("goal_without_advisor", "wellness") in kinds
    assert ("no_advisor", "career") not in kinds
    sentences = [g["sentence"] for g in board["gaps"]]
    assert "Finn Hale (prospect) could cover spirituality: ask them." in sentences


def test_the_balance_and_its_sentence(life: Env) -> None:
    balance = ok("board", "--as-of", AS_OF, "--json").json()["balance"]
    assert balance["learn_from"] == {"people": 3, "conversations_90d": 2}
    assert balance["mentees"] == {"people": 0, "conversations_90d": 0}
    assert (balance["advice_received"], balance["advice_acted_on"]) == (2, 1)
    assert balance["leaning"] == (
        "You have 3 mentors and no mentee: the article's two-way "
        "street says teaching is how you learn."
    )
    ok("add", "Bo Chen", "--role", "mentee", "--area", "community")
    assert ok("board", "--as-of", AS_OF, "--json").json()["balance"]["leaning"] is None


def test_config_areas_are_the_rows(life: Env) -> None:
    life.config.write_text('areas = ["career", "health"]\n')
    names = [a["area"] for a in ok("board", "--as-of", AS_OF, "--json").json()["areas"]]
    assert names == ["career", "health", "wellness"]  # wellness: Dana and a goal name it


@pytest.mark.parametrize("columns", ["60", "120"])
def test_board_plain_text_fits_and_has_no_escape_codes(
    life: Env, monkeypatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    out = ok("board", "--as-of", AS_OF).stdout
    assert not ANSI.search(out)
    assert all(len(line) <= int(columns) for line in out.splitlines()), out
    assert "Marcus Bell  overdue 74d" in out
    assert "No active advisor for family." in out
    assert "teaching is how you learn" in out


def test_an_empty_board_gets_the_friendly_start(env: Env) -> None:
    start = ok("due").stdout
    assert start.startswith("Your board is empty")
    assert ok("board").stdout == start
    assert ok("stats").stdout == start
    assert ok("list").stdout == start


def test_remind_and_board_agree_on_gaps(life: Env) -> None:
    reminded = ok("remind", "--as-of", AS_OF, "--format", "json").json()["gaps"]
    board = ok("board", "--as-of", AS_OF, "--json").json()["gaps"]
    for gap in reminded:
        assert any(g["kind"] == "no_advisor" and g["area"] == gap["area"] for g in board)


# stats -----------------------------------------------------------------------------


@pytest.fixture
def rhythm(env: Env) -> Env:
    ok("add", "Pat Steady", "--every", "monthly")
    for day in (
        "2025-06-01",
        "2025-12-01",
        "2026-02-01",
        "2026-04-01",
        "2026-06-01",
        "2026-08-01",
        "2026-10-01",
    ):
        ok("log", "pat", "--date", day, "--note", day)
    ok("add", "Quinn New", "--every", "2w")
    ok("log", "quinn", "--date", "2026-09-15")
    ok("log", "quinn", "--date", "2026-10-20")
    return env


def test_stats_numbers_checked_by_hand(rhythm: Env) -> None:
    pat = ok("stats", "pat", "--as-of", AS_OF, "--json").json()
    assert pat["measured_from"] == "2025-11-25"
    assert (pat["periods"], pat["periods_kept"], pat["consistency"]) == (12, 6, 0.5)
    assert pat["average_gap_days"] == 60.8 and pat["longest_gap_days"] == 62
    assert [m["conversations"] for m in pat["months"]] == [1, 0] * 6
    assert pat["months"][0]["month"] == "2025-12" and pat["conversations"] == 6
    assert [g["days"] for g in pat["long_gaps"]] == [62, 59, 61, 61, 61, 55]
    assert pat["long_gaps"][-1]["still_open"] is True


def test_someone_who_joined_mid_window_is_measured_from_their_start(rhythm: Env) -> None:
    quinn = ok("stats", "quinn", "--as-of", AS_OF, "--json").json()
    assert quinn["measured_from"] == "2026-09-15"
    # two weeks from 15 September: broken twice before the talk of 20 October
    # kept the third, then broken twice; one definition with the long gaps
    assert (quinn["periods"], quinn["periods_kept"]) == (5, 1)
    assert [g["days"] for g in quinn["long_gaps"]] == [35, 36]


def test_stats_lists_the_least_consistent_first(rhythm: Env) -> None:
    document = ok("stats", "--as-of", AS_OF, "--json").json()
    assert document["months"] == 12
    assert [p["name"] for p in document["people"]] == ["Quinn New", "Pat Steady"]
    out = ok("stats", "--as-of", AS_OF).stdout
    assert "1.1.1.1.1.1." in out and "50%" in out and "All" in out
    assert not ANSI.search(out)
    short = ok("stats", "--months", "3", "--as-of", AS_OF, "--json").json()
    assert len(short["people"][0]["months"]) == 3


def test_stats_for_one_person_lists_long_gaps(rhythm: Env) -> None:
    out = ok("stats", "pat", "--as-of", AS_OF).stdout
    assert "Gaps longer than their rhythm" in out
    assert "2026-10-01 to now (still open): 55 days" in out
    assert "6 of 12 periods kept" in out


def test_the_definitions_are_in_the_help(env: Env) -> None:
    text = " ".join(ok("stats", "--help").stdout.split())
    assert "A period runs someone's rhythm" in text and "Consistency is the share kept" in text
    assert "whichever is earlier" in text


def test_on_a_terminal_the_strip_is_drawn_in_blocks(rhythm: Env, monkeypatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = ANSI_ANY.sub("", ok("stats", "--as-of", AS_OF).stdout)
    assert "█·█·█·█·█·█·" in out


ANSI_ANY = re.compile(r"\x1b\[[0-9;]*m")
