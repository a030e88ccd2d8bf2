"""The encrypted board's rules, without the CLI: sealing bytes, opening them
with the keys at hand, writing every file anew, and where keys are kept."""

from __future__ import annotations

import pytest
from pyrage import x25519

from advisors import keys
from advisors.board.records import Conversation, Person
from advisors.errors import Locked, UsageProblem
from advisors.paths import load_config
from advisors.store import DataFile, Layout
from advisors.store.sealing import (
    MAGIC,
    PLAIN,
    Seal,
    is_sealed,
    recipients_of,
    seal_of,
    unseal,
    use_keys,
)
from advisors.store.segments import parse
from tests.conftest import Env


@pytest.fixture
def identity():
    made = x25519.Identity.generate()
    use_keys(lambda: [made])
    yield made
    use_keys(None)


def test_a_seal_for_no_one_leaves_bytes_as_they_are() -> None:
    assert PLAIN(b"{}") == b"{}"
    assert not PLAIN
    assert Seal(("age1x",))


def test_sealed_bytes_are_an_age_file_that_opens_with_the_key(identity) -> None:
    sealed = Seal((str(identity.to_public()),))(b'{"a": 1}')
    assert sealed.startswith(MAGIC) and is_sealed(sealed)
    assert b'"a"' not in sealed
    assert unseal(sealed) == b'{"a": 1}'
    assert parse(sealed) == {"a": 1}
    assert unseal(b'{"a": 1}') == b'{"a": 1}'  # a plain file is itself


def test_a_file_for_another_key_is_locked_not_damaged(identity) -> None:
    other = x25519.Identity.generate()
    sealed = Seal((str(other.to_public()),))(b"{}")
    with pytest.raises(Locked) as caught:
        unseal(sealed)
    assert caught.value.reason == "not-for-us"
    assert caught.value.detail == str(identity.to_public())


def test_no_key_at_all_is_locked() -> None:
    use_keys(None)
    sealed = Seal((str(x25519.Identity.generate().to_public()),))(b"{}")
    with pytest.raises(Locked) as caught:
        unseal(sealed)
    assert caught.value.reason == "no-key"


def test_a_cut_sealed_file_is_damage(identity) -> None:
    sealed = Seal((str(identity.to_public()),))(b"x" * 1000)
    with pytest.raises(ValueError):
        unseal(sealed[:-10])


def test_the_recipients_come_from_the_main_file() -> None:
    meta = {"recipients": [{"key": "age1a", "device": "a"}, {"key": "age1b"}]}
    assert seal_of(meta).recipients == ("age1a", "age1b")
    assert recipients_of({"recipients": "age1a"}) == []
    assert not seal_of({})


def board_with_history(env: Env) -> DataFile:
    store = DataFile(env.db)
    for n in range(3):
        with store.transaction(command=f"change {n}") as data:
            person = data.insert(Person(name=f"Person {n}"))
            data.insert(Conversation(people=[person.id], date="2026-01-0" + str(n + 1), notes="x"))
    with store.transaction(command="drop one") as data:  # a segment only steps name
        data.delete(data.conversations()[0])
    return store


def named_files(store: DataFile) -> list[bytes]:
    data = store.read()
    layout = Layout.of(store.path)
    found = [store.path.read_bytes()]
    found += [(layout.log / e["file"]).read_bytes() for e in data.log.entries]
    for step in [*data.meta.get("undo", []), *data.meta.get("redo", [])]:
        found.append((layout.undo / step["file"]).read_bytes())
    found += [(layout.log / name).read_bytes() for name in data.meta.get("held", {})]
    return found


def test_reseal_writes_every_named_file_anew_and_back(env: Env, identity) -> None:
    store = board_with_history(env)
    before = store.read()
    steps = len(before.meta["undo"])
    recipients = [{"key": str(identity.to_public()), "device": "here", "added": "2026-11-25"}]
    done = store.reseal(recipients, before_day())
    assert done.steps == steps and done.segments >= 1
    assert all(is_sealed(payload) for payload in named_files(store))
    data = store.read()
    assert data.recipients == recipients
    assert len(data.conversations()) == len(before.conversations())
    # every undo step is still a whole board, back to the first change
    for _ in range(steps):
        store.undo(before_day())
        assert all(is_sealed(payload) for payload in named_files(store))
    assert store.read().all(Person) == []
    done = store.reseal([], before_day())
    assert not any(is_sealed(payload) for payload in named_files(store))
    assert store.read().recipients == []


def test_reseal_names_only_new_files_and_leaves_none_of_the_old(env: Env, identity) -> None:
    store = board_with_history(env)
    layout = Layout.of(store.path)
    old = {p.name for p in layout.log.iterdir()} | {p.name for p in layout.undo.iterdir()}
    store.reseal([{"key": str(identity.to_public())}], before_day())
    new = {p.name for p in layout.log.iterdir()} | {p.name for p in layout.undo.iterdir()}
    assert not old & new
    assert not layout.pending.exists()
    assert layout.recipients.read_text().splitlines()[-1] == str(identity.to_public())


def before_day():
    from datetime import date

    return date(2026, 11, 25)


