"""The Python API: the actions without the CLI, on the same data file, with
the same rules, transactions, undo and lock the command line has."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from advisors import actions, open_board
from advisors.board.records import Person, Role, Status, Via
from advisors.errors import UsageProblem
from tests.conftest import Env, ok, snapshot

TODAY = date(2026, 11, 25)


def test_the_readme_example_runs(env: Env) -> None:
    board = open_board(env.db, today=TODAY)
    actions.add_person(board, "Ana Lopez", role=Role.MENTOR, areas=["career"], every="3 weeks")
    actions.log(board, ["ana"], day=date(2026, 10, 26), via=Via.VIDEO, note="the reorg")
    due = actions.due(board).as_json()
    assert due["as_of"] == "2026-11-25"
    (ana,) = due["people"]
    assert (ana["name"], ana["state"], ana["days_overdue"]) == ("Ana Lopez", "overdue", 9)
    assert ana["next_due"] == "2026-11-16"


def test_the_api_and_the_cli_share_one_file_and_one_undo_history(env: Env) -> None:
    ok("add", "Ana Lopez")
    board = open_board(env.db, today=TODAY, command="notebook: add Bo")
    added = actions.add_person(board, "Bo Chen", status=Status.PROSPECT)
    assert isinstance(added.person, Person) and added.person.id == 2
    names = [p["name"] for p in ok("list", "--json").json()]
    assert names == ["Ana Lopez", "Bo Chen"]
    assert "notebook: add Bo" in ok("undo", "--list").stdout
    ok("undo", "--yes")
    assert [p["name"] for p in actions.list_people(board).as_json()] == ["Ana Lopez"]


def test_a_mistake_through_the_api_raises_and_writes_nothing(env: Env) -> None:
    board = open_board(env.db, today=TODAY)
    actions.add_person(board, "Ana Lopez")
    before = snapshot(env.db)
    with pytest.raises(UsageProblem, match="no person called 'zed'"):
        actions.log(board, ["zed"], note="x")
    with pytest.raises(UsageProblem, match="in the future"):
        actions.log(board, ["ana"], day=date(2026, 12, 1))
    with pytest.raises(UsageProblem, match="can't read the cadence"):
        actions.edit_person(board, "ana", every="sometimes")
    assert snapshot(env.db) == before


def test_every_result_has_the_json_the_cli_prints(env: Env) -> None:
    ok("add", "Ana Lopez", "--area", "career")
    ok("log", "ana", "--date", "2026-11-20", "--note", "coffee")
    board = open_board(env.db, today=TODAY)
    assert actions.history(board).as_json() == ok("history", "--json").json()
    assert actions.show_person(board, "ana").as_json() == ok("show", "ana", "--json").json()
    assert actions.board_overview(board).as_json() == ok("board", "--json").json()
    assert actions.prep(board, "ana").as_json() == ok("prep", "ana", "--json").json()


def test_a_change_the_caller_confirms_is_asked_before_the_lock(env: Env) -> None:
    board = open_board(env.db, today=TODAY)
    actions.add_person(board, "Ana Lopez")
    asked: list[str] = []

    def refuse(question: str, refusal: str) -> None:
        asked.append(question)
        raise UsageProblem(refusal)

    with pytest.raises(UsageProblem, match="add --yes to confirm"):
        actions.remove_person(board, "ana", confirm=refuse)
    assert asked == ["Delete Ana Lopez and their conversations, topics and advice?"]
    assert [p["name"] for p in actions.list_people(board).as_json()] == ["Ana Lopez"]


def test_importing_the_api_is_cheap() -> None:
    code = (
        "import sys, advisors; from advisors import open_board, actions; "
        "board = open_board(); actions.due; "
        "print(sorted(m for m in ('typer', 'click', 'rich', 'tinydb') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_readme_python_example_runs_as_written(env: Env, capsys) -> None:
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("## Python API", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    ok("add", "Ana Lopez", "--every", "3w")
    exec(example.replace('"~/advisors.json"', repr(str(env.db))), {})
    assert capsys.readouterr().out == "Ana Lopez ok 2026-12-11\n"
