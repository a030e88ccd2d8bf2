"""The encrypted board: encrypt, decrypt."""

from __future__ import annotations

from typing import Annotated

import typer

from advisors.actions import privacy as actions
from advisors.commands import CommandSet, current, new_passphrase, present
from advisors.commands.params import JsonOpt

app = CommandSet()


@app.command()
def encrypt(
    passphrase: Annotated[
        bool,
        typer.Option(
            "--passphrase",
            help="Use a passphrase (asked once per terminal session) instead of a device key.",
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Encrypt every file of the board (age), with a key kept on this device."""
    board = current()
    present(actions.encrypt(board, passphrase=new_passphrase() if passphrase else None), as_json)


@app.command()
def decrypt(as_json: JsonOpt = False) -> None:
    """Write every file of an encrypted board in the clear again."""
    present(actions.decrypt(current()), as_json)
