"""The store's parts, each alone: durable writes, the schema and its
migrations, the segment index, and the public-API-only rule."""

from __future__ import annotations

import ast
import json
import os
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisors.board.records import Conversation, Person
from advisors.errors import ChangedMeanwhile
from advisors.store import DataFile, durable
from advisors.store.schema import MIGRATIONS, SCHEMA, Damage, check_main, empty_tables
from advisors.store.sealing import PLAIN
from advisors.store.segments import SEGMENT_SIZE, ConversationLog
from advisors.store.state import Data

PACKAGE = Path(__file__).resolve().parents[2] / "advisors"


def test_replace_with_leaves_one_private_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "f.json"
    durable.replace_with(target, b"one")
    durable.replace_with(target, b"two")
    assert target.read_bytes() == b"two"
    assert os.stat(target).st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_place_copy_checks_what_it_copied(tmp_path: Path) -> None:
    source = tmp_path / "seg"
    source.write_bytes(b"payload")
    target = tmp_path / "copy"
    durable.place_copy(source, target, 7, durable.digest(b"payload"))
    assert target.read_bytes() == b"payload"
    with pytest.raises(FileNotFoundError):
        durable.place_copy(source, tmp_path / "bad", 7, durable.digest(b"other"))
    assert not (tmp_path / "bad").exists()


def test_read_regular_refuses_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.write_text("x")
    (tmp_path / "link").symlink_to(real)
    with pytest.raises(OSError):
        durable.read_regular(tmp_path / "link")


def test_migrations_are_a_named_list_ending_at_the_schema() -> None:
    assert [to for to, _what, _step in MIGRATIONS] == list(range(1, SCHEMA + 1))
    assert all(what for _to, what, _step in MIGRATIONS)


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t["people"].update({"1": {"name": 5}}),
        lambda t: t["people"].update({"1": {"uid": "u", "name": "A", "email": ["a@b.org"]}}),
        lambda t: t["people"].update({"1": {"name": "A", "areas": "career"}}),
        lambda t: t["people"].update({"1": {"name": "A", "last_contact": "9999-99-99"}}),
        lambda t: t["people"].update({"፩": {"name": "A"}}),
        lambda t: t["todos"].update({"1": {"text": "x", "person": "1"}}),
        lambda t: t["_meta"]["1"].update(schema=0),
        lambda t: t["_meta"]["1"].update(next_id={"people": "x"}),
        lambda t: t["_meta"]["1"].update(log=[{"file": "../../etc/passwd"}]),
    ],
)
def test_wrong_types_are_damage_not_internal_errors(change) -> None:
    tables = empty_tables()
    change(tables)
    with pytest.raises(Damage):
        check_main(json.loads(json.dumps(tables)))


def test_the_segment_index_lets_readers_skip_and_stop(tmp_path: Path) -> None:
    log = ConversationLog(tmp_path, [])
    for i in range(1, 2 * SEGMENT_SIZE + 11):
        log.add(i, {"people": [1 + i % 3], "date": f"2020-01-{1 + i % 28:02d}"})
    log.add(9999, {"people": [7], "date": "2026-11-20"})
    log.write_changed([], PLAIN)
    assert [e["count"] for e in log.entries] == [SEGMENT_SIZE, SEGMENT_SIZE, 11]
    assert log.entries[-1]["people"] == [1, 2, 3, 7] and log.entries[-1]["last"] == "2026-11-20"
    for entry in log.entries[:-1]:  # only the last segment can be read
        (tmp_path / entry["file"]).unlink()
    fresh = ConversationLog(tmp_path, log.entries)
    newest = fresh.newest(1)
    assert newest[0][0] == 9999
    assert fresh.newest(5, person=7) == [(9999, {"people": [7], "date": "2026-11-20"})]
    assert not fresh._docs  # noqa: SLF001  and what a reader reads is not kept


