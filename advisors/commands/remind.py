"""The weekly digest for cron (`remind`) and the crontab line (`cron`)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from advisors import render
from advisors.cadence import cadence_words
from advisors.commands.common import AsOfOpt, WithinOpt, as_of_date, soon_window
from advisors.commands.due import standing_json
from advisors.dates import WEEKDAYS, days_words, relative_words
from advisors.digest import Digest, build_digest
from advisors.errors import UsageProblem
from advisors.models import Advice, Goal, Person, Todo
from advisors.session import current

app = typer.Typer()

FORMATS = ("text", "markdown", "json")
CRON_MARK = "# advisors weekly digest"


def _relative(day: str, as_of: date) -> str:
    return relative_words((as_of - date.fromisoformat(day)).days)


def sections(digest: Digest, names: dict[int, str]) -> list[tuple[str, list[str]]]:
    """The digest as titled lists of sentences, empty sections left out."""
    as_of = digest.as_of
    window = "this week" if digest.within == 7 else f"in the next {days_words(digest.within)}"
    reconnect = []
    for s in digest.reconnect:
        rhythm = cadence_words(s.person.cadence)
        if s.last_contact is None:
            reconnect.append(f"Time to reach out to {s.person.name}: you haven't "
                             f"talked yet (you aim for {rhythm}).")
        else:
            reconnect.append(f"Time to reconnect with {s.person.name}: "
                             f"{days_words(s.days_since or 0)}, you aim for {rhythm}.")
    soon = [f"{s.person.name}: due {s.next_due} ({_relative(s.next_due.isoformat(), as_of)})."
            for s in digest.due_soon]
    mine = [
        f"{t.text}" + (f" (for {names[t.person]})" if t.person in names else "")
        + f": due {t.due}, {_relative(t.due or '', as_of)}."
        for t in digest.my_todos
    ]
    waiting = [
        f"{t.text}, from {names.get(t.person or 0, 'someone')}"
        + (f": due {t.due}, {_relative(t.due, as_of)}." if t.due
           else f" (asked {t.created[:10]})." if t.created else ".")
        for t in digest.waiting
    ]
    advice = [f"Decide on {names.get(a.person, 'their')}'s advice: {a.text}"
              f" (given {a.given})." for a in digest.to_decide]
    advice += [f"Tell {names.get(a.person, 'them')} how it went: {a.text}"
               + (f" ({a.outcome})." if a.outcome else ".") for a in digest.to_report]
    goals = [f"{g.title}: target {g.target} ({_relative(g.target or '', as_of)})."
             for g in digest.goals]
    gaps = [f"No active advisor for {gap.area} (goal: {', '.join(gap.goals)})."
            for gap in digest.gaps]
    found = [
        ("People to reconnect with", reconnect),
        (f"Due {window}", soon),
        ("Your follow-ups", mine),
        ("Waiting on others", waiting),
        ("Advice", advice),
        ("Goals coming up", goals),
        ("Board gaps", gaps),
    ]
    return [(title, items) for title, items in found if items]


def digest_json(digest: Digest, names: dict[int, str]) -> dict[str, Any]:
    def todo(t: Todo) -> dict[str, Any]:
        return {"id": t.id, "text": t.text, "person": names.get(t.person or 0),
                "due": t.due}

    def advice(a: Advice) -> dict[str, Any]:
        return {"id": a.id, "text": a.text, "person": names.get(a.person),
                "given": a.given, "decision": a.decision, "outcome": a.outcome}

    return {
        "as_of": digest.as_of.isoformat(),
        "within": digest.within,
        "needs_attention": digest.needs_attention,
        "reconnect": [standing_json(s) for s in digest.reconnect],
        "due_soon": [standing_json(s) for s in digest.due_soon],
        "my_todos": [todo(t) for t in digest.my_todos],
        "waiting": [todo(t) for t in digest.waiting],
        "advice_to_decide": [advice(a) for a in digest.to_decide],
        "advice_to_report": [advice(a) for a in digest.to_report],
        "goals": [{"id": g.id, "title": g.title, "target": g.target} for g in digest.goals],
        "gaps": [{"area": gap.area, "goals": gap.goals} for gap in digest.gaps],
    }


def text_lines(parts: list[tuple[str, list[str]]], as_of: date, width: int = 80) -> list[str]:
    """Plain text for an e-mail: no escape codes, no boxes, lines <= width."""
    import textwrap

    lines = [f"Your board of advisors, {as_of:%A %d %B %Y}"]
    for title, items in parts:
        lines += ["", title]
        for item in items:
            lines += textwrap.wrap(item, width, initial_indent="  - ",
                                   subsequent_indent="    ", break_on_hyphens=False)
    return lines


def markdown_lines(parts: list[tuple[str, list[str]]], as_of: date) -> list[str]:
    lines = [f"# Your board of advisors, {as_of.isoformat()}"]
    for title, items in parts:
        lines += ["", f"## {title}", ""]
        lines += [f"- {item}" for item in items]
    return lines


@app.command()
def remind(
    as_of: AsOfOpt = None,
    within: WithinOpt = None,
    output: Annotated[str, typer.Option(
        "--format", metavar="FORMAT",
        help="text (plain, for e-mail), markdown, or json (always printed).")] = "text",
    exit_code: Annotated[bool, typer.Option(
        "--exit-code", help="Exit 1 when something needs attention (for scripts).")] = False,
    always: Annotated[bool, typer.Option(
        "--always", help="Say 'all caught up' instead of printing nothing.")] = False,
) -> None:
    """The digest for cron: who to reconnect with, follow-ups, advice, goals.

    Prints nothing when nothing needs attention, so cron sends no empty mail.
    """
    session = current()
    style = output.strip().lower()
    if style not in FORMATS:
        raise UsageProblem(f"unknown --format {output!r}: choose text, markdown or json")
    day = as_of_date(as_of, session.today())
    window = soon_window(within, session.config)
    data = session.read()
    people = data.all(Person)
    names = {p.id: p.name for p in people}
    digest = build_digest(people, data.all(Todo), data.all(Advice), data.all(Goal), day,
                          within=window)
    if style == "json":
        render.emit_json(digest_json(digest, names))
    elif digest.needs_attention:
        parts = sections(digest, names)
        lines = markdown_lines(parts, day) if style == "markdown" else text_lines(parts, day)
        for line in lines:
            render.out(line)
    elif always:
        render.out("All caught up: nobody to reconnect with and nothing waiting on you.")
    if exit_code and digest.needs_attention:
        raise typer.Exit(1)


# cron ---------------------------------------------------------------------


def _cron_quote(text: str) -> str:
    """Quote for /bin/sh; escape % which cron turns into a newline."""
    return shlex.quote(text).replace("%", "\\%")


def executable() -> list[str]:
    """The absolute command that runs this advisors, for cron's bare PATH."""
    beside = Path(sys.executable).parent / "advisors"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside.absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "advisors"]