def test_keys_are_kept_beside_the_config_and_several_may_be(env: Env) -> None:
    config = load_config()
    assert keys.find(config) is None
    first = keys.make(config)
    assert first.where == "file" and first.path == env.config.parent / "identity.txt"
    assert keys.make(config) == first  # made once
    second = keys.keep(config, keys.new_secret())
    assert keys.find(config) == first  # this device's own comes first
    assert [str(k) for k in keys.identities(config)] == [first.secret, second.secret]
    assert keys.public_of(first.secret) == first.recipient
    with pytest.raises(UsageProblem):
        keys.keep(config, "not a key")


def test_identity_command_comes_before_the_file(env: Env) -> None:
    keys.make(load_config())
    kept = env.root / "vault"
    kept.write_text(keys.new_secret() + "\n")
    env.config.write_text(f'identity_command = "cat {kept}"\n')
    config = load_config()
    assert keys.find(config).secret == kept.read_text().strip()  # type: ignore[union-attr]
    env.config.write_text('identity_command = "true"\n')
    with pytest.raises(Locked) as caught:
        keys.find(load_config())
    assert caught.value.reason == "command"


def test_a_recipient_is_an_age_public_key() -> None:
    made = keys.new_secret()
    assert keys.is_recipient(keys.public_of(made))
    assert not keys.is_recipient("age1" + "q" * 58)
    assert not keys.is_recipient(made)
    assert keys.secrets_in(f"# comment\n{made}\n\nnoise") == [made]


def test_a_passphrase_key_opens_with_its_passphrase_only(env: Env) -> None:
    secret = keys.new_secret()
    sealed = keys.lock_with(secret, "correct horse battery")
    assert sealed.startswith(MAGIC) and b"scrypt" in sealed
    assert str(keys.unlock(sealed, lambda _: "correct horse battery")) == secret
    with pytest.raises(Locked) as caught:
        keys.unlock(sealed, lambda _: "wrong")
    assert caught.value.reason == "passphrase-wrong"
    with pytest.raises(Locked) as caught:
        keys.unlock(sealed, None)
    assert caught.value.reason == "passphrase"


def test_an_unlocked_passphrase_key_is_kept_for_the_session(env: Env, monkeypatch) -> None:
    runtime = env.root / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    secret = keys.new_secret()
    sealed = keys.lock_with(secret, "correct horse battery")
    keys.unlock(sealed, lambda _: "correct horse battery")
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return "correct horse battery"

    assert str(keys.unlock(sealed, ask)) == secret
    assert asked == []
    folder = runtime / "advisors"
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    # a folder others can read is not used
    folder.chmod(0o755)
    with pytest.raises(Locked):
        keys.unlock(sealed, None)


class Cut(Exception):
    """A reseal cut short (as a kill would be) at a chosen point."""


def every_file(store: DataFile) -> dict[str, bytes]:
    layout = Layout.of(store.path)
    return {
        str(p.relative_to(layout.folder)): p.read_bytes()
        for p in sorted(layout.folder.rglob("*"))
        if p.is_file() and not p.name.endswith((".lock", ".recipients"))
    }


def test_a_reseal_cut_before_its_commit_leaves_the_old_board_and_the_next_command_tidies(
    env: Env, identity, monkeypatch
) -> None:
    import os

    from advisors.store import resealing

    store = board_with_history(env)
    store.backup(before_day())
    before = every_file(store)
    real = os.replace

    def cut_at_the_main_file(source, target, *args, **kwargs):
        if str(target) == str(store.path):
            raise Cut()
        return real(source, target, *args, **kwargs)

    monkeypatch.setattr(resealing.os, "replace", cut_at_the_main_file)
    monkeypatch.setattr("advisors.store.durable.os.replace", cut_at_the_main_file)
    with pytest.raises(Cut):
        store.reseal([{"key": str(identity.to_public())}], before_day())
    monkeypatch.undo()
    use_keys(lambda: [identity])
    DataFile(env.db).read()  # any command: it finishes what the cut left
    after = every_file(store)
    live = {name: payload for name, payload in after.items() if not name.startswith("backups")}
    assert live == {n: p for n, p in before.items() if not n.startswith("backups")}
    # the backups that moved before the commit stay moved, sealed and whole
    assert all(is_sealed(p) for n, p in after.items() if n.startswith("backups"))


def test_a_reseal_cut_after_its_commit_leaves_the_new_board_and_the_next_command_tidies(
    env: Env, identity, monkeypatch
) -> None:
    from advisors.store import resealing

    store = board_with_history(env)
    before = every_file(store)

    real = resealing.clear_pending
    calls = []

    def cut_at_the_second(*args, **kwargs):  # the first clears before the pass
        calls.append(1)
        if len(calls) == 2:
            raise Cut()
        return real(*args, **kwargs)

    monkeypatch.setattr(resealing, "clear_pending", cut_at_the_second)
    with pytest.raises(Cut):
        store.reseal([{"key": str(identity.to_public())}], before_day())
    monkeypatch.undo()
    DataFile(env.db).read()
    after = every_file(store)
    assert all(is_sealed(payload) for payload in after.values()), sorted(after)
    assert not set(after) & {n for n in before if ".log/" in n or ".undo/" in n}
    assert len(store.read().conversations()) == 2