def test_what_one_change_adds_is_written_in_date_order(tmp_path: Path) -> None:
    """An import, a merge or a migration brings conversations in any order:
    the segments it makes each hold a narrow run of days, so readers skip."""
    import random

    total = 3 * SEGMENT_SIZE - 10
    days = [f"20{10 + i % 16}-{1 + i % 12:02d}-{1 + i % 28:02d}" for i in range(total)]
    random.Random(5).shuffle(days)
    log = ConversationLog(tmp_path, [])
    for ident, day in enumerate(days, 1):
        log.add(ident, {"people": [1], "date": day})
    log.write_changed([], PLAIN)
    ranges = [(e["first"], e["last"]) for e in log.entries]
    assert ranges == sorted(ranges)
    assert all(a[1] <= b[0] for a, b in zip(ranges, ranges[1:], strict=False))
    fresh = ConversationLog(tmp_path, log.entries)
    for ident in (1, 777, 2 * SEGMENT_SIZE + 5, total):
        assert fresh.get(ident) == {"people": [1], "date": days[ident - 1]}
    assert fresh.get(total + 1) is None
    assert len(fresh._docs) <= 3  # noqa: SLF001  a lookup keeps only the segment it found
    # an entry written before min_id was kept: a change to it keeps it open
    older = ConversationLog(
        tmp_path, [{k: v for k, v in e.items() if k != "min_id"} for e in log.entries]
    )
    older.add(total + 1, {"people": [2], "date": "2026-11-25"})
    last = min(int(k) for k in older._docs[len(older.entries) - 1])  # noqa: SLF001
    assert older.get(last) == {"people": [1], "date": days[last - 1]}


def test_a_log_mixed_by_backfilling_is_put_back_in_date_order(tmp_path: Path) -> None:
    """Each change added a thousand conversations from all over ten years:
    every segment spans the whole log, until one change compacts it."""
    import random

    rng = random.Random(9)
    log = ConversationLog(tmp_path, [])
    ident = 0
    for _change in range(5):
        for _ in range(SEGMENT_SIZE):
            ident += 1
            month, day_of = 1 + rng.randrange(12), 1 + rng.randrange(28)
            day = f"20{16 + rng.randrange(10)}-{month:02d}-{day_of:02d}"
            log.add(ident, {"people": [ident % 7], "date": day})
        log.write_changed([], PLAIN)
        log = ConversationLog(tmp_path, log.entries)
    assert log.is_mixed()
    before = dict(log.all_docs())
    old = log.named()
    log.compact()
    log.write_changed([], PLAIN)
    assert not log.is_mixed() and not (log.named() & old)  # new files; the old ones stay
    assert all((tmp_path / name).exists() for name in old)
    ranges = [(e["first"], e["last"]) for e in log.entries]
    assert all(a[1] <= b[0] for a, b in zip(ranges, ranges[1:], strict=False))
    again = ConversationLog(tmp_path, log.entries)
    assert dict(again.all_docs()) == before
    assert again.get(4321) == before[4321]


def test_an_ordered_log_or_a_small_one_is_not_mixed(tmp_path: Path) -> None:
    log = ConversationLog(tmp_path, [])
    for i in range(1, 4 * SEGMENT_SIZE + 1):
        day = f"20{16 + i * 10 // (4 * SEGMENT_SIZE + 1)}-06-01"
        log.add(i, {"people": [1], "date": day})
    log.add(4 * SEGMENT_SIZE + 1, {"people": [1], "date": "2010-01-01"})  # one backfilled
    log.write_changed([], PLAIN)
    assert not log.is_mixed()  # one wide segment costs a reader one segment more
    small = ConversationLog(tmp_path / "small", [])
    small.add(1, {"people": [1], "date": "2026-01-01"})
    small.add(2, {"people": [1], "date": "2016-01-01"})
    small.write_changed([], PLAIN)
    assert not small.is_mixed()


