"""The rules for the values records hold, in one place: text that is short
enough and holds no NUL, areas as lower-case words, and the words each
choice accepts (``zoom`` is a video call). The command line, the importers
and the editor all check what comes in with these.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from advisors.board.records import Via
from advisors.errors import UsageProblem

MAX_NAME = 500  # characters in a name or title: generous, and bounded
MAX_TEXT = 100_000  # characters in a note or any other text

_AREA = re.compile(r"^[\w][\w&+/-]*$")


def check_text(label: str, value: Any, *, most: int = MAX_TEXT) -> str | None:
    """Text as typed, trimmed; refused if it has a NUL, is not valid UTF-8
    (a shell passes such bytes through) or is longer than ``most``."""
    if value is None:
        return None
    text = str(value).strip()
    if "\x00" in text:
        raise UsageProblem(f"the {label} contains a NUL character")
    if not text.isascii():  # ASCII is UTF-8: no copy to find out (an import checks 160,000)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise UsageProblem(f"the {label} is not valid UTF-8 text") from None
    if len(text) > most:
        raise UsageProblem(f"the {label} is longer than {most:,} characters")
    return text


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def check_line(label: str, value: Any, *, most: int = MAX_NAME) -> str | None:
    """One line of text (a name, an e-mail address, a phone number): what
    ``check_text`` allows, but no control character (a new line, a tab, an
    escape), which would break every list and export it appears in."""
    text = check_text(label, value, most=most)
    if text and _CONTROL.search(text):
        raise UsageProblem(
            f"the {label} contains a control character (a new line, a tab or an escape): "
            "write it on one line"
        )
    return text


def has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


def flat(text: str) -> str:
    """Text on one line of an export: a new line or any other control
    character (an escape, a bell) becomes a space, so no name or note from
    older data can break a report's structure or reach a terminal."""
    return " ".join(_CONTROL.sub(" ", text).split())


def required_text(label: str, value: str, *, most: int = MAX_NAME) -> str:
    """One line that must not be empty once trimmed (a name, a title, a
    follow-up)."""
    text = check_line(label, value, most=most)
    if not text:
        raise UsageProblem(f"the {label} is empty")
    return text


def texts(label: str, values: list[str] | None) -> list[str]:
    """Repeated texts, empty ones left out."""
    return [t for t in (check_text(label, v) for v in values or []) if t]


def check_areas(values: list[str] | None) -> list[str]:
    """Areas are lower-case words; "career, Leadership" gives two. A board
    has a handful of them: each is one string (an import of 20,000 people
    made 40,000, 2 MiB)."""
    areas: list[str] = []
    for value in values or []:
        for part in value.split(","):
            word = sys.intern("-".join(part.strip().lower().split()))
            if not word:
                continue
            if not _AREA.match(word) or len(word) > 40:
                raise UsageProblem(
                    f"the area {part.strip()[:40]!r} should be a word such as career, "
                    "family or wellness"
                )
            if word not in areas:
                areas.append(word)
    return areas


def check_area(value: str) -> str:
    """One area, as a lower-case word."""
    areas = check_areas([value])
    if not areas:
        raise UsageProblem("the area is empty: give a word such as career")
    return areas[0]


# How people say they talked, and what each means.
VIA_SYNONYMS: dict[str, Via] = {
    **dict.fromkeys(
        (
            "in person",
            "inperson",
            "face to face",
            "coffee",
            "lunch",
            "dinner",
            "meeting",
            "meetup",
            "walk",
        ),
        Via.IN_PERSON,
    ),
    **dict.fromkeys(
        (
            "zoom",
            "meet",
            "google meet",
            "teams",
            "skype",
            "facetime",
            "webex",
            "video call",
            "videocall",
            "hangout",
        ),
        Via.VIDEO,
    ),
    **dict.fromkeys(("phone", "phone call", "ring"), Via.CALL),
    **dict.fromkeys(
        (
            "sms",
            "text",
            "whatsapp",
            "signal",
            "slack",
            "chat",
            "dm",
            "telegram",
            "imessage",
            "messenger",
        ),
        Via.MESSAGE,
    ),
    **dict.fromkeys(("e-mail", "mail"), Via.EMAIL),
}
