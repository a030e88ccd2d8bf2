"""This device's age identity: made once, kept where the system keeps secrets.

An encrypted board is sealed for one X25519 key per device. This device's
secret half (``AGE-SECRET-KEY-1...``) is looked for, in this order:

1. the config's ``identity_command`` (say ``pass show advisors/key``): its
   output, each time a command first meets a sealed file;
2. the identity file beside the config file (``identity.txt``, 0600), the
   same format ``age -i`` reads;
3. the OS keyring (``keyring``), imported only when the others have none,
   as it costs tens of milliseconds to load.

A new identity goes into the keyring when one is usable, else into the
identity file; never into the data folder, which a sync tool copies.

A board encrypted with a passphrase (``encrypt --passphrase``, for one
device) keeps its identity in the data folder instead, itself an age file
sealed with the passphrase (scrypt). Unlocked, it is kept for the terminal
session (at most ``SESSION_HOURS``) in the user's runtime folder
(``$XDG_RUNTIME_DIR``, in memory), else in the keyring: the passphrase is
asked once per session at most, and never by cron, which has no terminal.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisors.errors import Locked, UsageProblem
from advisors.paths import Config
from advisors.store.durable import make_private_folder, replace_with

SERVICE = "advisors"
ACCOUNT = "age-identity"
_SECRET = re.compile(r"^AGE-SECRET-KEY-1[0-9A-Z]+$")
_RECIPIENT = re.compile(r"^age1[0-9a-z]{58}$")


@dataclass(frozen=True)
class Identity:
    secret: str
    where: str  # "command", "file", "keyring", or "session" (a passphrase board's)
    path: Path | None = None  # the identity file, when it is kept in one

    @property
    def key(self) -> Any:
        from pyrage import x25519

        return x25519.Identity.from_str(self.secret)

    @property
    def recipient(self) -> str:
        return str(self.key.to_public())

    def described(self) -> str:
        """Where it is kept, in words."""
        if self.where == "keyring":
            return "the system keyring"
        if self.where == "command":
            return "the config's identity_command"
        return f"{self.path} (readable by you alone)"


def identity_file(config: Config) -> Path:
    return config.path.parent / "identity.txt"


def secrets_in(text: str) -> list[str]:
    """The identities in an identity file's text (``#`` lines are comments)."""
    return [line.strip() for line in text.splitlines() if _SECRET.match(line.strip())]


def is_recipient(text: str) -> bool:
    if not _RECIPIENT.match(text):
        return False
    from pyrage import RecipientError, x25519

    try:
        x25519.Recipient.from_str(text)
    except RecipientError:
        return False
    return True


def find(config: Config) -> Identity | None:
    """This device's own identity (the first kept), wherever it is, or None."""
    found = _all(config)
    return found[0] if found else None


def _all(config: Config) -> list[Identity]:
    if config.identity_command:
        return [Identity(s, "command") for s in _from_command(config.identity_command)]
    path = identity_file(config)
    try:
        found = secrets_in(path.read_text(encoding="utf-8", errors="replace"))
    except FileNotFoundError:
        found = []
    except OSError as exc:
        raise Locked("command", detail=f"can't read {path}: {exc.strerror}") from None
    if found:
        return [Identity(s, "file", path) for s in found]
    return [Identity(s, "keyring") for s in secrets_in(_from_keyring() or "")]


def identities(config: Config) -> list[Any]:
    """Every key kept on this device (its own, and any imported), for
    ``sealing.use_keys``."""
    return [found.key for found in _all(config)]


def make(config: Config) -> Identity:
    """This device's identity, made (and kept) if it has none."""
    return find(config) or keep(config, new_secret())


def keep(config: Config, secret: str) -> Identity:
    """Keep ``secret`` on this device beside any key it has: in the keyring
    when one is usable, else in the identity file."""
    if not _SECRET.match(secret):
        raise UsageProblem("that is not an age identity (one starts AGE-SECRET-KEY-1)")
    if config.identity_command:
        raise UsageProblem(
            "the config's identity_command gives this device's keys; add this one there"
        )
    kept = _all(config)
    if any(k.secret == secret for k in kept):
        return next(k for k in kept if k.secret == secret)
    if (not kept or kept[0].where == "keyring") and _into_keyring(
        "\n".join([*(k.secret for k in kept), secret])
    ):
        return Identity(secret, "keyring")
    path = identity_file(config)
    make_private_folder(path.parent)
    import datetime

    made = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    before = path.read_bytes() if kept and kept[0].where == "file" else b""
    text = (
        f"# advisors: a key to encrypted boards, kept {made}; keep it secret\n"
        f"# public key: {public_of(secret)}\n{secret}\n"
    )
    replace_with(path, before + text.encode())
    return Identity(secret, "file", path)


