"""Kill advisors before each of its file-writing calls, and check nothing is lost.

    .venv/bin/python scripts/torture.py [--people 300] [--talks 3000]

For each scenario (a change, the first change of a day with its backup, a
removal that rewrites segments, `backup`, `restore`, an `import` that merges
an export, a `merge` of a sync conflict copy, `doctor --fix`, a change to
a file whose segment index must be rebuilt, a change that compacts a log
mixed by backfilling, `encrypt` and `decrypt`), the command runs once
for each k, killed (``os._exit``, as ``kill -9`` would) just before its k-th
file-writing call (opening a file to write, write, fsync, rename, replace,
link, unlink, mkdir, rmdir), until a run finishes before its k-th call.
After every kill the board must read, hold exactly the old state or the new
one, name only whole segments, answer ``due``; and running the same command
again must succeed and give the new state. The state includes whether the
board is encrypted: the main file, the segments and the undo steps it names
are all sealed or all in the clear, and once an encrypted board has answered
``due`` (which finishes what a kill left), no file in its folder is in the
clear. Prints one line per scenario and exits 1 if any kill lost or damaged
anything.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

CHILD = r"""
import os, sys
limit = int(sys.argv[1])
count = 0
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT

def counted(name, real, writes=lambda *a, **k: True):
    def call(*args, **kwargs):
        global count
        if writes(*args, **kwargs):
            count += 1
            if count == limit:
                os._exit(137)
        return real(*args, **kwargs)
    return call

os.open = counted("open", os.open, lambda path, flags, *a, **k: flags & WRITE_FLAGS)
for name in ("write", "fsync", "rename", "replace", "link", "unlink", "mkdir", "rmdir"):
    setattr(os, name, counted(name, getattr(os, name)))
