"""``search``: what did we say about X? Every kind of record, newest first,
case and accents ignored, every word needed, "a phrase" as written."""

from __future__ import annotations

import pytest

from advisors.board.search import terms_of
from tests.conftest import Env, ok, run


@pytest.fixture
def said(env: Env) -> Env:
    ok("add", "José Chen", "--note", "Met at the Lisbon offsite")
    ok("add", "Ana Lopez", "--why", "knows the reorg from inside")
    ok(
        "log",
        "josé",
        "--date",
        "2026-10-01",
        "--note",
        "Talked about the reorg.\nHer NEW job at Acme.",
    )
    ok("log", "ana", "--date", "2026-11-01", "--note", "Nothing about work", "--topic", "new job")
    ok("topic", "add", "ana", "ask about her new job")
    ok("todo", "add", "send José the reorg memo")
    ok("goal", "add", "Find a new job", "--success", "an offer by spring")
    ok("advice", "add", "ana", "take the new job offer slowly")
    return env


def kinds(*args: str) -> list[tuple[str, int]]:
    return [(h["kind"], h["id"]) for h in ok("search", *args, "--json").json()["hits"]]


def test_every_word_must_match_in_any_kind_of_record_newest_first(said: Env) -> None:
    found = kinds("new", "job")
    assert set(found) == {
        ("conversation", 1),
        ("conversation", 2),
        ("topic", 1),
        ("goal", 1),
        ("advice", 1),
    }
    dates = [h["date"] for h in ok("search", "new", "job", "--json").json()["hits"]]
    assert dates == sorted(dates, reverse=True)
    assert kinds("reorg", "memo") == [("follow-up", 1)]


def test_case_and_accents_are_ignored_and_phrases_kept(said: Env) -> None:
    assert ("person", 1) in kinds("jose")
    assert kinds("TALKED", "RÉORG") == [("conversation", 1)]
    assert kinds('"job at acme"') == [("conversation", 1)]
    assert kinds('"acme job"') == []
    assert ("person", 1) in kinds("lisbon")
    assert ("person", 2) in kinds("inside")


def test_in_and_since_narrow_the_search(said: Env) -> None:
    assert kinds("job", "--in", "topics") == [("topic", 1)]
    assert set(kinds("job", "--in", "notes", "--in", "goals")) == {
        ("conversation", 1),
        ("conversation", 2),
        ("goal", 1),
    }
    assert ("conversation", 1) not in kinds("job", "--since", "2026-10-15")
    result = run("search", "x", "--in", "mail")
    assert result.exit_code == 2 and "unknown --in 'mail'" in result.stderr


def test_the_words_show_the_line_that_matched(said: Env) -> None:
    shown = ok("search", '"job at acme"').stdout
    assert shown == "conversation #1  2026-10-01  José Chen\n  Her NEW job at Acme.\n"
    assert ok("search", "zebra").stdout == "Nothing mentions zebra.\n"
    assert run("search", '""').exit_code == 2


def test_terms_are_words_and_quoted_phrases() -> None:
    assert terms_of('new "Job at  Acme" José') == ["new", "job at acme", "jose"]
    assert terms_of('an "unclosed') == ["an", "unclosed"]
