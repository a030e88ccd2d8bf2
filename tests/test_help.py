"""Every command and every option explains itself."""

from __future__ import annotations

import typer

from advisors.cli import app
from tests.conftest import ok


def walk(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from walk(sub, (*path, name))


def test_every_command_and_option_has_help() -> None:
    root = typer.main.get_command(app)
    missing = []
    for path, command in walk(root):
        if path and not (command.help or "").strip():
            missing.append(" ".join(path))
        for param in command.params:
            if param.name in ("install_completion", "show_completion", "help"):
                continue
            if not (getattr(param, "help", None) or "").strip():
                missing.append(f"{' '.join(path) or 'advisors'} {param.name}")
    assert missing == []


def test_help_runs_for_every_command() -> None:
    root = typer.main.get_command(app)
    for path, _command in walk(root):
        result = ok(*path, "--help")
        assert "Usage:" in result.stdout
