"""Data in and out on every device: import (json, csv, vcard, ics), merge of
sync conflict copies, a log that has not arrived yet, and doctor."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisors.store import Layout
from tests.conftest import Env, ok, run, run_on_a_terminal, snapshot


def export_of(db: Path) -> dict:
    document = ok("--db", str(db), "export").json()
    del document["exported"]
    return document


def people_of(db: Path) -> list[str]:
    return sorted(p["name"] for p in ok("--db", str(db), "list", "--all", "--json").json())


@pytest.fixture
def story(board: Env) -> Env:
    ok("log", "ana", "--date", "2026-10-26", "--note", 'reorg\nand "quotes" ✨')
    ok("log", "ana", "jose", "--date", "2026-11-20", "--todo", "deck", "--their-todo", "intro")
    ok("goal", "add", "Lead a team", "--advisor", "ana")
    ok("topic", "add", "ana", "hiring")
    ok("advice", "add", "ana", "delegate")
    ok("remove", "bo", "--yes")
    return board


# JSON: round trip, idempotent, merge ------------------------------------------


def test_export_import_export_is_identical_and_a_second_import_changes_nothing(
    story: Env,
) -> None:
    exported = story.root / "everything.json"
    ok("export", "--output", str(exported))
    other = story.root / "other" / "advisors.json"
    result = ok("--db", str(other), "import", str(exported))
    assert "Imported everything.json" in result.stdout
    assert export_of(other) == export_of(story.db)
    before = snapshot(other)
    again = ok("--db", str(other), "import", str(exported))
    assert "Nothing new" in again.stdout
    assert snapshot(other) == before


names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")),
    min_size=1,
    max_size=12,
).filter(lambda s: s.strip() and not s.strip().isdigit() and not s.strip().startswith(("-", "#")))


def one_line(text: str) -> str:
    """A follow-up or a piece of advice is one line: no control character."""
    return " ".join("".join(" " if ord(c) < 32 or 127 <= ord(c) < 160 else c for c in text).split())


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    people=st.lists(names, min_size=1, max_size=4, unique_by=lambda s: s.strip().casefold()),
    note=st.text(max_size=40).filter(lambda s: "\x00" not in s),
    emoji=st.sampled_from(["", "🙂", "café", "日本語"]),
)
def test_round_trip_of_generated_boards(
    tmp_path_factory: pytest.TempPathFactory, people: list[str], note: str, emoji: str
) -> None:
    root = tmp_path_factory.mktemp("round")
    db, copy, exported = root / "a.json", root / "b.json", root / "a-export.json"
    added = 0
    for n, name in enumerate(people):
        if run("--db", str(db), "add", f"{name} {n}{emoji}").exit_code == 0:
            added += 1
            ok("--db", str(db), "log", str(n + 1), "--note", f"{note}\n{emoji} line two")
            # after "--", as a user types a to-do that starts with "-"
            ok(
                "--db",
                str(db),
                "todo",
                "add",
                "--with",
                str(n + 1),
                "--",
                f"{one_line(note) or 'x'} {emoji}",
            )
    ok("--db", str(db), "goal", "add", f"Goal {emoji}")
    if added:
        ok("--db", str(db), "topic", "add", "1", f"topic {emoji}")
        ok("--db", str(db), "advice", "add", "1", f"advice {one_line(note)}")
        ok("--db", str(db), "remove", "1", "--yes")
    ok("--db", str(db), "export", "--output", str(exported))
    ok("--db", str(copy), "import", str(exported))
    assert export_of(copy) == export_of(db)


def test_two_copies_that_each_changed_merge_without_loss_or_resurrection(
    story: Env, tmp_path: Path
) -> None:
    laptop = story.db
    desktop = tmp_path / "desktop" / "advisors.json"
    ok("export", "--output", str(tmp_path / "base.json"))
    ok("--db", str(desktop), "import", str(tmp_path / "base.json"))
    # each device changes, adds and removes different records
    ok("add", "Cy Laptop")
    ok("edit", "ana", "--why", "changed on the laptop")
    ok("remove", "raj", "--yes")
    ok("--db", str(desktop), "add", "Di Desktop")
    ok("--db", str(desktop), "edit", "jose", "--why", "changed on the desktop")
    ok("--db", str(desktop), "log", "jose", "--note", "desktop talk")
    ok("--db", str(desktop), "remove", "mia", "--yes")
    ok("--db", str(desktop), "export", "--output", str(tmp_path / "desktop.json"))
    ok("export", "--output", str(tmp_path / "laptop.json"))

    ok("import", str(tmp_path / "desktop.json"), "--yes")  # it removes what the desktop removed
    ok("--db", str(desktop), "import", str(tmp_path / "laptop.json"), "--yes")
    expected = ["Ana Lopez", "Cy Laptop", "Di Desktop", "José Chen"]
    assert people_of(laptop) == people_of(desktop) == expected
    shown = ok("show", "jose").stdout
    assert "changed on the desktop" in shown and "desktop talk" in shown
    assert "changed on the laptop" in ok("--db", str(desktop), "show", "ana").stdout
    # merging the old copy again brings back nothing that was removed
    before = snapshot(laptop)
    ok("import", str(tmp_path / "base.json"))
    assert people_of(laptop) == expected
    assert snapshot(laptop) == before


def test_ids_that_clash_are_renumbered_and_references_follow(env: Env, tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    ok("--db", str(other), "add", "Zoe Other")
    ok("--db", str(other), "log", "zoe", "--note", "from the other board", "--todo", "call back")
    ok("--db", str(other), "export", "--output", str(tmp_path / "other-export.json"))
    ok("add", "Ann Here")  # takes id 1 here
    ok("import", str(tmp_path / "other-export.json"))
    people = {p["name"]: p["id"] for p in ok("list", "--json").json()}
    assert people == {"Ann Here": 1, "Zoe Other": 2}
    assert "from the other board" in ok("history", "zoe").stdout
    todos = ok("todo", "list", "--json").json()
    assert [t["person"] for t in todos] == ["Zoe Other"] or todos[0].get("person_id") == 2


def test_another_data_file_imports_like_an_export(story: Env, tmp_path: Path) -> None:
    other = tmp_path / "fresh.json"
    ok("--db", str(other), "import", str(story.db))
    assert export_of(other)["tables"] == export_of(story.db)["tables"]


def test_a_backup_folder_or_its_main_file_merges_like_a_data_file(
    story: Env, tmp_path: Path
) -> None:
    folder = Path(ok("backup").stdout.strip().removeprefix("Backed up to ").rstrip("."))
    talks = len(ok("history", "--json").json())
    assert talks
    ok("remove", "raj", "--yes")
    ok("log", "ana", "--note", "after the backup")
    before = snapshot(story.db)
    assert "Nothing new" in ok("import", str(folder)).stdout  # Raj stays removed
    assert snapshot(story.db) == before
    # another device's backup, copied anywhere: its log comes with it
    elsewhere = tmp_path / "usb" / folder.name
    shutil.copytree(folder, elsewhere)
    desk = tmp_path / "desk" / "advisors.json"
    for source in (elsewhere, elsewhere / "advisors.json"):
        ok("--db", str(desk), "import", str(source))
    assert len(ok("--db", str(desk), "history", "--json").json()) == talks
    assert "Raj Patel" in people_of(desk)


def test_one_import_is_one_undo_step(story: Env, tmp_path: Path) -> None:
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("name,role\nNew One,peer\nNew Two,coach\n")
    people = people_of(story.db)
    ok("import", str(csv_file))
    assert people_of(story.db) == sorted([*people, "New One", "New Two"])
    ok("undo", "--yes")
    assert people_of(story.db) == people


# CSV and vCard -----------------------------------------------------------------


def test_csv_adds_and_updates_people_with_quoted_fields_and_areas(board: Env, tmp_path: Path):
    sheet = tmp_path / "people.csv"
    sheet.write_text(
        "name,role,areas,every,email,phone,org,why\n"
        '"Lopez, Carla",sponsor,career;leadership,every 3 weeks,carla@x.org,+1 555,"Acme, Inc",'
        '"says ""hi""\nand more"\n'
        "Ana Lopez,,,2w,,,,\n",
        encoding="utf-8",
    )
    result = ok("import", str(sheet))
    assert "1 added, 1 updated" in result.stdout
    # "Last, First" is how many address books write a name
    carla = next(p for p in ok("list", "--json").json() if p["name"] == "Carla Lopez")
    assert carla["role"] == "sponsor" and carla["areas"] == ["career", "leadership"]
    assert carla["cadence"] == "3w"
    shown = ok("show", "carla").stdout
    assert "Acme, Inc" in shown and 'says "hi"' in shown
    assert "2 weeks" in ok("show", "ana").stdout


def test_a_european_spreadsheet_csv_reads_too(env: Env, tmp_path: Path) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_bytes(
        '\ufeffname;role;areas;every\r\nAna Lopez;sponsor;"career;family";3w\r\n'.encode()
    )
    ok("import", str(sheet))
    [ana] = ok("list", "--json").json()
    assert (ana["name"], ana["role"], ana["areas"]) == (
        "Ana Lopez",
        "sponsor",
        ["career", "family"],
    )
    # Excel's default "CSV" on Windows is Windows-1252: read, and said
    sheet.write_bytes("name,org\r\nM\u00fcller,Acme\r\n".encode("cp1252"))
    said = ok("import", str(sheet)).stdout
    assert "not UTF-8: read it as Windows-1252" in said and "--encoding" in said
    assert "M\u00fcller" in [p["name"] for p in ok("list", "--json").json()]


def test_the_csv_of_an_export_reads_back(story: Env, tmp_path: Path) -> None:
    ok("export", "--format", "csv", "--output", str(tmp_path / "out"))
    fresh = tmp_path / "fresh.json"
    ok("--db", str(fresh), "import", str(tmp_path / "out" / "people.csv"))
    assert people_of(fresh) == people_of(story.db)


VCARDS = """BEGIN:VCARD
VERSION:4.0
FN:Dana Kim
N:Kim;Dana;;;
EMAIL;TYPE=work:dana@kim.io
EMAIL;TYPE=home:dana@home.example
TEL;TYPE=cell:+44 20 1234
ORG:Kim Ltd;Research
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:Okafor;Eli;;;
FN:Eli Okafor
EMAIL;TYPE=INTERNET:eli@example.com
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Ana L.
EMAIL:ana.home@example.net
EMAIL:ana@example.org
END:VCARD
"""


def test_vcard_3_and_4_add_people_and_report_those_already_here(board: Env, tmp_path: Path):
    cards = tmp_path / "contacts.vcf"
    cards.write_text(VCARDS.replace("\n", "\r\n"))
    result = ok("import", str(cards))
    # Ana, known by one address, gains the other; her name and notes stay
    assert "1 updated" in result.stdout
    ana = ok("show", "ana").stdout
    assert "Ana Lopez" in ana and "ana.home@example.net" in ana
    dana = ok("show", "dana").stdout
    assert "dana@kim.io, dana@home.example" in dana  # every address, for calendars
    assert "+44 20 1234" in dana and "Kim Ltd" in dana
    assert "eli@example.com" in ok("show", "eli").stdout
    before = snapshot(board.db)
    assert "Nothing new" in ok("import", str(cards)).stdout
    assert snapshot(board.db) == before
    assert people_of(board.db).count("Dana Kim") == 1


def test_people_from_a_file_get_the_configured_cadence_and_the_chosen_status(
    env: Env, tmp_path: Path
) -> None:
    env.config.write_text('default_cadence = "3w"\n[cadence]\nfamily = "1w"\n')
    sheet = tmp_path / "people.csv"
    sheet.write_text(
        "name,areas,every,status\nAna Lopez,family,,\nRaj Patel,,,\nMia Wu,,6w,active\n"
    )
    ok("import", str(sheet), "--status", "prospect")
    cards = tmp_path / "contacts.vcf"
    cards.write_text(VCARDS)
    ok("import", str(cards), "--format", "vcf")  # without --status, as add does: active
    people = {p["name"]: p for p in json.loads(ok("list", "--json").stdout)}
    assert (people["Ana Lopez"]["cadence"], people["Ana Lopez"]["status"]) == ("1w", "prospect")
    assert (people["Raj Patel"]["cadence"], people["Raj Patel"]["status"]) == ("3w", "prospect")
    assert (people["Mia Wu"]["cadence"], people["Mia Wu"]["status"]) == ("6w", "active")
    assert (people["Dana Kim"]["cadence"], people["Dana Kim"]["status"]) == ("3w", "active")
    assert "Dana Kim" not in json.dumps(json.loads(ok("due", "--json").stdout)["prospects"])
    before = snapshot(env.db)
    bad = run("import", str(sheet), "--format", "ics", "--status", "prospect")
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1 and "--status" in bad.stderr
    assert snapshot(env.db) == before


# ICS from a calendar -------------------------------------------------------------

CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tests//EN
BEGIN:VEVENT
UID:weekly-ana
DTSTART;VALUE=DATE:20261002
RRULE:FREQ=WEEKLY;COUNT=3
SUMMARY:1:1
ATTENDEE;CN=Ana:mailto:ANA@example.org
URL:https://meet.example.com/abc
END:VEVENT
BEGIN:VEVENT
UID:coffee-jose
DTSTART;VALUE=DATE:20261104
SUMMARY:Coffee with José Chen
LOCATION:Café Blue
END:VEVENT
BEGIN:VEVENT
UID:call-raj
DTSTART;VALUE=DATE:20261105
SUMMARY:Raj Patel catch-up
END:VEVENT
BEGIN:VEVENT
UID:dentist
DTSTART;VALUE=DATE:20261106
SUMMARY:Dentist
END:VEVENT
BEGIN:VEVENT
UID:future-ana
DTSTART;VALUE=DATE:20261210
SUMMARY:Ana Lopez again
END:VEVENT
END:VCALENDAR
"""


