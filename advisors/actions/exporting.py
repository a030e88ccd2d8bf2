"""Get everything out: in any format the registry (``advisors.formats``) can write."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from advisors import formats
from advisors.actions.board import Board
from advisors.actions.result import Result
from advisors.board.brief import brief
from advisors.board.followups import whose
from advisors.board.records import (
    Advice,
    Agreement,
    Give,
    Goal,
    KeyDate,
    Person,
    Record,
    Review,
    Todo,
    Topic,
)
from advisors.board.rota import on_rota
from advisors.errors import UsageProblem

R = TypeVar("R", bound=Record)

if TYPE_CHECKING:
    from advisors.store import Data, Payload
    from advisors.store.sealing import Seal


@dataclass
class Exported(Result):
    form: str
    files: dict[str, Payload]  # name ("" for the one file) -> its bytes, when printed
    written: list[Path] = field(default_factory=list)  # when written to files
    replaced: list[Path] = field(default_factory=list)  # files that were there before
    sealed: bool = False  # encrypted (age) for the board's devices or --to

    def as_json(self) -> Any:
        return None  # export prints its own format; --format json is the JSON

    def show(self) -> None:
        from advisors.views import export

        export.show(self)


def everything(
    board: Board,
    data: Data,
    *,
    briefs: bool = False,
    stream: bool = False,
    documents: bool = False,
) -> formats.Everything:
    """Every record of ``data`` (the board as read), and, for a calendar,
    each brief as text; with ``stream``, the log is left to be read a
    segment at a time; with ``documents``, the main file's records too, as
    stored (none is built)."""
    today = board.today()

    def every(model: type[R]) -> list[R]:
        if documents:
            return []
        return data.all(model) if briefs else data.take_all(model)

    found = formats.Everything(
        people=every(Person),
        conversations=[] if stream else data.newest_conversations(),
        goals=every(Goal),
        todos=every(Todo),
        topics=every(Topic),
        advice=every(Advice),
        dates=every(KeyDate),
        agreements=every(Agreement),
        gives=every(Give),
        reviews=every(Review),
        deleted=data.deletions(),
        schema=data.schema,
        stream=data.conversation_documents_by_date if stream else None,
        documents=data.documents if documents else None,
    )
    if briefs:
        from advisors.views.brief import brief_lines

        todos = [t for t in found.todos if t.done is None]
        concerns = whose(data, todos)
        for p in found.people:
            if on_rota(p, today):
                b = brief(
                    p,
                    today,
                    last=None,
                    todos=todos,
                    goals=found.goals,
                    advice=found.advice,
                    topics=found.topics,
                    within=board.config.within,
                    concerns=concerns,
                )
                found.briefs[p.id] = "\n".join(brief_lines(b, False, 72))
    return found


def export(
    board: Board,
    *,
    form: str = "json",
    output: Path | None = None,
    excel: bool = False,
    plain: bool = False,
    to: list[str] | None = None,
) -> Exported:
    """Everything in ``form``; to ``output`` (a folder for csv; ``-`` is
    stdout), else printed. ``excel`` starts a CSV with the byte-order mark
    Excel needs to read UTF-8 (else it shows accents as two odd letters).

    An encrypted board's export is encrypted too (age, for the board's
    devices), unless ``plain``; ``to`` encrypts it for those public keys."""
    chosen = formats.named(form)
    if not chosen.writes:
        raise UsageProblem(f"export can't write {form}: choose {formats.names(formats.writable())}")
    if excel and chosen.name != "csv":
        raise UsageProblem(f"--excel is for --format csv, not {chosen.name}")
    if output is not None and str(output) == "-":
        output = None
    if output is not None:
        _check_target(output, folder=chosen.name == "csv")
    # every format is written a piece at a time, the log never whole in
    # memory (a calendar holds check-ins and follow-ups, and reads no log)
    data = board.read()
    seal = _seal_for(data.recipients, plain, to or [])
    if seal and output is None and chosen.name == "csv":
        raise UsageProblem(
            "an encrypted csv export is two files: give --output FOLDER (or --plain to print it)"
        )
    found = everything(
        board, data, briefs=chosen.name == "ics", stream=True, documents=chosen.documents
    )
    files = chosen.load().write(found, board.today())
    if excel:
        files = {name: _after(codecs.BOM_UTF8, payload) for name, payload in files.items()}
    if seal:
        from advisors.store import pieces_of

        files = {name: seal(b"".join(pieces_of(payload))) for name, payload in files.items()}
    if output is None:
        return Exported(chosen.name, files, sealed=bool(seal))
    written = deliver(board, output, files, folder=chosen.name == "csv")
    return Exported(
        chosen.name, {}, written=written.written, replaced=written.replaced, sealed=bool(seal)
    )


def _seal_for(recipients: list[dict[str, Any]], plain: bool, to: list[str]) -> Seal:
    """How an export is written: for ``to``; else, on an encrypted board (one
    with ``recipients``) and unless ``plain``, for its devices; else in the
    clear."""
    from advisors import keys
    from advisors.store.sealing import PLAIN, Seal

    if plain and to:
        raise UsageProblem("--plain and --to contradict each other: choose one")
    for key in to:
        if not keys.is_recipient(key.strip()):
            raise UsageProblem(f"--to {key[:70]!r} is not an age public key (one starts age1)")
    if to:
        return Seal(tuple(k.strip() for k in to))
    if plain:
        return PLAIN
    return Seal(tuple(r["key"] for r in recipients))


@dataclass
class Delivered:
    written: list[Path]
    replaced: list[Path]  # plain files that were there before


def deliver(board: Board, output: Path, files: dict[str, Payload], *, folder: bool) -> Delivered:
    """Write ``files`` (name -> bytes; "" is ``output`` itself, else a file
    in the folder ``output``), each private and whole. One rule for every
    writer: the folder they go in is made when missing (0700: it will hold
    your notes), and said."""
    _check_target(output, folder=folder)
    targets = {name: (output / name if name else output) for name in files}
    place = output if folder else output.parent
    if not place.exists():
        try:
            place.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise _refused(place, exc) from None
        board.notes.append(f"advisors: note: created the folder {place}")
    replaced = [t for t in targets.values() if t.is_file() and not t.is_symlink()]
    for name, payload in files.items():
        _write(targets[name], payload)
    return Delivered(list(targets.values()), replaced)


def _after(first: bytes, payload: Payload) -> Iterator[bytes]:
    from advisors.store import pieces_of

    yield first
    yield from pieces_of(payload)


def _check_target(output: Path, *, folder: bool) -> None:
    try:
        is_dir = output.is_dir()
        exists = output.exists() or output.is_symlink()
    except OSError as exc:  # a name too long, a loop of links...
        raise _refused(output, exc) from None
    if folder and exists and not is_dir:
        raise UsageProblem(
            f"--output {output} is a file: csv needs a folder for people.csv and conversations.csv"
        )
    if not folder and is_dir:
        raise UsageProblem(f"--output {output} is a folder: give a file name")


def _write(path: Path, payload: Payload) -> None:
    """A private file (it holds your notes): a plain file replaced whole, as
    the store writes its own; a device or a FIFO written in place."""
    from advisors.store import write_output

    try:
        write_output(path, payload)
    except OSError as exc:
        raise _refused(path, exc) from None


def _refused(path: Path, exc: OSError) -> UsageProblem:
    return UsageProblem(f"can't write {path}: {exc.strerror or exc}; nothing was written there")
