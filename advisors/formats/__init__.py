"""Every file format advisors reads or writes, listed once.

``--format`` choices, their help, and the format a file's extension names
are all derived from ``FORMATS``. Each entry's module holds its reader and
its writer side by side and is imported only when that format is used:

- a writer is ``write(everything, today) -> dict[str, bytes]`` (one file, or
  ``people.csv`` and ``conversations.csv``);
- a reader is ``read(path, payload, context) -> Apply``: it checks the whole
  file first (a bad file is one ``UsageProblem`` naming the line, card or
  record) and returns what merges it into a board.
"""

from __future__ import annotations

import codecs
import importlib
import os
import stat
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from advisors.errors import UsageProblem

if TYPE_CHECKING:
    from advisors.board.contacts import Contact
    from advisors.board.merge import Copy, Report
    from advisors.board.records import (
        Advice,
        Agreement,
        Conversation,
        Give,
        Goal,
        KeyDate,
        Person,
        Record,
        Records,
        Review,
        Status,
        Todo,
        Topic,
    )

MAX_BYTES = 200 * 1024 * 1024  # what import reads at most, unless --max-size says


@dataclass(frozen=True)
class Format:
    name: str
    module: str  # advisors.formats.<module>
    extensions: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    noun: str = ""  # what such a file is, for the help of `import FILE`
    reads: str = ""  # what `import` brings in from it; empty: not readable
    writes: str = ""  # what `export` writes in it; empty: not writable
    people: bool = False  # it brings people, who may be given a --status
    # its writer reads the records as stored (``Everything.documents``), not
    # built (20,000 people built are 6 MiB an export has no need of)
    documents: bool = False

    def load(self) -> ModuleType:
        return importlib.import_module(f"advisors.formats.{self.module}")


# In the order help and errors list them.
FORMATS: tuple[Format, ...] = (
    Format(
        "json",
        "board_json",
        (".json",),
        noun="an export or data file",
        reads="an export or another data file, merged by uid",
        writes="everything, re-importable",
        documents=True,
    ),
    Format(
        "csv",
        "people_csv",
        (".csv",),
        noun="a spreadsheet",
        reads="people from a spreadsheet",
        writes="people and conversations",
        people=True,
    ),
    Format(
        "vcard",
        "vcard",
        (".vcf", ".vcard"),
        aliases=("vcf",),
        noun="an address book",
        reads="people from an address book",
        people=True,
    ),
    Format("markdown", "markdown", (".md",), aliases=("md",), writes="a report"),
    Format(
        "ics",
        "calendar",
        (".ics",),
        aliases=("ical", "icalendar"),
        noun="a calendar",
        reads="past meetings from a calendar",
        writes="check-ins and follow-ups for a calendar",
    ),
)


def readable() -> list[Format]:
    return [f for f in FORMATS if f.reads]


def writable() -> list[Format]:
    return [f for f in FORMATS if f.writes]


def aliases(formats: list[Format]) -> dict[str, str]:
    return {alias: f.name for f in formats for alias in f.aliases}


def names(formats: list[Format]) -> str:
    """``json, csv, vcard or ics``."""
    words = [f.name for f in formats]
    return ", ".join(words[:-1]) + " or " + words[-1]


def named(name: str) -> Format:
    for entry in FORMATS:
        if entry.name == name:
            return entry
    raise UsageProblem(f"unknown format {name!r}: choose {names(list(FORMATS))}")


def guess(path: Path) -> Format:
    """The readable format a file's extension names."""
    suffix = path.suffix.lower()
    for entry in readable():
        if suffix in entry.extensions:
            return entry
    raise UsageProblem(
        f"can't tell the format of {path.name} from its extension; add --format {names(readable())}"
    )


