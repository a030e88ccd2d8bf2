"""Make docs/report.png, the README's picture of ``advisors report``: the
board the README's samples build, its report rendered by headless Chromium
(the same path as the browser test), the top of the page at a laptop's width.

    .venv/bin/python scripts/report_picture.py

Needs Debian's chromium (``apt-get install chromium``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import readme_samples  # noqa: E402  (a script beside this one)

PICTURE = readme_samples.README.parent / "docs" / "report.png"
# Headless, and quiet on a machine with no network: without the last ones
# Chromium keeps trying to reach Google's servers (tests/cli/test_report.py
# uses this list too).
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("needs chromium: apt-get install chromium", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"

        def report() -> None:
            from typer.testing import CliRunner

            from advisors.cli import app

            done = CliRunner().invoke(app, ["report", "--months", "6", "--output", str(page)])
            assert done.exit_code == 0, done.output

        readme_samples.run_all(readme_samples.README.read_text(encoding="utf-8"), then=report)
        subprocess.run(
            [
                chromium,
                *FLAGS,
                f"--user-data-dir={Path(tmp) / 'profile'}",
                "--window-size=900,1250",
                f"--screenshot={PICTURE}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
        )
    print(f"wrote {PICTURE} ({PICTURE.stat().st_size / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
