"""The crontab line that mails the weekly digest, printed or installed."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.actions import cron as actions
from advisors.commands import CommandSet, current, present
from advisors.commands.params import Choice, JsonOpt
from advisors.dates import WEEKDAYS
from advisors.errors import UsageProblem

app = CommandSet()

DAY = Choice(
    actions.DAYS,
    "unknown --day {value}: use mon, tue, ... sun, or daily",
    aliases={name: actions.DAYS[index] for name, index in WEEKDAYS.items()},
)


@app.command()
def cron(
    day: Annotated[
        str, typer.Option("--day", click_type=DAY, help="Day of the week to send the digest.")
    ] = "mon",
    time: Annotated[
        str, typer.Option("--time", metavar="HH:MM", help="Time of day, 24-hour clock.")
    ] = "08:00",
    install: Annotated[
        bool,
        typer.Option(
            "--install", help="Add the line to your crontab (replacing an older one of ours)."
        ),
    ] = False,
    remove: Annotated[
        bool, typer.Option("--remove", help="Take our line out of your crontab.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Print (or install) a crontab line that mails you the digest."""
    if install and remove:
        raise UsageProblem("choose one of --install and --remove")
    if install or remove:
        present(actions.install_cron(current(), day=day, time=time, remove=remove), as_json)
    else:
        present(actions.cron_line_for(current(), day=day, time=time), as_json)