@dataclass
class Everything:
    """All a person owns, as records: what every writer writes from. Each
    field is named as its kind's table (``of`` finds one by its model)."""

    people: list[Person]
    conversations: list[Conversation]  # newest first
    goals: list[Goal]
    todos: list[Todo]
    topics: list[Topic]
    advice: list[Advice]
    dates: list[KeyDate]
    agreements: list[Agreement]
    gives: list[Give]
    reviews: list[Review]
    deleted: list[dict[str, Any]]
    schema: int
    # each on-rota person's brief as text, for the calendar's check-ins
    briefs: dict[int, str] = field(default_factory=dict)
    # the log as stored (id, document), by date (``newest_first=True``: the
    # other way), a few segments at a time, for writers that stream (then
    # ``conversations`` is empty)
    stream: Callable[..., Iterable[tuple[int, dict[str, Any]]]] | None = None
    # every record of a kind of the main file as stored (id, document), for
    # a writer that reads them so (then the lists of records are empty)
    documents: Callable[[type[Record]], Iterable[tuple[int, dict[str, Any]]]] | None = None

    def of(self, model: type[Record]) -> list[Any]:
        found: list[Any] = getattr(self, model.table)
        return found

    def talks(
        self, *, newest_first: bool = False, among: set[int] | None = None
    ) -> Iterable[Conversation]:
        """Every conversation by date, then id (or newest first); with
        ``among``, only those with one of these people (no other is built)."""
        if self.stream is None:
            found = sorted(self.conversations, key=lambda c: (c.date, c.id), reverse=newest_first)
            return [c for c in found if among is None or not among.isdisjoint(c.people)]
        from advisors.board.records import Conversation

        keep = None if among is None else (lambda doc: not among.isdisjoint(doc["people"]))
        return (
            Conversation.from_doc(i, doc)
            for i, doc in self.stream(newest_first=newest_first, keep=keep)
        )


@dataclass
class Apply:
    """What reading a file gives: how it merges into a board, and how many
    records it holds (the most it can add), known before anything is changed."""

    merge: Callable[[Records], Report]
    records: int

    def __call__(self, board: Records) -> Report:
        return self.merge(board)


@dataclass
class Context:
    """What a reader may need besides the file, and what it says about the
    file besides its records (the encoding it fell back to, the columns it
    chose, the records it skipped), for the import's summary."""

    today: date
    people: list[Person]  # the board's, as it is (who a calendar may name)
    status: Status | None = None  # for the people a spreadsheet or address book adds
    cadence_for: Callable[[list[str]], str] | None = None  # as `add` gives one
    # another data file (or a backup of one), read by the store, as a copy
    read_data_file: Callable[[Path], Copy] | None = None
    # stop (TooMany) before building more records than this: the caller asks
    most: int | None = None
    encoding: str | None = None  # --encoding: the file's, when detection is wrong
    strict: bool = False  # refuse the file at its first bad record, not skip it
    columns: dict[str, str] = field(default_factory=dict)  # --map: column -> field
    merge_by_name: bool = False  # one person for one name, whatever their e-mail
    me: frozenset[str] = frozenset()  # your own e-mail addresses, folded
    dry_run: bool = False
    notes: list[str] = field(default_factory=list)
    skipped: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def check_count(self, records: int) -> None:
        if self.most is not None and records > self.most:
            raise TooMany(records)

    def bring_in(self, board: Records, contacts: Iterable[Contact], *, update: bool) -> Report:
        """The people of a spreadsheet or an address book onto ``board``, with
        the status, cadence and name rule this import was given."""
        from advisors.board.contacts import bring_in

        return bring_in(
            board,
            contacts,
            update=update,
            status=self.status,
            cadence_for=self.cadence_for,
            by_name=self.merge_by_name,
        )

    def begin(self) -> None:
        """Forget what an earlier reading of the file said."""
        self.notes.clear()
        self.skipped.clear()

    def skip(
        self, path: Path, where: str, noun: str, why: str, label: str = "", problem: str = ""
    ) -> None:
        """Pass over one bad record (``where``: "line 4", "card 2"), counted by
        ``why`` ("without a name") and named by ``label``, for the summary;
        with ``strict``, refuse the whole file, saying ``problem`` (else why)."""
        if self.strict:
            raise UsageProblem(f"{path.name}, {where}: {problem or why}")
        self.skipped.setdefault((noun, why), []).append(label or where)

    def unreadable(self, path: Path, where: str, noun: str, problem: str) -> None:
        """Pass over one record that does not read, naming where and why."""
        self.skip(path, where, noun, "that can't be read", f"{where} ({problem})", problem)


