"""User mistakes exit 2, data-file trouble exits 3; the file never changes."""

from __future__ import annotations

import json

import pytest

from tests.conftest import Env, ok, run, snapshot

MISTAKES = [
    (["add", "Zed", "--every", "often"], "can't read the cadence 'often'"),
    (["add", "Zed", "--every", "0d"], "must be at least one day"),
    (["add", "Zed", "--every", "-2w"], "must be at least one week"),
    (["add", "Zed", "--role", "guru"], "unknown role 'guru'"),
    (["add", "Zed", "--status", "maybe"], "unknown status 'maybe'"),
    (["add", "ana lopez"], "Ana Lopez is already on your board"),
    (["add", "   "], "the name is empty"),
    (["show", "nobody"], "no person called 'nobody'"),
    (["show", "Ana Lopes"], "did you mean Ana Lopez?"),
    (["show", "chen"], "matches more than one person: Bo Chen, José Chen"),
    (["edit", "ana", "--every", "sometimes"], "can't read the cadence"),
    (["edit", "ana"], "nothing to change"),
    (["edit", "ana", "--drop-area", "cooking"], "has no area 'cooking'"),
    (["edit", "ana", "--name", "Bo Chen"], "Bo Chen is already on your board"),
    (["pause", "ana", "--until", "someday"], "can't read the date 'someday'"),
    (["pause", "ana", "--until", "yesterday"], "must be after today"),
    (["snooze", "ana", "--until", "blursday"], "can't read the date"),
    (["log", "ana", "--date", "tomorrow"], "is in the future"),
    (["log", "ana", "--date", "next friday"], "is in the future"),
    (["log", "ana", "--via", "pigeon"], "unknown --via 'pigeon'"),
    (["log", "zed"], "no person called 'zed'"),
    (["log", "ana", "zed"], "no person called 'zed'"),
    (["due", "--as-of", "whenever"], "can't read the date 'whenever'"),
    (["due", "--role", "guru"], "unknown role"),
    (["due", "--within", "-3"], "--within must be zero or more"),
    (["history", "--since", "the dawn of time"], "can't read the date"),
    (["history", "--limit", "0"], "--limit must be at least 1"),
    (["list", "--frobnicate"], "No such option"),
    (["due", "--within", "soon"], "is not a whole number"),
    (["frobnicate"], "no command 'frobnicate'"),
    (["remin"], "did you mean 'remind'?"),
    (["remove", "nobody", "--yes"], "no person called 'nobody'"),
    (["restore", "no-such-backup", "--yes"], "no backup called"),
]


