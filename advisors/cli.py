"""The command line's root: global options, the commands, and the one place
where every failure becomes a message and an exit code.

Exit codes: 0 success; 1 cancelled (or an internal error); 2 a mistake in
the command, with one line on stderr and the data untouched; 3 trouble with
the data file. A traceback is shown only with ``ADVISORS_DEBUG=1``.

Commands are loaded lazily through Click's documented lazy-group recipe: a
run imports and builds only the command its first word names; ``--help``
and shell completion ask for all of them.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any

import click
import typer

from advisors import __version__
from advisors.commands import GuessingGroup
from advisors.errors import AdvisorsError, Cancelled, InterruptedAfterCommit
from advisors.views.console import err

# Each command, in the order --help lists them: the module that holds it, and
# its one-line help (so --help needs no command module; a test checks that
# each line is the command's own).
COMMANDS = {
    "add": ("people", "Add a person to your board."),
    "list": ("people", "List the people on your board (archived ones only with --all)."),
    "show": ("people", "One person: details, rhythm, goals, follow-ups, topics, talks."),
    "edit": ("people", "Change someone's details; only the options you give change."),
    "pause": ("people", "Leave someone out of 'due' for a while, keeping their history."),
    "resume": ("people", "Make a paused, archived, alumni or prospective person active again."),
    "archive": ("people", "Retire someone from your board, keeping their history."),
    "close": ("street", "End a relationship well: they become alumni, kept with their history."),
    "redefine": (
        "street",
        "Change the shape of a relationship (a mentor becomes a peer), keeping its history.",
    ),
    "remove": ("people", "Delete someone, their topics and advice (shared talks stay)."),
    "where": ("housekeeping", "Show the data file, config file and backup folder in use."),
    "log": ("log", "Record a conversation, and see when each person is next due."),
    "history": ("log", "The conversation log, newest first."),
    "snooze": ("log", "Not now: move someone's next due date without a conversation."),
    "conversation": ("conversations", "Show, correct or drop a logged conversation by its #id."),
    "due": ("due", "Who is due for a conversation, most urgent first (the main view)."),
    "today": ("today", "The morning screen: who is due, follow-ups, dates, advice, new meetings."),
    "prep": ("prep", "One screen before a conversation: why, when, what's open."),
    "remind": ("remind", "The digest for cron: who to reconnect with, and what is waiting."),
    "cron": ("cron", "Print (or install) a crontab line that mails you the digest."),
    "search": (
        "search",
        "Find the notes, topics, follow-ups, advice, goals, gives and people on TEXT.",
    ),
    "board": ("board", "The areas of your life against your advisors: coverage, gaps, balance."),
    "stats": ("board", "How consistently you keep in touch, least consistent first."),
    "agree": ("street", "Agree the terms of a relationship: your ask, your offer, how you meet."),
    "give": ("street", "Log what you did for someone: an introduction, help, a thank-you."),
    "report": (
        "report",
        "A picture of your board: one HTML page with figures, for a screen or paper.",
    ),
    "review": ("review", "Review your board: keep, deepen or rotate out each person; see the mix."),
    "goal": ("goals", "Goals you are working on, and the advisors who help."),
    "todo": ("todos", "Follow-ups you owe, and ones you are waiting on."),
    "topic": ("topics", "Topics to bring up next time you talk to someone."),
    "date": ("occasions", "Birthdays, anniversaries and big days of the people on your board."),
    "advice": ("advice", "Advice you received (decide, try, report back) and advice you gave."),
    "undo": ("undo", "Take back the newest change (run again for the one before)."),
    "redo": ("undo", "Put back what the last undo took (until a new change is made)."),
    "export": ("export", "Write everything out: JSON, CSV, Markdown or a calendar (ICS)."),
    "import": ("importing", "Bring in an export, people (CSV, vCard) or calendar meetings (ICS)."),
    "merge": (
        "importing",
        "Merge sync conflict copies of the data file into it, then move them aside.",
    ),
    "backup": ("housekeeping", "Copy the data file into the backups folder now."),
    "restore": ("housekeeping", "List backups, newest first, or put one back."),
    "doctor": ("doctor", "Check the data file and its log; --fix repairs what can be repaired."),
    "encrypt": (
        "privacy",
        "Encrypt every file of the board (age), with a key kept on this device.",
    ),
    "decrypt": ("privacy", "Write every file of an encrypted board in the clear again."),
    "key": ("keys", "The devices that can read an encrypted board, and this device's key."),
}


_BUILT: dict[str, click.Command | None] = {}


class AdvisorsGroup(GuessingGroup):
    """The root command: builds commands on demand, and is the only exit point."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        if cmd_name not in _BUILT:
            module = importlib.import_module(f"advisors.commands.{COMMANDS[cmd_name][0]}")
            commands = module.app
            _BUILT[cmd_name] = commands.as_group() if commands.group else commands.build(cmd_name)
        return _BUILT[cmd_name]

    def invoke(self, ctx: click.Context) -> Any:
        # Click turns Ctrl-C into Abort and a closed pipe into exit 1 before
        # run_safely sees them; carry them through to it unchanged.
        try:
            return super().invoke(ctx)
        except (KeyboardInterrupt, BrokenPipeError) as exc:
            raise Carried(exc) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, short) for name, (_module, short) in COMMANDS.items()])

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        from advisors.actions.board import Board
        from advisors.commands import ask_passphrase

        words = list(sys.argv[1:] if args is None else args)
        board = extra.setdefault(
            "obj", Board(command_line=command_line(words), passphrase=ask_passphrase)
        )
        code = run_safely(
            lambda: super(AdvisorsGroup, self).main(
                args=args,
                prog_name=prog_name or "advisors",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            ),
            before_error=lambda error: say_warnings(board, error),
        )
        say_warnings(board)
        if not standalone_mode:
            return code
        sys.exit(code)