def _imports_and_assignments(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            found += [n for n in names if n.split(".")[0] in ("typer", "click")]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            root = node.value
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id in ("typer", "click"):
                found.append(f"assigns {ast.unparse(node)}")
    return found


def test_no_private_name_of_typer_or_click_is_used() -> None:
    bad = []
    for path in PACKAGE.rglob("*.py"):
        for name in _imports_and_assignments(path):
            if name.startswith("assigns") or any(part.startswith("_") for part in name.split(".")):
                bad.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert bad == []


def test_only_the_store_imports_tinydb() -> None:
    users = {
        str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py") if "tinydb" in p.read_text()
    }
    assert users and all(u.startswith("store/") for u in users)


def test_no_command_module_imports_another() -> None:
    shared = {"advisors.commands", "advisors.commands.params", "advisors.commands.completion"}
    for path in (PACKAGE / "commands").glob("*.py"):
        for name in _imports_and_assignments(path) + [
            node.module or ""
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.ImportFrom)
        ]:
            if name.startswith("advisors.commands"):
                assert name in shared, f"{path.name} imports {name}"


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.integers(0, 3650), st.booleans()), min_size=1, max_size=60),
        min_size=1,
        max_size=8,
    )
)
def test_date_order_and_compaction_keep_every_conversation(changes: list) -> None:
    """Changes that add conversations on any days (and remove some), written
    as commits write them, then compacted: every conversation is still there,
    once, findable by id, and the segments run in date order."""
    import tempfile
    from datetime import date, timedelta

    from advisors.store import segments

    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        patch.setattr(segments, "SEGMENT_SIZE", 7)  # many small segments
        folder = Path(tmp)
        log = ConversationLog(folder, [])
        kept: dict[int, dict] = {}
        ident = 0
        for change in changes:
            for offset, drop in change:
                ident += 1
                doc = {"people": [1], "date": (date(2016, 1, 1) + timedelta(offset)).isoformat()}
                log.add(ident, doc)
                kept[ident] = doc
                if drop and ident % 3 == 0:
                    log.remove(ident)
                    del kept[ident]
            log.write_changed([], PLAIN)
            log = ConversationLog(folder, log.entries)
        log.compact()
        log.write_changed([], PLAIN)
        again = ConversationLog(folder, log.entries)
        assert dict(again.stream()) == kept
        assert all(again.get(i) == doc for i, doc in kept.items())
        ranges = [(e["first"], e["last"]) for e in again.entries]
        assert all(a[1] <= b[0] for a, b in zip(ranges, ranges[1:], strict=False))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.integers(0, 40), min_size=1, max_size=30), min_size=1, max_size=6),
    st.booleans(),
)
def test_the_log_in_date_order_is_every_conversation_sorted_whatever_order_it_arrived_in(
    changes: list, compact: bool
) -> None:
    """Conversations on few days (so segments share days), written over
    several commits in any order, compacted or not: ``in_order`` gives each
    once, by date then id, and newest first the exact reverse."""
    import tempfile
    from datetime import date, timedelta

    from advisors.store import segments

    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        patch.setattr(segments, "SEGMENT_SIZE", 5)
        folder = Path(tmp)
        log = ConversationLog(folder, [])
        expected = []
        ident = 0
        for change in changes:
            for offset in change:
                ident += 1
                day = (date(2020, 1, 1) + timedelta(offset)).isoformat()
                log.add(ident, {"people": [1], "date": day})
                expected.append((day, ident))
            log.write_changed([], PLAIN)
            log = ConversationLog(folder, log.entries)
        if compact:
            log.compact()
            log.write_changed([], PLAIN)
            log = ConversationLog(folder, log.entries)
        expected.sort()
        assert [(d["date"], i) for i, d in log.in_order()] == expected
        assert [(d["date"], i) for i, d in log.in_order(newest_first=True)] == expected[::-1]


def test_a_large_file_reads_as_a_small_one_would() -> None:
    """Above ``LARGE`` the standard library parses (a lower peak): the same
    JSON gives the same value, and what orjson refuses is refused."""
    import orjson

    from advisors.store.segments import LARGE, parse

    def large(text: bytes) -> bytes:
        return text[:-1] + b" " * LARGE + text[-1:]

    same = b'{"a": "\\ud83d\\ude00 \xc3\xa9", "b": [18446744073709551616, -1, 2.5], "c": null}'
    assert parse(large(same)) == parse(same) == orjson.loads(same)
    assert parse(large(same))["b"][0] == 1.8446744073709552e19  # beyond 64 bits: a float
    for refused in (b'{"a": NaN}', b'{"a": -Infinity}', b'{"a": "\\ud800"}', b'{"a": "\xff"}'):
        for text in (refused, large(refused)):
            with pytest.raises(ValueError):
                parse(text)


