"""The one console writer: every byte the program prints goes through here,
in one of three forms.

- **Rich** on a terminal (or with ``FORCE_COLOR``): tables and colour for
  state. ``NO_COLOR`` keeps the layout and drops the colour.
- **Plain** when piped or under cron: no escape codes, no box drawing, a
  stable column layout that fits ``COLUMNS`` (80 by default).
- **JSON** with ``--json``: one document with ISO dates and stable keys.

What a command was asked for goes to stdout: its data, what it changed,
and, when there is nothing to show, the sentence that says so. Notes beside
the result (tips, warnings) and errors go to stderr, so that under cron
stdout is exactly the report. Rich is imported only when it is used.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

STATE_STYLES = {
    "overdue": "bold red",
    "never": "bold magenta",
    "soon": "yellow",
    "ok": "green",
    "paused": "dim",
    "prospect": "cyan",
}


@dataclass
class Column:
    header: str
    justify: str = "left"
    # Columns that may be cut short when the line is too long, most
    # willing first (a note before a name).
    shrink: int = 0
    min_width: int = 6
    # Columns that may be left out on a narrow terminal, first the highest.
    drop: int = 0


def use_rich() -> bool:
    """Rich on a real terminal, plain text when piped or under cron."""
    if os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def width() -> int:
    try:
        return max(40, int(os.environ["COLUMNS"]))
    except (KeyError, ValueError):
        pass
    if use_rich():
        return shutil.get_terminal_size((80, 24)).columns
    return 80


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, width=width(), highlight=False, soft_wrap=False)


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


_C1 = re.compile(r"[\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` with control characters shown as ``\\x1b``: a name or a note
    must not move the cursor, retitle the terminal or ring the bell."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


def out(text: str = "") -> None:
    """One line (or more) of the result on stdout."""
    sys.stdout.write(printable(text) + "\n")


def note(text: str) -> None:
    """A line beside the result (a tip, a warning): stderr."""
    err(text)


def say(text: str, style: str | None = None) -> None:
    """A line of the result, styled on a terminal: stdout."""
    if use_rich() and style:
        from rich.markup import escape

        _console().print(f"[{style}]{escape(printable(text))}[/]")
    else:
        out(text)


def err(text: str) -> None:
    """One line on stderr."""
    sys.stderr.write(printable(text) + "\n")
    sys.stderr.flush()


def emit_json(document: Any) -> None:
    import json

    text = json.dumps(document, indent=2, ensure_ascii=False)
    # json escapes C0 controls itself; C1 controls only occur inside strings
    sys.stdout.write(_C1.sub(lambda m: f"\\u{ord(m[0]):04x}", text) + "\n")


def clip(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters, marking the cut with an ellipsis."""
    text = " ".join(text.splitlines()).replace("\t", " ")
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)] + "…"


def _plain_widths(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], total: int, *, hard: bool = False
) -> list[int]:
    """Column widths that fit ``total``, cutting the shrinkable columns down
    to their comfortable ``min_width`` (or, when ``hard``, their header)."""
    widths = [
        max([len(col.header), *(len(row[i]) for row in rows)]) for i, col in enumerate(columns)
    ]
    excess = sum(widths) + 2 * (len(widths) - 1) - total
    order = sorted((c.shrink, i) for i, c in enumerate(columns) if c.shrink)
    for _rank, i in reversed(order):
        if excess <= 0:
            break
        floor = (
            len(columns[i].header) if hard else max(columns[i].min_width, len(columns[i].header))
        )
        cut = min(excess, max(widths[i] - floor, 0))
        widths[i] -= cut
        excess -= cut
    return widths


def table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    states: Sequence[str | None] | None = None,
    title: str | None = None,
) -> None:
    """Print a table: Rich on a terminal, aligned plain text otherwise."""
    if use_rich():
        from rich import box
        from rich.table import Table

        grid = Table(
            box=box.SIMPLE_HEAD,
            title=title,
            title_justify="left",
            title_style="bold",
            pad_edge=False,
            show_edge=False,
        )
        for col in columns:
            grid.add_column(
                col.header,
                justify=col.justify,  # type: ignore[arg-type]
                overflow="fold" if not col.shrink else "ellipsis",
                no_wrap=not col.shrink,
            )
        for index, row in enumerate(rows):
            state = states[index] if states else None
            grid.add_row(*map(printable, row), style=STATE_STYLES.get(state or ""))
        _console().print(grid)
        return
    if title:
        out(title)
    total = width()
    keep = list(range(len(columns)))
    widths = _plain_widths(columns, rows, total)
    droppable = sorted((c.drop, i) for i, c in enumerate(columns) if c.drop)
    while sum(widths) + 2 * (len(widths) - 1) > total and droppable:
        keep.remove(droppable.pop()[1])
        widths = _plain_widths(
            [columns[i] for i in keep], [[row[i] for i in keep] for row in rows], total
        )
    shown = [columns[i] for i in keep]
    if sum(widths) + 2 * (len(widths) - 1) > total:
        widths = _plain_widths(shown, [[row[i] for i in keep] for row in rows], total, hard=True)

    def line(cells: Sequence[str]) -> str:
        parts = []
        for cell, col, w in zip(cells, shown, widths, strict=True):
            cell = clip(cell, w)
            parts.append(cell.rjust(w) if col.justify == "right" else cell.ljust(w))
        return clip("  ".join(parts).rstrip(), total)

    out(line([c.header for c in shown]))
    for row in rows:
        out(line([row[i] for i in keep]))


def fields(pairs: Sequence[tuple[str, str]], *, title: str | None = None) -> None:
    """A record's details as ``label  value`` lines, values wrapped."""
    pairs = [(label, value) for label, value in pairs if value]
    label_width = max((len(label) for label, _ in pairs), default=0)
    if use_rich():
        from rich.table import Table

        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for label, value in pairs:
            grid.add_row(label, printable(value))
        console = _console()
        if title:
            console.print(f"[bold]{_escape(title)}[/]")
        console.print(grid)
        return
    import textwrap

    if title:
        out(title)
    room = max(width() - label_width - 2, 20)
    for label, value in pairs:
        lines = textwrap.wrap(value, room) or [""]
        out(f"{label.ljust(label_width)}  {lines[0]}")
        for more in lines[1:]:
            out(f"{'':{label_width}}  {more}")


def heading(text: str) -> None:
    if use_rich():
        _console().print(f"\n[bold underline]{_escape(text)}[/]")
    else:
        out("")
        out(text)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(printable(text))
