"""What comes in from other tools: an export, a spreadsheet, an address book,
a calendar. Each module reads one format, checks it, and returns plain
records or candidates for the domain to merge; a bad file is one
``UsageProblem`` naming the line, card or record that is wrong."""

from __future__ import annotations

from pathlib import Path

from advisors.errors import UsageProblem

FORMATS = ("json", "csv", "vcard", "ics")
_BY_SUFFIX = {".json": "json", ".csv": "csv", ".vcf": "vcard", ".vcard": "vcard", ".ics": "ics"}
MAX_BYTES = 256 * 1024 * 1024


def guess_format(path: Path) -> str:
    """The format a file's extension names."""
    found = _BY_SUFFIX.get(path.suffix.lower())
    if found is None:
        raise UsageProblem(
            f"can't tell the format of {path.name} from its extension; add --format "
            "json, csv, vcard or ics"
        )
    return found


def read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise UsageProblem(f"{path} is larger than 256 MiB; is it the right file?")
        return path.read_bytes()
    except IsADirectoryError:
        raise UsageProblem(f"{path} is a folder; give the file to import") from None
    except FileNotFoundError:
        raise UsageProblem(f"there is no file {path}") from None
    except OSError as exc:
        raise UsageProblem(f"can't read {path}: {exc.strerror or exc}") from None


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
