"""The words of the encrypted board: what was written anew, the devices,
a secret key to keep."""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisors.views.console import note, out, para

if TYPE_CHECKING:
    from advisors.actions.privacy import Devices, Resealing, SecretKey


def resealed(result: Resealing) -> None:
    done = result.done
    counts = [
        (done.segments, "log segment"),
        (done.steps, "undo step"),
        (done.backups, "backup"),
        (done.copies, "merged or stray copy"),
    ]
    written = ", ".join(f"{n} {what}{'' if n == 1 else 's'}" for n, what in counts if n)
    para(f"{result.headline}{f' ({written} written anew)' if written else ''}.", 0)
    if done.dropped_steps:
        n = done.dropped_steps
        steps = f"{n} undo step{' was' if n == 1 else 's were'}"
        para(f"{steps} left out: the log {'it' if n == 1 else 'they'} named was already gone.", 0)
    for line in result.after:
        para(line, 0)


def devices(result: Devices) -> None:
    if not result.recipients:
        out("The board is not encrypted ('advisors encrypt' encrypts it).")
        return
    for r in result.recipients:
        here = "  (this device)" if r["key"] == result.mine else ""
        out(f"{r['key']}  {r.get('device', '')}, added {r.get('added', '')}{here}")


def secret(result: SecretKey) -> None:
    """The warning on stderr first, then the key alone on stdout (so that
    ``advisors key export > file`` keeps only the key)."""
    note(result.warning)
    for line in result.lines:
        out(line)
