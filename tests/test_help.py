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


def test_the_cli_reference_is_up_to_date(tmp_path) -> None:
    """docs/cli.md is generated from --help; regenerate it when help changes:
    typer advisors.cli utils docs --name advisors --output docs/cli.md"""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    typer_cli = shutil.which("typer", path=str(Path(sys.executable).parent))
    assert typer_cli, "the typer command is not installed next to this Python"
    fresh = tmp_path / "cli.md"
    subprocess.run([typer_cli, "advisors.cli", "utils", "docs", "--name", "advisors",
                    "--output", str(fresh)], check=True, capture_output=True, timeout=120)
    committed = Path(__file__).parent.parent / "docs" / "cli.md"
    assert committed.read_text() == fresh.read_text(), (
        "docs/cli.md is stale: typer advisors.cli utils docs --name advisors "
        "--output docs/cli.md")
