"""Measure advisors against its speed and memory goals (README, "Speed").

    .venv/bin/python scripts/bench.py [--runs 11] [--compare NAME=EXE ...]

It writes throw-away data files, runs the installed ``advisors`` command on
them as a user would (piped, or on a pseudo-terminal where it says so), and
prints the median wall time of each as a ratio to ``python -c pass`` measured
in the same run, with the peak memory. Nothing is asserted: these machines are
noisy, so the ratios are for people to read. ``--compare`` runs another
installation of advisors (an older release, say) side by side.

The data files are plain TinyDB files that every version of advisors reads
and migrates on its first change, so two versions are measured on the same
board.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

VIAS = ["call", "video", "in-person", "email", "message"]


def write_board(
    path: Path, people: int, talks: int, mixed: bool = False, prospects: int = 0
) -> None:
    """A plain TinyDB file: ``people`` people and ``talks`` conversations, in
    date order, or (``mixed``) in the order a merge, a calendar import or
    years of backfilling give; and ``prospects`` more people, as a phone's
    address book brought in (a name, an e-mail, a phone). Each person has
    what ``add`` or ``import`` gives them: a uid and the times they were
    added and last changed."""
    rng = random.Random(7)
    start = date(2016, 1, 1)
    board: dict[str, dict[str, dict[str, object]]] = {"people": {}, "conversations": {}}
    for i in range(1, people + 1):
        added = f"2016-01-01T09:{i // 6000 % 60:02d}:{i // 100 % 60:02d}.{i % 1000:03d}+00:00"
        board["people"][str(i)] = {
            "uid": f"{i:016x}",
            "name": f"Person {i:05d}",
            "role": "mentor",
            "areas": ["career"],
            "status": "active",
            "cadence": rng.choice(["2w", "3w", "1m", "6w"]),
            "why": "why they matter " * 3,
            "created": added,
            "updated": added,
        }
    for i in range(people + 1, people + prospects + 1):
        added = f"2026-06-01T09:{i // 6000 % 60:02d}:{i // 100 % 60:02d}.{i % 1000:03d}+00:00"
        board["people"][str(i)] = {
            "uid": f"{i:016x}",
            "name": f"Contact {i:05d}",
            "role": "peer",
            "status": "prospect",
            "cadence": "1m",
            "email": f"contact{i}@example.org",
            "phone": f"+1 555 {i:05d}",
            "created": added,
            "updated": added,
        }
    for i in range(1, talks + 1):
        day = start + timedelta(days=i * 3650 // max(talks, 1))
        board["conversations"][str(i)] = {
            "people": [rng.randint(1, people)],
            "date": day.isoformat(),
            "via": rng.choice(VIAS),
            "topics": ["career", "feedback"],
            "goals": [],
            "notes": f"conversation {i}: what we talked about and what I learned " * 2,
        }
    if mixed:
        days = [c["date"] for c in board["conversations"].values()]
        random.Random(3).shuffle(days)
        for talk, day in zip(board["conversations"].values(), days, strict=True):
            talk["date"] = day
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(board))


def measure(
    command: list[str],
    runs: int,
    env: dict[str, str],
    *,
    terminal: bool = False,
    before: list[str] | None = None,
) -> tuple[float, float]:
    """Median wall time (ms) and largest peak RSS (MiB) over ``runs``."""
    times, peaks = [], []
    for _ in range(runs):
        if before:
            subprocess.run(before, check=True)
        master = slave = -1
        if terminal:
            master, slave = pty.openpty()
            out: int = slave
            drain = threading.Thread(target=_drain, args=(master,), daemon=True)
            drain.start()
        else:
            out = subprocess.DEVNULL
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        times.append((time.perf_counter() - started) * 1000)
        peaks.append(usage.ru_maxrss / 1024)
        if terminal:
            os.close(slave)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"failed: {' '.join(command)}")
    return statistics.median(times), max(peaks)


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def boards(root: Path, exe: str, env: dict[str, str]) -> dict[str, Path]:
    """Each board this run needs, migrated by ``exe`` with one change."""
    made = {}
    for name, people, talks in (
        ("20", 20, 200),
        ("200", 200, 0),
        ("1k", 200, 1_000),
        ("2000", 2_000, 20_000),
        ("10k", 200, 10_000),
        ("100k", 200, 100_000),
        ("100k-mixed", 200, 100_000),
        ("20k-prospects", 200, 100_000),
    ):
        path = root / name / "advisors.json"
        # written by a child, so that this process stays small: a child's peak
        # memory includes what it inherits from its parent at fork
        extra = ["mixed"] if name.endswith("mixed") else []
        if name == "20k-prospects":  # a phone's address book brought in
            extra = ["prospects", "20000"]
        subprocess.run(
            [sys.executable, __file__, "--write", str(path), str(people), str(talks), *extra],
            check=True,
        )
        subprocess.run(
            [exe, "--db", str(path), "add", "Bench Seed"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        subprocess.run(
            [
                exe,
                "--db",
                str(path),
                "log",
                "Person 00007",
                "--note",
                "seed",
                "--date",
                "2026-01-01",
            ],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        # a board a fortnight after upgrading: the backup of the old layout
        # that the first change made has rotated out (doctor would check it)
        for old in (path.parent / "backups").glob("*-before-migration"):
            shutil.rmtree(old)
        made[name] = path
    return made


def rows(exe: str, b: dict[str, Path]) -> list[tuple[str, list[str], bool, list[str] | None]]:
    def db(name: str, *words: str) -> list[str]:
        return [exe, "--db", str(b[name]), *words]

    def drop_todays_backup(name: str) -> list[str]:
        folder = b[name].parent / "backups"
        return ["sh", "-c", f"rm -rf {folder}/*-{date.today().isoformat()}"]

    return [
        ("--version", [exe, "--version"], False, None),
        ("help (no arguments)", [exe], False, None),
        ("due, empty board", [exe, "--db", str(b["200"].parent / "none.json"), "due"], False, None),
        ("list, 200 people", db("200", "list"), False, None),
        ("due, 200 people, 10k talks", db("10k", "due"), False, None),
        ("due, 2,000 people", db("2000", "due"), False, None),
        ("due, 20,000 prospects, 100k talks", db("20k-prospects", "due"), False, None),
        ("list, 20,000 prospects", db("20k-prospects", "list"), False, None),
        ("stats, 20,000 prospects", db("20k-prospects", "stats"), False, None),
        ("due, 200 people, 100k talks", db("100k", "due"), False, None),
        ("remind, 100k talks", db("100k", "remind", "--always"), False, None),
        ("list --json, 100k talks", db("100k", "list", "--json"), False, None),
        ("due, piped, 20 people", db("20", "due"), False, None),
        ("due, terminal, 20 people", db("20", "due"), True, None),
        ("list, piped, 20 people", db("20", "list"), False, None),
        ("list, terminal, 20 people", db("20", "list"), True, None),
        ("history --limit 5, 1k talks", db("1k", "history", "--limit", "5"), False, None),
        ("history --limit 5, 100k talks", db("100k", "history", "--limit", "5"), False, None),
        ("show, 1k talks", db("1k", "show", "Person 00007"), False, None),
        ("show, 100k talks", db("100k", "show", "Person 00007"), False, None),
        ("prep, 1k talks", db("1k", "prep", "Person 00007"), False, None),
        ("prep, 100k talks", db("100k", "prep", "Person 00007"), False, None),
        ("show, 100k talks in mixed order", db("100k-mixed", "show", "Person 00007"), False, None),
        ("prep, 100k talks in mixed order", db("100k-mixed", "prep", "Person 00007"), False, None),
        (
            "history --limit 5, 100k mixed",
            db("100k-mixed", "history", "--limit", "5"),
            False,
            None,
        ),
        ("history NAME, 100k talks", db("100k", "history", "Person 00007"), False, None),
        ("history NAME, 100k mixed", db("100k-mixed", "history", "Person 00007"), False, None),
        # export and doctor: in the table of commands that read everything (below)
        ("search (no hit), 100k talks", db("100k", "search", "reorg"), False, None),
        ("search (20 hits), 100k talks", db("100k", "search", "conversation 7777"), False, None),
        ("log, into 100k talks", db("100k", "log", "Person 00009", "--note", "bench"), False, None),
        (
            "log, first change of the day, 100k",
            db("100k", "log", "Person 00009", "--note", "b"),
            False,
            drop_todays_backup("100k"),
        ),
    ]


def read_everything(
    boards: dict[str, Path], exe: str, env: dict[str, str], baseline: float, runs: int
) -> None:
    """The commands that read the whole board, on 200 people with 10,000 and
    100,000 conversations and on 20,000 people (prospects) with 100,000:
    each export format, doctor, merge of a sync conflict copy (beside a log
    on the same board), and the import of 20,000 people from a spreadsheet."""
    sheet = boards["200"].parent / "people.csv"
    with sheet.open("w") as out:
        out.write("name,role,areas,every,email,phone,org,why\n")
        for i in range(20_000):
            out.write(
                f"Contact {i:05d},peer,career;family,monthly,p{i}@example.org,"
                "+1 555 0100,Org,why they matter\n"
            )
    # the phone's address book again, with more in it: on the board of 20,000
    # prospects each row is an update; on the others, 20,000 new people
    again = boards["200"].parent / "people-again.csv"
    with again.open("w") as out:
        out.write("name,role,areas,every,email,phone,org,why\n")
        for i in range(201, 20_201):
            out.write(
                f"Contact {i:05d},peer,career;family,monthly,contact{i}@example.org,"
                "+1 555 0100,Org,why they matter\n"
            )
    sizes = {"10k": "200 / 10k", "100k": "200 / 100k", "20k-prospects": "20,000 / 100k"}
    print(
        f"{'reads everything (x python -c pass, peak)':44}"
        + "".join(f"{v:>22}" for v in sizes.values())
    )
    commands = {
        "export --format json (to a file)": ["export", "--output", "{tmp}/out.json"],
        "export --format json (to stdout)": ["export"],
        "export --format csv": ["export", "--format", "csv", "--output", "{tmp}/csv"],
        "export --format markdown": ["export", "--format", "markdown", "--output", "{tmp}/b.md"],
        "export --format ics": ["export", "--format", "ics", "--output", "{tmp}/b.ics"],
        "doctor": ["doctor"],
        "doctor --deep": ["doctor", "--deep"],
        "log (for merge to compare)": ["log", "Person 00003", "--note", "here"],
        "merge (one conflict copy)": ["merge", "--yes"],
        "import of a 20,000-row CSV": ["import", str(sheet), "--yes"],
        "import of the 20,000 prospects again": ["import", str(again), "--yes"],
    }
    for label, words in commands.items():
        cells = []
        for name in sizes:
            cells.append(_one_of_everything(boards[name], exe, env, words, runs))
        print(
            f"{label:44}"
            + "".join(f"{ms / baseline:8.0f}x {ms / 1000:5.2f}s {rss:3.0f}M" for ms, rss in cells),
            flush=True,
        )


def _one_of_everything(
    db: Path, exe: str, env: dict[str, str], words: list[str], runs: int
) -> tuple[float, float]:
    """One command of ``read_everything`` on a fresh copy of the board ``db``
    (a change, a merge or an import would change it for the next run)."""
    root, name = db.parent.parent, db.parent.name
    pristine = root / f"{name}-pristine"
    if not pristine.exists():
        shutil.copytree(db.parent, pristine, symlinks=True)
    start = pristine
    if "merge" in words:
        start = _conflict_board(db, exe, env)
    home = root / f"{name}-work"
    fresh = ["sh", "-c", f"rm -rf '{home}' && cp -a '{start}' '{home}'"]
    command = [exe, "--db", str(home / db.name), *(w.replace("{tmp}", str(home)) for w in words)]
    return measure(command, runs, env, before=fresh)


def _conflict_board(db: Path, exe: str, env: dict[str, str]) -> Path:
    """The board as it is after a sync tool kept both devices' changes: this
    device logged a conversation, the other one too (its main file is the
    conflict copy; its new segments and undo steps have arrived)."""
    here = db.parent.parent / f"{db.parent.name}-conflict"
    if here.exists():
        return here
    there = db.parent.parent / f"{db.parent.name}-there"
    pristine = db.parent.parent / f"{db.parent.name}-pristine"
    shutil.copytree(pristine, here, symlinks=True)
    shutil.copytree(pristine, there, symlinks=True)
    for folder, who in ((here, "Person 00003"), (there, "Person 00004")):
        subprocess.run(
            [exe, "--db", str(folder / db.name), "log", who, "--note", "on one device"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    shutil.copy(there / db.name, here / "advisors.sync-conflict-20261204-101010-DEV.json")
    for part in ("log", "undo"):
        source = there / f"{db.name}.{part}"
        for item in source.iterdir():
            target = here / f"{db.name}.{part}" / item.name
            if not target.exists():
                shutil.copy2(item, target)
    return here


def undo_cost(db: Path) -> str | None:
    """What the undo history holds on disk after the runs above."""
    undo = db.with_name(f"{db.name}.undo")
    if not undo.exists():
        return None
    meta = json.loads(db.read_text())["_meta"]["1"]
    steps = list(undo.iterdir())
    held = sum((db.with_name(f"{db.name}.log") / n).stat().st_size for n in meta["held"])
    step_bytes = sum(p.stat().st_size for p in steps)
    log_bytes = sum(p.stat().st_size for p in db.with_name(f"{db.name}.log").iterdir())
    return (
        f"undo history at 100k: {len(steps)} steps, {step_bytes / 2**10:.0f} KiB of old "
        f"main files (hard links) and {held / 2**10:.0f} KiB of segments only they "
        f"name, beside a {log_bytes / 2**20:.1f} MiB log; main file "
        f"{db.stat().st_size / 2**10:.0f} KiB"
    )


def disk_of(folder: Path) -> int:
    """Bytes under ``folder``, a file with several hard links counted once
    (as ``du`` does)."""
    seen, total = set(), 0
    for path in folder.rglob("*"):
        info = path.lstat()
        if path.is_file() and (info.st_dev, info.st_ino) not in seen:
            seen.add((info.st_dev, info.st_ino))
            total += info.st_size
    return total


def backup_cost(db: Path, exe: str, env: dict[str, str]) -> str:
    """Fourteen backups, a change between each, against the disk of one."""
    backups = db.parent / "backups"
    shutil.rmtree(backups, ignore_errors=True)
    sizes = []
    for n in range(14):
        subprocess.run(
            [exe, "--db", str(db), "log", "Person 00011", "--note", f"backup {n}"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        subprocess.run(
            [exe, "--db", str(db), "backup"], check=True, env=env, stdout=subprocess.DEVNULL
        )
        sizes.append(disk_of(backups))
    return (
        f"backups at 100k: one takes {sizes[0] / 2**20:.1f} MiB, fourteen take "
        f"{sizes[-1] / 2**20:.1f} MiB ({sizes[-1] / sizes[0]:.2f}x one)"
    )


def import_cost(root: Path, exe: str, env: dict[str, str], baseline: float) -> None:
    """``import`` of 20,000 people: a spreadsheet, then the export of it."""
    import csv

    folder = root / "import"
    folder.mkdir()
    sheet = folder / "people.csv"
    with sheet.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "role", "areas", "every", "email", "phone", "org", "why"])
        for i in range(20_000):
            writer.writerow(
                [
                    f"Person {i:05d}",
                    "peer",
                    "career;family",
                    "monthly",
                    f"p{i}@example.org",
                    "+1 555 0100",
                    "Org",
                    "why they matter",
                ]
            )
    for label, source, db in (
        ("csv, 20,000 people", sheet, folder / "a.json"),
        ("json export of them", folder / "export.json", folder / "b.json"),
    ):
        if source.suffix == ".json":
            subprocess.run(
                [exe, "--db", str(folder / "a.json"), "export", "--output", str(source)],
                check=True,
                env=env,
                stdout=subprocess.DEVNULL,
            )
        started = time.perf_counter()
        subprocess.run(
            [exe, "--db", str(db), "import", str(source)],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        took = time.perf_counter() - started
        print(f"import {label}: {took:.2f} s ({took * 1000 / baseline:.0f}x python -c pass)")


def address_book_cost(
    root: Path, exe: str, env: dict[str, str], baseline: float, runs: int
) -> None:
    """``import`` of a 5,000-card address book and of a 20,000-event calendar
    into a board of 200 people (goal: under 3 s each)."""
    folder = root / "address-book"
    folder.mkdir()
    sheet = folder / "board.csv"
    sheet.write_text(
        "name,email\n" + "".join(f"Person {i:03d},p{i}@example.org\n" for i in range(200))
    )
    seed = folder / "seed"
    subprocess.run(
        [exe, "--db", str(seed / "advisors.json"), "import", str(sheet)],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    cards = folder / "contacts.vcf"
    with cards.open("w", newline="") as out:
        for i in range(5_000):
            out.write(
                "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                f"FN:Contact {i:04d} Lastname\r\nN:Lastname;Contact {i:04d};;;\r\n"
                f"EMAIL;TYPE=INTERNET:c{i}@example.net\r\nTEL;TYPE=CELL:+1 555 {i:04d}\r\n"
                "ORG:Example Corp;\r\nTITLE:Engineer\r\n"
                f"NOTE:Met at a conference\\, talked about work {i}.\r\n"
                f"BDAY:19{50 + i % 50}-0{1 + i % 9}-1{i % 9}\r\nEND:VCARD\r\n"
            )
    calendar = folder / "calendar.ics"
    start = date.today() - timedelta(days=730)
    with calendar.open("w", newline="") as out:
        out.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n")
        for i in range(20_000):
            day = start + timedelta(days=i * 730 // 20_000)
            out.write(
                f"BEGIN:VEVENT\r\nUID:bench-{i}@example\r\n"
                f"DTSTART:{day:%Y%m%d}T{9 + i % 8:02d}0000Z\r\n"
                f"DTEND:{day:%Y%m%d}T{10 + i % 8:02d}0000Z\r\n"
                f"SUMMARY:Meeting {i}\r\n"
                f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:p{i % 400}@example.org\r\n"
                "END:VEVENT\r\n"
            )
        out.write("END:VCALENDAR\r\n")
    work = folder / "work"
    fresh = ["sh", "-c", f"rm -rf '{work}' && cp -r '{seed}' '{work}'"]
    for label, source in (
        ("import 5,000-card vCard", cards),
        ("import 20,000-event calendar", calendar),
    ):
        command = [exe, "--db", str(work / "advisors.json"), "import", str(source), "--yes"]
        ms, rss = measure(command, runs, env, before=fresh)
        size = source.stat().st_size / 2**20
        print(
            f"{label} ({size:.1f} MiB): {ms / 1000:.2f} s "
            f"({ms / baseline:.0f}x python -c pass), {rss:.0f} MiB peak (goal: under 3 s)"
        )


def report_cost(root: Path, exe: str, env: dict[str, str], baseline: float, runs: int) -> None:
    """``report --months 120`` of 200 people over ten years (24,000
    conversations, a month apart for each): goal under 2 s and 2 MB."""
    db = root / "report" / "advisors.json"
    write_board(db, 200, 24_000)
    # one change migrates it, as a real board is
    subprocess.run(
        [exe, "--db", str(db), "add", "Bench Seed"],
        check=True,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    page = root / "report" / "report.html"
    for months in (12, 120):
        command = [
            exe,
            "--db",
            str(db),
            "report",
            "--months",
            str(months),
            "--as-of",
            "2026-01-01",
            "--output",
            str(page),
        ]
        ms, rss = measure(command, runs, env)
        size = page.stat().st_size / 2**20
        print(
            f"report --months {months}, 200 people over ten years: {ms / 1000:.2f} s "
            f"({ms / baseline:.0f}x python -c pass), {rss:.0f} MiB peak, a {size:.2f} MiB page "
            "(goal: under 2 s and 2 MB)"
        )


def encrypted_cost(root: Path, exe: str, env: dict[str, str], baseline: float, runs: int) -> None:
    """Every everyday command on a board and on the same board encrypted
    (age, a device key in the identity file), the two run in turn so the
    machine's noise falls on both alike: the median of each, and their ratio."""
    env = dict(env, ADVISORS_CONFIG=str(root / "keys" / "config.toml"))
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    print(
        "encrypted board against the same board in the clear (median ms, peak MiB, "
        "encrypted over plain; the two measured in turn):"
    )
    print(f"{'what':44}{'plain':>16}{'encrypted':>16}{'ratio':>8}")
    for name, people, talks in (("10k", 200, 10_000), ("100k", 200, 100_000)):
        pair = {}
        for kind in ("plain", "sealed"):
            path = root / f"{kind}-{name}" / "advisors.json"
            subprocess.run(
                [sys.executable, __file__, "--write", str(path), str(people), str(talks)],
                check=True,
            )
            for words in (["add", "Bench Seed"], ["log", "Person 00007", "--note", "seed"]):
                subprocess.run(
                    [exe, "--db", str(path), *words], check=True, env=env, capture_output=True
                )
            for old in (path.parent / "backups").glob("*-before-migration"):
                shutil.rmtree(old)
            if kind == "sealed":
                subprocess.run(
                    [exe, "--db", str(path), "encrypt"], check=True, env=env, capture_output=True
                )
            pair[kind] = path
        for label, words in (
            ("due", ["due"]),
            ("today", ["today"]),
            ("list", ["list"]),
            ("show NAME", ["show", "Person 00007"]),
            ("prep NAME", ["prep", "Person 00007"]),
            ("history --limit 5", ["history", "--limit", "5"]),
            ("history NAME", ["history", "Person 00007"]),
            ("remind", ["remind", "--always"]),
            ("stats", ["stats"]),
            ("search (no hit)", ["search", "reorg"]),
            ("log", ["log", "Person 00009", "--note", "bench"]),
            ("undo", ["undo", "--yes"]),
        ):
            seen: dict[str, list[tuple[float, float]]] = {"plain": [], "sealed": []}
            for _ in range(runs):
                for kind in ("plain", "sealed"):
                    seen[kind].append(measure([exe, "--db", str(pair[kind]), *words], 1, env))
            ms = {k: statistics.median(t for t, _ in v) for k, v in seen.items()}
            rss = {k: max(m for _, m in v) for k, v in seen.items()}
            print(
                f"{label + ', 200 people, ' + name + ' talks':44}"
                f"{ms['plain']:7.0f}ms {rss['plain']:4.0f}M"
                f"{ms['sealed']:7.0f}ms {rss['sealed']:4.0f}M"
                f"{ms['sealed'] / ms['plain']:7.2f}x",
                flush=True,
            )


