"""CSV: ``export`` writes people and conversations for a spreadsheet;
``import`` reads people from one (and updates those already here: a
spreadsheet is the user's own edit).

People come from a spreadsheet with a header row, found under any lines
of notes above it (LinkedIn writes some) and read by the names of its
columns (``formats/columns.py``: LinkedIn's, Google's, Outlook's, a sheet
kept by hand, our own export's; ``--map`` says what the others hold). A
spreadsheet set to a European locale separates columns with ``;`` or a tab.
A row that can't be read is skipped and named; what our export derives from
the log (``id``, ``last_contact``, ``next_due``) is left out.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisors.board.contacts import Contact
from advisors.board.due import next_due
from advisors.board.records import Role, Status, join_list, split_list
from advisors.board.values import MAX_TEXT, check_areas, check_line, check_text, required_text
from advisors.cadence import parse_cadence
from advisors.dates import day_of_year
from advisors.errors import UsageProblem
from advisors.formats import Apply, Context, Everything, columns, read_text

if TYPE_CHECKING:
    from advisors.store import Payload

PEOPLE_COLUMNS = (
    "id",
    "name",
    "role",
    "areas",
    "status",
    "every",
    "email",
    "phone",
    "org",
    "title",
    "url",
    "why",
    "where",
    "need",
    "notes",
    "last_contact",
    "next_due",
    "uid",
)
CONVERSATION_COLUMNS = ("id", "date", "people", "via", "notes", "topics", "goals", "uid")


def write(e: Everything, today: date) -> dict[str, Payload]:
    """``people.csv`` and ``conversations.csv``: a header row, lists joined by
    ``;``, every field quoted as a spreadsheet expects."""
    names = {p.id: p.name for p in e.people}
    titles = {g.id: g.title for g in e.goals}
    people = (
        [
            p.id,
            p.name,
            p.role,
            ";".join(p.areas),
            p.status,
            p.cadence,
            p.email,
            p.phone,
            p.org,
            p.title,
            p.url,
            p.why,
            p.where,
            p.need,
            p.notes,
            p.last_contact or "",
            due.isoformat() if (due := next_due(p, today)) else "",
            p.uid,
        ]
        for p in sorted(e.people, key=lambda p: p.id)
    )
    talks = (
        [
            c.id,
            c.date,
            ";".join(names.get(i, f"#{i}") for i in c.people),
            c.via,
            c.notes,
            ";".join(c.topics),
            ";".join(titles.get(g, f"#{g}") for g in c.goals),
            c.uid,
        ]
        for c in e.talks()
    )
    return {
        "people.csv": _table(PEOPLE_COLUMNS, people),
        "conversations.csv": _table(CONVERSATION_COLUMNS, talks),
    }


def _table(columns: tuple[str, ...], rows: Iterable[list[Any]]) -> Iterator[bytes]:
    """A header and ``rows``, a thousand rows to a piece: the log is read a
    few segments at a time, and 20,000 people are never one string."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for count, row in enumerate(rows, 1):
        writer.writerow([_safe_cell(cell) for cell in row])
        if count % 1000 == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def read(path: Path, payload: bytes, context: Context) -> Apply:
    """People to add, or to update when already here. The header is found
    now (a file without one stops here); each row is read as it is brought
    in, so 20,000 rows are never all in memory beside the board (15 MiB of
    them), except with ``strict``, where the first bad row refuses the file
    before the board is touched."""
    text = read_text(path, payload, context)
    # at most a row a line, before any is read (a file from an old Mac ends its lines with CR)
    rows = text.count("\n") + text.count("\r") - text.count("\r\n") - 1
    context.check_count(rows)
    contacts = read_people(path, text, context)
    if context.strict:
        every = list(contacts())
        return Apply(lambda board: context.bring_in(board, every, update=True), len(every))
    return Apply(lambda board: context.bring_in(board, contacts(), update=True), max(rows, 0))


# How far down a header may sit (LinkedIn starts with a few lines of notes).
_PREAMBLE_LINES = 50
_NAME_PARTS = ("first", "middle", "last")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq"})


