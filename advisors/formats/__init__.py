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

import importlib
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from advisors.errors import UsageProblem

if TYPE_CHECKING:
    from advisors.board.merge import Copy, Report
    from advisors.board.records import (
        Advice,
        Conversation,
        Goal,
        KeyDate,
        Person,
        Records,
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
    """All a person owns, as records: what every writer writes from."""

    people: list[Person]
    conversations: list[Conversation]  # newest first
    goals: list[Goal]
    todos: list[Todo]
    topics: list[Topic]
    advice: list[Advice]
    dates: list[KeyDate]
    deleted: list[dict[str, Any]]
    schema: int
    # each on-rota person's brief as text, for the calendar's check-ins
    briefs: dict[int, str] = field(default_factory=dict)


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
    """What a reader may need besides the file."""

    today: date
    people: list[Person]  # the board's, as it is (who a calendar may name)
    status: Status | None = None  # for the people a spreadsheet or address book adds
    cadence_for: Callable[[list[str]], str] | None = None  # as `add` gives one
    # another data file (or a backup of one), read by the store, as a copy
    read_data_file: Callable[[Path], Copy] | None = None
    # stop (TooMany) before building more records than this: the caller asks
    most: int | None = None

    def check_count(self, records: int) -> None:
        if self.most is not None and records > self.most:
            raise TooMany(records)


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
    payload = handle.read(most + 1)
    if len(payload) > most:
        raise UsageProblem(
            f"{name} is larger than {most // (1024 * 1024):,} MB; is it the right file? "
            "(--max-size raises the limit)"
        )
    return bytes(payload)


def read_text(path: Path, payload: bytes) -> str:
    """The file as text: UTF-8, with or without the byte-order mark
    spreadsheets write."""
    try:
        return payload.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = payload[: exc.start].count(b"\n") + 1
        raise UsageProblem(
            f"{path.name}, line {line}: not UTF-8 text (save it as UTF-8, "
            "in a spreadsheet 'CSV UTF-8')"
        ) from None
