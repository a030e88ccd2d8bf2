"""The program's entry point: the ``advisors`` console script, and
``python -m advisors`` for cron and friends.

Ctrl-C while the program is still starting (importing its modules, before
any command began) ends it with one line and exit 130, not a traceback.
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    # A run lives for a fraction of a second and makes few reference cycles:
    # collect rarely rather than every 700 allocations (a tenth of `due` on a
    # board of 20,000 people went to the collector; measured in bench.py).
    gc.set_threshold(100_000, 50, 1000)
    try:
        from advisors.cli import app
    except KeyboardInterrupt:
        sys.stderr.write("advisors: interrupted; nothing was changed\n")
        sys.stderr.flush()
        os._exit(130)
    app(prog_name="advisors")


if __name__ == "__main__":
    main()