def cron_line(day: str, time: str, db: Path) -> str:
    word = day.strip().lower()
    if word == "daily":
        weekday = "*"
    elif word in WEEKDAYS:
        weekday = str((WEEKDAYS[word] + 1) % 7)  # cron counts from Sunday = 0
    else:
        raise UsageProblem(f"unknown --day {day!r}: use mon, tue, ... sun, or daily")
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", time.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise UsageProblem(f"--time {time!r} should be HH:MM, like 08:00")
    command = " ".join(_cron_quote(part) for part in
                       [*executable(), "--db", str(db), "remind", "--format", "text"])
    return f"{int(match[2])} {int(match[1])} * * {weekday} {command} {CRON_MARK}"


def _crontab(args: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    import subprocess

    program = shutil.which("crontab")
    if program is None:
        raise UsageProblem(
            "there is no 'crontab' command here: add the line printed by "
            "'advisors cron' by hand, or use a systemd timer (see the README)"
        )
    done = subprocess.run([program, *args], input=stdin, capture_output=True, text=True,
                          check=False)
    return done.returncode, done.stdout, done.stderr


def _current_table() -> list[str]:
    code, out, err = _crontab(["-l"])
    if code != 0:
        if "no crontab" in err.lower():
            return []
        raise UsageProblem(f"'crontab -l' failed: {err.strip() or code}")
    return out.splitlines()


def _write_table(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n" if lines else ""
    code, _out, err = _crontab(["-"], stdin=text)
    if code != 0:
        raise UsageProblem(f"'crontab -' failed: {err.strip() or code}")


@app.command()
def cron(
    day: Annotated[str, typer.Option(
        "--day", help="Day of the week to send the digest (mon ... sun, or daily).")] = "mon",
    time: Annotated[str, typer.Option(
        "--time", metavar="HH:MM", help="Time of day, 24-hour clock.")] = "08:00",
    install: Annotated[bool, typer.Option(
        "--install", help="Add the line to your crontab (replacing an older one of ours).")]
    = False,
    remove: Annotated[bool, typer.Option(
        "--remove", help="Take our line out of your crontab.")] = False,
) -> None:
    """Print a crontab line that mails you the digest weekly (or install it)."""
    if install and remove:
        raise UsageProblem("choose one of --install and --remove")
    session = current()
    line = cron_line(day, time, session.path)
    if not install and not remove:
        render.out(line)
        render.err("Add it with 'advisors cron --install', or paste it into 'crontab -e'.")
        return
    table = _current_table()
    kept = [entry for entry in table if not entry.rstrip().endswith(CRON_MARK)]
    if remove:
        if len(kept) == len(table):
            render.err("There was no advisors line in your crontab.")
            return
        _write_table(kept)
        render.out("Removed the advisors line from your crontab.")
        return
    _write_table([*kept, line])
    render.out(f"Installed: {line}")