class TooMany(Exception):
    """The file holds more records than one import brings in without asking;
    raised before they are built, so asking costs little."""

    def __init__(self, records: int) -> None:
        super().__init__(records)
        self.records = records


def read_bytes(path: Path, most: int = MAX_BYTES) -> bytes:
    """A regular file's bytes (or standard input's, for ``-``), at most
    ``most`` of them: the limit holds while reading, so a device or a huge
    file never fills the memory."""
    if str(path) == "-":
        return _bounded(sys.stdin.buffer, most, "standard input")
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise UsageProblem(f"{path} is a folder; give the file to import")
        if not stat.S_ISREG(info.st_mode):
            raise UsageProblem(
                f"{path} is not a regular file (a device or a pipe?); give a file, or - "
                "to read standard input"
            )
        with open(path, "rb") as handle:
            return _bounded(handle, most, str(path))
    except FileNotFoundError:
        raise UsageProblem(f"there is no file {path}") from None
    except OSError as exc:
        reason = exc.strerror or exc
        raise UsageProblem(f"can't read {path}: {reason}; nothing was changed") from None


def _bounded(handle: Any, most: int, name: str) -> bytes:
    """At most ``most`` bytes, read a megabyte at a time: ``read(most)``
    would set aside the whole limit (200 MB) before reading a byte."""
    chunks, size = [], 0
    while size <= most:
        chunk = handle.read(min(1 << 20, most + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    payload = b"".join(chunks)
    if len(payload) > most:
        raise UsageProblem(
            f"{name} is larger than {most // (1024 * 1024):,} MB; is it the right file? "
            "(--max-size raises the limit)"
        )
    return bytes(payload)


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# What a file that is not UTF-8 most likely is: Excel's and Outlook's
# default on Windows in the Americas and western Europe. Every byte reads.
LEGACY = "cp1252"


def read_text(path: Path, payload: bytes, context: Context | None = None) -> str:
    """The file as text, in the encoding ``--encoding`` names, else the one
    its byte-order mark names (UTF-8, UTF-16, UTF-32), else UTF-8, else
    Windows-1252 (said in the summary: a guess, with the way to say)."""
    chosen = context.encoding if context is not None else None
    if chosen:
        return _decode(path, payload, chosen)
    for mark, encoding in _BOMS:
        if payload.startswith(mark):
            return _decode(path, payload, encoding)
    if _utf16_without_mark(payload):
        return _decode(path, payload, "utf-16-le" if payload[1:2] == b"\0" else "utf-16-be")
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if context is not None:
        context.notes.append(
            f"{path.name} is not UTF-8: read it as Windows-1252 (Western European); "
            "if accents look wrong, import it again with --encoding (latin-1, mac-roman...)."
        )
    return payload.decode(LEGACY, errors="replace")


def _utf16_without_mark(payload: bytes) -> bool:
    """Text of ASCII letters in UTF-16 has a zero byte in every pair."""
    head = payload[:200]
    return len(head) >= 4 and (
        head[1::2].count(0) > len(head) * 0.4 or head[::2].count(0) > len(head) * 0.4
    )


def _decode(path: Path, payload: bytes, encoding: str) -> str:
    try:
        return payload.decode(encoding)
    except LookupError:
        raise UsageProblem(
            f"unknown --encoding {encoding!r}: try utf-8, cp1252, latin-1, utf-16 or mac-roman"
        ) from None
    except UnicodeError as exc:
        start = getattr(exc, "start", 0)
        line = payload[:start].count(b"\n") + 1
        raise UsageProblem(
            f"{path.name}, line {line}: not {encoding} text; say which with --encoding"
        ) from None
