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
    fd, name = tempfile.mkstemp(prefix="advisors-note-", suffix=".md")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(current + EDITOR_TEMPLATE.format(names=names, when=when.isoformat()))
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
        text = path.read_text(encoding="utf-8", errors="replace")
    finally:
        path.unlink(missing_ok=True)
    kept = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    return "\n".join(kept).strip()


def read_note(
    note: str | None, names: str, day: date, *, current: str = "", verb: str = "logged"
) -> str:
    """The note from --note, stdin (``-``) or the editor on a terminal."""
    if note == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
        if isinstance(data, bytes):
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError:
                raise UsageProblem("the note on stdin is not UTF-8 text") from None
        return check_text("note", data) or ""
    if note is not None:
        return check_text("note", note) or ""
    if stdin_is_terminal():
        text = edit_note(names, day, current)
        if not text:
            raise Cancelled(f"cancelled: empty note; nothing was {verb}")
        return check_text("note", text) or ""
    return ""