def say_warnings(board: Any, error: str = "") -> None:
    """The notes not said yet, then each warning, one line on stderr; none
    that the error the command ends with says again (a read that warned of a
    missing log part, then needed that part)."""
    for text in board.notes:
        err(text)
    board.notes.clear()
    for text in board.warnings:
        if text.partition(" (")[0] not in error:
            err(f"advisors: warning: {text}")
    board.warnings.clear()


def command_line(words: list[str]) -> str:
    """The words of a run as ``undo --list`` shows them (without ``--db``)."""
    import shlex

    kept, skip = [], False
    for word in words:
        if skip:
            skip = False
        elif word == "--db":
            skip = True
        elif not word.startswith("--db="):
            kept.append(word)
    return shlex.join(kept)[:200]


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


class Carried(Exception):
    """Ctrl-C or a closed pipe, carried past Click to ``run_safely``."""

    def __init__(self, original: BaseException) -> None:
        super().__init__()
        self.original = original


def interruption(exc: BaseException) -> tuple[str, int] | None:
    """The one rule for Ctrl-C and a closed pipe, wherever they come: the line
    to say (or none) and the exit code; None for anything else."""
    if isinstance(exc, Carried):
        return interruption(exc.original)
    if isinstance(exc, InterruptedAfterCommit):
        return "advisors: interrupted after the change was saved", 130
    if isinstance(exc, KeyboardInterrupt):
        return "advisors: interrupted; nothing was changed", 130
    if isinstance(exc, BrokenPipeError) or (isinstance(exc, OSError) and exc.errno == errno.EPIPE):
        # piped into `head`, which had what it wanted: done, not failed (a
        # change cut short by it is a Cancelled error, said as such)
        return "", 0
    return None


def run_safely(invoke: Any, before_error: Callable[[str], None] | None = None) -> int:
    """Run the command; turn every failure into one line and an exit code.
    ``before_error`` hears the line first (to say the warnings it does not
    repeat)."""
    debug = os.environ.get("ADVISORS_DEBUG") == "1"

    def fail(text: str) -> None:
        if before_error is not None:
            before_error(text)
        err(text)

    try:
        result = invoke()
        return result if isinstance(result, int) else 0
    except (Carried, KeyboardInterrupt, BrokenPipeError) as exc:
        said = interruption(exc)
        assert said is not None
        if said[0]:
            fail(said[0])
        return said[1]
    except Cancelled as exc:
        fail(f"advisors: {exc}")
        return exc.exit_code
    except AdvisorsError as exc:
        if debug:
            raise
        fail(f"advisors: error: {_one_line(str(exc))}")
        return exc.exit_code
    except click.exceptions.NoArgsIsHelpError as exc:
        sys.stdout.write(exc.format_message() + "\n")  # a bare group: its help
        return 0
    except click.UsageError as exc:
        hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
        fail(f"advisors: error: {_one_line(exc.format_message())}{hint}")
        return 2
    except click.exceptions.Abort:
        fail("advisors: cancelled; nothing was changed")
        return 1
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        fail(f"advisors: error: {_one_line(exc.format_message())}")
        return exc.exit_code
    except MemoryError:
        if debug:
            raise
        from advisors.errors import OutOfMemory

        fail(f"advisors: error: {OutOfMemory()}")
        return OutOfMemory.exit_code
    except OSError as exc:
        if exc.errno == errno.EPIPE:  # piped into `head`: not an error
            return 0
        if debug:
            raise
        reason = _one_line(exc.strerror or str(exc))
        if exc.filename is None:  # the output itself: a full disk, a closed stream
            reason = f"can't write the output: {reason}"
        fail(f"advisors: error: {reason}")
        return 1
    except Exception as exc:
        if debug:
            raise
        fail(
            f"advisors: internal error ({type(exc).__name__}: {_one_line(str(exc))}); "
            "please report it. Run again with ADVISORS_DEBUG=1 to see details"
        )
        return 1


class AdvisorsApp(typer.Typer):
    """The console script's entry point.

    When the command is done, every change is already fsynced and the lock
    released, so the process flushes its output and leaves at once, skipping
    the interpreter's teardown of every imported module. Tests drive the
    command group directly and are unaffected.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            super().__call__(*args, **kwargs)
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        except KeyboardInterrupt as exc:  # before any command began: nothing changed
            said, code = interruption(exc) or ("", 130)
            err(said)
        leave(code)


def leave(code: int) -> None:
    """Flush stdout and stderr, then end the process with ``code``."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError) as exc:  # a full disk, a closed stream
            if interruption(exc) is None:  # `| head` had what it wanted: not a failure
                code = code or 1
                if stream is sys.stdout:
                    with contextlib.suppress(OSError, ValueError):
                        reason = exc.strerror if isinstance(exc, OSError) else str(exc)
                        sys.stderr.write(f"advisors: error: can't write the output: {reason}\n")
                        sys.stderr.flush()
    os._exit(code)


app = AdvisorsApp(
    cls=AdvisorsGroup,
    name="advisors",
    help=(
        "Keep in touch with your board of advisors: mentors, sponsors, peers "
        "and mentees. Start with 'advisors add', then run 'advisors due'."
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"advisors {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH",
            show_default=False,
            help="Data file to use (else $ADVISORS_DB, the config's db, or the "
            "platform data folder).",
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", is_eager=True, callback=_show_version
        ),
    ] = False,
) -> None:
    """Keep in touch with your board of advisors."""
    from advisors.actions.board import Board

    board = ctx.obj if isinstance(ctx.obj, Board) else Board()
    board.db_option = db
    ctx.obj = board
