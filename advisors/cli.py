"""The command line: parse words, call the library, print what it returns.

Errors of every kind are turned into one line on stderr and an exit code in
one place, ``AdvisorsGroup.main``: 2 for a user mistake, 3 for trouble with
the data file. A traceback is shown only with ``ADVISORS_DEBUG=1``.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Annotated, Any

import typer  # noqa: E402
from typer._click import exceptions as click_errors  # noqa: E402
from typer.core import TyperGroup  # noqa: E402

from advisors import (
    __version__,
    _fast_typer,  # noqa: F401  (must come before typer is used)
)
from advisors.commands import advice, goals, housekeeping, people, prep, remind, todos, topics  # noqa: E402,I001
from advisors.commands import due as due_commands  # noqa: E402
from advisors.commands import log as log_commands  # noqa: E402
from advisors.errors import AdvisorsError  # noqa: E402
from advisors.render import err  # noqa: E402
from advisors.session import Session  # noqa: E402


class AdvisorsGroup(TyperGroup):
    """The root command, and the only exit point of the program."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = run_safely(
            lambda: super(AdvisorsGroup, self).main(
                args=args,
                prog_name=prog_name or "advisors",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        )
        if not standalone_mode:
            return code
        sys.exit(code)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def run_safely(invoke: Any) -> int:
    """Run the command; turn every failure into a message and an exit code."""
    debug = os.environ.get("ADVISORS_DEBUG") == "1"
    try:
        result = invoke()
        return result if isinstance(result, int) else 0
    except AdvisorsError as exc:
        if debug:
            raise
        err(f"advisors: error: {_one_line(str(exc))}")
        return exc.exit_code
    except click_errors.NoArgsIsHelpError:
        return 0  # Typer has printed the help already
    except click_errors.UsageError as exc:
        hint = ""
        if exc.ctx is not None:
            hint = f" (see '{exc.ctx.command_path} --help')"
        err(f"advisors: error: {_one_line(exc.format_message())}{hint}")
        return 2
    except typer.Abort:
        err("advisors: cancelled; nothing was changed")
        return 1
    except click_errors.ClickException as exc:
        err(f"advisors: error: {_one_line(exc.format_message())}")
        return exc.exit_code
    except KeyboardInterrupt:
        err("advisors: interrupted; nothing was changed")
        return 130
    except OSError as exc:
        if exc.errno == errno.EPIPE:  # piped into `head`: not an error
            return 0
        if debug:
            raise
        err(f"advisors: error: {exc.strerror or exc}")
        return 1
    except Exception as exc:
        if debug:
            raise
        err(
            f"advisors: internal error ({type(exc).__name__}: {_one_line(str(exc))}); "
            "please report it. Run again with ADVISORS_DEBUG=1 to see details"
        )
        return 1


class AdvisorsApp(typer.Typer):
    """The console script's entry point.

    When the command is done, every change is already fsynced and the lock
    released, so the process flushes its output and leaves at once, skipping
    the interpreter's teardown of every imported module (about 25 ms on each
    run here). Tests drive the command group directly and are unaffected.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            super().__call__(*args, **kwargs)
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        leave(code)


def leave(code: int) -> None:
    """Flush stdout and stderr, then end the process with ``code``."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more to say
            code = code or 1
    os._exit(code)


app = AdvisorsApp(
    cls=AdvisorsGroup,
    name="advisors",
    help=(
        "Keep in touch with your board of advisors: mentors, sponsors, peers "
        "and mentees. Start with 'advisors add', then run 'advisors due'."
    ),
    no_args_is_help=True,
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
            help="Data file to use (else $ADVISORS_DB, the config's db, "
            "or the platform data folder).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print the version and exit.",
            is_eager=True,
            callback=_show_version,
        ),
    ] = False,
) -> None:
    """Keep in touch with your board of advisors."""
    ctx.obj = Session(db_option=db)


app.add_typer(people.app)
app.add_typer(log_commands.app)
app.add_typer(due_commands.app)
app.add_typer(prep.app)
app.add_typer(remind.app)
app.add_typer(goals.app, name="goal")
app.add_typer(todos.app, name="todo")
app.add_typer(topics.app, name="topic")
app.add_typer(advice.app, name="advice")
app.add_typer(housekeeping.app)
