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

import contextlib
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

STATE_STYLES = {
    "overdue": "bold red",
    "never": "bold magenta",
    "soon": "yellow",
    "due": "bold yellow",
    "ok": "green",
    "paused": "dim",
    "prospect": "cyan",
}


@dataclass
class Column:
    header: str
    justify: str = "left"
    # Text people read (a follow-up, a goal's title): wraps onto more lines
    # when the screen is narrow, down to ``min_width``, and is never cut.
    wrap: bool = False
    min_width: int = 12
    # Columns that may be left out on a narrow screen, the highest first.
    # Names, dates and states are neither cut nor left out.
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


def is_terminal() -> bool:
    """Does stdout go to a terminal (whatever the colours)?"""
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


def para(text: str, hang: int = 4) -> None:
    """A line of the result that may be long: on a terminal, wrapped between
    words to the screen, later lines indented by ``hang``; piped or under
    cron, one line, so that each record stays one line for grep."""
    if not use_rich():
        out(text)
        return
    import textwrap

    lines = textwrap.wrap(
        printable(text), width(), subsequent_indent=" " * hang, break_on_hyphens=False
    )
    sys.stdout.write("\n".join(lines or [""]) + "\n")


def is_stdout(path: Any) -> bool:
    """Is ``path`` where stdout goes (``/dev/stdout``, say)?"""
    try:
        return os.path.samestat(os.stat(path), os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError, AttributeError):
        return False


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
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()  # what was said before stays before, even when piped together
    sys.stderr.write(printable(text) + "\n")
    sys.stderr.flush()


def raw(payload: bytes) -> None:
    """Bytes of a file format (a calendar), exactly as they are."""
    sys.stdout.flush()
    sys.stdout.buffer.write(payload)
    sys.stdout.buffer.flush()


def json_text(document: Any) -> str:
    """A document as indented JSON (what ``json.dumps(indent=2,
    ensure_ascii=False)`` writes, several times faster, with less memory)."""
    import orjson

    return orjson.dumps(document, option=orjson.OPT_INDENT_2).decode("utf-8")


def emit_json(document: Any) -> None:
    sys.stdout.write(_json_safe(json_text(document)) + "\n")


def _json_safe(text: str) -> str:
    # C0 controls are escaped already; C1 controls only occur inside strings
    return _C1.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


# The same controls as ``_CONTROL`` and ``_C1``, in UTF-8 bytes: one byte
# below 0x20 or 0x7f, or U+0080 to U+009F (0xC2 then 0x80-0x9F; 0xC2 only
# ever begins a character, so the pair is never part of another one).
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
_C1_BYTES = re.compile(rb"\x7f|\xc2[\x80-\x9f]")


def pieces(payload: bytes | Iterable[bytes], *, json: bool = False) -> None:
    """A file's UTF-8 text (JSON, CSV, Markdown) printed as it is made,
    piece by piece, its control characters shown as ``out`` shows them (in
    JSON, escaped as JSON escapes them). Bytes go out as they are: no
    decoding and encoding again of a long export."""

    def code(found: re.Match[bytes]) -> int:
        return found[0][-1] if len(found[0]) == 2 else found[0][0]

    if json:
        safe = _C1_BYTES.sub
        shown: Callable[[re.Match[bytes]], bytes] = lambda m: b"\\u%04x" % code(m)  # noqa: E731
    else:
        safe = _CONTROL_BYTES.sub
        shown = lambda m: b"\\x%02x" % code(m)  # noqa: E731
    from advisors.store import pieces_of

    sys.stdout.flush()
    out = sys.stdout.buffer
    for piece in pieces_of(payload):
        if json and b"\x7f" not in piece and b"\xc2" not in piece:
            out.write(piece)  # nearly always: two scans in C rather than a pattern
        else:
            out.write(safe(shown, piece))
    out.flush()


def clip(text: str, limit: int) -> str:
    """Cut ``text`` to ``limit`` characters, marking the cut with an ellipsis."""
    text = " ".join(text.splitlines()).replace("\t", " ")
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)] + "…"


