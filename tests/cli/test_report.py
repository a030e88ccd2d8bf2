"""``advisors report`` (issue "A picture of your board"): one self-contained
HTML page. Today is Wednesday 2026-11-25.

The last test renders the page in headless Chromium (Debian's ``chromium``,
which ``.ci/run`` installs) and is skipped, saying so, where it is absent."""

from __future__ import annotations

import re
import shutil
import stat
import subprocess
from datetime import date
from pathlib import Path

import pytest

from advisors.board.portrait import BEFORE, DUE, LATE, OK, rhythm_rows, spans
from advisors.board.records import Conversation, Person
from tests.conftest import Env, ok, run, run_installed, snapshot

SECTIONS = ("rhythm", "areas", "give-take", "goals", "mix", "dates", "reviews", "people")


@pytest.fixture
def street(board: Env) -> Env:
    """The small board, with a history, the two-way street and dates."""
    for day in ("2026-06-01", "2026-07-01", "2026-09-15", "2026-11-20"):
        ok("log", "ana", "--date", day, "--note", f"talk of {day}")
    ok("log", "bo", "--date", "2026-11-01", "--note", "pricing")
    ok("advice", "add", "ana", "delegate the weekly report", "--date", "2026-10-01")
    ok("give", "bo", "an intro to a sales lead", "--kind", "intro")
    ok("agree", "ana", "--ask", "a monthly call", "--review", "2027-01-10")
    ok("goal", "add", "Lead a team", "--by", "2027-06-30", "--advisor", "ana")
    ok("goal", "add", "Close a deal", "--for", "bo", "--by", "2027-02-01")
    ok("date", "add", "ana", "birthday", "28 Nov")
    ok("edit", "ana", "--org", "Acme")
    return board


def test_the_page_has_every_figure_self_contained_and_private(street: Env) -> None:
    target = street.root / "out" / "report.html"
    said = ok("report", "--output", str(target)).stdout
    assert said.startswith(f"Wrote {target} (") and said.rstrip().endswith("KB).")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    html = target.read_text()
    for section in SECTIONS:
        assert f'<section id="{section}">' in html, section
    assert "<script" not in html and "://" not in html and "@import" not in html
    figures = re.findall(r"<figure id=\"([a-z0-9-]+)-figure\">", html)
    assert figures == ["rhythm-1", "areas", "give-take", "goals", "mix", "dates", "reviews"]
    for name in figures:  # each has a title, a text alternative and a caption
        block = html.split(f'<figure id="{name}-figure">')[1].split("</figure>")[0]
        assert f'aria-labelledby="{name}-title {name}-desc"' in block
        assert re.search(r"<desc id=\"[a-z0-9-]+\">[^<]{40,}</desc>", block), name
        assert re.search(r"<figcaption>[^<]+</figcaption>", block), name
    # names link to a section per person with their prep brief
    assert '<a href="#p-1"><text' in html and '<article id="p-1">' in html
    assert "You ask: a monthly call" in html.split('<article id="p-1">')[1]


def test_captions_say_what_to_notice(street: Env) -> None:
    html = ok("report", "--output", "-").stdout
    captions = dict(
        re.findall(
            r"<figure id=\"([a-z0-9-]+)-figure\">.*?<figcaption>([^<]+)</figcaption>", html, re.S
        )
    )
    assert captions["areas"] == "Nobody covers wellness, spirituality and family."  # Mia is paused
    assert captions["rhythm-1"] == "Late now: Bo Chen. Most often late: Ana Lopez, 15 of 52 weeks."
    assert captions["give-take"] == "You have only taken from Ana Lopez this year."
    assert captions["goals"] == "Next: Close a deal, by 2027-02-01."
    assert captions["dates"] == "Next: Ana Lopez&#39;s birthday, 28 November."
    assert captions["reviews"] == "Next: Agreement with Ana Lopez, 2027-01-10."
    assert "Close a deal (Bo Chen&#39;s)" in html
    assert captions["mix"] == "No one org or role holds more than half of your board."