def test_the_books_of_a_main_file_read_without_the_rest() -> None:
    from advisors.store.segments import dump, meta_of

    tables = {"_meta": {"1": {"log": [{"file": "seg-a.json"}], "x": "é" * 600_000}}}
    tables["people"] = {"1": {"name": "Zoë"}}
    assert meta_of(dump(tables)) == tables["_meta"]["1"]  # cut inside a letter: read whole
    tables["_meta"]["1"]["x"] = "short"
    assert meta_of(dump(tables)) == tables["_meta"]["1"]
    assert meta_of(dump(tables)[:-12]) == tables["_meta"]["1"]  # the rest is not read
    assert meta_of(json.dumps(tables, indent=2).encode()) == tables["_meta"]["1"]


def test_the_books_of_a_main_file_on_disk_are_read_from_its_head(tmp_path: Path) -> None:
    from advisors.store.segments import dump, meta_in

    books = {"log": [{"file": "seg-a.json"}], "schema": 4}
    people = {str(i): {"name": f"Person {i}", "notes": "é" * 60} for i in range(30_000)}
    path = tmp_path / "advisors.json"
    path.write_bytes(dump({"_meta": {"1": books}, "people": people}))
    assert path.stat().st_size > 2 << 20
    assert meta_in(path) == books
    path.write_bytes(path.read_bytes()[: 3 << 20])  # the rest is not read
    assert meta_in(path) == books
    path.write_text(json.dumps({"people": people, "_meta": {"1": books}}))  # not as ours
    assert meta_in(path) == books
    assert durable.read_regular(path, 5) == path.read_bytes()[:5]


def test_the_main_file_is_written_in_pieces_as_one_dump_would_write_it() -> None:
    from advisors.store.segments import dump, dump_pieces

    tables = empty_tables() | {"people": {str(i): {"name": f"P{i}"} for i in range(1, 2502)}}
    for batch in (1, 7, 1000):
        assert b"".join(dump_pieces(tables, batch)) == dump(tables)


def _as_read(payload: bytes, tables: dict, schema: int = SCHEMA) -> dict:
    """What ``parse_apart`` gives, with the records it left out put back
    from ``tables``: the whole file, as ``parse`` reads it."""
    from advisors.store.apart import parse_apart

    found, alike = parse_apart(payload, tables, schema)
    for name, ids in alike.items():
        for ident in set(ids):
            assert str(ident) not in found[name]
            found[name][str(ident)] = tables[name][str(ident)]
    return found


_DOCS = st.dictionaries(
    st.sampled_from(["name", "role", "areas", "n"]),
    st.one_of(
        st.text(max_size=12), st.integers(-(2**63), 2**63 - 1), st.lists(st.text(max_size=3))
    ),
    max_size=3,
)


@settings(max_examples=150, deadline=None)
@given(
    board=st.dictionaries(st.integers(1, 12), _DOCS, max_size=8),
    theirs=st.dictionaries(st.integers(1, 12), _DOCS, max_size=8),
    keep=st.sets(st.integers(1, 12)),
    indent=st.sampled_from([None, 1, 2]),
)
def test_a_copy_read_beside_the_board_leaves_out_only_what_they_hold_alike(
    board: dict, theirs: dict, keep: set, indent: int | None
) -> None:
    """Whatever the two hold and however the copy is laid out, what is left
    out is a record the board holds the same under its id, and the rest is
    the file as parsed whole."""
    from advisors.store.apart import parse_apart
    from advisors.store.segments import dump, parse

    mine = {"people": {str(k): v for k, v in board.items()}}
    copy = {str(k): v for k, v in theirs.items()}
    copy.update({str(k): board[k] for k in keep if k in board})  # some alike
    whole = {"_meta": {"1": {"schema": SCHEMA}}, "people": copy, "goals": {}}
    alike = sorted(int(k) for k, doc in copy.items() if mine["people"].get(k) == doc)
    for payload in (dump(whole), json.dumps(whole, indent=indent, ensure_ascii=False).encode()):
        left_out = parse_apart(payload, mine, SCHEMA)[1]
        assert left_out.keys() == {"people"} and sorted(left_out["people"]) == alike
        assert _as_read(payload, mine) == parse(payload)
        assert parse_apart(payload, mine, SCHEMA - 1) == (parse(payload), {})  # another schema
    escaped = json.dumps(whole).encode()  # "\ud800\udc00" and such: parsed whole
    assert _as_read(escaped, mine) == parse(escaped)


