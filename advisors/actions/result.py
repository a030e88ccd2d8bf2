"""What every action returns: a typed result that renders itself once.

A result holds the data a user sees. ``render`` chooses the form once: one
JSON document (``--json``), or words, which ``views.console`` prints as Rich
on a terminal and as plain text when piped. The words of each result are in
``views/``; a result calls its view, never the reverse.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# Asks the user before a change that deletes something: (question, what to
# say instead when nobody can answer). Raises to cancel.
Confirm = Callable[[str, str], None]


class Result:
    """Base of every action's result."""

    exit_code: int = 0  # 1 for "needs attention" (remind --exit-code, doctor)

    def render(self, as_json: bool = False) -> None:
        if as_json:
            from advisors.views.console import emit_json

            emit_json(self.as_json())
        else:
            self.show()

    def as_json(self) -> Any:
        """The JSON document (PRODUCT.md's shapes); keys are added, never renamed."""
        raise NotImplementedError(f"{type(self).__name__} has no JSON form")

    def show(self) -> None:
        """The words, through a view."""
        raise NotImplementedError


class Said(Result):
    """A change described in one sentence (or a few): 'Archived Ana Lopez.'"""

    def __init__(self, *lines: str, record: Any = None) -> None:
        self.lines = list(lines)
        self.record = record  # what the change made or changed, for the API

    def show(self) -> None:
        from advisors.views.console import out

        for line in self.lines:
            out(line)

    def as_json(self) -> Any:
        return {"said": self.lines}
