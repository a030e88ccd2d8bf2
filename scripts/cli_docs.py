"""Write docs/cli.md, the CLI reference, from the commands' own --help.

    .venv/bin/python scripts/cli_docs.py          # rewrite docs/cli.md
    .venv/bin/python scripts/cli_docs.py --check  # exit 1 if it is stale

The help is rendered at 80 columns, exactly as `advisors COMMAND --help`
prints it, so the reference is never written twice.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click
import typer

from advisors.cli import app

TARGET = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def walk(command: click.Command, ctx: click.Context) -> Iterator[click.Context]:
    yield ctx
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                yield from walk(
                    sub, click.Context(sub, info_name=name, parent=ctx, **sub.context_settings)
                )


def render() -> str:
    root = typer.main.get_command(app)
    top = click.Context(
        root, info_name="advisors", terminal_width=80, max_content_width=80, **root.context_settings
    )
    parts = [
        "# advisors: command reference\n",
        "Generated from `--help` by `scripts/cli_docs.py`; do not edit by hand.\n",
    ]
    for ctx in walk(root, top):
        parts.append(f"## `{ctx.command_path}`\n")
        parts.append("```text\n" + ctx.get_help().rstrip() + "\n```\n")
    return "\n".join(parts)


def main() -> int:
    text = render()
    if "--check" in sys.argv[1:]:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != text:
            print("docs/cli.md is stale: run scripts/cli_docs.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
