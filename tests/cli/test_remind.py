"""The weekly digest (`remind`) and its crontab line (`cron`)."""

from __future__ import annotations

import os
import re
import shlex
import stat
import subprocess
from pathlib import Path

import pytest

from advisors.board.records import Advice, Goal, Owner, Record, Todo
from advisors.store import DataFile
from tests.conftest import Env, ok, run

ANSI = re.compile(r"\x1b\[")
TITLES = [
    "People to reconnect with",
    "Due this week",
    "Your follow-ups",
    "Waiting on others",
    "Advice",
    "Goals coming up",
    "Board gaps",
]


@pytest.fixture
def calm(env: Env) -> Env:
    """Everyone on track, nothing open: the digest must be silent."""
    ok("add", "Ana Lopez", "--area", "career", "--every", "3w")
    ok("log", "ana", "--date", "2026-11-20")
    ok("add", "Raj Patel", "--status", "prospect")
    ok("add", "Mia Wong", "--area", "wellness")
    ok("pause", "mia", "--until", "2027-02-01")
    ok("goal", "add", "Lead a team", "--area", "career", "--by", "2027-06-30")
    return env


def test_silent_when_nothing_needs_attention(calm: Env) -> None:
    result = run("remind")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert run("remind", "--exit-code").exit_code == 0
    assert ok("remind", "--format", "markdown").stdout == ""
    caught_up = ok("remind", "--always").stdout
    assert caught_up.startswith("All caught up")
    document = ok("remind", "--format", "json").json()
    assert document["needs_attention"] is False


def test_not_silent_and_exit_code_when_someone_is_overdue(calm: Env) -> None:
    result = run("remind", "--as-of", "2026-12-20", "--exit-code")
    assert result.exit_code == 1
    assert "Time to reconnect with Ana Lopez: 30 days, you aim for every 3 weeks." in (
        result.stdout
    )
    assert run("remind", "--as-of", "2026-12-20").exit_code == 0  # no --exit-code


def each_section_alone() -> dict[str, tuple[list[str], Record | None]]:
    """For each section, a change to the calm board that fills it alone."""
    return {
        "People to reconnect with": (["--as-of", "2026-12-14"], None),
        "Due this week": (["--as-of", "2026-12-06"], None),
        "Your follow-ups": ([], Todo(text="book the venue", due="2026-11-27")),
        "Waiting on others": ([], Todo(text="intro to Raj", person=1, owner=Owner.THEM)),
        "Advice": ([], Advice(person=1, text="delegate more", given="2026-11-20")),
        "Goals coming up": ([], Goal(title="Ship the talk", area="career", target="2026-12-10")),
        # a new goal's gap shows at once (older ones in the month's first digest)
        "Board gaps": (
            [],
            Goal(title="Sleep better", area="sleep", created="2026-11-25T10:00:00+00:00"),
        ),
    }


@pytest.mark.parametrize("title", TITLES)
def test_each_section_appears_when_and_only_when_it_has_content(calm: Env, title: str) -> None:
    args, record = each_section_alone()[title]
    if record is not None:
        with DataFile(calm.db).transaction() as data:
            data.insert(record)
    out = ok("remind", *args).stdout
    present = [t for t in TITLES if f"\n{t}\n" in out]
    assert present == [title], out


def test_wellness_gap_closes_when_mia_comes_back(calm: Env) -> None:
    ok("goal", "add", "Run a marathon", "--area", "wellness")
    assert "No active advisor for wellness (goal: Run a marathon)." in ok("remind").stdout
    assert "Board gaps" not in ok("remind", "--as-of", "2027-02-01").stdout


def busy_board() -> None:
    ok("add", "Ana Lopez", "--area", "career", "--every", "3w")
    ok("add", "Maximiliana Wolkenstein-Oberhausen de la Vega y Castillo", "--every", "1w")
    ok("advice", "add", "ana", "delegate the weekly report")  # new advice shows at once
    ok(
        "log",
        "ana",
        "--date",
        "2026-09-01",
        "--their-todo",
        "an introduction to someone in the platform team who can help",
    )
    ok(
        "todo",
        "add",
        "send the draft of the proposal that we discussed at length",
        "--due",
        "yesterday",
    )
    ok("goal", "add", "Run a marathon", "--area", "wellness", "--by", "in 2 weeks")


def test_text_is_plain_and_fits_80_columns(env: Env) -> None:
    busy_board()
    out = ok("remind").stdout
    assert not ANSI.search(out)
    assert not re.search(r"[─│╭╮╰╯━┃]", out)
    assert all(len(line) <= 80 for line in out.splitlines()), out
    assert out.startswith("Your board of advisors, Wednesday 25 November 2026\n")
    for title in TITLES:
        if title != "Due this week":
            assert f"\n{title}\n" in out


