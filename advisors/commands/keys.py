"""The devices that read an encrypted board, and this device's key."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.actions import privacy as actions
from advisors.commands import CommandSet, current, present
from advisors.commands.params import JsonOpt

app = CommandSet(
    "The devices that can read an encrypted board, and this device's key.", group="key"
)

NameOpt = Annotated[
    str | None,
    typer.Option(
        "--name", metavar="NAME", help="What to call the device (e.g. phone).", show_default=False
    ),
]


@app.command("add-device")
def add_device(name: NameOpt = None) -> None:
    """Let a new device in. Makes its key, lets it read the board, and prints
    the line to type there."""
    present(actions.add_device(current(), name))


@app.command("add")
def add(
    recipient: Annotated[
        str,
        typer.Argument(
            metavar="RECIPIENT",
            help="The device's public key (age1..., from 'advisors key show' there).",
            show_default=False,
        ),
    ],
    name: NameOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Let another device in, by its public key. 'advisors key show' prints it there."""
    present(actions.add_key(current(), recipient, name), as_json)


@app.command("remove")
def remove(
    device: Annotated[
        str,
        typer.Argument(
            metavar="DEVICE",
            help="The device's public key or name (from 'advisors key list').",
            show_default=False,
        ),
    ],
    as_json: JsonOpt = False,
) -> None:
    """Stop a device reading the board. Every file is encrypted anew for the rest."""
    present(actions.remove_key(current(), device), as_json)


@app.command("list")
def list_(as_json: JsonOpt = False) -> None:
    """The devices that can read the board."""
    present(actions.list_keys(current()), as_json)


@app.command("show")
def show() -> None:
    """Print this device's public key. It is made if there is none; 'key add' takes it elsewhere."""
    present(actions.show_key(current()))


@app.command("export")
def export() -> None:
    """Print this device's secret key. Keep it somewhere safe: anyone with it reads the board."""
    present(actions.export_key(current()))


@app.command("import")
def import_(
    secret: Annotated[
        str | None,
        typer.Argument(
            metavar="KEY",
            help="The secret key (AGE-SECRET-KEY-1...); without it, read from stdin.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Keep a secret key on this device. It is the line 'key add-device' printed elsewhere."""
    import sys

    present(actions.import_key(current(), secret if secret is not None else sys.stdin.read()))
