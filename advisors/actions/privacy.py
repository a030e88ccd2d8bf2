"""The encrypted board: turning it on and off, and the devices that read it.

``encrypt`` makes (or finds) this device's age identity and writes every file
of the board anew, sealed for it; ``decrypt`` writes them in the clear again.
The other devices are added and removed by their public keys; each change of
the list writes every file anew for the devices left (``store.resealing``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from advisors.actions.board import Board
from advisors.actions.result import Result, Said
from advisors.errors import UsageProblem

if TYPE_CHECKING:
    from advisors.keys import Identity
    from advisors.store.resealing import Resealed


@dataclass
class Resealing(Result):
    """Every file of the board written anew: for whom, and how many."""

    headline: str
    recipients: list[dict[str, Any]]
    done: Resealed
    after: list[str] = field(default_factory=list)  # what to know next

    def as_json(self) -> Any:
        return {
            "encrypted": bool(self.recipients),
            "recipients": self.recipients,
            "written": {
                "segments": self.done.segments,
                "undo_steps": self.done.steps,
                "backups": self.done.backups,
                "copies": self.done.copies,
            },
            "undo_steps_dropped": self.done.dropped_steps,
            "said": [self.headline, *self.after],
        }

    def show(self) -> None:
        from advisors.views import privacy

        privacy.resealed(self)


@dataclass
class Devices(Result):
    """The devices an encrypted board is sealed for."""

    recipients: list[dict[str, Any]]
    mine: str | None  # this device's public key, when it has one

    def as_json(self) -> Any:
        return {
            "encrypted": bool(self.recipients),
            "devices": [{**r, "this_device": r["key"] == self.mine} for r in self.recipients],
        }

    def show(self) -> None:
        from advisors.views import privacy

        privacy.devices(self)


@dataclass
class SecretKey(Result):
    """A secret key to print: this device's, or one made for a new device."""

    lines: list[str]  # what goes to stdout
    warning: str  # what goes to stderr, before it

    def show(self) -> None:
        from advisors.views import privacy

        privacy.secret(self)

    def as_json(self) -> Any:
        return {"said": self.lines, "warning": self.warning}


def _device_name() -> str:
    import platform

    return platform.node() or "this device"


def _entry(board: Board, key: str, device: str) -> dict[str, Any]:
    return {"key": key, "device": device, "added": board.today().isoformat()}


def _no_copies_waiting(board: Board) -> None:
    if board.store.conflict_copies():
        raise UsageProblem(
            "sync conflict copies of the data file are waiting; run 'advisors merge' first, "
            "then try again"
        )


def _keep_safe(identity: Identity) -> str:
    return (
        f"This device's key is in {identity.described()}. Without it (or another "
        "device's) the board can't be read: 'advisors key export' prints it, to keep "
        "somewhere safe."
    )


def encrypt(board: Board, *, passphrase: str | None = None) -> Resealing:
    """Encrypt every file of the board for this device (its key made if it
    has none): the main file, the log, undo steps, backups and merged copies.
    With ``passphrase``, for one device: the board's own key is kept beside
    it, sealed with the passphrase, which each terminal session asks once."""
    from advisors import keys

    data = board.read()
    if data.recipients:
        raise UsageProblem(
            "the board is already encrypted; 'advisors key list' shows the devices that read it"
        )
    _no_copies_waiting(board)
    if passphrase is not None:
        secret = keys.new_secret()
        sealed = keys.lock_with(secret, passphrase)
        recipients = [{**_entry(board, keys.public_of(secret), "passphrase"), "passphrase": True}]
        keys.remember(sealed, secret)  # this session asks no more (nor does the pass)
        done = board.store.reseal(recipients, board.today(), key=sealed)
        return Resealing(
            "Encrypted the board with a passphrase",
            recipients,
            done,
            [
                "Each terminal session asks for it once; cron can't type it. Forget it and "
                "the board is lost: nobody can open it without it."
            ],
        )
    identity = keys.make(board.config)
    recipients = [_entry(board, identity.recipient, _device_name())]
    done = board.store.reseal(recipients, board.today())
    return Resealing(
        "Encrypted the board for this device", recipients, done, [_keep_safe(identity)]
    )


def decrypt(board: Board) -> Resealing:
    """Write every file of the board in the clear again."""
    data = board.read()
    if not data.recipients and not board.store.sealed_backups():
        raise UsageProblem("the board is not encrypted")
    _no_copies_waiting(board)
    done = board.store.reseal([], board.today())
    return Resealing("Decrypted the board: its files are in the clear again", [], done)


