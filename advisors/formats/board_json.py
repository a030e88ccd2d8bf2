"""JSON: everything, with every record's uid and the deletions a merge
needs, written by ``export --format json`` and read back by ``import`` as a
``Copy`` to merge (as is another data file). Every record read is checked
with the data file's own rules."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisors import __version__
from advisors.board.merge import MODELS, Copy, doubtful, merge
from advisors.board.records import Conversation, Record, now_stamp
from advisors.errors import UsageProblem
from advisors.formats import Apply, Context, Everything
from advisors.store.schema import Damage, check_table

if TYPE_CHECKING:
    from advisors.store import Payload

FORMAT = "advisors-export"


def _rows(e: Everything, model: type[Record]) -> Iterator[dict[str, Any]]:
    """Each record of ``model`` by id, with every field (the file leaves
    empty ones out; an export names them all), one at a time."""
    if e.documents is None:
        for r in sorted(e.of(model), key=lambda r: r.id):
            yield model.written(r.to_doc(), r.id)
    else:
        for ident, doc in sorted(e.documents(model), key=operator.itemgetter(0)):
            yield model.written(doc, ident)


def write(e: Everything, today: date) -> dict[str, Payload]:
    """The export, as the pieces of one file: a record at a time, so that
    the log is never whole in memory when ``e`` streams it."""
    return {"": pieces(e)}


def pieces(e: Everything) -> Iterator[bytes]:
    """Every record of every table, with ids and uids, and the record of
    deletions that merging needs (conversations by date when streamed),
    indented as ``orjson``'s OPT_INDENT_2, written a thousand rows at a time."""
    import orjson

    head = {
        "format": FORMAT,
        "version": 1,
        "schema": e.schema,
        "app_version": __version__,
        "exported": now_stamp(),
    }
    yield orjson.dumps(head, option=orjson.OPT_INDENT_2)[:-2] + b',\n  "tables": {'
    for number, model in enumerate(MODELS):
        yield (b"," if number else b"") + b'\n    "' + model.table.encode() + b'": ['
        rows: Iterable[dict[str, Any]] = _rows(e, model)
        if model is Conversation and e.stream is not None:
            rows = (Conversation.written(doc, i) for i, doc in e.stream())
        written = False
        for batch in _batches(rows, 1000):
            # a thousand rows to a piece: [ {..}, {..} ] indented four more
            text = orjson.dumps(batch, option=orjson.OPT_INDENT_2)[1:-2]
            yield (b"," if written else b"") + text.replace(b"\n", b"\n    ")
            written = True
        yield b"\n    ]" if written else b"]"
    text = orjson.dumps(e.deleted, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n  ")
    yield b'\n  },\n  "deleted": ' + text + b"\n}\n"


def _batches(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``rows`` in lists of ``size`` (``itertools.batched`` from Python 3.12)."""
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def read(path: Path, payload: bytes, context: Context) -> Apply:
    """An export, or another data file (read by the store), to merge."""
    found = parse_json(path, payload)
    if is_data_file(found):
        assert context.read_data_file is not None
        copy = context.read_data_file(path)
    else:
        copy = read_export(path, found)
    check_values(path, copy)
    why = doubtful(copy, datetime.now().astimezone())
    if why is not None:
        raise UsageProblem(f"{path.name}: {why}; nothing was imported")
    return Apply(lambda board: merge(board, copy), sum(len(copy.of(m)) for m in MODELS))


def is_data_file(document: Any) -> bool:
    """A data file of advisors (its main file) rather than an export."""
    return isinstance(document, dict) and "_meta" in document


def parse_json(path: Path, payload: bytes) -> Any:
    import json

    try:
        return json.loads(payload)
    except UnicodeDecodeError:
        raise UsageProblem(f"{path.name}: not UTF-8 text") from None
    except RecursionError:
        raise UsageProblem(f"{path.name}: nested too deeply to be an advisors export") from None
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