def test_a_copy_read_beside_the_board_is_refused_as_the_whole_parse_refuses() -> None:
    """What the walk would misread goes to the whole parse: its result, or
    its refusal. A record given twice is the last one, as json keeps it."""
    from advisors.store.apart import parse_apart
    from advisors.store.segments import parse

    mine = {"people": {"1": {"name": "Ana"}, "2": {"name": "Bo"}}}
    meta = f'"_meta": {{"1": {{"schema": {SCHEMA}}}}}'
    for text in (
        f'{{{meta}, "people": {{"1": {{"name": "Ana"}}, "1": {{"name": "Cy"}}}}}}',
        f'{{{meta}, "people": {{"1": {{"name": "Cy"}}, "1": {{"name": "Ana"}}}}}}',
        f'{{{meta}, "people": {{"1": {{"name": "Cy"}}, "1": {{"name": "Di"}}}}}}',
        f'{{{meta}, "people": {{"1": {{"name": "Ana"}}, "1": {{"name": "Ana"}}}}}}',
        f'{{{meta}, "people": {{"2": {{"name": "Bo"}}}}, "people": {{}}}}',
        f'{{"people": {{"1": {{"name": "Ana"}}}}, {meta}}}',  # _meta after: not compared
        f' {{ {meta} ,\n"people" :{{ "2" :\t{{"name": "Bo"}} }} }} ',
    ):
        payload = text.encode()
        assert _as_read(payload, mine) == parse(payload), text
    _found, alike = parse_apart(
        f'{{{meta}, "people": {{"1": {{"name": "Ana"}}}}}}'.encode(), mine, SCHEMA
    )
    assert alike == {"people": [1]}
    for refused in (
        f'{{{meta}, "people": {{"1": {{"name": "Ana"}}}}}} x',
        f'{{{meta}, "people": {{"1": {{"name": "Ana"}},}}}}',
        f'{{{meta}, "people": {{"1": {{"name": NaN}}}}}}',
        f'{{{meta}, "people": {{"1": {{"name": "\\ud800"}}}}}}',
        f'{{{meta}, "people": {{1: {{"name": "Ana"}}}}}}',
        f'{{{meta}, "people": {{"1": {{"name": "Ana"}}}}',
        f'\ufeff{{{meta}, "people": {{"1": {{"name": "Ana"}}}}}}',
    ):
        with pytest.raises(ValueError):
            parse(refused.encode())
        with pytest.raises(ValueError):
            parse_apart(refused.encode(), mine, SCHEMA)


