"""The commands: each module parses its words, calls one action inside one
transaction, and hands the result to a view. No command module imports
another; ``advisors.cli`` imports each one only when its command is run.

Each module keeps its commands in a ``CommandSet``: every command is a Typer
app of its own, so a run turns only the one command it needs into a Click
command (Typer's documented behaviour for an app with a single command), and a
group such as ``goal`` is a Click group that builds its subcommands on demand
(Click's documented lazy-group recipe).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
import typer
from typer.core import TyperGroup

SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}


class CommandSet:
    """The commands of one module, built into Click commands only when used."""

    def __init__(self, help_text: str | None = None, *, group: str | None = None) -> None:
        self.help = help_text
        self.group = group  # the group's name, for modules such as goal and todo
        self.apps: dict[str, typer.Typer] = {}

    def command(self, name: str | None = None) -> Callable[[Callable[..., Any]], Any]:
        def register(function: Callable[..., Any]) -> Callable[..., Any]:
            word = name or function.__name__.replace("_", "-")
            app = typer.Typer(
                rich_markup_mode=None,
                pretty_exceptions_enable=False,
                add_completion=False,
                context_settings=SETTINGS,
            )
            app.command(word)(function)
            self.apps[word] = app
            return function

        return register

    def build(self, name: str) -> click.Command | None:
        app = self.apps.get(name)
        return None if app is None else typer.main.get_command(app)

    def as_group(self) -> click.Group:
        assert self.group is not None
        return CommandGroup(
            self,
            name=self.group,
            help=self.help,
            no_args_is_help=True,
            context_settings=SETTINGS,
            rich_markup_mode=None,
        )


class CommandGroup(TyperGroup):
    """A group whose subcommands are built when asked for."""

    def __init__(self, commands: CommandSet, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.command_set = commands
        self.built: dict[str, click.Command | None] = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.command_set.apps)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.built:
            self.built[cmd_name] = self.command_set.build(cmd_name)
        return self.built[cmd_name]