def test_output_dash_prints_the_page_and_writes_nothing(
    street: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    before = snapshot(street.db)
    result = ok("report", "--output", "-")
    assert result.stdout.startswith("<!doctype html>") and result.stdout.rstrip().endswith(
        "</html>"
    )
    assert list(here.iterdir()) == [] and snapshot(street.db) == before


def test_the_default_file_is_named_by_the_day(
    street: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    ok("report")
    assert (tmp_path / "advisors-report-2026-11-25.html").is_file()
    assert ok("report").stdout.startswith("Replaced advisors-report-2026-11-25.html")
    assert (tmp_path / "advisors-report-2026-08-01.html").exists() is False
    ok("report", "--as-of", "2026-08-01")
    assert (tmp_path / "advisors-report-2026-08-01.html").is_file()


def test_names_and_notes_are_text_never_markup(board: Env) -> None:
    ok("add", '<b>Eve</b> & "co"', "--area", "career")
    ok("log", "eve", "--note", "<script>alert(1)</script>")
    html = ok("report", "--output", "-").stdout
    assert "<b>Eve</b>" not in html and "&lt;b&gt;Eve&lt;/b&gt; &amp; &#34;co&#34;" in html
    assert "<script" not in html and "&lt;script&gt;" in html


def test_mistakes_change_nothing(street: Env) -> None:
    folder = street.root / "a-folder"
    folder.mkdir()
    for args, said in (
        (("--months", "0"), "--months must be at least 1 month"),
        (("--months", "121"), "--months must be at most 120 months"),
        (("--output", str(folder)), "is a folder"),
        (("--as-of", "someday"), "can't read the date"),
    ):
        before = snapshot(street.db)
        result = run("report", *args)
        assert result.exit_code == 2 and said in result.stderr, (args, result.stderr)
        assert result.stderr.count("\n") == 1 and snapshot(street.db) == before
    assert list(folder.iterdir()) == []


def test_open_hands_the_page_to_the_browser(street: Env, tmp_path: Path) -> None:
    seen = tmp_path / "seen"
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\necho "$1" > {seen}\n')
    browser.chmod(0o755)
    target = tmp_path / "r.html"
    done = run_installed("report", "--output", str(target), "--open", env={"BROWSER": str(browser)})
    assert done.returncode == 0, done.stderr
    assert "Opened it in your browser." in done.stdout
    for _ in range(100):  # the browser is started, not waited for
        if seen.exists() and seen.read_text().strip():
            break
        import time

        time.sleep(0.05)
    assert seen.read_text().strip() == target.resolve().as_uri()
    none = run_installed(
        "report", "--output", str(target), "--open", env={"BROWSER": str(tmp_path / "no-such")}
    )
    assert none.returncode == 0 and "no browser to hand it to here" in none.stderr


def test_a_long_window_has_a_cell_a_month(street: Env) -> None:
    html = ok("report", "--months", "36", "--output", "-").stdout
    assert "one cell per month of the last 36 months" in html
    html = ok("report", "--months", "24", "--output", "-").stdout
    assert "one cell per week of the last 24 months" in html


# The rule of each cell, directly -------------------------------------------------


def test_cells_are_weeks_up_to_two_years_then_months() -> None:
    weeks = spans(date(2026, 11, 25), 12)
    assert len(weeks) == 52 and weeks[-1] == (date(2026, 11, 19), date(2026, 11, 25))
    months = spans(date(2026, 11, 25), 36)
    assert len(months) == 36 and months[-1] == (date(2026, 11, 1), date(2026, 11, 25))
    assert months[0] == (date(2023, 12, 1), date(2023, 12, 31))


def test_a_cell_says_where_the_relationship_stood_at_its_end() -> None:
    ana = Person(id=1, name="Ana", cadence="2w", at_most="4w", created="2026-01-01T12:00:00")
    talks = [
        Conversation(people=[1], date="2026-10-01"),
        Conversation(people=[1], date="2026-10-02"),
    ]
    [row] = rhythm_rows([ana], talks, date(2026, 11, 25), 12)
    by_end = {c.end: c for c in row.cells}
    first = by_end[date(2026, 10, 7)]  # the week of 1 to 7 October
    assert (first.talks, first.state) == (2, OK)
    assert by_end[date(2026, 10, 14)].state == OK  # 12 days since
    assert by_end[date(2026, 10, 21)].state == DUE  # 19 days since: past 2 weeks
    assert by_end[date(2026, 10, 28)].state == DUE  # 26 days: not yet past 4 weeks
    assert by_end[date(2026, 11, 4)].state == LATE  # 33 days since: past 4 weeks
    assert row.cells[0].state == BEFORE  # the week ending 3 December 2025: not yet here
    assert by_end[date(2026, 2, 4)].state == LATE  # 34 days after joining, no talk yet
    assert (row.ideal, row.latest, row.talks) == (14, 28, 2)
    late_joiner = Person(id=2, name="Bo", created="2026-11-20T12:00:00")
    [bo] = rhythm_rows([late_joiner], [], date(2026, 11, 25), 12)
    assert [c.state for c in bo.cells[-2:]] == ["", OK]


# In a real browser ----------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _flags() -> list[str]:
    """Chromium's flags for a closed machine, from the script that makes the
    README's picture the same way (one list for both)."""
    import importlib.util

    script = Path(__file__).resolve().parents[2] / "scripts" / "report_picture.py"
    spec = importlib.util.spec_from_file_location("report_picture", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    flags: list[str] = module.FLAGS
    return flags


# Measures every figure once laid out and writes the sizes into the page, for
# --dump-dom to print: added to a copy only (the report itself has no script).
MEASURE = """<script>
document.body.setAttribute("data-sizes", [...document.querySelectorAll("figure svg")]
  .map(s => {
    const r = s.getBoundingClientRect();
    return `${s.parentNode.id}:${r.width}x${r.height}:${s.childElementCount}`;
  })
  .join(" "));
</script></body>"""


@pytest.mark.skipif(
    CHROMIUM is None,
    reason="chromium is not installed: the report's browser check needs Debian's chromium "
    "(.ci/run installs it)",
)
def test_the_page_renders_in_a_real_browser(street: Env, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    ok("report", "--output", str(page))

    def chromium(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(CHROMIUM), *_flags(), f"--user-data-dir={tmp_path / 'profile'}", *args],
            capture_output=True,
            text=True,
            timeout=120,
        )

    shot, blank = tmp_path / "report.png", tmp_path / "blank.png"
    assert (
        chromium("--window-size=1000,1400", f"--screenshot={shot}", page.as_uri()).returncode == 0
    )
    empty = tmp_path / "empty.html"
    empty.write_text("<!doctype html><title>x</title>")
    assert (
        chromium("--window-size=1000,1400", f"--screenshot={blank}", empty.as_uri()).returncode == 0
    )
    assert shot.stat().st_size > 10 * blank.stat().st_size  # not blank: far more than nothing
    measured = tmp_path / "measured.html"
    measured.write_text(page.read_text().replace("</body>", MEASURE))
    dom = chromium("--window-size=1000,1400", "--dump-dom", measured.as_uri()).stdout
    sizes = re.search(r'data-sizes="([^"]+)"', dom)
    assert sizes, dom[:300]
    found = [s.split(":") for s in sizes[1].split()]
    assert [name for name, _size, _n in found] == [
        "rhythm-1-figure",
        "areas-figure",
        "give-take-figure",
        "goals-figure",
        "mix-figure",
        "dates-figure",
        "reviews-figure",
    ]
    for name, size, shapes in found:
        width, height = (float(v) for v in size.split("x"))
        assert width > 300 and height > 20 and int(shapes) > 3, (name, size, shapes)
