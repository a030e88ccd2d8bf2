"""The actions, through the Python API only: no CLI, no subprocess. Each
runs in its own transaction on a real data file in a temporary folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from advisors import actions, open_board
from advisors.actions.board import Board
from advisors.board.records import Decision, GoalStatus, Role, Status, Via
from advisors.board.stocktake import Choice
from advisors.errors import NothingTo, UsageProblem

TODAY = date(2026, 11, 25)


@pytest.fixture
def board(tmp_path: Path) -> Board:
    b = open_board(tmp_path / "advisors.json", today=TODAY, command="test")
    actions.add_person(b, "Ana Lopez", role=Role.MENTOR, areas=["career"], every="3w")
    actions.add_person(b, "Bo Chen", role=Role.MENTEE, areas=["community"], every="2w")
    return b


def names(b: Board) -> list[str]:
    return [p["name"] for p in actions.list_people(b).as_json()]


def test_the_roster_changes(board: Board) -> None:
    actions.edit_person(board, "ana", add_areas=["leadership"], why="runs the team")
    profile = actions.show_person(board, "ana").as_json()
    assert profile["areas"] == ["career", "leadership"] and profile["why"] == "runs the team"
    assert "until 2027-01-15" in actions.pause(board, "bo", until=date(2027, 1, 15)).lines[0]
    assert actions.due(board).as_json()["paused"][0]["name"] == "Bo Chen"
    actions.resume(board, "bo")
    actions.archive(board, "bo")
    assert names(board) == ["Ana Lopez"]
    assert [p.name for p in actions.list_people(board, include_archived=True).people] == [
        "Ana Lopez",
        "Bo Chen",
    ]
    actions.remove_person(board, "bo")
    assert [p["name"] for p in actions.list_people(board, include_archived=True).as_json()] == [
        "Ana Lopez"
    ]
    with pytest.raises(UsageProblem, match="already on your board"):
        actions.add_person(board, "ana lopez")


def test_a_conversation_logged_corrected_and_dropped(board: Board) -> None:
    logged = actions.log(
        board,
        ["ana", "bo"],
        day=date(2026, 11, 20),
        via=Via.VIDEO,
        note="pricing",
        todos=["bo: send the deck"],
        advice=["ana: delegate"],
    )
    ident = logged.logged.conversation.id
    assert [p["next_due"] for p in logged.as_json()["people"]] == ["2026-12-11", "2026-12-04"]
    assert actions.history(board, person="bo").as_json()[0]["notes"] == "pricing"
    fixed = actions.edit_conversation(board, ident, day=date(2026, 11, 18), drop_people=["bo"])
    assert fixed.as_json()["people"][0]["last_contact"] == "2026-11-18"
    assert [p["last_contact"] for p in fixed.as_json()["people"]] == ["2026-11-18", None]
    dropped = actions.drop_conversation(board, ident)
    assert dropped.as_json()["dropped"] is True
    assert actions.history(board).as_json() == []


def test_snooze_moves_the_next_due_date_and_is_lifted(board: Board) -> None:
    snoozed = actions.snooze(board, "ana", date(2026, 12, 10))
    assert snoozed.as_json()["next_due"] == "2026-12-10"
    assert actions.due(board).report.people[-1].snoozed
    assert actions.unsnooze(board, "ana").as_json()["snoozed_until"] is None


def test_goals_follow_ups_topics_and_the_advice_loop(board: Board) -> None:
    actions.add_goal(board, "Lead a team", area="career", advisors=["ana"], target=date(2027, 6, 1))
    actions.add_todo(board, "send the draft", person="ana", due=date(2026, 11, 27))
    actions.add_todo(board, "intro to Raj", person="ana", theirs=True)
    actions.add_topic(board, "ana", "hiring")
    actions.add_advice(board, "ana", "delegate the report")
    brief = actions.prep(board, "ana").as_json()
    assert [g["title"] for g in brief["goals"]] == ["Lead a team"]
    assert [t["text"] for t in brief["you_owe"]] == ["send the draft"]
    assert [t["text"] for t in brief["waiting_on"]] == ["intro to Raj"]
    assert [t["text"] for t in brief["topics"]] == ["hiring"]
    assert [a["text"] for a in brief["advice_to_decide"]] == ["delegate the report"]
    actions.decide_advice(board, 1, Decision.TAKING)
    actions.advice_outcome(board, 1, "two hours a week")
    assert actions.list_advice(board, open_only=True).as_json()[0]["state"] == "report back"
    actions.advice_reported(board, 1)
    assert actions.list_advice(board, open_only=True).as_json() == []
    actions.finish_todo(board, 1)
    assert [t["text"] for t in actions.list_todos(board).as_json()] == ["intro to Raj"]
    actions.close_goal(board, "lead", GoalStatus.ACHIEVED)
    assert actions.list_goals(board).as_json() == []
    assert actions.list_goals(board, status="all").as_json()[0]["status"] == "achieved"


def test_undo_and_redo_through_the_api(board: Board) -> None:
    actions.add_person(board, "Cy")
    assert actions.undo_list(board).as_json()["undo"][0]["command"] == "test"
    actions.undo(board)
    assert names(board) == ["Ana Lopez", "Bo Chen"]
    actions.redo(board)
    assert names(board) == ["Ana Lopez", "Bo Chen", "Cy"]
    with pytest.raises(NothingTo):
        actions.redo(board)


def test_an_export_imports_into_another_board(board: Board, tmp_path: Path) -> None:
    actions.log(board, ["ana"], day=date(2026, 11, 20), note="coffee")
    out = tmp_path / "export.json"
    actions.export(board, form="json", output=out)
    other = open_board(tmp_path / "other.json", today=TODAY)
    dry = actions.import_file(other, out, dry_run=True)
    assert dry.report.count("add") == 3
    assert names(other) == []
    actions.import_file(other, out)
    assert names(other) == ["Ana Lopez", "Bo Chen"]
    assert actions.history(other).as_json()[0]["notes"] == "coffee"


def test_the_digest_board_and_stats(board: Board) -> None:
    reminder = actions.remind(board, exit_code=True)
    assert reminder.exit_code == 1  # nobody contacted yet
    assert [s["name"] for s in reminder.as_json()["reconnect"]] == ["Ana Lopez", "Bo Chen"]
    calm = open_board(board.path.with_name("calm.json"), today=TODAY)
    assert actions.remind(calm, exit_code=True).exit_code == 0
    overview = actions.board_overview(board).as_json()
    assert {a["area"] for a in overview["areas"]} >= {"career", "community"}
    assert actions.stats(board, name="ana").as_json()["name"] == "Ana Lopez"


def test_doctor_calls_a_fresh_board_healthy(board: Board) -> None:
    result = actions.doctor(board)
    assert result.healthy and result.exit_code == 0
    assert result.as_json()["checked"]["undo step"] == 2


def test_a_bad_value_is_refused_before_anything_is_written(board: Board) -> None:
    before = board.path.read_bytes()
    with pytest.raises(UsageProblem, match="should be a word"):
        actions.edit_person(board, "ana", areas=["not/ ok!"])
    with pytest.raises(UsageProblem, match="is empty"):
        actions.add_goal(board, "   ")
    with pytest.raises(ValueError):
        actions.add_person(board, "Cy", status=Status("zombie"))
    assert board.path.read_bytes() == before


def test_every_verb_is_there() -> None:
    for verb in actions.VERBS:
        assert callable(getattr(actions, verb)), verb


def test_the_two_way_street_through_the_api(board: Board) -> None:
    made = actions.agree(board, "ana", ask="a monthly call", review=date(2027, 1, 1))
    assert made.as_json()["agreement"]["review"] == "2027-01-01"
    with pytest.raises(UsageProblem):
        actions.agree(board, "ana", ask="a monthly call")
    gave = actions.give(board, "ana", "an intro", kind="intro").as_json()
    assert (gave["kind"], gave["balance"]["given_year"]) == ("intro", 1)
    summary = actions.review_board(board).as_json()
    assert summary["recorded"] is None and summary["active"] == 2
    answers = {"Ana Lopez": (Choice.KEEP, ""), "Bo Chen": None}
    done = actions.review_board(board, ask=lambda seat: answers[seat.person.name])
    assert done.as_json()["recorded"]["keep"] == [1]
    closed = actions.close(board, "bo", thanks="thank you").as_json()
    assert closed["person"]["status"] == "alumni" and closed["last_message"].startswith("Bo,")
    assert names(board) == ["Ana Lopez"]
    said = actions.redefine(board, "ana", role=Role.PEER)
    assert said.lines[0].startswith("Ana Lopez is now a peer, every 3 weeks (was a mentor")


def test_the_markdown_report_is_the_same_however_little_it_may_hold(board: Board) -> None:
    """The report holds at most so many bytes of conversation lines, the
    people later in it waiting for another pass over the log: any budget
    writes the same report, each person's conversations newest first."""
    from advisors.actions.exporting import everything
    from advisors.formats import markdown
    from advisors.store import pieces_of

    actions.add_person(board, "Cy Diaz", every="1m")
    actions.add_person(board, "Di Ekwe", status=Status.PROSPECT)
    for day in range(1, 25):
        who = [["ana"], ["bo", "cy"], ["cy"], ["ana", "bo", "cy"]][day % 4]
        actions.log(board, who, day=date(2026, 10, day), note=f"talk {day} " + "x" * day)

    def report(held: int) -> bytes:
        e = everything(board, board.read(), stream=True)
        return b"".join(pieces_of(markdown.write(e, TODAY, held)[""]))

    assert markdown.held_for(200) == (22 << 20) - 200 * 1024  # 100,000 talks: one pass
    assert markdown.held_for(20_000) == markdown.held_for(90_000) == 4 << 20
    whole = report(markdown.held_for(4))
    for held in (1, 60, 200, 500, 1500):
        assert report(held) == whole, held
    text = whole.decode()
    cy = text[text.index("## Cy Diaz") :]
    assert cy.index("**2026-10-23**") < cy.index("**2026-10-22**") < cy.index("**2026-10-02**")
    assert "talk 23" in cy and "with Ana Lopez, Bo Chen" in cy
    assert "## Di Ekwe" in text and "talk" not in text[text.index("## Di Ekwe") :]
