"""One layout decides every path of a data file: beside the resolved file,
named by its full name, through links and beside other data files."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from advisors.store import Layout
from advisors.store.schema import SCHEMA
from tests.conftest import Env, ok

OURS = ("advisors.json.log", "advisors.json.lock", "backups")


def test_a_symlinked_data_file_keeps_everything_beside_its_target(env: Env) -> None:
    target = env.root / "synced" / "advisors.json"
    target.parent.mkdir()
    home = env.root / "home"
    home.mkdir()
    link = home / "advisors.json"
    link.symlink_to(target)
    ok("--db", str(link), "add", "Ana Lopez")
    ok("--db", str(link), "log", "ana", "--note", "first")
    ok("--db", str(link), "add", "Bo Chen")  # a second change: the day's backup
    assert link.is_symlink() and target.is_file()
    assert sorted(p.name for p in home.iterdir()) == ["advisors.json"]
    beside = {p.name for p in target.parent.iterdir()}
    assert set(OURS) <= beside
    assert any((target.parent / "advisors.json.log").iterdir())
    history = ok("--db", str(target), "history", "--json").json()
    assert [c["notes"] for c in history] == ["first"]
    where = ok("--db", str(link), "where").stdout
    assert str(target) in where and str(home) not in where


def test_two_links_to_one_file_share_one_layout(env: Env) -> None:
    target = env.root / "real" / "advisors.json"
    target.parent.mkdir()
    one, two = env.root / "one.json", env.root / "two.json"
    one.symlink_to(target)
    two.symlink_to(target)
    assert Layout.of(one) == Layout.of(two) == Layout.of(target)
    assert Layout.of(one).lock == target.with_name("advisors.json.lock")


def test_two_writers_through_two_links_lose_nothing(env: Env) -> None:
    target = env.root / "real" / "advisors.json"
    target.parent.mkdir()
    links = [env.root / "one.json", env.root / "two.json"]
    for link in links:
        link.symlink_to(target)
    script = textwrap.dedent("""
        import sys
        from typer.main import get_command
        from advisors.cli import app
        command = get_command(app)
        for i in range(8):
            code = command.main(["--db", sys.argv[1], "add", f"{sys.argv[2]}-{i}"],
                                standalone_mode=False)
            assert code == 0, code
            code = command.main(["--db", sys.argv[1], "log", f"{sys.argv[2]}-{i}",
                                 "--note", "x"], standalone_mode=False)
            assert code == 0, code
    """)
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(link), f"w{n}"], stderr=subprocess.PIPE, text=True
        )
        for n, link in enumerate(links)
    ]
    for proc in procs:
        _, errors = proc.communicate(timeout=120)
        assert proc.returncode == 0, errors
    people = {p["name"] for p in ok("--db", str(target), "list", "--json").json()}
    assert people == {f"w{n}-{i}" for n in range(2) for i in range(8)}
    assert len(ok("--db", str(target), "history", "--json").json()) == 16


def test_two_files_with_one_stem_share_nothing(env: Env) -> None:
    folder = env.root / "data"
    first, second = folder / "advisors.json", folder / "advisors"
    a, b = Layout.of(first), Layout.of(second)
    assert {a.log, a.lock, a.pending} & {b.log, b.lock, b.pending} == set()
    ok("--db", str(first), "add", "Ana")
    ok("--db", str(first), "log", "ana", "--note", "in the first file")
    ok("--db", str(second), "add", "Bo")
    ok("--db", str(second), "log", "bo", "--note", "in the second file")
    for _ in range(3):  # each write rewrites its own newest segment
        ok("--db", str(first), "log", "ana", "--note", "more")
        ok("--db", str(second), "log", "bo", "--note", "more")
    assert len(ok("--db", str(first), "history", "--json").json()) == 4
    assert len(ok("--db", str(second), "history", "--json").json()) == 4
    names = {p.name for p in (folder / "backups").iterdir()}
    assert names == {"advisors.json-2026-11-25", "advisors-2026-11-25"}


def test_a_write_leaves_files_it_did_not_write_alone(board: Env) -> None:
    ok("log", "ana", "--note", "x")
    log = board.db.with_name("advisors.json.log")
    stray = [
        log / "seg-0123456789ab (conflicted copy).json",
        log / "notes.txt",
        board.db.parent / "advisors.json.sync-conflict-20261125-101010-ABC",
    ]
    for path in stray:
        path.write_text("mine")
    ok("log", "ana", "--note", "y")
    ok("remove", "bo", "--yes")
    assert all(path.read_text() == "mine" for path in stray)


def test_files_are_private(env: Env) -> None:
    ok("add", "Ana")
    ok("log", "ana", "--note", "x")
    ok("add", "Bo")
    layout = Layout.of(env.db)
    files = [layout.main, *layout.log.iterdir(), *layout.backups.rglob("*")]
    for path in files:
        mode = path.stat().st_mode & 0o777
        assert mode in (0o600, 0o700), (path, oct(mode))
    assert os.stat(layout.log).st_mode & 0o777 == 0o700


def test_a_data_file_from_advisors_0_1_is_migrated_with_its_log(env: Env) -> None:
    """Schema 1 kept the log in advisors.conversations/, named by the stem."""
    import json

    folder = env.db.parent
    (folder / "advisors.conversations").mkdir(parents=True)
    segment = {
        "conversations": {
            "1": {
                "people": [1],
                "date": "2026-11-01",
                "via": "call",
                "notes": "old",
                "topics": [],
                "goals": [],
            }
        }
    }
    (folder / "advisors.conversations" / "seg-0a0b0c0d0e0f.json").write_text(json.dumps(segment))
    main = {
        "_meta": {
            "1": {
                "schema": 1,
                "next_id": {"people": 2, "conversations": 2},
                "log": [{"file": "seg-0a0b0c0d0e0f.json", "count": 1}],
            }
        },
        "people": {"1": {"name": "Ana", "cadence": "1m", "last_contact": "2026-11-01"}},
        "goals": {},
        "todos": {},
        "topics": {},
        "advice": {},
    }
    env.db.write_text(json.dumps(main))
    assert ok("history", "--json").json()[0]["notes"] == "old"
    ok("log", "ana", "--note", "new")
    assert [c["notes"] for c in ok("history", "--json").json()] == ["new", "old"]
    assert json.loads(env.db.read_text())["_meta"]["1"]["schema"] == SCHEMA
    backups = list((folder / "backups").iterdir())
    assert len(backups) == 1 and backups[0].name.endswith("-before-migration")
    assert (backups[0] / "log" / "seg-0a0b0c0d0e0f.json").exists()
    # the old folder is left as it was: another file with the stem may name it
    assert (folder / "advisors.conversations" / "seg-0a0b0c0d0e0f.json").exists()


def test_where_names_every_path_of_the_layout(env: Env) -> None:
    out = ok("where").stdout
    layout = Layout.of(env.db)
    for path in (layout.main, layout.log, layout.backups, env.config):
        assert str(path) in out


def test_a_log_mixed_by_backfilling_is_compacted_by_the_next_change(env: Env) -> None:
    """Four changes each backfilled a thousand conversations from all over
    ten years; the next change that touches the log puts it back in date
    order, in one commit that undo takes back."""
    import json
    import random

    from advisors.board.records import Conversation, Person
    from advisors.store import DataFile
    from advisors.store.segments import SEGMENT_SIZE

    rng = random.Random(4)
    store = DataFile(env.db)
    with store.transaction() as data:
        ana = data.insert(Person(name="Ana"))
    for _change in range(4):
        with store.transaction() as data:
            for _ in range(SEGMENT_SIZE):
                day = f"20{16 + rng.randrange(10)}-{1 + rng.randrange(12):02d}-15"
                data.insert(Conversation(people=[ana.id], date=day, notes="x"))

    def ranges() -> list[tuple[str, str]]:
        log = json.loads(env.db.read_text())["_meta"]["1"]["log"]
        return [(e["first"], e["last"]) for e in log]

    mixed = ranges()
    assert all(first < "2017" and last > "2025" for first, last in mixed)
    before = ok("history", "--json").json()
    ok("log", "ana", "--date", "2026-11-20", "--note", "today's")
    ordered = ranges()
    assert len(ordered) == 5 and all(
        a[1] <= b[0] for a, b in zip(ordered, ordered[1:], strict=False)
    )
    after = ok("history", "--json").json()
    assert after[0]["notes"] == "today's" and after[1:] == before
    assert ok("doctor").exit_code == 0
    ok("undo", "--yes")
    assert ranges() == mixed and ok("history", "--json").json() == before
