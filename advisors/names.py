"""Find one record from what the user typed: an id, or part of a name.

Matching is case- and accent-insensitive ("jose" finds "José"): the exact
name first, then a unique word prefix (whole words before parts of words),
then a unique substring. Used for
people's names and for goal titles alike.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TypeVar

from advisors.errors import UsageProblem

T = TypeVar("T")
# Names and titles are at most this long (see commands.params), so matching,
# which compares each word of the query with each word of a name, stays quick.
MAX_QUERY = 500


def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced form used for comparing."""
    if text.isascii():  # nothing to decompose (a fifth of an import of 20,000 went here)
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def find_one(
    query: str,
    candidates: Sequence[tuple[int, str, T]],
    *,
    kind: str = "person",
) -> T:
    """Pick the one candidate ``(id, label, value)`` that ``query`` names.

    Raises ``UsageProblem`` listing the matches when several fit, or the
    closest labels when none does.
    """
    if len(query) > MAX_QUERY:
        raise UsageProblem(f"that {kind} name is longer than {MAX_QUERY} characters")
    wanted = fold(query)
    if not wanted:
        raise UsageProblem(f"which {kind}? the name is empty")
    typed = query.strip().lstrip("#")
    if typed.isascii() and typed.isdigit() and len(typed) <= 12:
        for ident, _label, value in candidates:
            if ident == int(typed):
                return value
    folded = [(fold(label), label, value) for _ident, label, value in candidates]
    for matcher in (
        lambda name: name == wanted,
        lambda name: _word_prefix(name, wanted, whole=True),
        lambda name: _word_prefix(name, wanted),
        lambda name: wanted in name,
    ):
        hits = [(label, value) for name, label, value in folded if matcher(name)]
        if len(hits) == 1:
            return hits[0][1]
        if len(hits) > 1:
            names = ", ".join(sorted(label for label, _ in hits))
            raise UsageProblem(
                f"{query!r} matches more than one {kind}: {names}; type more of the name, or the id"
            )
    raise UsageProblem(_not_found(query, [label for _, label, _ in folded], kind))


def _word_prefix(name: str, wanted: str, *, whole: bool = False) -> bool:
    """Do the words of ``wanted`` begin consecutive words of ``name``?

    With ``whole``, they must be those words entirely: "ana" names Ana Lopez
    before it is a prefix of Anabel Ruiz.
    """
    words = name.split()
    wanted_words = wanted.split()
    if not whole and name.startswith(wanted):
        return True

    def fits(word: str, part: str) -> bool:
        return word == part if whole else word.startswith(part)

    return any(
        all(i + j < len(words) and fits(words[i + j], part) for j, part in enumerate(wanted_words))
        for i in range(len(words))
    )


def _not_found(query: str, labels: list[str], kind: str) -> str:
    import difflib

    if not labels:
        return f"no {kind} called {query!r}: there are none yet"
    by_fold = {fold(label): label for label in labels}
    wanted = fold(query)
    close = difflib.get_close_matches(wanted, list(by_fold), n=3, cutoff=0.5)
    if not close:
        words = {word: key for key in by_fold for word in key.split()}
        close = [words[w] for w in difflib.get_close_matches(wanted, list(words), cutoff=0.6)]
    if close:
        suggestions = " or ".join(dict.fromkeys(by_fold[c] for c in close))
        return f"no {kind} called {query!r}: did you mean {suggestions}?"
    return f"no {kind} called {query!r}"


def spoken(names: list[str]) -> str:
    """Names as a sentence says them: "Ana", "Ana and Bo", "Ana, Bo and Cy"."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
