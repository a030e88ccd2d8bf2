"""The encrypted board (issue: private at rest): every file one age file,
keys per device, everything still working, nothing written in the clear."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import textwrap
from pathlib import Path

import pytest

from tests.conftest import Env, ok, run, run_installed, snapshot

MAGIC = b"age-encryption.org/v1\n"
SECRETS = (b"Lopez", b"confided", b"burnout", b"ana@example.org")


def files_of(env: Env) -> list[Path]:
    """Every file in the data folder that holds data (not the lock, not the
    public list of recipients)."""
    skip = {env.db.name + ".lock", env.db.name + ".recipients"}
    return sorted(p for p in env.db.parent.rglob("*") if p.is_file() and p.name not in skip)


def a_board_with_history(env: Env) -> None:
    ok("add", "Ana Lopez", "--role", "mentor", "--every", "2w", "--email", "ana@example.org")
    ok("log", "ana", "--note", "she confided her burnout", "--date", "2026-11-01")
    ok("add", "Bo Park", "--role", "peer")
    ok("log", "bo", "--note", "lunch")
    ok("backup")


def use_device(monkeypatch: pytest.MonkeyPatch, env: Env, name: str) -> Path:
    """Another device: its own config folder, so its own key."""
    config = env.root / name / "config.toml"
    config.parent.mkdir(exist_ok=True)
    monkeypatch.setenv("ADVISORS_CONFIG", str(config))
    return config


def test_encrypt_seals_every_file_and_keeps_the_key_outside_the_data_folder(env: Env) -> None:
    a_board_with_history(env)
    done = ok("encrypt")
    identity = env.config.parent / "identity.txt"
    assert str(identity) in done.stdout
    assert "'advisors key export'" in done.stdout
    assert stat.S_IMODE(identity.stat().st_mode) == 0o600
    found = files_of(env)
    assert any(p.parent.name.endswith(".log") for p in found)
    assert any(p.parent.name.endswith(".undo") for p in found)
    assert any("backups" in p.parts for p in found)
    for path in found:
        payload = path.read_bytes()
        assert payload.startswith(MAGIC), path
        assert not any(s in payload for s in SECRETS), path
    assert ok("where", "--json").json()["key_file"] == {"path": str(identity), "exists": True}
    recipients = env.db.with_name(env.db.name + ".recipients").read_text()
    public = ok("key", "show").stdout.strip()
    assert public.startswith("age1") and public in recipients
    assert not any(s.decode() in recipients for s in SECRETS)


def test_everything_still_works_on_an_encrypted_board(env: Env) -> None:
    a_board_with_history(env)
    ok("encrypt")
    assert "Ana Lopez" in ok("due").stdout
    ok("log", "ana", "--note", "second talk, also confided")
    assert "second talk" in ok("history", "--limit", "1").stdout
    assert "burnout" in ok("show", "ana").stdout
    ok("undo", "--yes")
    assert "second talk" not in ok("history").stdout
    ok("redo", "--yes")
    assert "second talk" in ok("history").stdout
    assert "is healthy" in ok("doctor").stdout
    assert "is healthy" in ok("doctor", "--deep").stdout
    backups = ok("restore").stdout
    assert "can't be read" not in backups
    newest = backups.splitlines()[1].split()[0]
    ok("restore", newest, "--yes")
    assert "second talk" not in ok("history").stdout
    for path in files_of(env):
        assert path.read_bytes().startswith(MAGIC), path


def test_a_change_writes_nothing_in_the_clear(env: Env) -> None:
    a_board_with_history(env)
    ok("encrypt")
    ok("log", "bo", "--note", "a new secret about burnout")
    ok("edit", "bo", "--email", "bo@example.org")
    for path in files_of(env):
        assert path.read_bytes().startswith(MAGIC), path


@pytest.mark.skipif(shutil.which("age") is None, reason="needs the age command (Debian's age)")
def test_the_age_command_decrypts_every_file_with_the_identity(env: Env) -> None:
    a_board_with_history(env)
    ok("encrypt")
    identity = env.config.parent / "identity.txt"
    segment = next((env.db.parent / f"{env.db.name}.log").iterdir())
    for path in (env.db, segment):
        read = subprocess.run(
            ["age", "-d", "-i", str(identity), str(path)], capture_output=True, check=True
        )
        assert b"burnout" in read.stdout or b"Lopez" in read.stdout
        json.loads(read.stdout)
    # and an export made for the board opens the same way
    out = env.root / "export.json"
    ok("export", "--output", str(out))
    read = subprocess.run(["age", "-d", "-i", str(identity), str(out)], capture_output=True)
    assert json.loads(read.stdout)["format"] == "advisors-export"


def test_without_the_key_every_command_exits_3_and_writes_nothing(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_board_with_history(env)
    ok("encrypt")
    before = snapshot(env.db)
    use_device(monkeypatch, env, "stranger")
    for args in (("due",), ("log", "ana"), ("doctor",), ("export", "--plain"), ("undo", "--yes")):
        done = run(*args)
        assert done.exit_code == 3, args
        assert done.stdout == ""
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1, lines
        assert "is encrypted and this device has no key for it" in lines[0]
        assert "damaged" not in lines[0]
    assert snapshot(env.db) == before


def test_a_key_the_board_is_not_encrypted_for_is_named(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_board_with_history(env)
    ok("encrypt")
    before = snapshot(env.db)
    use_device(monkeypatch, env, "laptop")
    mine = ok("key", "show").stdout.strip()
    done = run("due")
    assert done.exit_code == 3
    assert f"run 'advisors key add {mine}'" in done.stderr
    assert snapshot(env.db) == before


def test_a_second_device_added_by_its_public_key_reads_and_writes(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_board_with_history(env)
    ok("encrypt")
    first = env.config
    use_device(monkeypatch, env, "laptop")
    laptop = ok("key", "show").stdout.strip()
    monkeypatch.setenv("ADVISORS_CONFIG", str(first))
    added = ok("key", "add", laptop, "--name", "laptop")
    assert "encrypted for 2 devices" in added.stdout
    listed = ok("key", "list", "--json").json()["devices"]
    assert [d["device"] for d in listed][1] == "laptop"
    assert [d["this_device"] for d in listed] == [True, False]
    use_device(monkeypatch, env, "laptop")
    ok("log", "ana", "--note", "from the laptop")
    monkeypatch.setenv("ADVISORS_CONFIG", str(first))
    assert "from the laptop" in ok("history").stdout
    # removed: what is written from now on is not for the laptop
    removed = ok("key", "remove", "laptop")
    assert "stays readable to it" in removed.stdout
    use_device(monkeypatch, env, "laptop")
    assert run("due").exit_code == 3


def test_add_device_prints_the_line_that_lets_the_new_device_in(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_board_with_history(env)
    ok("encrypt")
    made = ok("key", "add-device", "--name", "phone")
    assert "secret key" in made.stderr
    line = made.stdout.strip()
    assert line.startswith("advisors key import AGE-SECRET-KEY-1")
    assert made.stdout.startswith(" ")  # a leading space keeps it out of bash's history
    use_device(monkeypatch, env, "phone")
    assert run("due").exit_code == 3
    kept = ok("key", "import", line.split()[-1])
    assert "identity.txt" in kept.stdout
    assert "Ana Lopez" in ok("due").stdout


def test_export_key_prints_the_secret_with_a_warning(env: Env) -> None:
    a_board_with_history(env)
    ok("encrypt")
    shown = ok("key", "export")
    secret = (env.config.parent / "identity.txt").read_text().strip().splitlines()[-1]
    assert secret in shown.stdout
    assert "anyone with it can read the board" in shown.stderr


def test_decrypt_brings_every_file_back_in_the_clear(env: Env) -> None:
    a_board_with_history(env)
    ok("encrypt")
    done = ok("decrypt")
    assert "in the clear again" in done.stdout
    for path in files_of(env):
        assert not path.read_bytes().startswith(MAGIC), path
    json.loads(env.db.read_bytes())
    assert not env.db.with_name(env.db.name + ".recipients").exists()
    assert "burnout" in ok("show", "ana").stdout
    assert "is healthy" in ok("doctor", "--deep").stdout
    ok("undo", "--yes")  # the history was brought back with it


@pytest.mark.parametrize(
    "args, says",
    [
        (("decrypt",), "not encrypted"),
        (("key", "add", "age1nope"), "not an age public key"),
        (("key", "remove", "nobody"), "no device 'nobody'"),
        (("export", "--plain", "--to", "age1x"), "contradict"),
        (("report", "--output", "r.html"), "add --plain"),
        (("export", "--format", "csv"), "--output FOLDER"),
    ],
)
def test_mistakes_exit_2_and_change_nothing(env: Env, args: tuple[str, ...], says: str) -> None:
    a_board_with_history(env)
    if args != ("decrypt",):
        ok("encrypt")
    before = snapshot(env.db)
    done = run(*args)
    assert done.exit_code == 2, done.stderr
    assert says in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert snapshot(env.db) == before


def test_the_last_device_and_this_device_cannot_be_removed(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_board_with_history(env)
    ok("encrypt")
    mine = ok("key", "show").stdout.strip()
    assert "only device" in run("key", "remove", mine).stderr
    use_device(monkeypatch, env, "laptop")
    laptop = ok("key", "show").stdout.strip()
    monkeypatch.setenv("ADVISORS_CONFIG", str(env.config))
    ok("key", "add", laptop)
    before = snapshot(env.db)
    done = run("key", "remove", mine)
    assert done.exit_code == 2 and "this device's key" in done.stderr
    assert run("encrypt").exit_code == 2
    assert snapshot(env.db) == before


def test_exports_are_encrypted_unless_asked(env: Env) -> None:
    a_board_with_history(env)
    ok("encrypt")
    assert ok("export").stdout.startswith(MAGIC.decode())
    assert json.loads(ok("export", "--plain").stdout)["format"] == "advisors-export"
    other = ok("key", "show").stdout.strip()
    out = env.root / "for-someone.md"
    ok("export", "--format", "markdown", "--to", other, "--output", str(out))
    assert out.read_bytes().startswith(MAGIC)
    folder = env.root / "csv"
    ok("export", "--format", "csv", "--output", str(folder))
    assert all(p.read_bytes().startswith(MAGIC) for p in folder.iterdir())
    ok("report", "--plain", "--output", str(env.root / "r.html"))


def test_a_plain_board_exports_for_a_recipient_on_request(env: Env) -> None:
    a_board_with_history(env)
    other = ok("key", "show").stdout.strip()
    assert ok("export").stdout.startswith("{")
    out = env.root / "x.json"
    ok("export", "--to", other, "--output", str(out))
    assert out.read_bytes().startswith(MAGIC)


def test_encrypt_waits_for_conflict_copies_to_be_merged(env: Env) -> None:
    a_board_with_history(env)
    copy = env.db.with_name("advisors.sync-conflict-20261120-101010-ABCDEFG.json")
    shutil.copy(env.db, copy)
    before = snapshot(env.db)
    done = run("encrypt")
    assert done.exit_code == 2 and "advisors merge" in done.stderr
    assert snapshot(env.db) == before


def test_a_conflict_copy_from_another_device_merges_in_memory(env: Env) -> None:
    a_board_with_history(env)
    ok("encrypt")
    # the other device's copy: this board as it was, plus a change of its own
    copy = env.db.with_name("advisors.sync-conflict-20261120-101010-ABCDEFG.json")
    ok("log", "bo", "--note", "told on the other device")
    shutil.copy(env.db, copy)
    ok("undo", "--yes")
    ok("merge", "--yes")
    assert "told on the other device" in ok("history").stdout
    for path in files_of(env):
        assert path.read_bytes().startswith(MAGIC), path


def test_identity_command_gives_the_key(env: Env) -> None:
    a_board_with_history(env)
    ok("encrypt")
    identity = env.config.parent / "identity.txt"
    kept = env.root / "vault.txt"
    identity.rename(kept)
    env.config.write_text(f'identity_command = "cat {kept}"\n')
    assert "Ana Lopez" in ok("due").stdout
    env.config.write_text('identity_command = "false"\n')
    done = run("due")
    assert done.exit_code == 3
    assert "identity_command gave no key" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_key_goes_to_a_usable_keyring(env: Env) -> None:
    import keyring
    from keyring.backend import KeyringBackend
    from keyring.backends import fail

    class Memory(KeyringBackend):
        priority = 1
        kept: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.kept.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.kept[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.kept.pop((service, username), None)

    keyring.set_keyring(Memory())
    try:
        a_board_with_history(env)
        done = ok("encrypt")
        assert "the system keyring" in done.stdout
        assert not (env.config.parent / "identity.txt").exists()
        assert "Ana Lopez" in ok("due").stdout
        Memory.kept.clear()
        assert run("due").exit_code == 3
    finally:
        keyring.set_keyring(fail.Keyring())


def test_the_editor_note_is_written_in_a_private_folder_removed_after(
    env: Env, monkeypatch
) -> None:
    a_board_with_history(env)
    ok("encrypt")
    seen = env.root / "seen.txt"
    editor = env.root / "editor.sh"
    editor.write_text(
        textwrap.dedent(
            f"""\
            #!/bin/sh
            stat -c '%a' "$(dirname "$1")" > {seen}
            dirname "$1" >> {seen}
            echo "a note typed in the editor" >> "$1"
            """
        )
    )
    editor.chmod(0o700)
    import advisors.editor

    monkeypatch.setattr(advisors.editor, "stdin_is_terminal", lambda: True)
    monkeypatch.setenv("EDITOR", str(editor))
    ok("log", "ana")
    mode, folder = seen.read_text().split()
    assert mode == "700"
    assert not os.path.exists(folder)
    assert "a note typed in the editor" in ok("history", "--limit", "1").stdout


def test_cron_says_when_its_bare_environment_cannot_reach_the_key(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_board_with_history(env)
    ok("encrypt")
    # found from cron: the identity file beside the config the line names
    reached = run("cron")
    assert reached.exit_code == 0, reached.stderr
    assert "warning" not in reached.stderr
    # a key only a login session gives (here: a variable cron does not set)
    identity = env.config.parent / "identity.txt"
    kept = env.root / "session-key.txt"
    identity.rename(kept)
    monkeypatch.setenv("KEY_IN_SESSION", str(kept))
    env.config.write_text('identity_command = "sh -c \'cat \\"$KEY_IN_SESSION\\"\'"\n')
    assert "Ana Lopez" in ok("due").stdout
    missed = run("cron")
    assert missed.exit_code == 1
    assert missed.stdout.strip().endswith("# advisors weekly digest")
    assert "can't open the encrypted board" in missed.stderr
    assert "identity_command" in missed.stderr


def in_one_terminal_session(commands: list[list[str]], passphrase: str) -> str:
    """Run the installed commands one after another in one terminal session,
    typing ``passphrase`` at each prompt for one; what the terminal showed."""
    import shlex

    from tests.conftest import advisors_command, in_a_session

    line = "; ".join(shlex.join([*advisors_command(), *c]) + " || echo exit=$?" for c in commands)
    answered = 0

    def reply(shown: bytes) -> bytes | None:
        nonlocal answered
        last = shown[answered:].rsplit(b"\n", 1)[-1]
        if last.rstrip().endswith(b":") and (b"assphrase" in last or b"confirmation" in last):
            answered = len(shown)
            return passphrase.encode() + b"\n"
        return None

    return in_a_session(["/bin/sh", "-c", line], reply)


def test_a_passphrase_is_asked_once_per_terminal_session(env: Env, monkeypatch) -> None:
    runtime = env.root / "run"
    runtime.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    a_board_with_history(env)
    shown = in_one_terminal_session(
        [["encrypt", "--passphrase"], ["due"], ["log", "ana", "--note", "typed once"]],
        "correct horse battery",
    )
    assert "Encrypted the board with a passphrase" in shown
    assert shown.count("Passphrase of the board") == 0  # the session knows it already
    assert "exit=" not in shown
    key = env.db.with_name(env.db.name + ".key")
    assert key.read_bytes().startswith(MAGIC) and b"scrypt" in key.read_bytes()
    for path in files_of(env):
        if path != key:
            assert path.read_bytes().startswith(MAGIC), path
    # a new session asks once; a wrong passphrase opens nothing and says so
    before = snapshot(env.db)
    shown = in_one_terminal_session([["due"], ["history", "--limit", "1"]], "correct horse battery")
    assert shown.count("Passphrase of the board") == 1
    assert "Ana Lopez" in shown and "typed once" in shown
    shown = in_one_terminal_session([["due"]], "not the passphrase")
    assert "that passphrase does not open" in shown and "exit=3" in shown
    # nobody at a terminal (cron, a script): locked, one line, exit 3
    done = run_installed("due", input="")
    assert done.returncode == 3
    assert "no terminal to ask it on" in done.stderr
    assert snapshot(env.db) == before


@pytest.mark.skipif(shutil.which("age") is None, reason="needs the age command (Debian's age)")
def test_the_age_command_opens_a_passphrase_board_with_its_key_file(env: Env, monkeypatch) -> None:
    from advisors import actions, open_board

    a_board_with_history(env)
    board = open_board(passphrase=lambda prompt: "correct horse battery")
    actions.encrypt(board, passphrase="correct horse battery")
    key = env.db.with_name(env.db.name + ".key")
    shown = in_age_session(["age", "-d", "-i", str(key), str(env.db)], "correct horse battery")
    assert '"Ana Lopez"' in shown


def in_age_session(command: list[str], passphrase: str) -> str:
    """Run ``age`` on a terminal, typing ``passphrase`` once when it asks."""
    from tests.conftest import in_a_session

    typed: list[bool] = []

    def reply(shown: bytes) -> bytes | None:
        if typed or b"passphrase" not in shown.lower():
            return None
        typed.append(True)
        return passphrase.encode() + b"\n"

    return in_a_session(command, reply)


def test_the_python_api_takes_the_passphrase_from_the_caller(env: Env) -> None:
    from advisors import actions, open_board
    from advisors.errors import Locked

    a_board_with_history(env)
    actions.encrypt(open_board(), passphrase="correct horse battery")
    # no session folder here: every open board asks its caller
    names = [
        p["name"]
        for p in actions.due(open_board(passphrase=lambda _: "correct horse battery")).as_json()[
            "people"
        ]
    ]
    assert "Ana Lopez" in names
    with pytest.raises(Locked):
        actions.due(open_board())
    with pytest.raises(Locked):
        actions.due(open_board(passphrase=lambda _: "wrong"))
    done = run("key", "add", ok("key", "show").stdout.strip())
    assert done.exit_code in (2, 3)


def test_an_encrypted_export_imports_on_a_device_with_the_key(
    env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_board_with_history(env)
    ok("encrypt")
    out = env.root / "board.json"
    ok("export", "--output", str(out))
    monkeypatch.setenv("ADVISORS_DB", str(env.root / "new" / "advisors.json"))
    ok("import", str(out))
    assert "burnout" in ok("history", "--limit", "5").stdout
    use_device(monkeypatch, env, "stranger")
    monkeypatch.setenv("ADVISORS_DB", str(env.root / "third" / "advisors.json"))
    done = run("import", str(out))
    assert done.exit_code == 3
    assert f"{out} is encrypted and this device has no key for it" in done.stderr


def test_a_conflict_copy_in_the_clear_is_kept_sealed_once_merged(env: Env) -> None:
    a_board_with_history(env)
    # a device that has not seen the encryption yet: its main file and segments
    log = env.db.with_name(env.db.name + ".log")
    theirs = {p.name: p.read_bytes() for p in log.iterdir()}
    their_main = env.db.read_bytes()
    ok("encrypt")
    for name, payload in theirs.items():  # its segments arrive through the sync
        (log / name).write_bytes(payload)
    copy = env.db.with_name("advisors.sync-conflict-20261120-101010-ABCDEFG.json")
    copy.write_bytes(their_main)
    ok("merge", "--yes")
    merged = sorted((env.db.parent / "backups" / "merged").iterdir())
    assert merged and all(p.read_bytes().startswith(MAGIC) for p in merged)
    assert env.db.read_bytes().startswith(MAGIC)
    # the segments its main file names are not left in the clear either
    for entry in json.loads(their_main)["_meta"]["1"]["log"]:
        assert (log / entry["file"]).read_bytes().startswith(MAGIC), entry["file"]