def read_people(path: Path, text: str, context: Context) -> Callable[[], Iterator[Contact]]:
    """The header of ``text``, found now; and what gives a contact for each
    row with a name under it, one at a time, each time it is called (a row
    that can't be read is skipped and named: ``context.skip``)."""
    at, header, delimiter = _find_header(path, text, context.columns)
    targets = columns.choose(header, context.columns)
    _say_columns(path, header, targets, context)
    return lambda: _contacts(path, text, context, at, header, targets, delimiter)


def _contacts(
    path: Path,
    text: str,
    context: Context,
    at: int,
    header: list[str],
    targets: list[str | None],
    delimiter: str,
) -> Iterator[Contact]:
    plan = _plan(header, targets)
    csv.field_size_limit(max(len(text), 131072))  # a long cell is skipped, not fatal
    reader = csv.reader(itertools.islice(_lines(text), at + 1, None), delimiter=delimiter)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            where = f"line {at + 1 + reader.line_num}"
            context.unreadable(path, where, "row", f"not CSV: {exc}")
            continue
        where = f"line {at + 1 + reader.line_num}"
        if not "".join(row).strip():  # C loops: 20,000 rows pass here
            continue
        if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
            context.skip(
                path,
                where,
                "row",
                f"with more cells than the header has ({len(header)})",
                problem=f"{len(row)} cells, but the header has {len(header)}",
            )
            continue
        if max(map(len, row), default=0) > MAX_TEXT:
            context.skip(path, where, "row", f"with a cell longer than {MAX_TEXT // 1000} KB")
            continue
        try:
            fields, dates = _fields(plan, row)
        except UsageProblem as exc:
            context.unreadable(path, where, "row", str(exc))
            continue
        if not fields.get("name"):
            label = str(fields.get("email") or fields.get("phone") or where)
            context.skip(
                path, where, "contact", "without a name", label.partition(",")[0], "it has no name"
            )
            continue
        yield Contact(where, fields, dates)