def new_secret() -> str:
    """A new X25519 identity (``AGE-SECRET-KEY-1...``)."""
    from pyrage import x25519

    return str(x25519.Identity.generate())


def public_of(secret: str) -> str:
    """The public key (``age1...``) of a secret one."""
    from pyrage import x25519

    return str(x25519.Identity.from_str(secret).to_public())


SESSION_HOURS = 12


def lock_with(secret: str, passphrase: str) -> bytes:
    """``secret`` sealed with ``passphrase`` (age's scrypt): the key file of a
    passphrase board, which ``age -d -i`` also opens, asking the passphrase."""
    from pyrage import passphrase as scrypt

    return scrypt.encrypt(f"{secret}\n".encode(), passphrase)


def unlock(sealed: bytes, ask: Callable[[str], str] | None) -> Any:
    """The identity in a passphrase board's key file: from this session's
    cache, else unlocked with the passphrase ``ask`` gets (and cached)."""
    from pyrage import DecryptError
    from pyrage import passphrase as scrypt

    found = _cached(sealed)
    if found:
        return Identity(found, "session").key
    if ask is None:
        raise Locked("passphrase")
    try:
        secret = secrets_in(scrypt.decrypt(sealed, ask("Passphrase of the board: ")).decode())
    except (DecryptError, UnicodeDecodeError):
        raise Locked("passphrase-wrong") from None
    if not secret:
        raise Locked("passphrase-wrong")
    remember(sealed, secret[0])
    return Identity(secret[0], "session").key


def _session_name(sealed: bytes) -> str:
    """This terminal session's name for an unlocked key file."""
    import hashlib

    return f"session-{os.getsid(0)}-{hashlib.sha256(sealed).hexdigest()[:16]}"


def remember(sealed: bytes, secret: str) -> None:
    """Keep the unlocked identity for this terminal session: in the runtime
    folder (memory) where the system gives one, else in the keyring."""
    import time

    cache = _session_file(sealed)
    if cache is not None:
        with contextlib.suppress(OSError):
            replace_with(cache, f"{secret}\n".encode(), sync=False)
        return
    with contextlib.suppress(Exception):
        import keyring

        keyring.set_password(SERVICE, _session_name(sealed), f"{int(time.time())} {secret}")


def _cached(sealed: bytes) -> str | None:
    """This session's unlocked identity, if it is fresh (``SESSION_HOURS``)."""
    import time

    cache = _session_file(sealed)
    if cache is not None:
        try:
            if time.time() - cache.lstat().st_mtime > SESSION_HOURS * 3600:
                cache.unlink()
                return None
            found = secrets_in(cache.read_text())
        except (OSError, UnicodeDecodeError):
            return None
        return found[0] if found else None
    try:
        import keyring

        kept = keyring.get_password(SERVICE, _session_name(sealed)) or ""
    except Exception:  # no usable keyring: ask
        return None
    made, _, secret = kept.partition(" ")
    if not made.isdigit() or time.time() - int(made) > SESSION_HOURS * 3600:
        return None
    return secret if _SECRET.match(secret) else None


def _session_file(sealed: bytes) -> Path | None:
    """Where this session keeps an unlocked key: a private folder in the
    runtime folder ($XDG_RUNTIME_DIR: memory, emptied at logout), named by
    the session and the key file; None where there is none."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if not runtime:
        return None
    folder = Path(runtime) / "advisors"
    try:
        if not Path(runtime).is_dir():
            return None
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
            return None  # not ours alone: keep nothing there
    except OSError:
        return None
    return folder / f"{_session_name(sealed)}.key"


def _from_command(command: str) -> list[str]:
    import shlex
    import subprocess

    try:
        finished = subprocess.run(
            shlex.split(command), capture_output=True, text=True, timeout=120, check=False
        )
    except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
        raise Locked("command", detail=f"{command!r} did not run: {exc}") from None
    found = secrets_in(finished.stdout)
    if finished.returncode != 0 or not found:
        said = (finished.stderr.strip().splitlines() or [""])[-1][:120]
        why = f"it exited with status {finished.returncode}" if finished.returncode else "no key"
        raise Locked("command", detail=f"{command!r}: {why}{': ' + said if said else ''}")
    return found


def _from_keyring() -> str | None:
    try:
        import keyring

        secret = keyring.get_password(SERVICE, ACCOUNT)
    except Exception:  # no usable keyring: none of its errors is ours to show
        return None
    return secret if secret and _SECRET.match(secret) else None


def _into_keyring(secret: str) -> bool:
    """Keep ``secret`` in the OS keyring if one is usable (and gives it back)."""
    try:
        import keyring

        keyring.set_password(SERVICE, ACCOUNT, secret)
        return keyring.get_password(SERVICE, ACCOUNT) == secret
    except Exception:  # the fail backend, a locked or absent service
        return False