def _encrypted(board: Board) -> list[dict[str, Any]]:
    recipients = board.read().recipients
    if not recipients:
        raise UsageProblem("the board is not encrypted; run 'advisors encrypt' first")
    if any(r.get("passphrase") for r in recipients):
        raise UsageProblem(
            "the board is encrypted with a passphrase, for one device; for keys per device, "
            "'advisors decrypt' then 'advisors encrypt'"
        )
    return recipients


def add_key(board: Board, recipient: str, name: str | None = None) -> Resealing:
    """Let another device read and write the board: its public key (``age1...``,
    which ``advisors key show`` prints there) joins the list, and every file
    is written anew for all of them."""
    from advisors import keys

    recipient = recipient.strip()
    if not keys.is_recipient(recipient):
        raise UsageProblem(f"{recipient[:70]!r} is not an age public key (one starts age1)")
    recipients = _encrypted(board)
    if any(r["key"] == recipient for r in recipients):
        raise UsageProblem("that device can already read the board")
    _no_copies_waiting(board)
    device = name or f"device {len(recipients) + 1}"
    recipients = [*recipients, _entry(board, recipient, device)]
    done = board.store.reseal(recipients, board.today())
    return Resealing(
        f"Added {device}: the board is encrypted for {len(recipients)} devices", recipients, done
    )


def add_device(board: Board, name: str | None = None) -> SecretKey:
    """Make a key for a new device, let it read the board, and print the one
    line to run there (it holds that device's secret key)."""
    from advisors import keys

    made = keys.new_secret()
    add_key(board, keys.public_of(made), name)
    return SecretKey(
        [f" advisors key import {made}"],
        "advisors: run the line below on the new device, typed or pasted there; it is "
        "that device's secret key: don't send it by mail or chat, and clear this screen after",
    )


def remove_key(board: Board, which: str) -> Resealing:
    """Stop a device reading the board from now on (by its public key or
    name): every file is written anew for the devices left."""
    from advisors import keys

    recipients = _encrypted(board)
    gone = [r for r in recipients if which.strip() in (r["key"], r.get("device"))]
    if not gone:
        raise UsageProblem(f"no device {which[:60]!r} reads the board; 'advisors key list'")
    if len(gone) > 1:
        raise UsageProblem(f"{len(gone)} devices are called {which!r}; give its public key")
    left = [r for r in recipients if r is not gone[0]]
    if not left:
        raise UsageProblem("that is the only device; 'advisors decrypt' ends encryption")
    mine = keys.find(board.config)
    if mine is not None and gone[0]["key"] == mine.recipient:
        raise UsageProblem("that is this device's key; remove it from another device")
    _no_copies_waiting(board)
    done = board.store.reseal(left, board.today())
    device = gone[0].get("device") or gone[0]["key"]
    return Resealing(
        f"Removed {device}: the board is encrypted for the {len(left)} left",
        left,
        done,
        [
            f"What {device} already copied (the synced folder, backups, exports) stays "
            "readable to it; what is written from now on is not."
        ],
    )


def list_keys(board: Board) -> Devices:
    """The devices that can read the board."""
    from advisors import keys

    mine = keys.find(board.config)
    return Devices(board.read().recipients, mine.recipient if mine else None)


def show_key(board: Board) -> Said:
    """This device's public key (made if it has none): what another device
    adds with ``advisors key add``."""
    from advisors import keys

    identity = keys.make(board.config)
    return Said(identity.recipient, record=identity.recipient)


def export_key(board: Board) -> SecretKey:
    """This device's secret key, to keep somewhere safe."""
    from advisors import keys

    sealed = board.store.passphrase_key()
    if sealed is not None and board.read().recipients:  # the board's own, unlocked
        secret = str(keys.unlock(sealed, board.passphrase))
    elif (identity := keys.find(board.config)) is not None:
        secret = identity.secret
    else:
        raise UsageProblem("this device has no key yet ('advisors encrypt' makes one)")
    return SecretKey(
        [f"# public key: {keys.public_of(secret)}", secret],
        "advisors: this is your secret key: anyone with it can read the board. Keep it "
        "offline (a password manager, paper); don't leave it in a file or a chat",
    )


def import_key(board: Board, secret: str) -> Said:
    """Keep a secret key on this device (the line ``key add-device`` printed)."""
    from advisors import keys

    kept = keys.keep(board.config, secret.strip())
    return Said(f"Kept the key for {kept.recipient} in {kept.described()}.", record=kept)