# A line of a CSV file with its end, as a file opened with newline="" gives
# them to csv: a cell may hold other breaks (a form feed, U+2028).
_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text``, one at a time (20,000 rows as a list of lines
    were 6 MiB beside the text)."""
    return (found.group() for found in _LINE.finditer(text))


def _find_header(path: Path, text: str, chosen: dict[str, str]) -> tuple[int, list[str], str]:
    """The first line, among the first few, that names a column holding a
    name, the cells of that line, and the character between them (a comma,
    or a semicolon or a tab from a spreadsheet set to a European locale)."""
    for number, line in enumerate(itertools.islice(_lines(text), _PREAMBLE_LINES)):
        if not line.strip():
            continue
        for delimiter in sorted(",;\t", key=lambda d: -line.count(d)):
            try:
                cells = next(csv.reader([line], delimiter=delimiter), [])
            except csv.Error:
                continue
            header = [c.strip() for c in cells]
            if columns.names_a_person(columns.choose(header, chosen)):
                return number, header, delimiter
    if not text.strip():
        raise UsageProblem(f"{path.name} is empty: there is no header row and no one to import")
    first = next(line for line in _lines(text) if line.strip()).strip()
    raise UsageProblem(
        f"{path.name}: no header row names a name column (such as Name, or First Name and "
        f"Last Name); the first line is {first[:60]!r}; say which column is the name with "
        "--map 'COLUMN=name'"
    )


def _say_columns(
    path: Path, header: list[str], targets: list[str | None], context: Context
) -> None:
    """Name once the columns left out; in a dry run, what each column gave."""
    left_out = [h for h, t in zip(header, targets, strict=True) if t is None and h]
    if context.dry_run:
        read = [
            f"{h} -> {t}" for h, t in zip(header, targets, strict=True) if t not in (None, "skip")
        ]
        context.notes.append(f"Columns of {path.name}: {', '.join(read)}.")
    if left_out:
        shown = ", ".join(left_out[:8]) + (
            f" and {len(left_out) - 8} more" if len(left_out) > 8 else ""
        )
        context.notes.append(
            f"Left out {len(left_out)} column{'s' if len(left_out) != 1 else ''} advisors doesn't "
            f"keep: {shown} (--map 'COLUMN=FIELD' to keep one)."
        )


def _plan(header: list[str], targets: list[str | None]) -> list[tuple[int, str, str | None]]:
    """Each column that gives a field, worked out once for every row: where
    it is, its field, and for a note it labels (LinkedIn's "Notes"...) its
    name."""
    labelled = {column for column in header if columns.plain(column) in columns.LABELLED_NOTES}
    return [
        (at, target, column if target == "notes" and column in labelled else None)
        for at, (column, target) in enumerate(zip(header, targets, strict=True))
        if target is not None and target != "skip"
    ]


def _fields(
    plan: list[tuple[int, str, str | None]], row: list[str]
) -> tuple[dict[str, object], list[tuple[str, str]]]:
    """A row's fields, and the dates it gives (label, day)."""
    cells: dict[str, list[str]] = {}
    notes: list[str] = []
    size = len(row)
    for at, target, label in plan:
        if at >= size:
            break  # a short row: the plan goes column by column
        value = row[at].strip()
        if not value:
            continue
        if "\r" in value or value[0] == "'":
            value = _plain_cell(value)
        if label is not None:
            notes.append(f"{label}: {value}")
            continue
        cells.setdefault(target, []).append(value)
    notes[:0] = cells.pop("notes", [])
    fields: dict[str, object] = {}
    name = " ".join(cells.get("name", []))
    if not name:
        name = " ".join(w for part in _NAME_PARTS for w in cells.get(part, []))
    elif not any(part in cells for part in _NAME_PARTS):
        name = _last_first(name)
    if name.strip():
        fields["name"] = required_text("name", name)
    role = " ".join(cells.get("role", [])).lower()
    if role:
        if role not in _ROLES:
            raise UsageProblem(
                f"unknown role {role[:40]!r} (choose {', '.join(Role)}; "
                "--map 'Role=title' reads the column as job titles)"
            )
        fields["role"] = Role(role)
    status = " ".join(cells.get("status", [])).lower()
    if status:
        if status not in _STATUSES:
            raise UsageProblem(f"unknown status {status[:40]!r} (choose {', '.join(Status)})")
        fields["status"] = Status(status)
    if cells.get("areas"):
        fields["areas"] = check_areas(";".join(cells["areas"]).replace(";", ",").split(","))
    if cells.get("every"):
        fields["cadence"] = parse_cadence(cells["every"][0])
    for key in ("email", "phone"):
        if key not in cells:
            continue
        # Google joins several values of one column with " ::: "
        items = [i for cell in cells[key] for i in split_list(cell.replace(":::", ","))]
        found = join_list(items)
        if found:
            fields[key] = check_line(key, found, most=MAX_TEXT)
    for key in ("org", "title", "url", "uid"):
        if cells.get(key):
            fields[key] = check_line(key, ", ".join(cells[key]))
    dates = []
    for birthday in cells.get("birthday", []):
        day = day_of_year(birthday)
        if day is None and any(c in "123456789" for c in birthday):  # Outlook's none: 0/0/00
            notes.append(f"Birthday: {birthday}")
        elif day is None:
            continue
        else:
            dates.append(("birthday", day))
    for key, parts in (
        ("why", cells.get("why")),
        ("where", cells.get("where")),
        ("need", cells.get("need")),
        ("notes", notes),
    ):
        text = check_text(key, "\n".join(parts)) if parts else None
        if text:
            fields[key] = text
    return fields, dates


_ROLES = frozenset(Role)
_STATUSES = frozenset(Status)

# A cell starting so is prefixed with ' by our export, so that a spreadsheet
# shows it rather than runs it as a formula; the mark is taken off here.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe_cell(cell: Any) -> Any:
    """A cell a spreadsheet shows rather than runs: text starting like a
    formula gets a leading ' (taken off again when read back)."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _plain_cell(cell: str) -> str:
    cell = cell.strip().replace("\r\n", "\n")
    if cell[:1] == "'" and cell[1:2] in FORMULA_STARTS:
        return cell[1:]
    return cell


def _last_first(name: str) -> str:
    """ "Smith, Ana" is Ana Smith; "Ana Smith, Jr." stays as it is."""
    last, comma, first = name.partition(",")
    if not comma or "," in first or not first.strip() or not last.strip():
        return name
    if first.strip().strip(".").lower() in _SUFFIXES:
        return name
    return f"{first.strip()} {last.strip()}"