def growth(root: Path, exe: str, runs: int, env: dict[str, str], baseline: float) -> None:
    """``due``, ``list``, ``log`` and ``add`` as the board grows tenfold."""
    print("growth with people (each with 10 conversations), ratio to python -c pass:")
    print(f"{'people':>8}" + "".join(f"{w:>10}" for w in ("due", "list", "log", "add")))
    for people in (20, 200, 2_000, 20_000):
        path = root / f"growth-{people}" / "advisors.json"
        subprocess.run(
            [sys.executable, __file__, "--write", str(path), str(people), str(people * 10)],
            check=True,
        )
        subprocess.run(
            [exe, "--db", str(path), "log", "Person 00001", "--note", "migrate"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        cells = []
        for words in (["due"], ["list"], ["log", "Person 00002", "--note", "x"]):
            ms, _rss = measure([exe, "--db", str(path), *words], runs, env)
            cells.append(ms / baseline)
        counter = iter(range(10**6))
        times = []
        for _ in range(runs):  # a new name each run: add refuses duplicates
            started = time.perf_counter()
            subprocess.run(
                [exe, "--db", str(path), "add", f"New {next(counter)}"],
                check=True,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            times.append((time.perf_counter() - started) * 1000)
        cells.append(statistics.median(times) / baseline)
        print(f"{people:>8}" + "".join(f"{c:>9.1f}x" for c in cells), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="runs per measurement")
    parser.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="NAME=EXE",
        help="another advisors executable to measure side by side",
    )
    parser.add_argument("--write", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument(
        "--imports",
        action="store_true",
        help="only time the import of a 5,000-card vCard and a 20,000-event calendar",
    )
    parser.add_argument(
        "--report",
        action="store_true",
        help="only time the HTML report of 200 people over ten years",
    )
    parser.add_argument(
        "--encrypted",
        action="store_true",
        help="only time every everyday command on an encrypted board beside the plain one",
    )
    parser.add_argument(
        "--growth",
        action="store_true",
        help="also time import of 20,000 people, and due, list, log and add at 20 to 20,000 people",
    )
    args = parser.parse_args()
    if args.write:
        mixed = "mixed" in args.write[3:]
        prospects = int(args.write[4]) if args.write[3:4] == ["prospects"] else 0
        write_board(Path(args.write[0]), int(args.write[1]), int(args.write[2]), mixed, prospects)
        return
    here = shutil.which("advisors", path=str(Path(sys.executable).parent))
    if not here:
        raise SystemExit("advisors is not installed next to this Python")
    installs = [("this", here), *(tuple(c.split("=", 1)) for c in args.compare)]
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("FORCE_COLOR", "NO_COLOR", "COLUMNS", "ADVISORS_DB")
    }
    env["ADVISORS_CONFIG"] = os.devnull
    if args.report:
        with tempfile.TemporaryDirectory() as tmp:
            baseline, _ = measure([sys.executable, "-c", "pass"], args.runs, env)
            print(f"python -c pass: {baseline:.1f} ms")
            report_cost(Path(tmp), here, env, baseline, min(args.runs, 3))
        return
    if args.encrypted:
        with tempfile.TemporaryDirectory() as tmp:
            baseline, _ = measure([sys.executable, "-c", "pass"], args.runs, env)
            print(f"python -c pass: {baseline:.1f} ms")
            encrypted_cost(Path(tmp), here, env, baseline, args.runs)
        return
    if args.imports:
        with tempfile.TemporaryDirectory() as tmp:
            baseline, _ = measure([sys.executable, "-c", "pass"], args.runs, env)
            print(f"python -c pass: {baseline:.1f} ms")
            address_book_cost(Path(tmp), here, env, baseline, min(args.runs, 3))
        return
    with tempfile.TemporaryDirectory() as tmp:
        print("writing and migrating the boards...", file=sys.stderr)
        tables = {}
        for name, exe in installs:
            b = boards(Path(tmp) / name, exe, env)
            tables[name] = rows(exe, b)
            if name == "this":
                boards_here = b
        baseline, base_rss = measure([sys.executable, "-c", "pass"], args.runs, env)
        print(
            f"python -c pass: {baseline:.1f} ms, {base_rss:.1f} MiB; {args.runs} runs each; "
            "ratios are median wall time over python -c pass"
        )
        header = f"{'what':38}" + "".join(f" {name:>18}" for name, _ in installs)
        print(header)
        results: dict[str, list[tuple[float, float]]] = {}
        for index in range(len(tables["this"])):
            label = tables["this"][index][0]
            for name, _exe in installs:
                _l, command, terminal, before = tables[name][index]
                results.setdefault(label, []).append(
                    measure(command, args.runs, env, terminal=terminal, before=before)
                )
            cells = "".join(
                f" {ms / baseline:5.1f}x {ms:5.0f}ms {rss:3.0f}M" for ms, rss in results[label]
            )
            print(f"{label:38}{cells}", flush=True)
        read_everything(boards_here, here, env, baseline, min(args.runs, 3))
        for name, _exe in installs:
            cost = undo_cost(Path(tmp) / name / "100k" / "advisors.json")
            if cost:
                print(f"{name}: {cost}")
        print(backup_cost(Path(tmp) / "this" / "100k" / "advisors.json", here, env))
        address_book_cost(Path(tmp), here, env, baseline, min(args.runs, 3))
        report_cost(Path(tmp), here, env, baseline, min(args.runs, 3))
        if args.growth:
            import_cost(Path(tmp), here, env, baseline)
            growth(Path(tmp), here, args.runs, env, baseline)
        for name, _exe in installs:
            at = {
                label: values[[n for n, _ in installs].index(name)][0]
                for label, values in results.items()
            }
            first = at["log, first change of the day, 100k"] / at["log, into 100k talks"]
            grows = [
                at[f"{what}, 100k talks"] / at[f"{what}, 1k talks"]
                for what in ("history --limit 5", "show", "prep")
            ]
            print(
                f"{name}: first change of the day {first:.2f}x a later one; history, show, "
                f"prep at 100k over 1k: {', '.join(f'{g:.2f}x' for g in grows)}"
            )


if __name__ == "__main__":
    main()
