"""People from an address book: vCard 2.1, 3.0 and 4.0, several cards per
file, as phones and contact apps export them.

Lines are unfolded and parsed by ``vobject`` (with vCard 2.1's
quoted-printable values and their ``CHARSET``, as Android writes long notes
and addresses); the values are read here, because vobject's own reading of a
card keeps only the text before the first comma of a note or a name, and
real address books write commas unescaped. A card that can't be read, or
has no name, is skipped and named; the rest of the file is imported.
"""

from __future__ import annotations

import io
import quopri
import re
from dataclasses import dataclass, field
from pathlib import Path

from advisors.board.contacts import Contact
from advisors.board.merge import Report
from advisors.board.records import Records, join_list
from advisors.board.values import MAX_TEXT, check_line, check_text, required_text
from advisors.dates import day_of_year
from advisors.errors import UsageProblem
from advisors.formats import LEGACY, Apply, Context, read_text


def read(path: Path, payload: bytes, context: Context) -> Apply:
    """People to add; someone already here is reported, never overwritten
    (an address book must not replace a board's notes)."""
    text, left_out = without_huge_fields(read_text(path, payload, context))
    context.check_count(text.upper().count("BEGIN:VCARD"))
    contacts = read_cards(path, text, context)

    def apply(board: Records) -> Report:
        report = context.bring_in(board, contacts, update=False)
        report.tally("field", f"longer than {MAX_TEXT // 1000} KB, left out", left_out)
        return report

    return Apply(apply, len(contacts))


_FOLDED = re.compile(r"\r?\n[ \t]")


def without_huge_fields(text: str) -> tuple[str, int]:
    """The address book without the fields no one writes by hand (a photo, a
    pasted document): each longer than ``MAX_TEXT`` is left out before the
    parser sees it, so a 5 MB note costs 5 MB, not hundreds."""
    if len(text) <= MAX_TEXT:
        return text, 0
    lines = _FOLDED.sub("", text).splitlines()
    kept = [line for line in lines if len(line) <= MAX_TEXT]
    return "\n".join(kept) + "\n", len(lines) - len(kept)


@dataclass
class Card:
    """One card's properties, by name: each value with its parameters."""

    first_line: int
    lines: dict[str, list[tuple[str, dict[str, list[str]]]]] = field(default_factory=dict)

    def values(self, key: str) -> list[str]:
        return [value for value, _ in self.lines.get(key, [])]

    def first(self, key: str) -> str:
        return next((v.strip() for v in self.values(key) if v.strip()), "")


def read_cards(path: Path, text: str, context: Context) -> list[Contact]:
    """A contact for each card with a name; a card that can't be read or
    names no one is skipped (``context.skip``)."""
    from vobject.base import getLogicalLines, textLineToContentLine

    contacts: list[Contact] = []
    card: Card | None = None
    broken = ""  # why the current card can't be read
    seen = 0
    for line, number in getLogicalLines(io.StringIO(text), allowQP=True):
        value: str | None
        try:
            parsed = textLineToContentLine(line, number)
            name = parsed.name.upper()
            value = parsed.value if isinstance(parsed.value, str) else str(parsed.value)
            params = parsed.params
        except Exception:  # vobject raises ParseError and plain errors alike
            name, value, params = _quoted_printable(line)
            if name not in _READ:
                continue  # a line we don't keep (an address label) costs nothing
            if value is None:
                if card is not None:
                    broken = broken or f"line {number}: {line.strip()[:60]!r}"
                continue
        if name == "BEGIN" and value.strip().upper() == "VCARD":
            seen += 1
            card, broken = Card(number), ""
        elif name == "END" and value.strip().upper() == "VCARD" and card is not None:
            where = f"card {seen}"
            if broken:
                context.unreadable(path, where, "card", f"can't read {broken}")
            else:
                _add(path, where, card, contacts, context)
            card = None
        elif card is not None and value is not None:
            card.lines.setdefault(name, []).append((value, params))
    if not seen:
        raise UsageProblem(f"{path.name} holds no vCard (BEGIN:VCARD ... END:VCARD)")
    if card is not None:
        context.unreadable(path, f"card {seen}", "card", "it has no END:VCARD")
    return contacts