def test_a_large_file_shares_its_short_strings() -> None:
    """Each short string of a large main file is one object however many
    records hold it (a board of 20,000 people: 5 MiB less)."""
    from advisors.store.segments import LARGE, dump, parse

    people = {
        str(i): {"role": "peer", "name": f"P{i}", "why": "x" * 20} for i in range(LARGE // 40)
    }
    found = parse(dump({"people": people}))["people"]
    assert found == people
    assert found["1"]["role"] is found["2"]["role"]
    assert found["1"]["why"] is not found["2"]["why"]  # longer: as read


@pytest.mark.parametrize("first_of_the_day", [True, False])
@pytest.mark.parametrize("theirs", [b'{"another": "program"}', None])
def test_a_main_file_another_program_replaced_during_a_change_is_not_written_over(
    tmp_path: Path, first_of_the_day: bool, theirs: bytes | None
) -> None:
    """A change keeps the size, hash and identity of the main file it read,
    not its bytes: the day's backup reads it again, and the commit checks it
    is still the file read; one replaced meanwhile (a sync tool) is
    refused, never written over, even with bytes of the same size."""
    store = DataFile(tmp_path / "advisors.json")
    with store.transaction(today=date(2026, 3, 1)) as data:
        data.insert(Person(name="Ana"))
    day = date(2026, 3, 2) if first_of_the_day else date(2026, 3, 1)
    if not first_of_the_day:
        with store.transaction(today=day) as data:  # takes the day's backup
            data.insert(Person(name="Bo"))
    before = {p.relative_to(tmp_path) for p in tmp_path.rglob("*")}
    with pytest.raises(ChangedMeanwhile), store.transaction(today=day) as data:
        data.insert(Person(name="Cy"))
        read = store.path.read_bytes()
        theirs = theirs or read.replace(b"Ana", b"Ann")  # the same size
        durable.replace_with(store.path, theirs)
    assert store.path.read_bytes() == theirs
    assert {p.relative_to(tmp_path) for p in tmp_path.rglob("*")} - before == set()
    assert "another program" in str(ChangedMeanwhile(store.path))


def test_a_main_file_written_again_with_the_same_bytes_is_still_the_one_read(
    tmp_path: Path,
) -> None:
    store = DataFile(tmp_path / "advisors.json")
    with store.transaction(today=date(2026, 3, 1)) as data:
        data.insert(Person(name="Ana"))
    with store.transaction(today=date(2026, 3, 1)) as data:
        data.insert(Person(name="Bo"))
        durable.replace_with(store.path, store.path.read_bytes())  # a sync of the same
    assert [p.name for p in store.read().all(Person)] == ["Ana", "Bo"]


def _board_of(tmp_path: Path) -> Data:
    data = Data(empty_tables(), ConversationLog(tmp_path / "log", []))
    for name, email in (("Ana", "ana@a.example"), ("Bo", ""), ("Cy", "cy@c.example")):
        data.insert(Person(name=name, email=email, areas=["career"], uid=f"uid-{name}"))
    return data


def test_a_frozen_table_reads_changes_and_writes_as_an_open_one(tmp_path: Path) -> None:
    """``freeze`` holds a table's documents as the JSON the file keeps (an
    import of thousands): every way in and out of the board is the same."""
    import time_machine

    with time_machine.travel("2026-03-02 09:00:00.123+00:00", tick=False):
        both = [_board_of(tmp_path / "open"), _board_of(tmp_path / "frozen")]
        both[1].freeze(Person)
        both[1].freeze(Conversation)  # the log is never frozen
        assert all(type(d) is bytes for d in both[1].tables["people"].values())
        for data in both:
            ana = data.get(Person, 1)
            assert ana is not None
            ana.org = "Acme"
            data.save(ana)
            data.insert(Person(name="Di", email="di@d.example", uid="uid-Di"))
            bo = data.get(Person, 2)
            assert bo is not None
            data.delete(bo, when="2026-03-01T12:00:00.000+00:00")
            data.insert(Conversation(people=[3], date="2026-02-01", uid="c1"))  # Cy's last contact
    opened, frozen = both
    assert type(frozen.tables["people"]["4"]) is bytes  # a new one, frozen too
    assert [p.values() for p in frozen.all(Person)] == [p.values() for p in opened.all(Person)]
    assert list(frozen.documents(Person)) == list(opened.documents(Person))
    assert frozen.document(Person, 3) == opened.document(Person, 3)
    assert frozen.document(Person, 3)["last_contact"] == "2026-02-01"  # type: ignore[index]
    for data in both:
        data.settle()
        data.meta["log"] = []
    assert b"".join(frozen.serialise_main()) == b"".join(opened.serialise_main())  # type: ignore[arg-type]
    assert frozen.same_as(opened)[Person] == {1, 3, 4}


def test_a_frozen_document_takes_only_the_room_of_its_bytes(tmp_path: Path) -> None:
    data = _board_of(tmp_path)
    data.freeze(Person)
    frozen = data.tables["people"]["1"]
    assert sys.getsizeof(frozen) < len(frozen) + 64  # orjson's own bytes kept 4 KiB each
    read = data.get(Person, 1)
    assert read is not None and read.name == "Ana"
    data.save(read)  # unchanged: the same bytes
    assert data.tables["people"]["1"] == frozen
