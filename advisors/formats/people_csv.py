"""CSV: ``export`` writes people and conversations for a spreadsheet;
``import`` reads people from one (and updates those already here: a
spreadsheet is the user's own edit).

People come from a CSV file with a header row.

The columns are ``name,role,areas,every,email,phone,org,why`` (areas
separated by ``;``), in any order; only ``name`` is required. A spreadsheet
set to a European locale separates them with ``;`` (or a tab): a header
with no comma in it says which. The CSV that
``advisors export --format csv`` writes reads back too: its ``status``,
``notes`` and ``uid`` are taken, and what is derived from the log
(``id``, ``last_contact``, ``next_due``) is left out.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path
from typing import Any

from advisors.board.contacts import Contact, bring_in
from advisors.board.due import next_due
from advisors.board.records import Role, Status
from advisors.board.values import check_areas, check_line, check_text, required_text
from advisors.cadence import parse_cadence
from advisors.errors import UsageProblem
from advisors.formats import Apply, Context, Everything, read_text

COLUMNS = ("name", "role", "areas", "every", "email", "phone", "org", "why")
ALSO_READ = ("status", "notes", "uid")
DERIVED = ("id", "last_contact", "next_due")


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
    "why",
    "notes",
    "last_contact",
    "next_due",
    "uid",
)
CONVERSATION_COLUMNS = ("id", "date", "people", "via", "notes", "topics", "goals", "uid")


def write(e: Everything, today: date) -> dict[str, bytes]:
    """``people.csv`` and ``conversations.csv``: a header row, lists joined by
    ``;``, every field quoted as a spreadsheet expects."""
    names = {p.id: p.name for p in e.people}
    titles = {g.id: g.title for g in e.goals}

    def table(columns: tuple[str, ...], rows: list[list[Any]]) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)
        return buffer.getvalue().encode("utf-8")

    people = []
    for p in sorted(e.people, key=lambda p: p.id):
        due = next_due(p, today)
        people.append(
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
                p.why,
                p.notes,
                p.last_contact or "",
                due.isoformat() if due else "",
                p.uid,
            ]
        )
    talks = [
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
        for c in sorted(e.conversations, key=lambda c: (c.date, c.id))
    ]
    return {
        "people.csv": table(PEOPLE_COLUMNS, people),
        "conversations.csv": table(CONVERSATION_COLUMNS, talks),
    }


def read(path: Path, payload: bytes, context: Context) -> Apply:
    """People to add, or to update when already here."""
    text = read_text(path, payload)
    context.check_count(text.count("\n") - 1)  # rows, before any is read
    contacts = read_people(path, text)
    return Apply(
        lambda board: bring_in(
            board, contacts, update=True, status=context.status, cadence_for=context.cadence_for
        ),
        len(contacts),
    )


def read_people(path: Path, text: str) -> list[Contact]:
    first = text.partition("\n")[0]
    delimiter = next((d for d in ",;\t" if d in first), ",")
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader, [])]
    except csv.Error as exc:
        raise UsageProblem(f"{path.name}, line 1: {exc}") from None
    if "name" not in header:
        raise UsageProblem(
            f"{path.name}, line 1: the header needs a name column "
            f"(the columns are {','.join(COLUMNS)})"
        )
    unknown = [h for h in header if h not in (*COLUMNS, *ALSO_READ, *DERIVED)]
    if unknown:
        raise UsageProblem(
            f"{path.name}, line 1: unknown column {unknown[0]!r} "
            f"(the columns are {','.join(COLUMNS)})"
        )
    contacts = []
    try:
        for row in reader:
            where = f"line {reader.line_num}"
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                raise UsageProblem(
                    f"{path.name}, {where}: {len(row)} fields, but the header has {len(header)}"
                )
            cells = dict(zip(header, row, strict=False))
            try:
                contacts.append(Contact(where, _fields(cells)))
            except UsageProblem as exc:
                raise UsageProblem(f"{path.name}, {where}: {exc}") from None
    except csv.Error as exc:
        raise UsageProblem(f"{path.name}, line {reader.line_num}: {exc}") from None
    return contacts


def _fields(cells: dict[str, str]) -> dict[str, object]:
    fields: dict[str, object] = {"name": required_text("name", cells["name"])}
    role = cells.get("role", "").strip().lower()
    if role:
        if role not in tuple(Role):
            raise UsageProblem(f"unknown role {role!r}: choose {', '.join(Role)}")
        fields["role"] = Role(role)
    status = cells.get("status", "").strip().lower()
    if status:
        if status not in tuple(Status):
            raise UsageProblem(f"unknown status {status!r}: choose {', '.join(Status)}")
        fields["status"] = Status(status)
    if cells.get("areas", "").strip():
        fields["areas"] = check_areas(cells["areas"].replace(";", ",").split(","))
    if cells.get("every", "").strip():
        fields["cadence"] = parse_cadence(cells["every"])
    for key in ("email", "phone", "org", "why", "notes", "uid"):
        one_line = key in ("email", "phone", "org", "uid")
        value = (check_line if one_line else check_text)(key, cells.get(key))
        if value:
            fields[key] = value
    return fields