@pytest.mark.parametrize(
    ("args", "message"), MISTAKES, ids=lambda v: " ".join(v) if isinstance(v, list) else None
)
def test_a_mistake_is_one_line_exit_2_and_changes_nothing(
    board: Env, args: list[str], message: str
) -> None:
    ok("log", "ana", "--date", "2026-11-20", "--note", "before")
    before = snapshot(board.db)
    result = run(*args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert message in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("advisors: error: ")
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(board.db) == before


def _with_log(good: bytes, log: list) -> bytes:
    raw = json.loads(good)
    raw["_meta"]["1"]["log"] = log
    return json.dumps(raw).encode()


CORRUPTIONS = {
    "truncated": lambda good: good[: len(good) // 2],
    "extra data": lambda good: good + b'{"more": 1}',
    "empty": lambda good: b"",
    "NUL bytes": lambda good: b"\x00" * 64,
    "NUL inside": lambda good: good[:40] + b"\x00" + good[41:],
    "a list": lambda good: b"[1, 2, 3]",
    "wrong shape": lambda good: b'{"people": {"1": "Ana"}}',
    "bad ids": lambda good: b'{"people": {"one": {"name": "Ana"}}}',
    "bad schema": lambda good: b'{"_meta": {"1": {"schema": "one"}}, "people": {}}',
    "not utf-8": lambda good: b"\xff\xfe" + good,
    "segment outside": lambda good: _with_log(good, [{"file": "../../etc/passwd", "count": 1}]),
}

READERS_AND_WRITERS = [
    ["due"],
    ["list"],
    ["show", "ana"],
    ["history"],
    ["add", "Zed"],
    ["edit", "ana", "--why", "x"],
    ["log", "ana", "--note", "x"],
    ["pause", "ana"],
    ["resume", "ana"],
    ["archive", "ana"],
    ["snooze", "ana", "--until", "in 3 days"],
    ["remove", "ana", "--yes"],
    ["due", "--json"],
]


@pytest.mark.parametrize("kind", sorted(CORRUPTIONS))
def test_a_corrupt_file_exits_3_for_every_command_and_stays_as_it_is(board: Env, kind: str) -> None:
    damaged = CORRUPTIONS[kind](board.db.read_bytes())
    board.db.write_bytes(damaged)
    for args in READERS_AND_WRITERS:
        result = run(*args)
        assert result.exit_code == 3, (args, result.stdout, result.stderr)
        assert str(board.db) in result.stderr
        assert "advisors restore advisors.json-2026-11-25" in result.stderr
        assert result.stderr.count("\n") == 1
        assert board.db.read_bytes() == damaged


def test_a_file_from_a_newer_version_is_refused(board: Env) -> None:
    raw = json.loads(board.db.read_text())
    raw["_meta"]["1"]["schema"] = 99
    text = json.dumps(raw)
    board.db.write_text(text)
    result = run("add", "Zed")
    assert result.exit_code == 3
    assert "newer advisors" in result.stderr
    assert board.db.read_text() == text


def test_a_missing_log_segment_is_data_trouble(board: Env) -> None:
    ok("log", "ana", "--note", "x")
    for segment in board.db.with_name("advisors.json.log").iterdir():
        segment.unlink()
    for args in (["history"], ["log", "ana"], ["remove", "ana", "--yes"], ["show", "ana"]):
        result = run(*args)
        assert result.exit_code == 3, args
        assert "missing" in result.stderr and "advisors restore" in result.stderr


def test_an_unreadable_config_is_data_trouble(board: Env, monkeypatch) -> None:
    board.config.write_text("this is = = not toml")
    monkeypatch.delenv("ADVISORS_DB")
    result = run("due")
    assert result.exit_code == 3
    assert str(board.config) in result.stderr


def test_no_traceback_without_debug(board: Env, monkeypatch) -> None:
    import advisors.actions.rota as due_module

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(due_module, "who_is_due", explode)
    result = run("due")
    assert result.exit_code == 1
    assert "internal error (RuntimeError: boom)" in result.stderr
    assert "Traceback" not in result.stderr
    monkeypatch.setenv("ADVISORS_DEBUG", "1")
    with pytest.raises(RuntimeError):
        run("due")


def test_the_restore_that_the_corrupt_message_names_works(board: Env) -> None:
    ok("add", "Zed")  # after today's backup, which holds the board without Zed
    board.db.write_bytes(b'{"people": ')  # truncated by some accident
    message = run("due").stderr
    command = message[message.index("'advisors restore") + 1 :].split("'")[0]
    assert command == "advisors restore advisors.json-2026-11-25"
    ok(*command.split()[1:], "--yes")
    names = [p["name"] for p in ok("list", "--json").json()]
    assert "Ana Lopez" in names and "Zed" not in names
    kept = sorted((board.db.parent / "backups").iterdir())[-1]
    assert kept.name.endswith("-before-restore")
    assert (kept / "advisors.json").read_bytes() == b'{"people": '  # damaged copy kept


def test_a_symlinked_data_file_stays_a_symlink(env: Env, monkeypatch) -> None:
    real = env.root / "synced" / "advisors.json"
    real.parent.mkdir()
    env.db.parent.mkdir(parents=True)
    env.db.symlink_to(real)
    ok("add", "Ana")
    ok("add", "Bo")
    assert env.db.is_symlink()
    assert [p["name"] for p in ok("list", "--json").json()] == ["Ana", "Bo"]
    assert "Bo" in real.read_text()
