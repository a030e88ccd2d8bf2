"""The conversation log and `due`, the main view."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import time_machine

from tests.conftest import Env, ok, run, snapshot

SNAPSHOTS = Path(__file__).parent / "snapshots"
ANSI = re.compile(r"\x1b\[")


@pytest.fixture
def history_board(board: Env) -> Env:
    """Ana talked 30 days ago (3w: overdue 9), José 25 days ago (1m: due in 5),
    Bo 3 days ago (2w: on track), Kim never; Mia paused, Raj a prospect."""
    ok("log", "ana", "--date", "2026-10-26", "--via", "video", "--note", "career chat")
    ok("log", "jose", "--date", "2026-10-31", "--via", "in-person", "--note", "coffee")
    ok("log", "bo", "--date", "3 days ago", "--note", "mentoring session", "--topic", "pricing")
    ok("add", "Kim Ito", "--role", "peer", "--area", "community", "--every", "monthly")
    ok("add", "Old Friend", "--status", "archived")
    return board


def people(report: dict) -> list[tuple[str, str, int | None, int]]:
    return [(p["name"], p["state"], p["days_since"], p["days_overdue"]) for p in report["people"]]


def test_due_states_and_urgency_order(history_board: Env) -> None:
    report = ok("due", "--json").json()
    assert report["as_of"] == "2026-11-25"
    assert people(report) == [
        ("Kim Ito", "never", None, 0),
        ("Ana Lopez", "overdue", 30, 9),
        ("José Chen", "soon", 25, 0),
        ("Bo Chen", "ok", 3, 0),
    ]
    ana = report["people"][1]
    assert ana["last_contact"] == "2026-10-26"
    assert ana["next_due"] == "2026-11-16"
    assert ana["cadence"] == "3w"
    assert set(ana) >= {
        "id",
        "name",
        "role",
        "areas",
        "cadence",
        "last_contact",
        "next_due",
        "days_since",
        "days_overdue",
        "state",
    }
    assert [p["name"] for p in report["prospects"]] == ["Raj Patel"]
    assert [(p["name"], p["paused_until"]) for p in report["paused"]] == [
        ("Mia Wong", "2027-01-15")
    ]
    assert "Old Friend" not in str(report)


def test_as_of_answers_who_will_be_due_that_day(history_board: Env) -> None:
    report = ok("due", "--as-of", "2026-12-10", "--json").json()
    states = {p["name"]: (p["state"], p["days_overdue"]) for p in report["people"]}
    assert states["José Chen"] == ("overdue", 10)  # 2026-10-31 + 1 month = 11-30
    assert states["Bo Chen"] == ("overdue", 4)  # 2026-11-22 + 2 weeks = 12-06
    assert report["people"][0]["name"] == "Kim Ito"


def test_within_sets_the_soon_window(history_board: Env) -> None:
    narrow = ok("due", "--within", "3", "--json").json()
    assert ("José Chen", "ok") in [(p["name"], p["state"]) for p in narrow["people"]]
    history_board.config.write_text("within = 14\n")
    wide = ok("due", "--json").json()
    assert ("Bo Chen", "soon") in [(p["name"], p["state"]) for p in wide["people"]]


def test_due_filters_by_role_and_area(history_board: Env) -> None:
    mentors = ok("due", "--role", "mentor", "--json").json()
    assert [p["name"] for p in mentors["people"]] == ["Ana Lopez"]
    community = ok("due", "--area", "community", "--json").json()
    assert [p["name"] for p in community["people"]] == ["Kim Ito", "Bo Chen"]


def test_due_as_plain_text_with_a_warm_summary(history_board: Env) -> None:
    out = ok("due").stdout
    assert not ANSI.search(out)
    lines = out.splitlines()
    assert lines[0].split() == ["Name", "Last", "contact", "Since", "Every", "Next", "due", "State"]
    assert lines[1].startswith("Kim Ito") and "never contacted" in lines[1]
    assert "2026-10-26" in lines[2] and "30 days ago" in lines[2]
    assert "3 weeks" in lines[2] and "overdue 9d" in lines[2]
    assert "due in 5d" in lines[3]
    assert "on track" in lines[4]
    assert "2 to reconnect with, 1 due this week, 1 on track." in out
    assert "Prospects to ask: Raj Patel." in out
    assert "Paused: Mia Wong (until 2027-01-15)." in out
    assert all(len(line) <= 80 for line in lines)


def test_narrow_terminals_keep_lines_short(history_board: Env, monkeypatch) -> None:
    ok("add", "Maximiliana Wolkenstein-Oberhausen", "--every", "weekly")
    monkeypatch.setenv("COLUMNS", "60")
    for args in (["due"], ["list"], ["history"]):
        out = ok(*args).stdout
        assert all(len(line) <= 60 for line in out.splitlines()), (args, out)
    assert "Maximiliana" in ok("due").stdout


def test_rich_table_snapshot_at_a_pinned_width(history_board: Env, monkeypatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    out = ok("due").stdout
    assert "\x1b[31m" not in out and "\x1b[1;31m" not in out  # no colour
    layout = re.sub(r"\x1b\[[0-9;]*m", "", out)
    expected = SNAPSHOTS / "due_rich.txt"
    assert expected.exists(), f"missing snapshot {expected}: write it from this output, review it"
    assert layout == expected.read_text()
    assert "───" in layout  # Rich's rule under the header


def test_colour_marks_state_on_a_terminal(history_board: Env, monkeypatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = ok("due").stdout
    overdue_line = next(line for line in out.splitlines() if "Ana Lopez" in line)
    assert "\x1b[1;31m" in overdue_line  # bold red
    ok_line = next(line for line in out.splitlines() if "Bo Chen" in line)
    assert "\x1b[32m" in ok_line  # green


def test_log_reports_the_next_due_date(board: Env) -> None:
    out = ok("log", "ana", "jose", "--date", "last friday", "--via", "in-person").stdout
    assert "Logged an in-person talk with Ana Lopez and José Chen on 2026-11-20" in out
    assert "Next with Ana Lopez: 2026-12-11 (every 3 weeks)." in out
    assert "Next with José Chen: 2026-12-20 (every month)." in out
    talk = ok("history", "--json").json()[0]
    assert talk["people"] == ["Ana Lopez", "José Chen"]
    assert talk["date"] == "2026-11-20"
    assert talk["via"] == "in-person"


def test_monthly_after_january_31_is_due_at_the_end_of_february(board: Env) -> None:
    ok("log", "jose", "--date", "2026-01-31")
    report = ok("due", "--as-of", "2026-02-28", "--json").json()
    jose = next(p for p in report["people"] if p["name"] == "José Chen")
    assert jose["next_due"] == "2026-02-28"


def test_in_a_leap_year_it_is_february_29(board: Env) -> None:
    with time_machine.travel("2028-03-15 09:00", tick=True):
        ok("log", "jose", "--date", "2028-01-31")
        report = ok("due", "--json").json()
    jose = next(p for p in report["people"] if p["name"] == "José Chen")
    assert jose["next_due"] == "2028-02-29"


def test_a_backdated_log_does_not_move_next_due_backward(board: Env) -> None:
    ok("log", "ana", "--date", "2026-11-20")
    ok("log", "ana", "--date", "2026-09-01", "--note", "remembered an old one")
    ana = ok("show", "ana", "--json").json()
    assert ana["last_contact"] == "2026-11-20"
    assert ana["next_due"] == "2026-12-11"
    assert [c["date"] for c in ok("history", "ana", "--json").json()] == [
        "2026-11-20",
        "2026-09-01",
    ]


def test_relative_dates_are_read_against_today(board: Env) -> None:
    for text, expected in (
        ("yesterday", "2026-11-24"),
        ("last friday", "2026-11-20"),
        ("2 weeks ago", "2026-11-11"),
        ("monday", "2026-11-23"),
    ):
        ok("log", "bo", "--date", text)
        newest = max(ok("history", "--json").json(), key=lambda c: c["id"])
        assert newest["date"] == expected


def test_note_from_stdin(board: Env) -> None:
    ok("log", "ana", "--note", "-", input="a long note\nover two lines\n")
    assert ok("history", "--json").json()[0]["notes"] == "a long note\nover two lines"


def fake_editor(tmp: Path, text: str) -> str:
    script = tmp / "my editor.py"
    script.write_text(
        "import sys\n"
        "path = sys.argv[-1]\n"
        "template = open(path).read()\n"
        "assert 'Ana Lopez' in template\n"
        f"open(path, 'w').write(template + {text!r})\n"
    )
    return f'{sys.executable} "{script}" --wait'


def test_editor_opens_on_a_terminal(board: Env, monkeypatch) -> None:
    import advisors.editor as log_module

    monkeypatch.setattr(log_module, "stdin_is_terminal", lambda: True)
    monkeypatch.setenv("EDITOR", fake_editor(board.root, "notes from my editor\n"))
    ok("log", "ana")
    assert ok("history", "--json").json()[0]["notes"] == "notes from my editor"


def test_an_empty_note_in_the_editor_logs_nothing(board: Env, monkeypatch) -> None:
    import advisors.editor as log_module

    monkeypatch.setattr(log_module, "stdin_is_terminal", lambda: True)
    monkeypatch.setenv("EDITOR", fake_editor(board.root, "# only a comment\n\n"))
    before = snapshot(board.db)
    result = run("log", "ana")
    assert result.exit_code == 1
    assert "empty note; nothing was logged" in result.stderr
    assert snapshot(board.db) == before


def test_a_missing_editor_is_a_clear_error(board: Env, monkeypatch) -> None:
    import advisors.editor as log_module

    monkeypatch.setattr(log_module, "stdin_is_terminal", lambda: True)
    monkeypatch.setenv("EDITOR", "no-such-editor-here")
    result = run("log", "ana")
    assert result.exit_code == 2
    assert "can't start the editor 'no-such-editor-here'" in result.stderr


def test_history_filters(history_board: Env) -> None:
    ok(
        "log",
        "ana",
        "bo",
        "--date",
        "yesterday",
        "--note",
        "Pricing review with Ána",
        "--topic",
        "pricing",
    )
    all_talks = ok("history", "--json").json()
    assert [c["date"] for c in all_talks] == [
        "2026-11-24",
        "2026-11-22",
        "2026-10-31",
        "2026-10-26",
    ]
    assert set(all_talks[0]) >= {"id", "date", "people", "via", "notes", "topics", "goals"}
    assert [c["date"] for c in ok("history", "bo", "--json").json()] == ["2026-11-24", "2026-11-22"]
    assert [c["date"] for c in ok("history", "--since", "2026-11-01", "--json").json()] == [
        "2026-11-24",
        "2026-11-22",
    ]
    assert [c["date"] for c in ok("history", "--until", "2026-10-31", "--json").json()] == [
        "2026-10-31",
        "2026-10-26",
    ]
    assert [c["date"] for c in ok("history", "--grep", "PRICING", "--json").json()] == [
        "2026-11-24",
        "2026-11-22",
    ]
    assert [c["date"] for c in ok("history", "--grep", "ana", "--json").json()] == ["2026-11-24"]
    assert len(ok("history", "--limit", "1", "--json").json()) == 1
    text = ok("history", "--limit", "1").stdout
    assert "2026-11-24  call with Ana Lopez, Bo Chen" in text
    assert "    Pricing review with Ána" in text
    assert "    topics: pricing" in text


def test_snooze_moves_next_due_without_a_conversation(history_board: Env) -> None:
    out = ok("snooze", "ana", "--until", "next monday").stdout
    assert "Snoozed Ana Lopez until 2026-11-30." in out
    report = ok("due", "--json").json()
    ana = next(p for p in report["people"] if p["name"] == "Ana Lopez")
    assert (ana["next_due"], ana["state"], ana["last_contact"]) == (
        "2026-11-30",
        "soon",
        "2026-10-26",
    )
    assert ok("history", "ana", "--json").json()[0]["date"] == "2026-10-26"
    # A conversation spends the snooze.
    ok("log", "ana")
    assert ok("show", "ana", "--json").json()["snoozed_until"] is None


def test_log_marks_the_agenda_discussed(board: Env) -> None:
    from advisors.board.records import Topic
    from advisors.store import DataFile

    with DataFile(board.db).transaction() as data:
        data.insert(Topic(person=1, text="ask about the reorg"))
        data.insert(Topic(person=2, text="not for Ana"))
    out = ok("log", "ana").stdout
    assert "Marked 1 queued topic as discussed." in out
    topics = {t.text: t.discussed_in for t in DataFile(board.db).read().all(Topic)}
    assert topics == {"ask about the reorg": 1, "not for Ana": None}


def test_log_keep_agenda(board: Env) -> None:
    from advisors.board.records import Topic
    from advisors.store import DataFile

    with DataFile(board.db).transaction() as data:
        data.insert(Topic(person=1, text="ask about the reorg"))
    assert "queued topic" not in ok("log", "ana", "--keep-agenda").stdout
    assert DataFile(board.db).read().all(Topic)[0].discussed_in is None


def test_due_names_five_prospects_then_says_how_many_more(env: Env) -> None:
    for n in range(1, 8):
        ok("add", f"Prospect {n}", "--status", "prospect")
    out = ok("due").stdout
    assert (
        "Prospects to ask: Prospect 1, Prospect 2, Prospect 3, Prospect 4, Prospect 5 "
        "and 2 more ('advisors list --status prospect')." in out
    )
    assert len(ok("due", "--json").json()["prospects"]) == 7  # scripts get them all


def test_a_name_too_long_for_its_column_breaks_between_words_first(
    history_board: Env, monkeypatch
) -> None:
    ok("add", "Maximiliana Wolkenstein-Oberhausen", "--every", "weekly")
    monkeypatch.setenv("COLUMNS", "60")
    lines = ok("due").stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("Maximiliana"))
    assert lines[at].split()[0] == "Maximiliana"  # not "Maximiliana Wo"
    assert lines[at + 1].startswith("Wolkenstein")