def test_a_calendar_logs_past_meetings_once_with_the_right_way(board: Env, tmp_path: Path):
    calendar = tmp_path / "calendar.ics"
    calendar.write_text(CALENDAR.replace("\n", "\r\n"))
    dry = ok("import", str(calendar), "--dry-run")
    assert "Would add conversation 2026-11-04 with José Chen" in dry.stdout
    assert "1 event naming no one on your board" in dry.stdout
    ok("import", str(calendar))
    talks = ok("history", "--json").json()
    by_day = {(t["date"], tuple(t["people"])): t["via"] for t in talks}
    assert by_day == {
        ("2026-10-02", ("Ana Lopez",)): "video",
        ("2026-10-09", ("Ana Lopez",)): "video",
        ("2026-10-16", ("Ana Lopez",)): "video",
        ("2026-11-04", ("José Chen",)): "in-person",
        ("2026-11-05", ("Raj Patel",)): "call",
    }
    before = snapshot(board.db)
    ok("import", str(calendar))
    assert snapshot(board.db) == before
    # next month's export: only what is new is added
    later = CALENDAR.replace("COUNT=3", "COUNT=5")
    calendar.write_text(later)
    result = ok("import", str(calendar))
    assert "2 added" in result.stdout
    assert len(ok("history", "--json").json()) == 7


