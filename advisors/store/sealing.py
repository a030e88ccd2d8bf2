"""The encrypted board: every file's bytes one plain age file (opt-in).

A board is encrypted when its main file's ``_meta`` lists ``recipients``
(one X25519 key per device, ``age1...``): every file a commit writes (the
main file, each log segment, the undo steps, the commit journal) is then
sealed for all of them, so the standard ``age`` tool decrypts any file with
one device's identity. Hashes and sizes recorded in the main file are of the
sealed bytes. A file is read as age when it starts with age's header, so a
reader needs no other sign, and nothing is ever decrypted to disk.

The identities that open the files are this device's; the store does not
know where they are kept (``advisors.keys`` does): whoever opens a board
gives a source of them with ``use_keys``, asked only when a sealed file is met.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from advisors.errors import Locked

MAGIC = b"age-encryption.org/v1\n"


def is_sealed(payload: bytes) -> bool:
    return payload.startswith(MAGIC)


@dataclass(frozen=True)
class Seal:
    """Seals bytes for a list of recipients; with none, leaves them as they are."""

    recipients: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.recipients)

    @cached_property
    def _keys(self) -> list[Any]:
        from pyrage import x25519

        return [x25519.Recipient.from_str(key) for key in self.recipients]

    def __call__(self, payload: bytes) -> bytes:
        if not self.recipients:
            return payload
        import pyrage

        return pyrage.encrypt(payload, self._keys)


PLAIN = Seal()


def recipients_of(meta: dict[str, Any]) -> list[dict[str, Any]]:
    """The devices a board is encrypted for (empty: a plain board)."""
    found = meta.get("recipients")
    return found if isinstance(found, list) else []


def seal_of(meta: dict[str, Any]) -> Seal:
    """What the files of the state with this ``_meta`` are written as."""
    return Seal(tuple(r["key"] for r in recipients_of(meta) if isinstance(r, dict)))


class Keys:
    """This device's identities, fetched once, when a sealed file is first met."""

    def __init__(self) -> None:
        self.source: Callable[[], Sequence[Any]] | None = None
        self._found: Sequence[Any] | None = None

    def use(self, source: Callable[[], Sequence[Any]] | None) -> None:
        self.source, self._found = source, None

    def get(self) -> Sequence[Any]:
        if self._found is None:
            found = self.source() if self.source is not None else []
            if not found:
                raise Locked("no-key")
            self._found = found
        return self._found

    def mine(self) -> str:
        """This device's recipient (``age1...``), to name in a message."""
        return str(self.get()[0].to_public())


KEYS = Keys()


def use_keys(source: Callable[[], Sequence[Any]] | None) -> None:
    """Where this process finds the identities that open sealed files: a
    function called once, the first time one is needed."""
    KEYS.use(source)


def unseal(payload: bytes) -> bytes:
    """The bytes inside ``payload`` (a plain file's bytes are themselves).

    Raises ``Locked`` when no identity here opens it (never "damaged": the
    file may be whole), and ``ValueError`` when it does not decrypt whole."""
    if not is_sealed(payload):
        return payload
    import pyrage

    try:
        return pyrage.decrypt(payload, list(KEYS.get()))
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            raise Locked("not-for-us", detail=KEYS.mine()) from None
        raise ValueError(f"it does not decrypt: {exc}") from None
