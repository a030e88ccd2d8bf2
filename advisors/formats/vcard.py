"""People from an address book: vCard 3.0 and 4.0, several cards per file, as
phones and contact apps export them (read with ``vobject``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from advisors.board.contacts import Contact, bring_in
from advisors.board.merge import Report
from advisors.board.records import Records
from advisors.board.values import MAX_TEXT, check_line, required_text
from advisors.errors import UsageProblem
from advisors.formats import Apply, Context, read_text


def read(path: Path, payload: bytes, context: Context) -> Apply:
    """People to add; someone already here is reported, never overwritten
    (an address book must not replace a board's notes)."""
    text, left_out = without_huge_fields(read_text(path, payload))
    context.check_count(text.upper().count("BEGIN:VCARD"))
    contacts = read_cards(path, text)

    def apply(board: Records) -> Report:
        report = bring_in(
            board, contacts, update=False, status=context.status, cadence_for=context.cadence_for
        )
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


def read_cards(path: Path, text: str) -> list[Contact]:
    import vobject

    contacts: list[Contact] = []
    cards = vobject.readComponents(text, ignoreUnreadable=False)
    while True:
        where = f"card {len(contacts) + 1}"
        try:
            card = next(cards)
        except StopIteration:
            break
        except Exception as exc:  # vobject raises ParseError and plain errors alike
            raise UsageProblem(
                f"{path.name}, {where}: can't read it ({_reason(exc, text)})"
            ) from None
        if card.name != "VCARD":
            raise UsageProblem(f"{path.name}, {where}: a {card.name}, not a vCard")
        try:
            contacts.append(Contact(where, _fields(card)))
        except UsageProblem as exc:
            raise UsageProblem(f"{path.name}, {where}: {exc}") from None
    if not contacts:
        raise UsageProblem(f"{path.name} holds no vCard (BEGIN:VCARD ... END:VCARD)")
    return contacts


def _reason(exc: Exception, text: str) -> str:
    message = str(exc).strip() or type(exc).__name__
    failed = message.partition("Failed to parse line: ")[2].strip()
    if failed:
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip() == failed:
                return f"line {number}: {failed[:60]!r}"
    return message[:100]


def _first(card: Any, key: str) -> Any:
    values = card.contents.get(key) or []
    return values[0].value if values else None


def _fields(card: Any) -> dict[str, object]:
    name = _first(card, "fn")
    if not (isinstance(name, str) and name.strip()):
        parts = _first(card, "n")
        words = [getattr(parts, k, "") for k in ("prefix", "given", "additional", "family")]
        name = " ".join(w if isinstance(w, str) else " ".join(w) for w in words if w)
    if not name.strip():
        raise UsageProblem("it has no name (FN or N)")
    fields: dict[str, object] = {"name": required_text("name", name)}
    org = _first(card, "org")
    if isinstance(org, list):
        org = ", ".join(o for o in org if o)
    # every address, as the email field keeps several: a calendar invitation
    # may come from the work one or the home one
    addresses = [str(e.value).strip() for e in card.contents.get("email", [])]
    for key, value in (
        ("email", ", ".join(dict.fromkeys(a for a in addresses if a)) or None),
        ("phone", _first(card, "tel")),
        ("org", org),
    ):
        text = check_line(key, value) if isinstance(value, str) else None
        if text:
            fields[key] = text
    return fields