def test_markdown_has_headings_and_bullets(env: Env) -> None:
    busy_board()
    out = ok("remind", "--format", "markdown").stdout
    assert out.startswith("# Your board of advisors, 2026-11-25\n")
    # each section in date order: the longest overdue first
    assert "\n## People to reconnect with\n\n- Time to reconnect with Ana Lopez: 85 days" in out
    assert "\n- Time to reach out to Maximiliana" in out
    assert "\n## Advice\n\n- Decide on Ana Lopez's advice: delegate the weekly report" in out


def test_json_is_one_document(env: Env) -> None:
    busy_board()
    document = ok("remind", "--format", "json").json()
    assert document["as_of"] == "2026-11-25"
    assert document["needs_attention"] is True
    assert [p["name"] for p in document["reconnect"]] == [  # in date order
        "Ana Lopez",
        "Maximiliana Wolkenstein-Oberhausen de la Vega y Castillo",
    ]
    assert document["gaps"] == [{"area": "wellness", "goals": ["Run a marathon"]}]
    assert document["advice_to_decide"][0]["text"] == "delegate the weekly report"


def test_bad_format_is_a_usage_error(env: Env) -> None:
    result = run("remind", "--format", "html")
    assert result.exit_code == 2
    assert "unknown --format 'html'" in result.stderr


def test_cron_line_runs_under_a_bare_environment(env: Env) -> None:
    ok("add", "Ana Lopez")  # never contacted: due whatever the real date is
    line = ok("cron", "--day", "fri", "--time", "07:30").stdout.strip()
    fields = line.split(None, 5)
    assert fields[:5] == ["30", "7", "*", "*", "5"]
    command = fields[5]
    assert str(env.db) in command
    words = shlex.split(command)
    # the config in use goes with it, so cron's run finds the same config (and key)
    assert words[0] == f"ADVISORS_CONFIG={env.config}"
    assert words[1].startswith("/")
    bare = {"PATH": "/usr/bin:/bin", "HOME": str(env.root)}
    done = subprocess.run(
        ["env", "-i", *[f"{k}={v}" for k, v in bare.items()], "/bin/sh", "-c", command],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "Time to reach out to Ana Lopez" in done.stdout
    assert done.stderr == ""


def test_cron_refuses_bad_days_and_times(env: Env) -> None:
    for args, message in (
        (["--day", "someday"], "unknown --day"),
        (["--time", "25:00"], "should be HH:MM"),
        (["--install", "--remove"], "choose one of"),
    ):
        result = run("cron", *args)
        assert result.exit_code == 2 and message in result.stderr


@pytest.fixture
def fake_crontab(env: Env, monkeypatch) -> Path:
    table = env.root / "crontab.txt"
    bin_dir = env.root / "bin"
    bin_dir.mkdir()
    script = bin_dir / "crontab"
    script.write_text(
        "#!/bin/sh\n"
        f"table='{table}'\n"
        'if [ "$1" = "-l" ]; then\n'
        '  if [ -f "$table" ]; then cat "$table"; else echo "no crontab for you" >&2; exit 1; fi\n'
        'elif [ "$1" = "-" ]; then cat > "$table"\n'
        "else exit 2; fi\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return table


def test_install_twice_keeps_one_line_and_others_survive(fake_crontab: Path) -> None:
    ok("cron", "--install")
    assert len(fake_crontab.read_text().splitlines()) == 1
    fake_crontab.write_text(
        "MAILTO=me@example.org\n" + fake_crontab.read_text() + "15 3 * * * /usr/bin/backup-photos\n"
    )
    ok("cron", "--install", "--day", "tue")
    lines = fake_crontab.read_text().splitlines()
    ours = [line for line in lines if "advisors" in line]
    assert len(ours) == 1 and ours[0].split()[4] == "2"
    assert "MAILTO=me@example.org" in lines
    assert "15 3 * * * /usr/bin/backup-photos" in lines
    ok("cron", "--remove")
    assert fake_crontab.read_text().splitlines() == [
        "MAILTO=me@example.org",
        "15 3 * * * /usr/bin/backup-photos",
    ]
    assert "no advisors line" in ok("cron", "--remove").stderr


def test_install_without_crontab_is_a_clear_error(env: Env, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(env.root / "empty"))
    result = run("cron", "--install")
    assert result.exit_code == 2
    assert "no 'crontab' command" in result.stderr
