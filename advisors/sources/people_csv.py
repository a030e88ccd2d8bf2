"""People from a spreadsheet: a CSV file with a header row.

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
from pathlib import Path

from advisors.board.contacts import Contact
from advisors.board.records import Role, Status
from advisors.board.values import check_areas, check_text, required_text
from advisors.cadence import parse_cadence
from advisors.errors import UsageProblem

COLUMNS = ("name", "role", "areas", "every", "email", "phone", "org", "why")
ALSO_READ = ("status", "notes", "uid")
DERIVED = ("id", "last_contact", "next_due")


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
        value = check_text(key, cells.get(key))
        if value:
            fields[key] = value
    return fields
