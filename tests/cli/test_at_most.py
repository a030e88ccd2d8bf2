"""A rhythm with some give: --every is the ideal, --at-most the latest.
Today is 2026-11-25."""

from __future__ import annotations

from tests.conftest import Env, ok, run, snapshot


def people() -> dict[str, dict]:
    return {p["name"]: p for p in ok("due", "--json").json()["people"]}


def test_between_the_ideal_and_the_latest_day_someone_is_due_then_overdue(env: Env) -> None:
    ok("add", "Ana", "--every", "3w", "--at-most", "6w")
    ok("log", "ana", "--date", "2026-10-21", "--note", "x")  # ideal 11-11, latest 12-02
    ok("add", "Bo", "--every", "3w")
    ok("log", "bo", "--date", "2026-10-21", "--note", "y")
    found = people()
    assert (found["Ana"]["state"], found["Ana"]["latest_due"]) == ("due", "2026-12-02")
    assert (found["Bo"]["state"], found["Bo"]["latest_due"]) == ("overdue", None)
    assert found["Ana"]["at_most"] == "6w"
    # Bo, past his only day, ranks before Ana, who is not past her latest
    assert list(found) == ["Bo", "Ana"]
    shown = ok("due").stdout
    assert "due (latest in 7d)" in shown and "1 due (before their latest)" in shown
    later = ok("due", "--as-of", "2026-12-03", "--json").json()["people"]
    assert {p["name"]: p["state"] for p in later}["Ana"] == "overdue"
    assert "at the latest 2026-12-02" in ok("remind").stdout
    assert "every 3 weeks, at most 6 weeks" in ok("show", "ana").stdout


def test_at_most_can_be_changed_taken_away_and_never_shorter_than_the_cadence(
    env: Env,
) -> None:
    ok("add", "Ana", "--every", "monthly")
    before = snapshot(env.db)
    for args in (
        ("edit", "ana", "--at-most", "2w"),
        ("add", "Bo", "--every", "4w", "--at-most", "3w"),
    ):
        result = run(*args)
        assert result.exit_code == 2 and "shorter than the cadence" in result.stderr
    assert snapshot(env.db) == before
    ok("edit", "ana", "--at-most", "2m")
    assert ok("list", "--json").json()[0]["at_most"] == "2m"
    result = run("edit", "ana", "--every", "3m")
    assert result.exit_code == 2 and "shorter than the cadence" in result.stderr
    ok("edit", "ana", "--at-most", "none")
    assert ok("list", "--json").json()[0]["at_most"] is None


def test_an_area_default_may_carry_a_latest_interval(env: Env) -> None:
    env.config.write_text('[cadence]\ncareer = {every = "3w", at_most = "6w"}\nhealth = "2m"\n')
    ok("add", "Ana", "--area", "career")
    ok("add", "Bo", "--area", "health")
    ok("add", "Cy", "--area", "career", "--every", "1w")  # their own cadence, no give
    found = {p["name"]: (p["cadence"], p["at_most"]) for p in ok("list", "--json").json()}
    assert found == {"Ana": ("3w", "6w"), "Bo": ("2m", None), "Cy": ("1w", None)}
    env.config.write_text('[cadence]\ncareer = {every = "3w", most = "6w"}\n')
    result = run("add", "Dee", "--area", "career")
    assert result.exit_code == 3 and "[cadence] career must be" in result.stderr


def test_stats_measure_against_the_latest_day(env: Env) -> None:
    ok("add", "Ana", "--every", "3w", "--at-most", "6w")
    for day in ("2026-08-01", "2026-09-10", "2026-10-20"):
        ok("log", "ana", "--date", day, "--note", day)
    found = ok("stats", "ana", "--months", "3", "--json").json()
    assert found["long_gaps"] == [] and found["periods"] == found["periods_kept"]
