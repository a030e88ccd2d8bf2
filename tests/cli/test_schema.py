"""Older files are migrated (after a backup); the derived data stays right."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from advisors.board.due import NEVER, OVERDUE, SOON, standing, who_is_due
from advisors.board.records import Person
from advisors.cadence import add_cadence
from advisors.store.schema import SCHEMA
from tests.conftest import Env, ok

PLAIN_TINYDB = {
    "people": {
        "1": {
            "name": "Ana Lopez",
            "role": "mentor",
            "areas": ["career"],
            "status": "active",
            "cadence": "3w",
        },
        "2": {"name": "Bo Chen", "role": "mentee", "cadence": "2w"},
    },
    "conversations": {
        "1": {"people": [1], "date": "2026-10-01", "via": "call", "notes": "first"},
        "2": {"people": [1, 2], "date": "2026-11-20", "via": "video", "notes": "both"},
        "3": {"people": [2], "date": "2026-09-01", "via": "email", "notes": "old"},
    },
}


def test_a_plain_tinydb_file_is_read_and_migrated_after_a_backup(env: Env) -> None:
    env.db.parent.mkdir(parents=True)
    original = json.dumps(PLAIN_TINYDB).encode()
    env.db.write_bytes(original)
    report = ok("due", "--json").json()
    assert {p["name"]: p["last_contact"] for p in report["people"]} == {
        "Ana Lopez": "2026-11-20",
        "Bo Chen": "2026-11-20",
    }
    assert env.db.read_bytes() == original  # reading changes nothing
    ok("add", "Cy")
    backups = list((env.db.parent / "backups").iterdir())
    assert len(backups) == 1
    assert (backups[0] / "advisors.json").read_bytes() == original
    migrated = json.loads(env.db.read_bytes())
    assert migrated["_meta"]["1"]["schema"] == SCHEMA
    assert "conversations" not in migrated
    assert [c["notes"] for c in ok("history", "--json").json()] == ["both", "first", "old"]
    ok("log", "bo", "--note", "after")
    assert max(c["id"] for c in ok("history", "--json").json()) == 4  # ids go on


dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
cadences = st.builds(lambda n, u: f"{n}{u}", st.integers(1, 60), st.sampled_from("dwm"))


def test_a_plain_tinydb_file_keeps_the_uids_it_was_read_with(env: Env) -> None:
    """Records of advisors 0.1 have no uid: the migration stores the one
    they are read with (derived from the board's creation time), so reads
    stop deriving it and every export agrees."""
    env.db.parent.mkdir(parents=True)
    env.db.write_text(json.dumps(PLAIN_TINYDB))
    ok("add", "Cy")
    exported = ok("export").json()["tables"]
    stored = json.loads(env.db.read_text())["people"]
    assert {str(p["id"]): p["uid"] for p in exported["people"]} == {
        k: doc["uid"] for k, doc in stored.items()
    }
    log = env.db.with_name("advisors.json.log")
    talks = {
        int(k): doc["uid"]
        for segment in log.glob("seg-*.json")
        for k, doc in json.loads(segment.read_text())["conversations"].items()
    }
    assert talks == {c["id"]: c["uid"] for c in exported["conversations"]}


def test_a_schema_3_file_loses_its_empty_fields_at_the_next_change(board: Env) -> None:
    """Schema 4 leaves empty fields out of the main file; a file written
    whole by 0.3 reads as it is and is written so by the next change (0.3
    refuses a schema 4 file: it would take each field left out as changed)."""
    ok("log", "ana", "--note", "kept")
    raw = json.loads(board.db.read_text())
    raw["_meta"]["1"]["schema"] = 3
    whole = dict.fromkeys(("at_most", "url", "notes", "where", "need"), "")
    raw["people"]["1"] |= whole | {"paused_until": None, "stamps": {}}
    board.db.write_text(json.dumps(raw))
    before = ok("show", "ana", "--json").json()
    ok("add", "Zed")
    after = json.loads(board.db.read_text())
    assert after["_meta"]["1"]["schema"] == SCHEMA == 4
    assert set(after["people"]["1"]).isdisjoint([*whole, "paused_until", "stamps"])
    assert ok("show", "ana", "--json").json() == before
    assert ok("doctor").exit_code == 0
    ok("undo", "--yes")  # back to the schema 3 state: still reads
    assert ok("show", "ana", "--json").json() == before


@given(
    last=st.none() | dates,
    cadence=cadences,
    as_of=dates,
    snooze=st.none() | dates,
    within=st.integers(0, 30),
)
def test_standing_is_consistent(last, cadence, as_of, snooze, within) -> None:
    person = Person(
        id=1,
        name="P",
        cadence=cadence,
        last_contact=last.isoformat() if last else None,
        snoozed_until=snooze.isoformat() if snooze else None,
    )
    s = standing(person, as_of, within)
    assert s.days_overdue == max(0, (as_of - s.next_due).days)
    if last is not None:
        assert s.next_due >= add_cadence(last, cadence)
        assert s.days_since == (as_of - last).days
    assert (s.state == NEVER) == (last is None and s.next_due <= as_of)
    assert (s.state == OVERDUE) == (last is not None and s.next_due < as_of)
    if s.state == SOON:
        assert 0 <= (s.next_due - as_of).days <= within


@given(st.lists(st.tuples(st.none() | st.integers(0, 400), cadences), max_size=12))
def test_due_lists_people_most_urgent_first(entries) -> None:
    as_of = date(2026, 11, 25)
    people = [
        Person(
            id=i,
            name=f"P{i}",
            cadence=cadence,
            last_contact=(as_of - timedelta(days=ago)).isoformat() if ago is not None else None,
        )
        for i, (ago, cadence) in enumerate(entries)
    ]
    report = who_is_due(people, as_of)
    urgencies = [s.urgency for s in report.people]
    assert urgencies == sorted(urgencies, reverse=True)
    assert len(report.people) == len(people)
