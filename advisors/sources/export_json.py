"""An export of ``advisors export --format json``, read back as a ``Copy``
to merge. Every record is checked with the data file's own rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from advisors.board.merge import MODELS, Copy
from advisors.errors import UsageProblem
from advisors.store.schema import Damage, check_table
from advisors.views.export import FORMAT


def is_data_file(document: Any) -> bool:
    """A data file of advisors (its main file) rather than an export."""
    return isinstance(document, dict) and "_meta" in document


def parse_json(path: Path, payload: bytes) -> Any:
    import json

    try:
        return json.loads(payload)
    except UnicodeDecodeError:
        raise UsageProblem(f"{path.name}: not UTF-8 text") from None
    except ValueError as exc:
        where = f", line {exc.lineno}" if hasattr(exc, "lineno") else ""
        raise UsageProblem(f"{path.name}{where}: not valid JSON ({exc.args[0][:80]})") from None


def read_export(path: Path, document: Any) -> Copy:
    """The records and tombstones of an export; a wrong one is named."""
    name = path.name
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise UsageProblem(
            f'{name} is not an advisors export (no "format": "{FORMAT}"); export one '
            "with 'advisors export --format json'"
        )
    if type(document.get("version")) is not int or document["version"] > 1:
        raise UsageProblem(f"{name} was written by a newer advisors; upgrade advisors to read it")
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise UsageProblem(f'{name}: "tables" should be an object of tables')
    copy = Copy()
    for model in MODELS:
        rows = tables.get(model.table, [])
        if not isinstance(rows, list):
            raise UsageProblem(f"{name}: the table {model.table!r} should be a list of records")
        copy.records[model] = [_record(name, model, n, row) for n, row in enumerate(rows, 1)]
    deletions = document.get("deleted", [])
    if not isinstance(deletions, list):
        raise UsageProblem(f'{name}: "deleted" should be a list')
    for n, tombstone in enumerate(deletions, 1):
        try:
            check_table("deleted", {str(n): tombstone})
            if not all(isinstance(tombstone.get(k), str) for k in ("uid", "table", "time")):
                raise Damage(f"deletion {n} lacks its uid, table or time")
        except Damage as exc:
            raise UsageProblem(f"{name}: {_plain(str(exc))}") from None
        copy.deletions.append(tombstone)
    return copy


def _record(name: str, model: Any, n: int, row: Any) -> Any:
    if not isinstance(row, dict):
        raise UsageProblem(f"{name}: record {n} of {model.table} is not an object")
    ident = row.get("id")
    if type(ident) is not int or not 0 < ident < 10**12:
        raise UsageProblem(f"{name}: record {n} of {model.table} has no id")
    doc = {k: v for k, v in row.items() if k != "id"}
    if not isinstance(doc.get("uid"), str) or not doc["uid"]:
        raise UsageProblem(f"{name}: record {model.table} #{ident} has no uid")
    try:
        check_table(model.table, {str(ident): doc})
    except Damage as exc:
        raise UsageProblem(f"{name}: {_plain(str(exc))}") from None
    if model.table == "conversations" and "date" not in doc:
        raise UsageProblem(f"{name}: record conversations #{ident} has no date")
    return model.from_doc(ident, doc)


def check_values(path: Path, copy: Copy) -> None:
    """Refuse a copy with a record the commands can't use (an unknown
    status, an empty name, a cadence that does not read), naming it."""
    from advisors.board.health import wrong_values

    for model in MODELS:
        for record in copy.of(model):
            wrong = wrong_values(record)
            if wrong:
                raise UsageProblem(
                    f"{path.name}: record {model.table} #{record.id} has {wrong[0][1]}"
                )


def _plain(reason: str) -> str:
    return reason.removeprefix("its ")
