"""Shell completion of names, goal titles, ids and backups, as each shell
needs them.

Typer's completion protocol calls these with what was typed so far; the
environment variable it sets (``_ADVISORS_COMPLETE=complete_bash``, ``_zsh``,
``_fish``) says which shell asks. Matching ignores case and accents, and a
name completes as one shell word, in its own case:

- bash inserts a candidate as it is, so spaces and quotes are escaped
  (``Priya\\ Raman``);
- zsh quotes what it inserts, but by default keeps only candidates that
  start with the typed text, so a candidate that differs only in case or
  accents keeps the typed prefix (``jo`` gives ``josé Chen``);
- fish quotes and matches by itself.

Completion never prints a traceback: any trouble gives no candidates.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from typing import Any

import click
from click.shell_completion import CompletionItem

_BASH_SPECIAL = re.compile(r"([^\w@%+=:,./-])")


def _shell() -> str:
    return os.environ.get("_ADVISORS_COMPLETE", "").removeprefix("complete_")


def _session(ctx: click.Context) -> Any:
    from advisors.actions.board import Board

    return Board(db_option=ctx.find_root().params.get("db"))


def candidates(incomplete: str, labels: Iterable[str]) -> list[str]:
    """The labels that match what was typed, shaped for the asking shell."""
    from advisors.names import fold

    wanted = fold(incomplete)
    shell = _shell()
    found = []
    for label in labels:
        folded = fold(label)
        if not (folded.startswith(wanted) or any(w.startswith(wanted) for w in folded.split())):
            continue
        if shell == "bash":
            found.append(_BASH_SPECIAL.sub(r"\\\1", label))
        elif shell == "zsh" and not label.startswith(incomplete) and folded.startswith(wanted):
            found.append(incomplete + label[len(incomplete) :])
        else:
            found.append(label)
    return sorted(dict.fromkeys(found), key=fold)


def _quietly(find: Callable[[click.Context, str], list[Any]]) -> Callable[..., list[Any]]:
    """A completer in Click's form (Typer's own form keeps only candidates that
    start with the typed text, which a name in its own case may not)."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        try:
            return [
                CompletionItem(c[0], help=c[1]) if isinstance(c, tuple) else c
                for c in find(ctx, incomplete)
            ]
        except Exception:  # noqa: BLE001  completion must never print a traceback
            return []

    complete.__name__ = find.__name__
    return complete


@_quietly
def person(ctx: click.Context, incomplete: str) -> list[str]:
    from advisors.board.records import Person

    return candidates(incomplete, (p.name for p in _session(ctx).read().all(Person)))


@_quietly
def goal(ctx: click.Context, incomplete: str) -> list[str]:
    from advisors.board.records import Goal

    return candidates(incomplete, (g.title for g in _session(ctx).read().all(Goal)))


@_quietly
def backup(ctx: click.Context, incomplete: str) -> list[str]:
    names = [b.name for b in _session(ctx).store.backups()]
    return [n for n in names if n.startswith(incomplete)]


class Completed(click.ParamType):
    """Text, completed by the shell through Click's public ``shell_complete``
    of a parameter type (Typer's own ``autocompletion`` keeps only candidates
    that start with the typed text, which a name in its own case may not)."""

    name = "text"

    def __init__(self, complete: Callable[..., list[Any]]) -> None:
        self.complete = complete

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        return value

    def shell_complete(
        self, ctx: click.Context, param: click.Parameter, incomplete: str
    ) -> list[CompletionItem]:
        return [
            c if isinstance(c, CompletionItem) else CompletionItem(c)
            for c in self.complete(ctx, param, incomplete)
        ]


def ids(table: str, *, open_only: bool = False) -> Callable[..., list[Any]]:
    """Completion of the ids of a table's records, each with its text, in
    the order of their numbers; ``open_only``: follow-ups not yet done."""

    def find(ctx: click.Context, incomplete: str) -> list[tuple[str, str]]:
        from advisors.board import records

        model = {
            "todos": records.Todo,
            "topics": records.Topic,
            "advice": records.Advice,
            "conversations": records.Conversation,
            "dates": records.KeyDate,
        }[table]
        data = _session(ctx).read()
        if model is records.Conversation:
            newest = sorted(data.newest_conversations(50), key=lambda c: c.id)
            items = [(str(c.id), f"{c.date} {c.notes[:40]}") for c in newest]
        else:
            items = [
                (str(r.id), str(getattr(r, "text", "") or getattr(r, "label", ""))[:60])
                for r in sorted(data.all(model), key=lambda r: r.id)
                if not (open_only and getattr(r, "done", None))
            ]
        return [(value, text) for value, text in items if value.startswith(incomplete.lstrip("#"))]

    find.__name__ = f"complete_{table}{'_open' if open_only else ''}"
    return _quietly(find)


PERSON = Completed(person)
GOAL = Completed(goal)
BACKUP = Completed(backup)
