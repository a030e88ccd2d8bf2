"""The commands: each module parses its words, calls one action inside one
transaction, and hands the result to a view. No command module imports
another; ``advisors.cli`` loads each one only when its command is run."""

from __future__ import annotations

from typing import Any

import typer


def sub_app(help_text: str | None = None, **settings: Any) -> typer.Typer:
    """A Typer app for a module of commands, with the project's settings:
    plain Click help (fast, and the same on a terminal and in a pipe)."""
    return typer.Typer(
        help=help_text,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        add_completion=False,
        context_settings={"help_option_names": ["-h", "--help"]},
        no_args_is_help=help_text is not None,
        **settings,
    )
