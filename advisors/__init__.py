"""advisors: keep in touch with your board of advisors.

The command line is ``advisors``; the same actions are a Python API::

    from advisors import open_board, actions

    board = open_board()  # the data file the command line uses
    print(actions.due(board).as_json())

``open_board`` and ``actions`` are loaded when first used, so ``import
advisors`` stays cheap.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.3.0"
__all__ = ["__version__", "actions", "open_board", "Board"]


def __getattr__(name: str) -> Any:
    if name in ("open_board", "Board"):
        from advisors.actions import board

        return getattr(board, name)
    if name == "actions":
        import importlib

        return importlib.import_module("advisors.actions")
    raise AttributeError(f"module 'advisors' has no attribute {name!r}")