def _add(path: Path, where: str, card: Card, contacts: list[Contact], context: Context) -> None:
    try:
        fields, dates = _fields(card)
    except UsageProblem as exc:
        context.unreadable(path, where, "card", str(exc))
        return
    if "name" not in fields:
        label = str(fields.get("email") or fields.get("phone") or where).partition(",")[0]
        context.skip(path, where, "contact", "without a name", label, "it has no name (FN or N)")
        return
    contacts.append(Contact(where, fields, dates))


# The properties a card is read for.
_READ = frozenset(
    {
        "BEGIN",
        "END",
        "FN",
        "N",
        "EMAIL",
        "TEL",
        "ORG",
        "TITLE",
        "URL",
        "NOTE",
        "BDAY",
        "ANNIVERSARY",
    }
)


def _quoted_printable(line: str) -> tuple[str, str | None, dict[str, list[str]]]:
    """A line vobject could not read: its name, and its value when it is
    quoted-printable in a legacy charset (Outlook writes Windows-1252 bytes
    and names no charset), else None."""
    head, _, value = line.partition(":")
    parts = head.split(";")
    name = parts[0].rpartition(".")[2].strip().upper()
    params = [p.upper() for p in parts[1:]]
    if not any("QUOTED-PRINTABLE" in p for p in params):
        return name, None, {}
    charset = next((p.partition("=")[2] for p in params if p.startswith("CHARSET=")), "")
    raw = quopri.decodestring(value.encode("latin-1", "replace"))
    for encoding in (charset.lower() or "utf-8", "utf-8", LEGACY):
        try:
            return name, raw.decode(encoding), {}
        except (LookupError, UnicodeDecodeError):
            continue
    return name, None, {}


_ESCAPED = re.compile(r"\\(.)", re.S)


def _text(value: str) -> str:
    """A text value with vCard's escapes taken off (\\n is a new line)."""
    return _ESCAPED.sub(lambda m: "\n" if m[1] in "nN" else m[1], value)


def _parts(value: str) -> list[str]:
    """A structured value's parts (N, ORG), split at the unescaped ';'."""
    return [_text(p) for p in re.split(r"(?<!\\);", value)]


def _fields(card: Card) -> tuple[dict[str, object], list[tuple[str, str]]]:
    fields: dict[str, object] = {}
    name = " ".join(_text(card.first("FN")).split())
    if not name:
        parts = (_parts(card.first("N")) + [""] * 5)[:5]  # family;given;additional;prefix;suffix
        family, given, additional, prefix, _suffix = parts
        name = " ".join(w for w in (prefix, given, additional, family) if w.strip())
    if name.strip():
        fields["name"] = required_text("name", " ".join(name.split()))
    # every address, as the email field keeps several: a calendar invitation
    # may come from the work one or the home one
    emails = join_list([_text(v) for v in card.values("EMAIL")])
    phones = join_list([_text(v) for v in card.values("TEL")])
    org = ", ".join(p.strip() for p in _parts(card.first("ORG")) if p.strip())
    urls = [_text(v).strip() for v in card.values("URL") if v.strip()]
    url = next((u for u in urls if "linkedin." in u.lower()), urls[0] if urls else "")
    for key, value, most in (
        ("email", emails, MAX_TEXT),
        ("phone", phones, MAX_TEXT),
        ("org", org, None),
        ("title", _text(card.first("TITLE")), None),
        ("url", url, None),
    ):
        text = check_line(key, " ".join(value.split()), **({"most": most} if most else {}))
        if text:
            fields[key] = text
    notes = "\n".join(_text(v).strip() for v in card.values("NOTE") if v.strip())
    dates = []
    for key, label in (("BDAY", "birthday"), ("ANNIVERSARY", "anniversary")):
        for value in card.values(key):
            day = day_of_year(value)
            if day is not None:
                dates.append((label, day))
            elif value.strip():
                notes += f"\n{label.capitalize()}: {value.strip()}"
    text = check_text("notes", notes.strip())
    if text:
        fields["notes"] = text
    return fields, dates
