"""The encrypted board: encrypt, decrypt."""

from __future__ import annotations

from advisors.actions import privacy as actions
from advisors.commands import CommandSet, current, present
from advisors.commands.params import JsonOpt

app = CommandSet()


@app.command()
def encrypt(as_json: JsonOpt = False) -> None:
    """Encrypt every file of the board (age), with a key kept on this device."""
    present(actions.encrypt(current()), as_json)


@app.command()
def decrypt(as_json: JsonOpt = False) -> None:
    """Write every file of an encrypted board in the clear again."""
    present(actions.decrypt(current()), as_json)
