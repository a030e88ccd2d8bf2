"""Notes written in the user's editor, or read from stdin.

Opening ``$VISUAL`` or ``$EDITOR`` is the one place the program hands the
terminal to another program; what comes back is checked like any text.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from advisors.board.values import check_text
from advisors.errors import Cancelled, UsageProblem

EDITOR_TEMPLATE = """
# Notes on your conversation with {names} ({when}).
# Lines starting with '#' are ignored; an empty note logs nothing.
"""


def stdin_is_terminal() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def edit_note(names: str, when: date, current: str = "") -> str:
    """Open $VISUAL or $EDITOR on a template and return what was written."""
    return edit_text(current + EDITOR_TEMPLATE.format(names=names, when=when.isoformat()))


def edit_text(text: str) -> str:
    """Open $VISUAL or $EDITOR on ``text`` in a private temporary file, and
    return what was written, lines starting with '#' left out."""
    import shlex
    import subprocess
    import tempfile

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        command = shlex.split(editor)
    except ValueError:
        raise UsageProblem(f"can't read $EDITOR ({editor[:40]!r}); fix it or pass --note") from None
    if not command:
        raise UsageProblem("$EDITOR is empty; set it or pass --note")
    # a private folder (0700), in memory where the system keeps one per user
    # ($XDG_RUNTIME_DIR), removed after: the note is in the clear while you write
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    folder = Path(
        tempfile.mkdtemp(
            prefix="advisors-", dir=runtime if runtime and os.path.isdir(runtime) else None
        )
    )
    path = folder / "note.md"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            finished = subprocess.run([*command, str(path)], check=False)
        except FileNotFoundError:
            raise UsageProblem(
                f"can't start the editor {command[0]!r}; set $EDITOR or pass --note"
            ) from None
        except KeyboardInterrupt:
            raise Cancelled("cancelled in the editor; nothing was changed") from None
        if finished.returncode != 0:
            raise Cancelled(
                f"cancelled: the editor exited with status {finished.returncode}; nothing "
                "was changed"
            )
        written = path.read_text(encoding="utf-8", errors="replace")
    finally:
        import shutil

        shutil.rmtree(
            folder, ignore_errors=True
        )  # the note, and any file the editor left beside it
    kept = [line for line in written.splitlines() if not line.lstrip().startswith("#")]
    return "\n".join(kept).strip()


TERMS_TEMPLATE = """ask: {ask}
offer: {offer}
format: {format}
confidential: {confidential}
review: {review}

# Your agreement with {name}, one line each:
#   ask     what you ask of them
#   offer   what you offer back
#   format  how you meet (a call every month, coffee each quarter...)
#   confidential  yes (it stays between you) or no
#   review  when you look at it together again (a date)
# Lines starting with '#' are ignored; a line left empty changes nothing.
"""
TERM_KEYS = ("ask", "offer", "format", "confidential", "review")


def edit_terms(name: str, current: dict[str, str]) -> dict[str, str]:
    """The terms of an agreement as the user writes them in their editor:
    each ``key: value`` line that has a value."""
    text = edit_text(TERMS_TEMPLATE.format(name=name, **{k: current.get(k, "") for k in TERM_KEYS}))
    found = {}
    for line in text.splitlines():
        key, colon, value = line.partition(":")
        key = key.strip().lower()
        if colon and key in TERM_KEYS:
            if value.strip():
                found[key] = value.strip()
        elif line.strip():
            raise UsageProblem(
                f"can't read the line {line.strip()[:40]!r}: write 'ask: ...', 'offer: ...', "
                "'format: ...', 'confidential: yes' or 'review: DATE'"
            )
    changed = {k: v for k, v in found.items() if v != current.get(k, "")}
    if not changed:
        raise Cancelled("cancelled: the agreement is as it was; nothing was changed")
    return changed


def read_note(
    note: str | None,
    names: str,
    day: date,
    *,
    current: str = "",
    verb: str = "logged",
    allow_empty: bool = False,
) -> str:
    """The note from --note, stdin (``-``) or the editor on a terminal. One
    rule for an empty note, however it comes: refused unless
    ``allow_empty`` (none given off a terminal is no note, not an empty one)."""
    if note == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
        if isinstance(data, bytes):
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError:
                raise UsageProblem("the note on stdin is not UTF-8 text") from None
        return _given(data, "the note on stdin is empty", verb, allow_empty)
    if note is not None:
        return _given(note, "--note is empty", verb, allow_empty)
    if stdin_is_terminal():
        text = edit_note(names, day, current)
        if not text and not allow_empty:
            raise Cancelled(f"cancelled: empty note; nothing was {verb} (--allow-empty to log one)")
        return check_text("note", text) or ""
    return ""


def _given(text: str, empty: str, verb: str, allow_empty: bool) -> str:
    found = check_text("note", text) or ""
    if not found.strip() and not allow_empty:
        raise UsageProblem(f"{empty}; nothing was {verb} (--allow-empty to log it without one)")
    return found if found.strip() else ""
