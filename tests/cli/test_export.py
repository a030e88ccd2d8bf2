"""`advisors export`: everything out, as JSON, CSV, Markdown and ICS."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest

from advisors.store.schema import SCHEMA
from tests.conftest import Env, ok, run, snapshot


@pytest.fixture
def story(board: Env) -> Env:
    ok("log", "ana", "--date", "2026-10-26", "--note", 'reorg, hiring\nand "quotes"')
    ok(
        "log",
        "ana",
        "jose",
        "--date",
        "2026-11-20",
        "--note",
        "both",
        "--todo",
        "deck",
        "--their-todo",
        "intro",
    )
    ok("todo", "edit", "1", "--due", "2026-12-01")
    ok("goal", "add", "Lead a team", "--advisor", "ana")
    ok("topic", "add", "ana", "hiring")
    ok("advice", "add", "ana", "delegate")
    ok("remove", "bo", "--yes")
    return board


def test_json_carries_every_table_with_uids_and_the_deletions(story: Env) -> None:
    document = ok("export").json()
    assert document["format"] == "advisors-export" and document["schema"] == SCHEMA
    tables = document["tables"]
    assert [p["name"] for p in tables["people"]] == [
        "Ana Lopez",
        "José Chen",
        "Raj Patel",
        "Mia Wong",
    ]
    assert all(r["uid"] and r["id"] for rows in tables.values() for r in rows)
    assert [c["notes"] for c in tables["conversations"]] == ['reorg, hiring\nand "quotes"', "both"]
    assert {len(tables[t]) for t in ("goals", "topics", "advice")} == {1}
    assert [d["table"] for d in document["deleted"]] == ["people"]
    again = ok("export").json()
    del again["exported"], document["exported"]
    assert again == document  # stable


def test_json_names_every_field_though_the_data_file_leaves_empty_ones_out(story: Env) -> None:
    from advisors.board.records import MODELS

    stored = json.loads(story.db.read_bytes())["people"]
    assert not any("url" in doc for doc in stored.values())
    tables = ok("export").json()["tables"]
    for model in MODELS:
        for row in tables[model.table]:
            assert set(row) - {"stamps"} == {"id", *model.field_names()} - {"stamps"}
    assert {p["url"] for p in tables["people"]} == {""}


def test_csv_to_a_folder_for_a_spreadsheet(story: Env, tmp_path: Path) -> None:
    ok("export", "--format", "csv", "--output", str(tmp_path / "out"))
    people = list(csv.DictReader((tmp_path / "out" / "people.csv").open()))
    assert people[0]["name"] == "Ana Lopez" and people[0]["areas"] == "career;leadership"
    assert people[0]["every"] == "3w" and people[0]["next_due"]
    talks = list(csv.DictReader((tmp_path / "out" / "conversations.csv").open()))
    assert talks[0]["notes"] == 'reorg, hiring\nand "quotes"'
    assert talks[1]["people"] == "Ana Lopez;José Chen"
    assert (tmp_path / "out" / "people.csv").stat().st_mode & 0o777 == 0o600
    text = ok("export", "--format", "csv").stdout
    assert text.startswith("id,name,role,areas") and "\nid,date,people,via" in text
    result = run("export", "--format", "csv", "--output", str(tmp_path / "out" / "people.csv"))
    assert result.exit_code == 2 and "needs a folder" in result.stderr


def test_markdown_is_a_report(story: Env) -> None:
    text = ok("export", "--format", "markdown").stdout
    assert text.startswith("# Your board of advisors, 2026-11-25")
    assert "## Ana Lopez" in text and "### Conversations" in text
    assert text.index("**2026-11-20**") < text.index("**2026-10-26**")  # newest first
    assert ok("export", "--format", "md").stdout == text  # the extension's name works too


def test_ics_parses_with_stable_uids(story: Env, tmp_path: Path) -> None:
    from icalendar import Calendar

    target = tmp_path / "advisors.ics"
    ok("export", "--format", "ics", "--output", str(target))
    calendar = Calendar.from_ical(target.read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    ana = events["Reconnect with Ana Lopez"]
    assert ana.decoded("dtstart") == date(2026, 12, 11)
    assert "Prep: Ana Lopez" in str(ana["description"])
    assert "Reconnect with Raj Patel" not in events  # a prospect
    todos = list(calendar.walk("VTODO"))
    assert [str(t["summary"]) for t in todos] == ["deck"]
    assert todos[0].decoded("due") == date(2026, 12, 1)
    first = sorted(str(c["uid"]) for c in calendar.walk() if "uid" in c)
    ok("log", "jose", "--note", "later")
    second = Calendar.from_ical(ok("export", "--format", "ics").stdout.encode())
    assert sorted(str(c["uid"]) for c in second.walk() if "uid" in c) == first


def test_export_changes_nothing(story: Env, tmp_path: Path) -> None:
    before = snapshot(story.db)
    ok("export", "--format", "json", "--output", str(tmp_path / "x.json"))
    assert json.loads((tmp_path / "x.json").read_text())["format"] == "advisors-export"
    assert snapshot(story.db) == before


def test_a_json_file_is_written_piece_by_piece_and_says_the_same(
    story: Env, tmp_path: Path
) -> None:
    """To a file, the export streams the log a segment at a time (it never
    holds the whole log); what it writes is what it prints, in log order."""
    target = tmp_path / "all.json"  # the story removed Bo: "deleted" is not empty
    ok("export", "--format", "json", "--output", str(target))
    text = target.read_text()
    written, printed = json.loads(text), ok("export", "--format", "json").json()
    assert text.startswith('{\n  "format": "advisors-export",\n') and text.endswith("\n}\n")
    for document in (written, printed):
        document.pop("exported")
        document["tables"]["conversations"].sort(key=lambda row: row["id"])
    assert written == printed and written["deleted"] and written["tables"]["conversations"]
    fresh = tmp_path / "fresh" / "advisors.json"
    ok("--db", str(fresh), "import", str(target), "--yes")
    assert len(ok("--db", str(fresh), "history", "--json").json()) == len(
        printed["tables"]["conversations"]
    )


def test_an_export_printed_shows_control_characters_rather_than_sending_them(
    story: Env,
) -> None:
    tables = json.loads(story.db.read_text())
    tables["people"]["1"]["why"] = "x\u0085y\u001b[31mz\u007f"  # written by hand, or by a sync
    story.db.write_text(json.dumps(tables))
    printed = ok("export").stdout
    assert '"why": "x\\u0085y\\u001b[31mz\\u007f"' in printed
    assert json.loads(printed)["tables"]["people"][0]["why"] == "x\u0085y\u001b[31mz\u007f"
    sheet = ok("export", "--format", "csv").stdout
    assert "x\\x85y\\x1b[31mz\\x7f" in sheet and "\x1b" not in sheet and "\x85" not in sheet
