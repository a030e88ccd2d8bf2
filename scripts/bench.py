"""Measure advisors against the speed and memory goals in PRODUCT.md.

Run it with the Python of the virtual environment advisors is installed in:

    .venv/bin/python scripts/bench.py [--runs 15]

It builds throw-away data files (200 people with 10,000 and with 100,000
conversations), runs the installed ``advisors`` command on them as a user
would, and prints the median wall time and peak memory of each. Nothing is
asserted: these machines are noisy, so the numbers are for people to read.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from advisors.models import Conversation, Person

from advisors.store import DataFile

VIAS = ["call", "video", "in-person", "email", "message"]


def build(path: Path, people: int, talks: int) -> None:
    rng = random.Random(7)
    start = date(2016, 1, 1)
    with DataFile(path).transaction() as data:
        ids = [
            data.insert(
                Person(
                    name=f"Person {i:03d}",
                    areas=["career"],
                    cadence=rng.choice(["2w", "3w", "1m", "6w"]),
                    why="why they matter " * 3,
                )
            ).id
            for i in range(people)
        ]
        for i in range(talks):
            day = start + timedelta(days=i * 3650 // max(talks, 1))
            data.insert(
                Conversation(
                    people=[rng.choice(ids)],
                    date=day.isoformat(),
                    via=rng.choice(VIAS),
                    notes=f"conversation {i}: what we talked about and what I learned " * 2,
                    topics=["career", "feedback"],
                )
            )


def measure(command: list[str], runs: int, env: dict[str, str]) -> tuple[float, float, float]:
    """Median wall time and CPU time (ms), largest peak RSS (MiB) over ``runs``.

    CPU time (user + system) is steadier than wall time on a busy machine.
    """
    times, cpu, peaks = [], [], []
    for _ in range(runs):
        started = time.perf_counter()
        child = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env
        )
        _, status, usage = os.wait4(child.pid, 0)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((usage.ru_utime + usage.ru_stime) * 1000)
        peaks.append(usage.ru_maxrss / 1024)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise SystemExit(f"failed ({child.returncode}): {' '.join(command)}")
    return statistics.median(times), statistics.median(cpu), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per measurement")
    parser.add_argument(
        "--build", nargs=3, metavar=("PATH", "PEOPLE", "TALKS"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.build:
        # Built in a child so this process stays small: a child's peak
        # memory would otherwise include the parent's, inherited at fork.
        build(Path(args.build[0]), int(args.build[1]), int(args.build[2]))
        return
    exe = shutil.which("advisors", path=str(Path(sys.executable).parent))
    if not exe:
        raise SystemExit("advisors is not installed next to this Python")
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR",)}
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small" / "advisors.json"
        medium = Path(tmp) / "medium" / "advisors.json"
        large = Path(tmp) / "large" / "advisors.json"
        print("building data files...", file=sys.stderr)
        for path, talks in ((small, 0), (medium, 10_000), (large, 100_000)):
            subprocess.run(
                [sys.executable, __file__, "--build", str(path), "200", str(talks)], check=True
            )
        size = sum(f.stat().st_size for f in large.parent.rglob("*.json"))
        baseline, baseline_cpu, _ = measure([sys.executable, "-c", "pass"], args.runs, env)
        print(f"python -c pass: {baseline:.1f} ms wall, {baseline_cpu:.1f} ms CPU")
        rows = [
            ("advisors --version", [exe, "--version"], None, "8x python"),
            (
                "advisors due, empty board",
                [exe, "--db", str(Path(tmp) / "none.json"), "due"],
                None,
                "8x python",
            ),
            ("advisors where", [exe, "--db", str(small), "where"], None, "8x python"),
            ("advisors list, 200 people", [exe, "--db", str(small), "list"], None, "8x python"),
            ("advisors due, 200 people, 10k talks", [exe, "--db", str(medium), "due"], 150, None),
            ("advisors due, 200 people, 100k talks", [exe, "--db", str(large), "due"], 300, None),
            (
                "advisors due --json, 100k talks",
                [exe, "--db", str(large), "due", "--json"],
                300,
                None,
            ),
            (
                "advisors log, into 100k talks",
                [exe, "--db", str(large), "log", "Person 007", "--note", "bench"],
                300,
                None,
            ),
            (
                "advisors history --limit 5, 100k talks",
                [exe, "--db", str(large), "history", "--limit", "5"],
                None,
                None,
            ),
        ]
        print(f"runs per line: {args.runs}; 100k-talk log on disk: {size / 2**20:.1f} MiB")
        print(f"{'what':42} {'median':>9} {'target':>9} {'x pass':>7} {'CPU':>9} {'peak RSS':>9}")
        for label, command, target_ms, relative in rows:
            median, cpu, peak = measure(command, args.runs, env)
            if relative:
                target = f"{8 * baseline:.0f} ms"
            elif target_ms:
                target = f"{target_ms} ms"
            else:
                target = "-"
            print(
                f"{label:42} {median:7.1f} ms {target:>9} {median / baseline:6.1f}x "
                f"{cpu:6.1f} ms {peak:6.1f} MiB"
            )


if __name__ == "__main__":
    main()
