"""The actions: one function per verb, and the public Python API.

Each takes an open board (``open_board``), which carries the data file, the
config and today, and typed inputs; it runs inside one transaction (one step
of ``undo``, the same lock as the command line) or reads one snapshot, and
returns a typed result (``actions.result.Result``) whose ``as_json()`` is
what the command prints with ``--json``::

    from advisors import open_board
    from advisors import actions

    board = open_board("~/advisors.json")
    actions.log(board, ["Ana"], note="talked about the reorg")
    for person in actions.due(board).as_json()["people"]:
        print(person["name"], person["state"])

The verbs are loaded when first used, so importing this package costs
nothing a command does not need.
"""

from __future__ import annotations

import importlib
from typing import Any

# verb -> the module that holds it
VERBS = {
    "open_board": "board",
    "Board": "board",
    "add_person": "people",
    "list_people": "people",
    "show_person": "people",
    "edit_person": "people",
    "pause": "people",
    "resume": "people",
    "archive": "people",
    "remove_person": "people",
    "close": "endings",
    "redefine": "endings",
    "agree": "agreements",
    "give": "giving",
    "review_board": "stocktake",
    "report": "reporting",
    "log": "logbook",
    "history": "logbook",
    "snooze": "logbook",
    "unsnooze": "logbook",
    "show_conversation": "conversations",
    "edit_conversation": "conversations",
    "drop_conversation": "conversations",
    "due": "rota",
    "prep": "briefing",
    "remind": "digest",
    "search_all": "finding",
    "today": "morning",
    "board_overview": "overview",
    "stats": "overview",
    "add_goal": "goals",
    "list_goals": "goals",
    "show_goal": "goals",
    "edit_goal": "goals",
    "link_goal": "goals",
    "unlink_goal": "goals",
    "close_goal": "goals",
    "add_todo": "todos",
    "list_todos": "todos",
    "edit_todo": "todos",
    "finish_todo": "todos",
    "drop_todo": "todos",
    "add_occasion": "occasions",
    "list_occasions": "occasions",
    "edit_occasion": "occasions",
    "drop_occasion": "occasions",
    "add_topic": "topics",
    "list_topics": "topics",
    "edit_topic": "topics",
    "topic_done": "topics",
    "drop_topic": "topics",
    "add_advice": "advice",
    "list_advice": "advice",
    "edit_advice": "advice",
    "drop_advice": "advice",
    "decide_advice": "advice",
    "advice_outcome": "advice",
    "advice_reported": "advice",
    "undo": "undoing",
    "redo": "undoing",
    "undo_list": "undoing",
    "export": "exporting",
    "import_file": "importing",
    "merge_copies": "importing",
    "where": "housekeeping",
    "backup": "housekeeping",
    "list_backups": "housekeeping",
    "restore": "housekeeping",
    "doctor": "checkup",
    "encrypt": "privacy",
    "decrypt": "privacy",
    "add_key": "privacy",
    "add_device": "privacy",
    "remove_key": "privacy",
    "list_keys": "privacy",
    "show_key": "privacy",
    "export_key": "privacy",
    "import_key": "privacy",
    "cron_line_for": "cron",
    "install_cron": "cron",
}

__all__ = list(VERBS)


def __getattr__(name: str) -> Any:
    module = VERBS.get(name)
    if module is None:
        raise AttributeError(f"module 'advisors.actions' has no attribute {name!r}")
    return getattr(importlib.import_module(f"advisors.actions.{module}"), name)
