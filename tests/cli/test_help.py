"""Every command and every option explains itself, and the reference in
docs/cli.md is the help itself."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import typer

from advisors.cli import app
from tests.conftest import ok

ROOT = Path(__file__).resolve().parents[2]


def walk(command, ctx, path=()):
    yield path, command
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            yield from walk(sub, click.Context(sub, info_name=name, parent=ctx), (*path, name))


def commands():
    root = typer.main.get_command(app)
    return list(walk(root, click.Context(root, info_name="advisors")))


def test_every_command_and_option_has_help() -> None:
    missing = []
    for path, command in commands():
        if path and not (command.help or "").strip():
            missing.append(" ".join(path))
        for param in command.params:
            if param.name in ("install_completion", "show_completion", "help"):
                continue
            if not (getattr(param, "help", None) or "").strip():
                missing.append(f"{' '.join(path) or 'advisors'} {param.name}")
    assert missing == []


def test_help_runs_for_every_command() -> None:
    for path, _command in commands():
        result = ok(*path, "--help")
        assert "Usage:" in result.stdout


def test_help_lists_every_command_in_order() -> None:
    listed = ok("--help").stdout.split("Commands:")[1].splitlines()
    names = [
        line.split()[0] for line in listed if line.startswith("  ") and not line.startswith("   ")
    ]
    assert names == [
        "add",
        "list",
        "show",
        "edit",
        "pause",
        "resume",
        "archive",
        "close",
        "redefine",
        "remove",
        "where",
        "log",
        "history",
        "snooze",
        "conversation",
        "due",
        "today",
        "prep",
        "remind",
        "cron",
        "search",
        "board",
        "stats",
        "agree",
        "give",
        "report",
        "review",
        "goal",
        "todo",
        "topic",
        "date",
        "advice",
        "undo",
        "redo",
        "export",
        "import",
        "merge",
        "backup",
        "restore",
        "doctor",
        "encrypt",
        "decrypt",
        "key",
    ]


def test_choices_are_shown_in_help() -> None:
    assert "[mentor|sponsor|coach|peer|mentee]" in ok("add", "--help").stdout
    assert "[call|video|in-person|email|message|other]" in ok("log", "--help").stdout


def test_the_cli_reference_is_up_to_date() -> None:
    """docs/cli.md is generated from --help: scripts/cli_docs.py rewrites it."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "cli_docs.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    text = (ROOT / "docs" / "cli.md").read_text()
    assert "&#" not in text and "&quot;" not in text  # clean text, no HTML entities


def test_the_root_help_lines_are_each_commands_own() -> None:
    from advisors.cli import COMMANDS

    found = {
        path[0]: command.get_short_help_str(200) for path, command in commands() if len(path) == 1
    }
    assert found == {name: short for name, (_module, short) in COMMANDS.items()}


def test_a_bare_group_prints_its_help() -> None:
    for words in ([], ["goal"], ["todo"], ["conversation"]):
        result = ok(*words)
        assert result.stdout.startswith("Usage: advisors"), words
        assert "Commands:" in result.stdout
