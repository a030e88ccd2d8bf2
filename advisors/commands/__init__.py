"""The commands: each module declares its options, turns the words into
typed inputs (``params``), calls one action and hands its result to
``present``, the one place that prints a result. No command module prints
or imports another; ``advisors.cli`` imports each one only when its command
is run.

Each module keeps its commands in a ``CommandSet``: every command is a Typer
app of its own, so a run turns only the one command it needs into a Click
command (Typer's documented behaviour for an app with a single command), and a
group such as ``goal`` is a Click group that builds its subcommands on demand
(Click's documented lazy-group recipe).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click
import typer
from typer.core import TyperGroup

if TYPE_CHECKING:
    from advisors.actions.board import Board
    from advisors.actions.result import Confirm, Result

SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}


class CommandSet:
    """The commands of one module, built into Click commands only when used."""

    def __init__(self, help_text: str | None = None, *, group: str | None = None) -> None:
        self.help = help_text
        self.group = group  # the group's name, for modules such as goal and todo
        self.apps: dict[str, typer.Typer] = {}

    def command(
        self, name: str | None = None, *, dashed_values: bool = False
    ) -> Callable[[Callable[..., Any]], Any]:
        """``dashed_values``: an argument may start with dashes (a day of the
        year without a year is written --03-14)."""

        def register(function: Callable[..., Any]) -> Callable[..., Any]:
            word = name or function.__name__.replace("_", "-")
            app = typer.Typer(
                rich_markup_mode=None,
                pretty_exceptions_enable=False,
                add_completion=False,
                context_settings=SETTINGS,
            )
            settings = {"ignore_unknown_options": True} if dashed_values else {}
            app.command(word, context_settings={**SETTINGS, **settings})(function)
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


class GuessingGroup(TyperGroup):
    """A group that says a mistyped command as every other mistake, with the
    closest command it has (the root and every group of commands)."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            import difflib

            close = difflib.get_close_matches(name.lower(), self.list_commands(ctx), 1, 0.5)
            guess = f": did you mean {close[0]!r}?" if close else ""
            raise click.UsageError(f"no command {name[:40]!r}{guess}", ctx)
        return super().resolve_command(ctx, args)


class CommandGroup(GuessingGroup):
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


def current() -> Board:
    """The open board of the command being run (set up by the root callback)."""
    from advisors.actions.board import Board

    root = click.get_current_context().find_root()
    if not isinstance(root.obj, Board):
        root.obj = Board()
    return root.obj


def present(result: Result, as_json: bool = False) -> None:
    """Print an action's result once, as words or as JSON, and end with its
    exit code (1: something needs attention)."""
    board = current()
    from advisors.views.console import note

    for text in board.notes:
        note(text)
    board.notes.clear()
    result.render(as_json)
    if result.exit_code:
        raise typer.Exit(result.exit_code)


def ask_passphrase(prompt: str) -> str:
    """A board's passphrase, asked on the terminal without echo; where no
    one can type it (cron, a pipe), the board stays locked."""
    import getpass
    import sys

    from advisors.errors import Locked

    if not sys.stdin.isatty():
        raise Locked("passphrase")
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        raise Locked("passphrase") from None


def new_passphrase() -> str:
    """A new passphrase, typed twice on the terminal."""
    import sys

    from advisors.errors import UsageProblem

    if not sys.stdin.isatty():
        raise UsageProblem("--passphrase asks for the passphrase on a terminal; run it in one")
    text: str = typer.prompt("New passphrase", hide_input=True, confirmation_prompt=True)
    if len(text) < 8:
        raise UsageProblem("a passphrase needs 8 characters at least (several words are best)")
    return text


def confirm(yes: bool) -> Confirm | None:
    """The one rule for a change that deletes something: ``--yes`` does not
    ask; on a terminal, ask; without one, refuse and say how to confirm."""
    if yes:
        return None

    def ask(question: str, refusal: str) -> None:
        import sys

        from advisors.errors import UsageProblem

        if not sys.stdin.isatty():
            raise UsageProblem(refusal)
        typer.confirm(question, abort=True)

    return ask