def layout(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], total: int, gap: int
) -> tuple[list[int], list[int]]:
    """Which columns to show and how wide, to fit ``total``: optional columns
    go first, then text that wraps gets narrower; names, dates and states keep
    their width (and wrap only if nothing else is left to give)."""
    cells = list(zip(*rows, strict=True)) or [() for _ in columns]  # column by column
    natural = [
        max(len(c.header), max(map(len, cells[i]), default=0)) for i, c in enumerate(columns)
    ]

    # text that wraps is not narrower than its longest word (up to 20)
    words = [
        max([0, *(len(w) for cell in cells[i] for w in cell.split())]) if c.wrap else 0
        for i, c in enumerate(columns)
    ]

    def least(i: int) -> int:
        col = columns[i]
        if not col.wrap:
            return natural[i]
        return min(natural[i], max(col.min_width, len(col.header), min(words[i], 20)))

    keep = list(range(len(columns)))
    droppable = sorted((c.drop, i) for i, c in enumerate(columns) if c.drop)
    while sum(least(i) for i in keep) + gap * (len(keep) - 1) > total and droppable:
        keep.remove(droppable.pop()[1])
    room = total - gap * (len(keep) - 1)
    widths = {i: natural[i] for i in keep}
    if sum(widths.values()) > room:
        # give the text that wraps what is left, the narrowest wants first
        wrapping = sorted((natural[i], i) for i in keep if columns[i].wrap)
        fixed = sum(widths[i] for i in keep if not columns[i].wrap)
        left = room - fixed
        for count, (_want, i) in enumerate(wrapping):
            share = max(left // (len(wrapping) - count), least(i))
            widths[i] = min(natural[i], share)
            left -= widths[i]
        while sum(widths.values()) > room:  # last resort: the widest wraps too
            widest = max(keep, key=lambda i: widths[i])
            if widths[widest] <= max(len(columns[widest].header), 4):
                break
            widths[widest] -= 1
    return keep, [widths[i] for i in keep]


def table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    states: Sequence[str | None] | None = None,
    title: str | None = None,
) -> None:
    """Print a table that fits the screen without cutting what people read:
    on a terminal in Rich's styles (a bold header over a rule, each row in
    the colour of its state), aligned plain text otherwise. The table is laid
    out here and printed as one ``rich.text.Text``: Rich's own table costs a
    third of a run of ``due`` on a terminal (its import and its measuring)."""
    # each cell on one line, its controls shown (a row at a time: 20,000 rows)
    rows = [
        printable("\n".join(" ".join(cell.split()) for cell in row)).split("\n") for row in rows
    ]
    total = width()
    rich = use_rich()
    gap = 3 if rich else 2
    keep, widths = layout(columns, rows, total, gap=gap)
    lines = _aligned([columns[i] for i in keep], widths, gap)
    header = lines([printable(columns[i].header) for i in keep])
    if not rich:
        write = sys.stdout.write  # the cells are printable already (above)
        if title:
            out(title)
        for text in header:
            write(text + "\n")
        for row in rows:
            for text in lines([row[i] for i in keep]):
                write(text + "\n")
        return
    from rich.text import Text

    page = Text()
    if title:
        page.append(printable(title) + "\n", style="bold")
    for text in header:
        page.append(text + "\n", style="bold")
    page.append("─" * (sum(widths) + gap * (len(widths) - 1)) + "\n")
    for index, row in enumerate(rows):
        style = STATE_STYLES.get((states[index] if states else None) or "")
        for text in lines([row[i] for i in keep]):
            page.append(text + "\n", style=style)
    page.rstrip()
    _console().print(page, soft_wrap=True)


def _fold(text: str, width: int) -> list[str]:
    """``text`` in lines of ``width``, broken between words; a word longer
    than a line starts its own and is cut (as Rich folds a cell)."""
    import textwrap

    lines = []
    for line in textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=False):
        lines += [line[i : i + width] for i in range(0, len(line), width)]
    return lines or [""]


def _aligned(
    shown: Sequence[Column], widths: Sequence[int], gap: int
) -> Callable[[Sequence[str]], list[str]]:
    """The lines one row of cells takes: each cell wrapped to its width
    (between words), aligned as its column says, ``gap`` spaces between."""
    right = [col.justify == "right" for col in shown]
    space = " " * gap

    def joined(cells: Sequence[str]) -> str:
        return space.join(
            cell.rjust(w) if r else cell.ljust(w)
            for cell, w, r in zip(cells, widths, right, strict=True)
        ).rstrip()

    def lines(cells: Sequence[str]) -> list[str]:
        if all(len(cell) <= w for cell, w in zip(cells, widths, strict=True)):  # most rows
            return [joined(cells)]
        wrapped = [
            [cell] if len(cell) <= w else _fold(cell, w)
            for cell, w in zip(cells, widths, strict=True)
        ]
        return [
            joined([piece[n] if n < len(piece) else "" for piece in wrapped])
            for n in range(max(map(len, wrapped)))
        ]

    return lines


def fields(pairs: Sequence[tuple[str, str]], *, title: str | None = None) -> None:
    """A record's details as ``label  value`` lines, values wrapped."""
    pairs = [(label, value) for label, value in pairs if value]
    label_width = max((len(label) for label, _ in pairs), default=0)
    import textwrap

    room = max(width() - label_width - 2, 20)
    lines = [
        (label.ljust(label_width) if n == 0 else " " * label_width, piece)
        for label, value in pairs
        for n, piece in enumerate(textwrap.wrap(printable(value), room) or [""])
    ]
    if use_rich():
        from rich.text import Text

        page = Text()
        if title:
            page.append(printable(title) + "\n", style="bold")
        for label, piece in lines:
            page.append(label, style="bold")
            page.append(f"  {piece}\n")
        page.rstrip()
        _console().print(page, soft_wrap=True)
        return
    if title:
        out(title)
    for label, piece in lines:
        out(f"{label}  {piece}")


def highlighted(text: str, spans: Sequence[tuple[int, int]], indent: int = 2) -> None:
    """A line with parts (start, end) shown bold on a terminal (the words a
    search found), wrapped to the screen; plain and whole when piped."""
    if not use_rich():
        out(" " * indent + text)
        return
    from rich.text import Text

    line = Text(" " * indent + printable(text))
    for start, end in spans:
        line.stylize("bold yellow", start + indent, end + indent)
    _console().print(line)


def heading(text: str) -> None:
    if use_rich():
        _console().print(f"\n[bold underline]{_escape(text)}[/]")
    else:
        out("")
        out(text)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(printable(text))