TRICKY_CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tests//EN
BEGIN:VTIMEZONE
TZID:Europe/Berlin
BEGIN:STANDARD
DTSTART:19701025T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:folded
DTSTART;TZID=Europe/Berlin:20261103T100000
SUMMARY:Lunch with Jo
 sé Chen at noon
END:VEVENT
BEGIN:VEVENT
UID:by-mail
DTSTART:20261104T100000Z
SUMMARY:Quarterly review
ATTENDEE;CN=Someone:MAILTO:ANA@EXAMPLE.ORG
END:VEVENT
BEGIN:VEVENT
UID:series
DTSTART:20261001T090000Z
RRULE:FREQ=WEEKLY;COUNT=4
SUMMARY:Raj 1:1
END:VEVENT
BEGIN:VEVENT
UID:series
RECURRENCE-ID:20261008T090000Z
DTSTART:20261009T090000Z
SUMMARY:moved (no name here)
END:VEVENT
BEGIN:VEVENT
UID:escaped
DTSTART:20261102T100000Z
SUMMARY:Planning\\nMia Wong
END:VEVENT
BEGIN:VEVENT
UID:nobody
DTSTART:20261105T100000Z
SUMMARY:Dentist
BEGIN:VALARM
ACTION:DISPLAY
TRIGGER:-PT15M
END:VALARM
END:VEVENT
BEGIN:VEVENT
UID:banana
DTSTART:20261106T100000Z
SUMMARY:Banana bread
END:VEVENT
END:VCALENDAR
"""


def test_passing_over_events_without_a_clue_finds_the_same_meetings(board: Env) -> None:
    from datetime import date

    from advisors.board.calendar import Clues, Matcher
    from advisors.board.records import Person
    from advisors.formats.calendar import read_meetings
    from advisors.store import DataFile

    run("edit", "ana", "--email", "ana@example.org")  # the story may have it already
    people = DataFile(board.db).read().all(Person)
    payload = TRICKY_CALENDAR.replace("\n", "\r\n").encode()
    matcher, today = Matcher(people), date(2026, 11, 25)
    every = read_meetings(Path("t.ics"), payload, today).meetings
    found = read_meetings(Path("t.ics"), payload, today, Clues.of(people))
    narrowed, unnamed = found.meetings, found.unnamed

    def named(meetings: list) -> list:
        return sorted((m.key, m.day, m.title) for m in meetings if matcher.people_in(m))

    assert named(narrowed) == named(every)
    assert len(named(every)) == 6  # folded, escaped, by-mail, and the series' three
    assert "moved (no name here)" in {m.title for m in narrowed}
    assert unnamed == 2  # the dentist and the banana bread


def test_our_own_check_ins_in_a_calendar_are_not_taken_for_meetings(
    story: Env, tmp_path: Path
) -> None:
    ok("add", "Old Friend", "--every", "2w")
    ok("log", "old friend", "--date", "2026-09-01")  # due 2026-09-15, in the past
    reminders = tmp_path / "advisors.ics"
    ok("export", "--format", "ics", "--output", str(reminders))
    assert "Reconnect with Old Friend" in reminders.read_text()
    before = snapshot(story.db)
    result = ok("import", str(reminders))
    assert "a check-in advisors wrote, not a meeting" in result.stdout
    assert "Nothing new" in result.stdout and snapshot(story.db) == before


def test_a_cancelled_meeting_or_one_they_declined_is_not_a_conversation(
    board: Env, tmp_path: Path
) -> None:
    ok("edit", "raj", "--email", "raj@example.org")
    calendar = tmp_path / "calendar.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//tests//EN\n"
        "BEGIN:VEVENT\nUID:off\nDTSTART:20261112T150000Z\nSUMMARY:Raj Patel lunch\n"
        "STATUS:CANCELLED\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:no\nDTSTART:20261113T150000Z\nSUMMARY:Team lunch\n"
        "ATTENDEE;PARTSTAT=DECLINED;CN=Raj:mailto:raj@example.org\n"
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:ana@example.org\nEND:VEVENT\n"
        "END:VCALENDAR\n"
    )
    run("edit", "ana", "--email", "ana@example.org")  # the story may have it already
    result = ok("import", str(calendar))
    assert "1 event cancelled" in result.stdout
    talks = ok("history", "--json").json()
    assert [(t["date"], t["people"]) for t in talks] == [("2026-11-13", ["Ana Lopez"])]


def test_our_ics_export_parses_with_vobject_too(board: Env) -> None:
    import vobject

    payload = ok("export", "--format", "ics").stdout
    calendar = vobject.readOne(payload)
    summaries = sorted(e.summary.value for e in calendar.vevent_list)
    assert "Reconnect with Ana Lopez" in summaries
    first = {e.uid.value for e in calendar.vevent_list}
    again = {
        e.uid.value for e in vobject.readOne(ok("export", "--format", "ics").stdout).vevent_list
    }
    assert first == again


# Dry run and bad files -------------------------------------------------------------


def test_a_dry_run_writes_nothing(story: Env, tmp_path: Path) -> None:
    cards = tmp_path / "contacts.vcf"
    cards.write_text(VCARDS)
    before = snapshot(story.db)
    result = ok("import", str(cards), "--dry-run")
    assert "Would add person Dana Kim." in result.stdout
    assert "Would update person Ana Lopez: changed: email." in result.stdout
    assert "Nothing was written." in result.stdout
    assert snapshot(story.db) == before


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("bad.csv", "who,role\nAna,peer\n", "bad.csv: no header row names a name column"),
        ("bad.vcf", "name,email\nAna,a@b\n", "bad.vcf holds no vCard"),
        ("bad.ics", "BEGIN:VCALENDAR\nnot a calendar", "bad.ics: not a calendar"),
        (
            "bad.json",
            '{"format": "advisors-export", "version": 1, "tables": {"people": '
            '[{"id": 1, "uid": "a", "name": 5}]}}',
            "bad.json: record people #1 has a wrong name",
        ),
        (
            "bad.json",
            '{"format": "advisors-export", "version": 1, "tables": {"people": '
            '[{"id": 1, "uid": "a", "name": "Ana", "status": "zombie"}]}}',
            "bad.json: record people #1 has an unknown status 'zombie'",
        ),
        (
            "bad.json",
            '{"format": "advisors-export", "version": 1, "tables": {"people": '
            '[{"id": 2, "uid": "a", "name": " ", "cadence": "often"}]}}',
            "bad.json: record people #2 has an empty name",
        ),
        ("bad.json", "{nope", "bad.json, line 1: not valid JSON"),
        ("bad.json", "[]", "is not an advisors export"),
        ("notes.txt", "x", "can't tell the format of notes.txt"),
    ],
)
def test_a_bad_file_exits_2_naming_what_is_wrong_and_changes_nothing(
    story: Env, tmp_path: Path, name: str, content: str, said: str
) -> None:
    bad = tmp_path / name
    bad.write_text(content)
    before = snapshot(story.db)
    result = run("import", str(bad))
    assert result.exit_code == 2
    assert said in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(story.db) == before


def test_a_missing_file_is_a_usage_mistake(env: Env, tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "nope.csv"))
    assert result.exit_code == 2 and "there is no file" in result.stderr


# Sync ---------------------------------------------------------------------------------


def test_a_log_part_that_has_not_arrived_stops_changes_and_says_why(story: Env) -> None:
    log = Layout.of(story.db).log
    newest = json.loads(story.db.read_text())["_meta"]["1"]["log"][-1]["file"]
    (log / newest).rename(story.root / "in-transit.json")
    before = snapshot(story.db)
    result = run("log", "ana", "--note", "on the other device")
    assert result.exit_code == 3
    assert "a part of the conversation log has not arrived yet" in result.stderr
    assert "is a sync still running?" in result.stderr
    assert snapshot(story.db) == before
    assert result.stderr.count("\n") == 1
    due = ok("due")  # what needs no log still answers, with a warning
    assert "Ana Lopez" in due.stdout and due.stderr.startswith("advisors: warning: a part")
    exported = run("export")  # what needs all of it says so once, as the error
    assert exported.exit_code == 3 and exported.stderr.count("\n") == 1
    assert exported.stderr.startswith("advisors: error: a part of the conversation log")
    (story.root / "in-transit.json").rename(log / newest)  # the sync finishes
    ok("log", "ana", "--note", "on the other device")


CONFLICT_NAMES = [
    "advisors.sync-conflict-20261125-101010-ABCDEFG.json",
    "advisors (conflicted copy 2026-11-25 101010).json",
    "advisors (Ana's conflicted copy 2026-11-25).json",
]


@pytest.mark.parametrize("conflict_name", CONFLICT_NAMES)
def test_a_conflict_copy_is_named_by_every_command_until_merged(
    story: Env, conflict_name: str
) -> None:
    # the other device's version of the main file: it added someone
    elsewhere = story.root / "elsewhere"
    shutil.copytree(story.db.parent, elsewhere)
    ok("--db", str(elsewhere / "advisors.json"), "add", "Other Device")
    copy = story.db.parent / conflict_name
    shutil.copy(elsewhere / "advisors.json", copy)
    for segment in Layout.of(elsewhere / "advisors.json").log.iterdir():
        target = Layout.of(story.db).log / segment.name
        if not target.exists():
            shutil.copy(segment, target)  # the sync brought the new segments too
    ok("add", "This Device")
    for args in (["due"], ["list"], ["history"], ["log", "ana"]):
        result = ok(*args)
        lines = [line for line in result.stderr.splitlines() if "conflict" in line]
        assert len(lines) == 1 and conflict_name in lines[0] and "advisors merge" in lines[0]
    merged = ok("merge")
    assert f"Moved {conflict_name}" in merged.stdout
    assert not copy.exists()
    assert (story.db.parent / "backups" / "merged" / conflict_name).exists()
    assert {"Other Device", "This Device"} <= set(people_of(story.db))
    assert "conflict" not in ok("due").stderr
    assert "No sync conflict copies" in ok("merge").stdout


def test_a_conflict_copy_whose_log_has_not_arrived_is_not_merged(story: Env) -> None:
    elsewhere = story.root / "elsewhere"
    shutil.copytree(story.db.parent, elsewhere)
    ok("--db", str(elsewhere / "advisors.json"), "log", "ana", "--note", "x")
    copy = story.db.parent / CONFLICT_NAMES[0]
    shutil.copy(elsewhere / "advisors.json", copy)
    before = snapshot(story.db)
    result = run("merge")
    assert result.exit_code == 3 and "has not arrived yet" in result.stderr
    assert snapshot(story.db) == before and copy.exists()


# Doctor ---------------------------------------------------------------------------------


def _tables(db: Path) -> dict:
    return json.loads(db.read_text())


def _write(db: Path, tables: dict) -> None:
    db.write_text(json.dumps(tables))


def test_doctor_says_healthy_and_exits_0(story: Env) -> None:
    result = run("doctor")
    assert result.exit_code == 0 and "is healthy" in result.stdout
    assert run("doctor", "--json").json()["healthy"] is True


def test_tinydb_opens_the_main_file_with_every_record(story: Env) -> None:
    from tinydb import TinyDB

    with TinyDB(story.db, access_mode="r") as db:
        names = sorted(doc["name"] for doc in db.table("people").all())
        assert names == people_of(story.db)
        assert [d.doc_id for d in db.table("goals").all()] == [1]


def _plant_dangling(db: Path) -> None:
    tables = _tables(db)
    tables["todos"]["1"]["person"] = 99
    _write(db, tables)


def _plant_duplicate_uid(db: Path) -> None:
    tables = _tables(db)
    tables["goals"]["1"]["uid"] = tables["people"]["1"]["uid"]
    _write(db, tables)


def _plant_stale_contact(db: Path) -> None:
    tables = _tables(db)
    tables["people"]["1"]["last_contact"] = "2001-01-01"
    _write(db, tables)


def _plant_stale_index(db: Path) -> None:
    tables = _tables(db)
    tables["_meta"]["1"]["log"][0]["people"] = [77]
    _write(db, tables)


def _plant_stray_segment(db: Path) -> None:
    (Layout.of(db).log / "seg-0123456789ab.json").write_text('{"conversations": {}}')


def _plant_missing_segment(db: Path) -> None:
    ok("backup")
    entry = _tables(db)["_meta"]["1"]["log"][0]
    (Layout.of(db).log / entry["file"]).unlink()


def _plant_broken_undo_step(db: Path) -> None:
    step = _tables(db)["_meta"]["1"]["undo"][-1]["file"]
    (Layout.of(db).undo / step).write_text("not json")


@pytest.mark.parametrize(
    ("plant", "check"),
    [
        (_plant_dangling, "ids"),
        (_plant_duplicate_uid, "uids"),
        (_plant_stale_contact, "derived"),
        (_plant_stale_index, "index"),
        (_plant_stray_segment, "segments"),
        (_plant_missing_segment, "segments"),
        (_plant_broken_undo_step, "undo"),
    ],
)
def test_doctor_finds_each_planted_fault_and_fix_repairs_it(story: Env, plant, check) -> None:
    plant(story.db)
    found = run("doctor", "--json")
    assert found.exit_code == 1
    assert check in {f["check"] for f in found.json()["findings"] if f["serious"]}
    plain = run("doctor")
    assert plain.exit_code == 1 and "advisors doctor --fix" in plain.stdout
    fixed = run("doctor", "--fix")
    assert fixed.exit_code == 0, fixed.stdout
    assert "Fixed:" in fixed.stdout and "is healthy" in fixed.stdout
    assert run("doctor").exit_code == 0
    ok("log", "ana", "--note", "the board works after the repair")


def test_doctor_names_values_the_commands_cannot_use_with_the_command_to_fix_each(
    story: Env,
) -> None:
    tables = _tables(story.db)
    tables["people"]["1"]["status"] = "zombie"
    tables["people"]["2"]["cadence"] = "often"
    _write(story.db, tables)
    found = run("doctor", "--json")
    assert found.exit_code == 1
    values = [f for f in found.json()["findings"] if f["check"] == "values"]
    assert [(f["problem"], f["fix"]) for f in values] == [
        ("person #1 (Ana Lopez) has an unknown status 'zombie'", "advisors edit 1 --status active"),
        (
            "person #2 (José Chen) has a cadence that does not read ('often')",
            "advisors edit 2 --every monthly",
        ),
    ]
    ok("edit", "1", "--status", "active")
    ok("edit", "2", "--every", "monthly")
    assert run("doctor").exit_code == 0


def test_doctor_on_a_60_column_terminal_wraps_between_words(story: Env) -> None:
    _plant_stale_contact(story.db)
    screen = run_on_a_terminal(60, "doctor")
    lines = screen.splitlines()
    assert lines and all(len(line) <= 60 for line in lines), screen
    assert any(line.startswith("    ") for line in lines), screen  # a finding went on
    words = " ".join(screen.split())
    assert "advisors doctor --fix" in words and "is not healthy" in words
    piped = run("doctor")  # piped: each finding is one line
    assert any(len(line) > 60 for line in piped.stdout.splitlines())


def test_doctor_with_no_data_file_checks_nothing_and_creates_nothing(env: Env) -> None:
    for args in (["doctor"], ["doctor", "--fix"]):
        result = ok(*args)
        assert "no data file" in result.stdout and "nothing to check" in result.stdout
    assert not env.db.parent.exists()
    assert ok("doctor", "--json").json()["exists"] is False


def test_a_lost_data_file_with_backups_is_named_and_restore_brings_it_back(story: Env) -> None:
    ok("backup")
    story.db.unlink()
    due = ok("due")
    assert "advisors restore advisors.json-2026-11-25" in due.stderr
    assert due.stderr.count("\n") == 1
    found = run("doctor")
    assert found.exit_code == 1 and "there is no data file, but" in found.stdout
    name = found.stdout.split("advisors restore ")[1].split()[0]
    started = ok("add", "Someone New")  # starting afresh says so too
    assert "was not there, but" in started.stderr
    ok("restore", name, "--yes")
    assert "Ana Lopez" in ok("due").stdout
    assert ok("doctor").exit_code == 0


def test_doctor_fix_is_one_change_that_undo_reverts(story: Env) -> None:
    _plant_dangling(story.db)
    ok("doctor", "--fix")
    assert _tables(story.db)["todos"]["1"].get("person") is None
    ok("undo", "--yes")
    assert _tables(story.db)["todos"]["1"]["person"] == 99


def test_doctor_names_a_conflict_copy_and_an_unreadable_file(story: Env) -> None:
    shutil.copy(story.db, story.db.parent / CONFLICT_NAMES[0])
    found = run("doctor", "--json")
    assert found.exit_code == 1
    assert any(
        f["check"] == "conflicts" and f["fix"] == "advisors merge" for f in found.json()["findings"]
    )
    (story.db.parent / CONFLICT_NAMES[0]).unlink()
    story.db.write_text("{broken")
    result = run("doctor")
    assert result.exit_code == 1 and "can't be read" in result.stdout


def test_a_segment_list_without_its_index_is_rebuilt_not_damage(story: Env) -> None:
    tables = _tables(story.db)
    for entry in tables["_meta"]["1"]["log"]:
        for key in ("first", "last", "people", "max_id"):
            del entry[key]
    _write(story.db, tables)
    assert "reorg" in ok("history", "ana").stdout
    assert "José Chen" in ok("show", "jose").stdout
    ok("log", "jose", "--note", "after the rebuild")
    rebuilt = _tables(story.db)["_meta"]["1"]["log"]
    assert all("people" in e and "max_id" in e for e in rebuilt)
    assert ok("history", "--json").json()[0]["id"] == 3
    assert run("doctor").exit_code == 0


def test_records_written_without_a_uid_keep_one_uid_across_reads(story: Env, tmp_path) -> None:
    tables = _tables(story.db)
    for table in ("people", "goals", "todos"):
        for doc in tables[table].values():
            del doc["uid"]
    _write(story.db, tables)
    assert export_of(story.db) == export_of(story.db)
    exported = tmp_path / "export.json"
    ok("export", "--output", str(exported))
    before = snapshot(story.db)
    assert "Nothing new" in ok("import", str(exported)).stdout
    assert snapshot(story.db) == before


def test_a_segment_changed_behind_our_back_is_named_and_its_records_are_not_judged(
    story: Env,
) -> None:
    entry = _tables(story.db)["_meta"]["1"]["log"][0]
    segment = Layout.of(story.db).log / entry["file"]
    text = segment.read_text()
    changed = re.sub(r'"people":\[\d\]', '"people":[9]', text, count=1)
    assert changed != text and len(changed) == len(text)  # the same size: only the hash tells
    segment.write_text(changed)
    found = run("doctor", "--json")
    assert found.exit_code == 1
    problems = [(f["check"], f["problem"]) for f in found.json()["findings"]]
    assert ("segments", f"the log segment {entry['file']} was changed") in problems
    assert not [p for p in problems if p[0] in ("ids", "derived")]


def test_an_undo_step_is_checked_by_the_hash_it_records_and_deep_reads_what_it_names(
    story: Env,
) -> None:
    meta = _tables(story.db)["_meta"]["1"]
    step = meta["undo"][-1]
    kept = Layout.of(story.db).undo / step["file"]
    assert step["bytes"] == kept.stat().st_size and len(step["sha256"]) == 64
    # the same board, written another way: it would still read, but it is not what was kept
    kept.write_text(json.dumps(json.loads(kept.read_text()), indent=1))
    found = run("doctor", "--json")
    problems = [f["problem"] for f in found.json()["findings"] if f["check"] == "undo"]
    assert found.exit_code == 1 and problems == [
        f"the undo step {step['file']} ({step['command']}) can't be restored: its file was changed"
    ]


def test_doctor_deep_finds_a_segment_only_an_undo_step_names_changed_behind_our_back(
    story: Env,
) -> None:
    before = {e["file"] for e in _tables(story.db)["_meta"]["1"]["log"]}
    ok("conversation", "edit", "1", "--note", "a new note")  # a new segment; the old one is held
    held = sorted(before - {e["file"] for e in _tables(story.db)["_meta"]["1"]["log"]})
    assert held
    segment = Layout.of(story.db).log / held[0]
    text = segment.read_text()
    segment.write_text(text.replace("reorg", "REORG"))  # the same size: only a hash tells
    assert run("doctor").exit_code == 0  # what a step names is there, by size
    expected = [
        f"the undo step {s['file']} ({s['command']}) can't be restored: its log segment "
        f"{held[0]} was changed"
        for s in _tables(story.db)["_meta"]["1"]["undo"]
        if held[0] in _step_names(story.db, s["file"])
    ]
    deep = run("doctor", "--deep", "--json")
    assert deep.exit_code == 1 and expected
    assert [f["problem"] for f in deep.json()["findings"] if f["check"] == "undo"] == expected


def _step_names(db: Path, file: str) -> set[str]:
    step = json.loads((Layout.of(db).undo / file).read_text())
    return {e["file"] for e in step["_meta"]["1"]["log"]}


def test_a_conflict_copy_merges_the_conversations_each_side_changed_added_and_removed(
    story: Env,
) -> None:
    # the merge reads only segments one side names and the other does not
    elsewhere = story.root / "elsewhere"
    shutil.copytree(story.db.parent, elsewhere)
    there = str(elsewhere / "advisors.json")
    ok("--db", there, "log", "ana", "--date", "2026-11-01", "--note", "added there")
    ok("--db", there, "conversation", "edit", "1", "--note", "edited there")
    ok("log", "jose", "--date", "2026-11-02", "--note", "added here")
    ok("conversation", "drop", "2", "--yes")
    copy = story.db.parent / CONFLICT_NAMES[0]
    shutil.copy(elsewhere / "advisors.json", copy)
    for folder in ("log", "undo"):  # the sync brings its segments and undo steps
        for part in getattr(Layout.of(elsewhere / "advisors.json"), folder).iterdir():
            target = getattr(Layout.of(story.db), folder) / part.name
            if not target.exists():
                shutil.copy(part, target)
    ok("merge", "--yes")
    notes = sorted(c["notes"] for c in ok("history", "--json").json())
    assert notes == ["added here", "added there", "edited there"]
    assert ok("doctor").exit_code == 0


def test_a_conflict_copy_merges_the_people_each_side_changed_added_and_removed(
    story: Env,
) -> None:
    """The copy's main file is read beside the board, a record at a time:
    what the two hold alike is passed over, what differs is merged, and a
    person added on both devices under one name stays one person."""
    elsewhere = story.root / "elsewhere"
    shutil.copytree(story.db.parent, elsewhere)
    there = str(elsewhere / "advisors.json")
    ok("--db", there, "add", "Cy Diaz", "--email", "cy@example.org")
    ok("--db", there, "edit", "jose", "--org", "Globex")
    ok("--db", there, "remove", "mia", "--yes")
    ok("add", "Cy Diaz")
    ok("edit", "ana", "--why", "changed here")
    copy = story.db.parent / CONFLICT_NAMES[0]
    shutil.copy(elsewhere / "advisors.json", copy)
    for folder in ("log", "undo"):
        for part in getattr(Layout.of(elsewhere / "advisors.json"), folder).iterdir():
            target = getattr(Layout.of(story.db), folder) / part.name
            if not target.exists():
                shutil.copy(part, target)
    before = people_of(story.db)
    said = ok("merge", "--yes").stdout
    assert "Passed over" in said and "the same or newer here" in said
    assert people_of(story.db) == [p for p in before if p != "Mia Wong"]
    assert ok("show", "jose", "--json").json()["org"] == "Globex"
    assert ok("show", "ana", "--json").json()["why"] == "changed here"
    assert people_of(story.db).count("Cy Diaz") == 1
    assert ok("doctor").exit_code == 0
