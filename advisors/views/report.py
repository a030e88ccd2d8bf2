"""``advisors report`` as one HTML page: the figures drawn as inline SVG from
the report's data (``board.portrait``), laid out by one Jinja2 template
(``report.html.j2``), with no script and nothing fetched.

Every figure is a list of plain shapes (rect, path, line, circle, text)
worked out here, so the template only writes them; each has a title, a
description and a caption that says what to notice. Colour is never the only
carrier: late and due weeks are hatched and dotted, what you received is
hatched and what you gave solid, counts are written beside their bars.
Jinja2 (not a charting library) was chosen by measurement: see
``pyproject.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from advisors.board.portrait import BEFORE, DUE, LATE, Portrait, Row
from advisors.cadence import cadence_span
from advisors.names import spoken
from advisors.views.brief import brief_lines

WIDTH = 900  # every figure's width in SVG units; the page scales it
LABEL = 180  # the column of names
ROW = 16  # a person's row in the rhythm
ROWS_PER_FIGURE = 30  # a rhythm figure holds this many rows, so print cuts none
BAR = 18


@dataclass
class Figure:
    id: str
    title: str  # what it is (the SVG's title)
    caption: str  # what to notice
    description: str  # the text alternative: what it shows, in words
    height: float
    shapes: list[dict[str, Any]] = field(default_factory=list)
    width: int = WIDTH

    def rect(self, x: float, y: float, w: float, h: float, cls: str, label: str = "") -> None:
        self.shapes.append(
            {"kind": "rect", "x": x, "y": y, "w": max(w, 0), "h": h, "cls": cls, "label": label}
        )

    def path(self, d: str, cls: str) -> None:
        if d:
            self.shapes.append({"kind": "path", "d": d, "cls": cls})

    def line(self, x1: float, y1: float, x2: float, y2: float, cls: str) -> None:
        self.shapes.append({"kind": "line", "x1": x1, "y1": y1, "x2": x2, "y2": y2, "cls": cls})

    def circle(self, x: float, y: float, r: float, cls: str, label: str = "") -> None:
        self.shapes.append({"kind": "circle", "x": x, "y": y, "r": r, "cls": cls, "label": label})

    def text(
        self,
        x: float,
        y: float,
        words: str,
        cls: str = "",
        *,
        anchor: str = "start",
        href: str = "",
    ) -> None:
        self.shapes.append(
            {
                "kind": "text",
                "x": x,
                "y": y,
                "text": words,
                "cls": cls,
                "anchor": anchor,
                "href": href,
            }
        )

    def time_line(self, start: date, end: date, empty: str | None = None) -> None:
        """The axis of a time line, today at the left and ``end`` at the
        right; ``empty`` is said in the figure when nothing is on it."""
        self.text(LABEL, 14, f"today, {start}", "axis")
        self.text(WIDTH - 20, 14, str(end), "axis", anchor="end")
        if empty:
            self.text(LABEL, 37, empty, "axis")

    def beside(self, x: float, y: float, label: str, room: float) -> None:
        """A mark's label on its right, or on its left where the right edge
        is nearer than ``room``."""
        if x > WIDTH - room:
            self.text(x - 10, y, label, anchor="end")
        else:
            self.text(x + 10, y, label)


def _n(value: float) -> str:
    """A coordinate, short: the file stays small at 200 people."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _fit(text: str, most: int = 28) -> str:
    """A label that fits the column of names (the whole of it in the brief)."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def _some(names: list[str], most: int = 6) -> str:
    """Names in a sentence, the first few of many: "A, B and 93 more"."""
    if len(names) <= most:
        return spoken(names)
    return f"{', '.join(names[:most])} and {len(names) - most} more"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


# The rhythm ----------------------------------------------------------------------


def rhythm_figures(p: Portrait) -> list[Figure]:
    rows = p.rows
    if not rows:
        return []
    cells = len(rows[0].cells)
    weekly = (rows[0].cells[0].end - rows[0].cells[0].start).days == 6
    grid = WIDTH - LABEL - 110
    step = grid / cells
    late = [r.person.name for r in rows if r.cells[-1].state == LATE]
    caption = f"Late now: {_some(late)}." if late else "Nobody is past the latest they let go by."
    quiet = max(rows, key=lambda r: (r.late, -r.talks))
    if quiet.late:
        unit = "week" if weekly else "month"
        caption += f" Most often late: {quiet.person.name}, {quiet.late} of {_plural(cells, unit)}."
    figures = []
    for first in range(0, len(rows), ROWS_PER_FIGURE):
        chunk = rows[first : first + ROWS_PER_FIGURE]
        part = f" ({first + 1} to {first + len(chunk)})" if len(rows) > ROWS_PER_FIGURE else ""
        figure = Figure(
            id=f"rhythm-{first // ROWS_PER_FIGURE + 1}",
            title=f"Rhythm of each relationship{part}",
            caption=caption if first == 0 else "Continued.",
            description=(
                f"One row per person, one cell per {'week' if weekly else 'month'} of the last "
                f"{_plural(p.months, 'month')}: a square where you talked (darker: more often), "
                "dots where they were due, hatching where they were late; the bars on the "
                "right measure their rhythm (solid) and the latest you let go by (dashed)."
            ),
            height=24 + ROW * len(chunk) + 8,
        )
        _month_marks(figure, rows[0], step)
        for index, row in enumerate(chunk):
            _rhythm_row(figure, row, 24 + index * ROW, step, weekly)
        figures.append(figure)
    return figures


def _month_marks(figure: Figure, row: Row, step: float) -> None:
    """A label at the first cell of each month (of each year, when many)."""
    many = len(row.cells) > 60
    seen = None
    for index, cell in enumerate(row.cells):
        key = cell.end.year if many else (cell.end.year, cell.end.month)
        if key != seen:
            seen = key
            label = f"{cell.end:%Y}" if many else f"{cell.end:%b}"
            figure.text(LABEL + index * step, 14, label, "axis")


def _rhythm_row(figure: Figure, row: Row, y: float, step: float, weekly: bool) -> None:
    figure.text(
        LABEL - 8, y + 12, _fit(row.person.name), "name", anchor="end", href=f"#p-{row.person.id}"
    )
    # runs of one state as one rect each: late hatched, due dotted
    start = 0
    cells = row.cells
    for index in range(1, len(cells) + 1):
        if index == len(cells) or cells[index].state != cells[start].state:
            state = cells[start].state
            if state in (DUE, LATE):
                figure.rect(LABEL + start * step, y + 1, (index - start) * step, ROW - 2, state)
            elif state == BEFORE:
                pass
            else:
                figure.rect(LABEL + start * step, y + 1, (index - start) * step, ROW - 2, "ok")
            start = index
    # the talks: a square per cell, one path per shade
    paths: dict[str, list[str]] = {"t1": [], "t2": [], "t3": []}
    side = max(min(step - 1, ROW - 4), 1.5)
    for index, cell in enumerate(cells):
        if cell.talks:
            shade = "t1" if cell.talks == 1 else "t2" if cell.talks == 2 else "t3"
            x = LABEL + index * step + (step - side) / 2
            paths[shade].append(
                f"M{_n(x)} {_n(y + (ROW - side) / 2)}h{_n(side)}v{_n(side)}h-{_n(side)}z"
            )
    for shade, parts in paths.items():
        figure.path("".join(parts), shade)
    # the rhythm and the latest, to scale with the cells
    per_cell = 7 if weekly else 30.4
    x0 = WIDTH - 104
    ideal = min(row.ideal / per_cell * step, 100)
    latest = min(row.latest / per_cell * step, 100)
    figure.line(x0, y + 8, x0 + ideal, y + 8, "ideal")
    if latest > ideal:
        figure.line(x0 + ideal, y + 8, x0 + latest, y + 8, "latest")


# Areas ------------------------------------------------------------------------------


def areas_figure(p: Portrait) -> Figure:
    empty = [a.area for a in p.areas if not a.people]
    most = max((len(a.people) for a in p.areas), default=0) or 1
    figure = Figure(
        id="areas",
        title="Areas of your life against your advisors",
        caption=(
            f"Nobody covers {_some(empty)}." if empty else "Every area has at least one advisor."
        ),
        description="One bar per area, as long as the number of active advisors who cover it, "
        "with their names; an area with nobody is hatched.",
        height=8 + BAR * 1.4 * len(p.areas),
    )
    for index, area in enumerate(p.areas):
        y = 8 + index * BAR * 1.4
        figure.text(LABEL - 8, y + 13, _fit(area.area), "name", anchor="end")
        if not area.people:
            figure.rect(LABEL, y, 200, BAR, "late")
            figure.text(LABEL + 208, y + 13, "nobody", "warn")
            continue
        length = 200 * len(area.people) / most
        figure.rect(LABEL, y, length, BAR, "given")
        names = [a.name for a in area.people]
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        figure.text(LABEL + length + 8, y + 13, f"{len(names)}: {shown}")
    return figure


# Give and take -------------------------------------------------------------------


def give_take_figure(p: Portrait) -> Figure:
    found = p.exchanges
    takers = [e.person.name for e in found if e.only_taken]
    figure = Figure(
        id="give-take",
        title="Give and take with each person over the last year",
        caption=(
            f"You have only taken from {_some(takers)} this year."
            if takers
            else "Nobody you only take from this year."
            if found
            else "Nothing given or received in the last year yet."
        ),
        description="One row per person: what they gave you (advice) to the left, hatched; "
        "what you gave them (gives and advice) to the right, solid; counts beside the bars.",
        height=28 + BAR * 1.3 * max(len(found), 1),
    )
    middle = LABEL + (WIDTH - LABEL) / 2
    most = max([1] + [max(e.given_year, e.received_year) for e in found])
    scale = (WIDTH - LABEL) / 2 - 40
    figure.text(middle - 8, 14, "received", "axis", anchor="end")
    figure.text(middle + 8, 14, "given", "axis")
    figure.line(middle, 20, middle, figure.height, "axis-line")
    if not found:
        figure.text(LABEL, 37, "Nothing yet: 'advisors give NAME TEXT' notes what you do.", "axis")
    for index, e in enumerate(found):
        y = 24 + index * BAR * 1.3
        figure.text(
            LABEL - 8, y + 13, _fit(e.person.name), "name", anchor="end", href=f"#p-{e.person.id}"
        )
        got = scale * e.received_year / most
        gave = scale * e.given_year / most
        figure.rect(middle - got, y, got, BAR, "received")
        figure.rect(middle, y, gave, BAR, "given")
        figure.text(middle - got - 6, y + 13, str(e.received_year), anchor="end")
        figure.text(middle + gave + 6, y + 13, str(e.given_year))
    return figure


# Goals on a time line ---------------------------------------------------------


def _day_x(day: date, start: date, end: date) -> float:
    span = max((end - start).days, 1)
    return LABEL + (WIDTH - LABEL - 20) * min(max((day - start).days, 0), span) / span


def goals_figure(p: Portrait) -> Figure:
    dated = [m for m in p.goals if m.target is not None]
    undated = [m for m in p.goals if m.target is None]
    start = p.as_of
    end = max([m.target for m in dated if m.target] + [date.fromordinal(start.toordinal() + 90)])
    past = [m.goal.title for m in dated if m.target and m.target < start]
    nearest = next((m for m in dated if m.target and m.target >= start), None)
    caption = (f"Past their target: {_some(past)}. " if past else "") + (
        f"Next: {nearest.goal.title}, by {nearest.target}."
        if nearest
        else "No goal has a target date to come."
    )
    if undated:
        caption += f" Without a date: {_some([m.goal.title for m in undated])}."
    figure = Figure(
        id="goals",
        title="Goals on a time line",
        caption=caption,
        description=f"Today at the left, {end} at the right; each open goal with a target date "
        "is a dot on its day, with the advisors who help; past targets sit at the left edge, "
        "hatched.",
        height=28 + BAR * 1.4 * max(len(dated), 1),
    )
    figure.time_line(start, end, "No goal has a target date to come." if not dated else None)
    for index, m in enumerate(dated):
        assert m.target is not None
        y = 24 + index * BAR * 1.4
        x = _day_x(m.target, start, end)
        whose = f" ({m.owner}'s)" if m.owner else ""
        figure.text(LABEL - 8, y + 13, _fit(m.goal.title + whose), "name", anchor="end")
        figure.line(LABEL, y + 9, x, y + 9, "axis-line")
        if m.target < start:
            figure.rect(LABEL - 4, y + 2, 8, 14, "late", f"past: {m.target}")
        figure.circle(x, y + 9, 5, "mark", f"{m.goal.title}: by {m.target}")
        helpers = (
            f", with {_some(m.advisors, 3)}"
            if m.advisors
            else ""
            if m.owner
            else ", nobody helps yet"
        )
        label = f"by {m.target}{helpers}"
        figure.beside(x, y + 13, label, 260)
    return figure


# The mix ------------------------------------------------------------------------------


def mix_figure(p: Portrait) -> Figure:
    orgs = p.orgs[:8]
    more = sum(s.count for s in p.orgs[8:])
    groups = [("By org", [(s.value, s.count) for s in orgs] + ([("others", more)] if more else []))]
    groups.append(("By role", [(s.value, s.count) for s in p.roles]))
    height = 8 + sum(22 + BAR * 1.3 * max(len(items), 1) for _title, items in groups)
    figure = Figure(
        id="mix",
        title="The mix of your board",
        caption=" ".join(p.warnings) or "No one org or role holds more than half of your board.",
        description="Bars of how many active people are at each org and have each role, "
        "with the count beside each bar.",
        height=int(height),
    )
    most = max([1] + [n for _t, items in groups for _v, n in items])
    y = 8.0
    for title, items in groups:
        figure.text(0, y + 12, title, "heading")
        y += 22
        if not items:
            figure.text(LABEL, y + 12, "none noted", "axis")
        for value, count in items:
            figure.text(LABEL - 8, y + 13, _fit(value), "name", anchor="end")
            length = 300 * count / most
            figure.rect(LABEL, y, length, BAR, "given")
            figure.text(LABEL + length + 6, y + 13, str(count))
            y += BAR * 1.3
        if not items:
            y += BAR * 1.3
    return figure


# Dates and reviews ---------------------------------------------------------------


def dates_figure(p: Portrait) -> Figure:
    names = {r.person.id: r.person.name for r in p.rows}
    names.update({e.person.id: e.person.name for e in p.exchanges})
    start = p.as_of
    end = date.fromordinal(start.toordinal() + 60)
    first = p.dates[0] if p.dates else None
    figure = Figure(
        id="dates",
        title="Dates coming up in the next 60 days",
        caption=(
            f"Next: {_date_words(first, names)}."
            if first
            else "No birthdays or big days in the next 60 days."
        ),
        description="Today at the left, 60 days ahead at the right; each date that matters "
        "is a dot on its day with its name.",
        height=28 + BAR * 1.3 * max(len(p.dates), 1),
    )
    figure.time_line(start, end, "Nothing in the next 60 days." if not p.dates else None)
    for index, u in enumerate(p.dates):
        y = 24 + index * BAR * 1.3
        x = _day_x(u.day, start, end)
        figure.text(LABEL - 8, y + 13, f"{u.day:%a %d %b}", "name", anchor="end")
        figure.circle(x, y + 9, 5, "mark")
        label = _date_words(u, names)
        figure.beside(x, y + 13, label, 300)
    return figure


def _date_words(u: Any, names: dict[int, str]) -> str:
    who = names.get(u.kept.person, "someone")
    return f"{who}'s {u.kept.label}, {u.day:%d %B}".replace(" 0", " ")


def reviews_figure(p: Portrait) -> Figure:
    marks = p.reviews
    start = p.as_of
    end = max([m.due for m in marks] + [date.fromordinal(start.toordinal() + 180)])
    due = [m.what for m in marks if m.is_due(start)]
    figure = Figure(
        id="reviews",
        title="Agreements and the board review",
        caption=(
            f"Due now: {_some(due)}."
            if due
            else f"Next: {marks[0].what}, {marks[0].due}."
            if marks
            else "No agreement yet: 'advisors agree NAME --ask TEXT' makes one."
        ),
        description="Today at the left; each agreement's review and the board review as a dot "
        "on the day it is due; one due now sits at the left edge, hatched.",
        height=28 + BAR * 1.3 * max(len(marks), 1),
    )
    figure.time_line(start, end, "No agreement and no board yet." if not marks else None)
    for index, m in enumerate(marks):
        y = 24 + index * BAR * 1.3
        href = f"#p-{m.person.id}" if m.person else "#reviews"
        figure.text(LABEL - 8, y + 13, _fit(m.what), "name", anchor="end", href=href)
        x = _day_x(m.due, start, end)
        if m.is_due(start):
            figure.rect(LABEL - 4, y + 2, 8, 14, "late", "due now")
        figure.circle(x, y + 9, 5, "mark")
        since = f", since {m.since}" if m.since else ""
        label = f"due {m.due}{since}"
        figure.beside(x, y + 13, label, 260)
    return figure


# The page -----------------------------------------------------------------------------


def page(p: Portrait) -> str:
    """The whole report as HTML text."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("advisors", "views"),
        autoescape=True,
        finalize=_printable,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["n"] = _n
    template = environment.get_template("report.html.j2")
    late = sum(1 for r in p.rows if r.cells and r.cells[-1].state == LATE)
    sections = [
        ("rhythm", "Rhythm", rhythm_figures(p)),
        ("areas", "Areas of life", [areas_figure(p)]),
        ("give-take", "Give and take", [give_take_figure(p)]),
        ("goals", "Goals", [goals_figure(p)]),
        ("mix", "The mix", [mix_figure(p)]),
        ("dates", "Dates", [dates_figure(p)]),
        ("reviews", "Reviews", [reviews_figure(p)]),
    ]
    people = [
        {
            "id": r.person.id,
            "name": r.person.name,
            "role": r.person.role,
            "every": cadence_span(r.person.cadence),
            "lines": brief_lines(p.briefs[r.person.id], False, 78)[1:],
        }
        for r in p.rows
    ]
    return template.render(
        as_of=p.as_of,
        months=p.months,
        active=len(p.rows),
        late=late,
        sections=[s for s in sections if s[2]],
        people=people,
    )


def _printable(value: Any) -> Any:
    """Every value the page shows, without control characters (a name can't
    ring a bell in a terminal the page is printed to, nor break the markup)."""
    if isinstance(value, str):
        import re

        return re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "", value)
    return value


def said(result: Any) -> None:
    """What ``report`` prints: the page itself (``--output -``), or where it went."""
    from advisors.views import console

    if result.path is None:
        console.raw(result.html.encode("utf-8"))
        return
    size = len(result.html.encode("utf-8"))
    verb = "Replaced" if result.replaced else "Wrote"
    console.out(f"{verb} {result.path} ({size / 1024:,.0f} KB).")
    if result.opened is False:
        console.note(f"advisors: note: no browser to hand it to here; open {result.path} yourself")
    elif result.opened:
        console.out("Opened it in your browser.")