from advisors.__main__ import main
sys.argv = ["advisors", *sys.argv[2:]]
main()
"""


def write_board(path: Path, people: int, talks: int) -> None:
    rng = random.Random(11)
    board: dict[str, dict[str, dict[str, object]]] = {"people": {}, "conversations": {}}
    for i in range(1, people + 1):
        board["people"][str(i)] = {"name": f"Person {i:05d}", "cadence": "1m", "uid": f"{i:016x}"}
    start = date(2020, 1, 1)
    for i in range(1, talks + 1):
        board["conversations"][str(i)] = {
            "people": [rng.randint(1, people)],
            "topics": [],
            "goals": [],
            "via": "call",
            "date": (start + timedelta(days=i * 2000 // talks)).isoformat(),
            "notes": f"seed {i}",
        }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(board))


def advisors(db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "advisors", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check and done.returncode != 0:
        raise SystemExit(f"advisors {' '.join(args)} failed: {done.stderr}")
    return done


def state(db: Path) -> tuple[bool, list[str], list[tuple[int, str]]] | str:
    """Whether the board is encrypted, people and conversations as a reader
    sees them; or what is wrong."""
    from advisors.board.records import Person
    from advisors.store import DataFile
    from advisors.store.durable import file_matches
    from advisors.store.sealing import is_sealed

    try:
        data = DataFile(db).read()
        named = [db] + [
            db.parent / f"{db.name}.undo" / s["file"] for s in data.meta.get("undo", [])
        ]
        for entry in data.log.entries:
            if not file_matches(data.log.folder / entry["file"], entry["bytes"], entry["sha256"]):
                return f"segment {entry['file']} is not whole"
            named.append(data.log.folder / entry["file"])
        sealed = {is_sealed(path.read_bytes()) for path in named}
        if len(sealed) > 1:
            return "part of the board is encrypted and part is not"
        people = sorted(p.name for p in data.all(Person))
        talks = sorted((c.id, c.notes) for c in data.conversations())
    except Exception as exc:  # noqa: BLE001  any failure to read is the finding
        return f"does not read: {exc}"
    return sealed == {True}, people, talks


def in_the_clear(db: Path) -> list[str]:
    """Files of an encrypted board's folder that hold bytes not sealed (an
    empty file a kill left holds nothing; the list of recipients is public)."""
    from advisors.store.sealing import is_sealed

    public = (f"{db.name}.lock", f"{db.name}.recipients", f".{db.name}.recipients.")
    return [
        str(p.relative_to(db.parent))
        for p in sorted(db.parent.rglob("*"))
        if p.is_file()
        and not p.name.startswith(public)
        and p.stat().st_size
        and not is_sealed(p.read_bytes())
    ]


def run_child(
    script: str, limit: int, db: Path, args: list[str]
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script, str(limit), "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def scenario(name: str, seed: Path, args: list[str], prepare, work: Path) -> tuple[int, int]:
    """Kill before each file-writing call; return (kills, losses)."""
    base = work / "base"
    if base.exists():
        shutil.rmtree(base)
    shutil.copytree(seed.parent, base)
    db = base / seed.name
    prepare(db)
    old = state(db)
    probe = work / "probe"
    if probe.exists():
        shutil.rmtree(probe)
    shutil.copytree(base, probe)
    advisors(probe / seed.name, *args)
    new = state(probe / seed.name)
    losses = 0
    k = 0
    while True:
        k += 1
        trial = work / "trial"
        if trial.exists():
            shutil.rmtree(trial)
        shutil.copytree(base, trial)
        db_k = trial / seed.name
        killed = run_child(CHILD, k, db_k, args)
        if killed.returncode == 0:  # finished before its k-th call: all points done
            return k - 1, losses
        after = state(db_k)
        problems = []
        if killed.returncode != 137:
            problems.append(f"exit {killed.returncode}: {killed.stderr.strip()[:200]}")
        if after not in (old, new):
            problems.append(f"state neither old nor new: {str(after)[:200]}")
        if advisors(db_k, "due", check=False).returncode != 0:
            problems.append("due fails after the kill")
        elif isinstance(after, tuple) and after[0] and (plain := in_the_clear(db_k)):
            problems.append(f"in the clear after the kill: {', '.join(plain[:3])}")
        if after == old:  # not saved: running it again must make the change
            retry = advisors(db_k, *args, check=False)
            if retry.returncode != 0 or state(db_k) != new:
                problems.append(f"retry: exit {retry.returncode} {retry.stderr.strip()[:200]}")
        if problems:
            losses += 1
            print(f"  {name}: kill before call {k}: {'; '.join(problems)}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--talks", type=int, default=3000)
    args = parser.parse_args()
    today = date.today().isoformat()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # this device's key, for encrypt and decrypt: a file beside a config
        # of our own (never this machine's keychain), for us and each child
        os.environ["ADVISORS_CONFIG"] = str(work / "config" / "config.toml")
        os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
        from advisors import keys
        from advisors.paths import load_config
        from advisors.store.sealing import use_keys

        use_keys(lambda: keys.identities(load_config()))
        seed = work / "seed" / "advisors.json"
        write_board(seed, args.people, args.talks)
        advisors(seed, "log", "Person 00001", "--note", "migrated")  # migrate and back up
        advisors(seed, "backup")

        def nothing(db: Path) -> None:
            pass

        def new_day(db: Path) -> None:
            for backup in (db.parent / "backups").glob(f"*-{today}"):
                shutil.rmtree(backup)

        def a_later_change(db: Path) -> None:
            advisors(db, "log", "Person 00002", "--note", "after the backup")

        incoming = work / "incoming.json"
        other = work / "other" / "advisors.json"
        advisors(other, "add", "From Elsewhere")
        advisors(other, "log", "From Elsewhere", "--note", "imported talk")
        advisors(other, "export", "--output", str(incoming))

        def a_conflict_copy(db: Path) -> None:
            elsewhere = work / "elsewhere"
            if elsewhere.exists():
                shutil.rmtree(elsewhere)
            shutil.copytree(db.parent, elsewhere)
            advisors(elsewhere / db.name, "add", "Other Device")
            advisors(elsewhere / db.name, "log", "Other Device", "--note", "there")
            for segment in (elsewhere / f"{db.name}.log").iterdir():
                target = db.parent / f"{db.name}.log" / segment.name
                if not target.exists():
                    shutil.copy(segment, target)
            conflict = db.parent / "advisors.sync-conflict-20261126-101010-X.json"
            shutil.copy(elsewhere / db.name, conflict)
            advisors(db, "log", "Person 00005", "--note", "here")

        def planted_faults(db: Path) -> None:
            tables = json.loads(db.read_text())
            first = next(iter(tables["people"].values()))
            first["last_contact"] = "2001-01-01"
            (db.parent / f"{db.name}.log" / "seg-0123456789ab.json").write_text("{}")
            db.write_text(json.dumps(tables))

        def no_index(db: Path) -> None:
            tables = json.loads(db.read_text())
            for entry in tables["_meta"]["1"]["log"]:
                for key in ("first", "last", "people", "max_id"):
                    entry.pop(key, None)
            db.write_text(json.dumps(tables))

        def a_mixed_log(db: Path) -> None:
            """Backfilled for years: every segment's conversations moved to
            days from all over ten years, and two thousand more such written
            beside them, as the changes of that time wrote them; the next
            change that touches the log compacts it."""
            from advisors.store.segments import dump, index_entry, load_segment

            rng = random.Random(1)

            def some_day() -> str:
                return f"20{16 + rng.randrange(10)}-{1 + rng.randrange(12):02d}-15"

            tables = json.loads(db.read_text())
            meta = tables["_meta"]["1"]
            folder = db.parent / f"{db.name}.log"
            for index, entry in enumerate(meta["log"]):
                _payload, docs = load_segment(folder / entry["file"], entry)
                for doc in docs.values():
                    doc["date"] = some_day()
                payload = dump({"conversations": docs})
                (folder / entry["file"]).write_bytes(payload)
                meta["log"][index] = index_entry(entry["file"], payload, docs)
            first = max(e["max_id"] for e in meta["log"]) + 1
            for name in ("seg-00000000b0f1.json", "seg-00000000b0f2.json"):
                more = {
                    str(i): {"people": [1], "date": some_day(), "notes": "old", "uid": f"b{i}"}
                    for i in range(first, first + 1000)
                }
                payload = dump({"conversations": more})
                (folder / name).write_bytes(payload)
                meta["log"].append(index_entry(name, payload, more))
                first += 1000
            meta["next_id"]["conversations"] = first
            db.write_text(json.dumps(tables))

        def encrypted(db: Path) -> None:
            advisors(db, "encrypt")

        backup_name = next(
            p.name for p in (seed.parent / "backups").iterdir() if p.name.endswith("-manual")
        )
        scenarios = [
            ("log (a later change)", ["log", "Person 00003", "--note", "killed?"], a_later_change),
            ("first change of the day", ["log", "Person 00003", "--note", "day"], new_day),
            ("remove (rewrites segments)", ["remove", "Person 00004", "--yes"], nothing),
            ("backup", ["backup"], nothing),
            ("restore", ["restore", backup_name, "--yes"], a_later_change),
            ("import (merge an export)", ["import", str(incoming)], nothing),
            ("merge (a conflict copy)", ["merge"], a_conflict_copy),
            ("doctor --fix", ["doctor", "--fix"], planted_faults),
            ("log, index rebuilt", ["log", "Person 00006", "--note", "idx"], no_index),
            (
                "log into a mixed log (compacts)",
                ["log", "Person 00007", "--note", "c"],
                a_mixed_log,
            ),
            ("encrypt", ["encrypt"], nothing),
            ("decrypt", ["decrypt"], encrypted),
        ]
        total_kills = total_losses = 0
        for name, command, prepare in scenarios:
            kills, losses = scenario(name, seed, command, prepare, work)
            total_kills += kills
            total_losses += losses
            print(f"{name:28} {kills:4} kill points, {losses} lost or damaged", flush=True)
        print(f"all: {total_kills} kill points, {total_losses} lost or damaged")
        return 1 if total_losses else 0


if __name__ == "__main__":
    sys.exit(main())
