"""``report``: one self-contained HTML page of the board, to look at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from advisors.actions.board import Board
from advisors.actions.exporting import deliver
from advisors.actions.result import Result
from advisors.board.portrait import portrait
from advisors.errors import UsageProblem


@dataclass
class Reported(Result):
    html: str  # the page
    path: Path | None = None  # where it was written (None: printed)
    replaced: bool = False
    opened: bool | None = None  # handed to a browser (None: not asked)

    def as_json(self) -> Any:
        return {
            "path": str(self.path) if self.path else None,
            "bytes": len(self.html.encode("utf-8")),
            "opened": self.opened,
        }

    def show(self) -> None:
        from advisors.views import report

        report.said(self)


def report(
    board: Board,
    *,
    months: int = 12,
    as_of: date | None = None,
    output: Path | None = None,
    open_it: bool = False,
    plain: bool = False,
) -> Reported:
    """The board as one HTML page (inline SVG and CSS, no script, nothing
    fetched): written to ``output`` (default ``advisors-report-DAY.html``
    here; ``-`` prints it), then, with ``open_it``, handed to the desktop's
    browser. A page a browser shows can't be encrypted: on an encrypted
    board it is written only when ``plain`` says so."""
    from advisors.views.report import page

    day = as_of or board.today()
    data = board.read()
    if data.recipients and not plain:
        raise UsageProblem(
            "the board is encrypted and the page would be in the clear: add --plain to write it"
        )
    people = board.people_as_of(data, day)
    found = portrait(
        data,
        people,
        day,
        months,
        every=board.config.review_every,
        configured=board.config.areas,
        within=board.config.within,
    )
    html = page(found)
    if output is not None and str(output) == "-":
        return Reported(html)
    path = output or Path(f"advisors-report-{day.isoformat()}.html")
    written = deliver(board, path, {"": html.encode("utf-8")}, folder=False)
    opened = None
    if open_it:
        import webbrowser

        opened = webbrowser.open(path.resolve().as_uri())
    return Reported(html, path, bool(written.replaced), opened)
