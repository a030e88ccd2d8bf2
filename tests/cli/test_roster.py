"""The roster commands, through the real CLI."""

from __future__ import annotations

import os
import stat

from tests.conftest import Env, ok, run


def test_add_then_list_json_has_the_documented_shape(env: Env) -> None:
    result = ok(
        "add",
        "Ana Lopez",
        "--role",
        "mentor",
        "--area",
        "career",
        "--area",
        "Leadership",
        "--every",
        "3 weeks",
        "--why",
        "runs the team I want to run",
        "--email",
        "ana@example.org",
    )
    assert result.stdout.startswith("Added Ana Lopez (id 1), mentor, every 3 weeks.")
    people = ok("list", "--json").json()
    assert len(people) == 1
    ana = people[0]
    for key in ("id", "name", "role", "areas", "status", "cadence", "last_contact", "next_due"):
        assert key in ana
    assert ana["id"] == 1
    assert ana["name"] == "Ana Lopez"
    assert ana["areas"] == ["career", "leadership"]
    assert ana["cadence"] == "3w"
    assert ana["status"] == "active"
    assert ana["last_contact"] is None
    assert ana["next_due"] == "2026-11-25"  # never contacted: due now


def test_the_data_file_is_private(env: Env) -> None:
    ok("add", "Ana Lopez")
    assert stat.S_IMODE(os.stat(env.db).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(env.db.parent).st_mode) == 0o700


def test_a_new_person_takes_the_cadence_of_their_area(env: Env) -> None:
    env.config.write_text('[cadence]\ncommunity = "6w"\n')
    ok("add", "Kin", "--area", "family")
    ok("add", "Lu", "--area", "hobby", "--area", "community")
    ok("add", "Max")
    cadences = {p["name"]: p["cadence"] for p in ok("list", "--json").json()}
    assert cadences == {"Kin": "2w", "Lu": "6w", "Max": "1m"}


def test_list_filters_and_hides_archived(board: Env) -> None:
    ok("archive", "bo")
    names = [p["name"] for p in ok("list", "--json").json()]
    assert names == ["Ana Lopez", "José Chen", "Mia Wong", "Raj Patel"]
    everyone = [p["name"] for p in ok("list", "--all", "--json").json()]
    assert "Bo Chen" in everyone
    careers = [p["name"] for p in ok("list", "--area", "career", "--json").json()]
    assert careers == ["Ana Lopez", "José Chen"]
    assert [p["name"] for p in ok("list", "--role", "sponsor", "--json").json()] == ["Raj Patel"]
    assert [p["name"] for p in ok("list", "--status", "prospect", "--json").json()] == ["Raj Patel"]


def test_list_as_a_plain_table(board: Env) -> None:
    out = ok("list").stdout
    lines = out.splitlines()
    assert lines[0].split() == [
        "ID",
        "Name",
        "Role",
        "Areas",
        "Status",
        "Every",
        "Last",
        "contact",
        "Next",
        "due",
    ]
    assert lines[1].split()[:3] == ["1", "Ana", "Lopez"]
    assert "3 weeks" in lines[1] and "never" in lines[1]
    assert all(len(line) <= 80 for line in lines)
    assert "\x1b" not in out


def test_show_tells_the_story_of_a_person(board: Env) -> None:
    ok("log", "ana", "--date", "2026-11-20", "--note", "talked about the reorg")
    out = ok("show", "ana").stdout
    assert "Ana Lopez (id 1)" in out
    assert "runs the team I want to run" in out
    assert "every 3 weeks" in out
    assert "2026-11-20 (5 days ago)" in out
    assert "2026-12-11" in out  # next due
    assert "talked about the reorg" in out
    profile = ok("show", "ana", "--json").json()
    assert profile["next_due"] == "2026-12-11"
    assert profile["conversations"][0]["notes"] == "talked about the reorg"


def test_edit_changes_only_what_is_given(board: Env) -> None:
    before = {p["name"]: p for p in ok("list", "--json").json()}["Ana Lopez"]
    out = ok("edit", "ana", "--every", "monthly", "--add-area", "community").stdout
    assert "Updated Ana Lopez" in out
    after = ok("show", "ana", "--json").json()
    assert after["cadence"] == "1m"
    assert after["areas"] == ["career", "leadership", "community"]
    assert after["why"] == before["why"]
    ok("edit", "ana", "--drop-area", "leadership", "--name", "Ana López")
    renamed = ok("show", "1", "--json").json()
    assert renamed["name"] == "Ana López"
    assert renamed["areas"] == ["career", "community"]


def test_pause_resume_archive(board: Env) -> None:
    assert "until 2027-01-15" in ok("pause", "ana", "--until", "2027-01-15").stdout
    due = ok("due", "--json").json()
    assert "Ana Lopez" in [p["name"] for p in due["paused"]]
    assert "Ana Lopez" not in [p["name"] for p in due["people"]]
    back = ok("due", "--as-of", "2027-01-15", "--json").json()
    assert "Ana Lopez" in [p["name"] for p in back["people"]]
    ok("resume", "ana")
    assert ok("show", "ana", "--json").json()["status"] == "active"
    ok("archive", "ana")
    assert ok("show", "ana", "--json").json()["status"] == "archived"
    assert "Ana Lopez" not in str(ok("due", "--json").json())


def test_remove_keeps_shared_conversations_for_the_others(board: Env) -> None:
    ok("log", "ana", "jose", "--date", "yesterday", "--note", "lunch")
    ok("log", "ana", "--date", "2026-11-20", "--note", "one to one")
    ok("remove", "ana", "--yes")
    names = [p["name"] for p in ok("list", "--all", "--json").json()]
    assert "Ana Lopez" not in names
    history = ok("history", "--json").json()
    assert [(c["notes"], c["people"]) for c in history] == [("lunch", ["José Chen"])]
    assert ok("show", "jose", "--json").json()["last_contact"] == "2026-11-24"


def test_remove_without_yes_off_a_terminal_refuses(board: Env) -> None:
    result = run("remove", "ana")
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    assert "Ana Lopez" in [p["name"] for p in ok("list", "--json").json()]


def test_where_names_the_files_in_use(env: Env) -> None:
    out = ok("where").stdout
    assert str(env.db) in out
    assert str(env.config) in out
    assert str(env.db.parent / "backups") in out


def test_db_option_beats_the_environment(env: Env) -> None:
    other = env.root / "other.json"
    ok("--db", str(other), "add", "Solo")
    assert other.exists()
    assert not env.db.exists()
    assert [p["name"] for p in ok("--db", str(other), "list", "--json").json()] == ["Solo"]


def test_config_db_is_used_without_the_environment(env: Env, monkeypatch) -> None:
    target = env.root / "from-config.json"
    env.config.write_text(f'db = "{target}"\n')
    monkeypatch.delenv("ADVISORS_DB")
    ok("add", "Solo")
    assert target.exists()


def test_version_and_empty_due(env: Env) -> None:
    assert ok("--version").stdout.startswith("advisors 0.")
    out = ok("due").stdout
    assert "Your board is empty" in out and "advisors add" in out
    assert not env.db.exists()  # looking creates nothing


def test_a_daily_backup_is_taken_before_the_first_change(env: Env) -> None:
    ok("add", "Ana")  # creates the file: nothing to back up yet
    ok("add", "Bo")
    backups = sorted((env.db.parent / "backups").iterdir())
    assert [b.name for b in backups] == ["advisors.json-2026-11-25"]
    saved = (backups[0] / "advisors.json").read_text()
    assert "Ana" in saved and "Bo" not in saved
    ok("add", "Cy")  # same day: no second backup
    assert len(list((env.db.parent / "backups").iterdir())) == 1


def test_only_the_newest_fourteen_backups_are_kept(env: Env) -> None:
    import time_machine

    ok("add", "Ana")
    for day in range(1, 20):
        with time_machine.travel(f"2026-12-{day:02d} 09:00", tick=True):
            ok("add", f"Person {day}")
    names = sorted(b.name for b in (env.db.parent / "backups").iterdir())
    assert len(names) == 14
    assert names[-1] == "advisors.json-2026-12-19"


def test_restore_puts_a_backup_back(env: Env) -> None:
    ok("add", "Ana")
    ok("add", "Bo")  # backup holds Ana only
    listing = ok("restore").stdout
    assert "advisors.json-2026-11-25" in listing
    ok("restore", "advisors.json-2026-11-25", "--yes")
    assert [p["name"] for p in ok("list", "--json").json()] == ["Ana"]


def _complete(shell: str, words: str) -> list[str]:
    """Ask the installed command for completions the way each shell does."""
    import subprocess

    from tests.conftest import advisors_command

    env = dict(os.environ, _ADVISORS_COMPLETE=f"complete_{shell}")
    if shell == "bash":
        env.update(
            COMP_WORDS=words, COMP_CWORD=str(len(words.split()) - (0 if words.endswith(" ") else 1))
        )
    else:
        env.update(_TYPER_COMPLETE_ARGS=words, _TYPER_COMPLETE_FISH_ACTION="get-args")
    done = subprocess.run(advisors_command(), env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_bash_completes_a_name_as_one_word_in_its_own_case(board: Env) -> None:
    ok("add", "Priya Raman")
    assert _complete("bash", "advisors show pri") == ["Priya\\ Raman"]
    assert _complete("bash", "advisors log ana jo") == ["José\\ Chen"]
    assert _complete("bash", "advisors show chen") == ["Bo\\ Chen", "José\\ Chen"]
    assert _complete("bash", "advisors sh") == ["show"]
    assert run("show", "Priya Raman").exit_code == 0


def test_zsh_and_fish_complete_names_too(board: Env) -> None:
    assert _complete("zsh", "advisors show jo") == ["_arguments '*: :((\"josé Chen\"))'"]
    assert _complete("fish", "advisors show jo") == ["José Chen"]


def test_choices_goals_ids_and_backups_complete(board: Env) -> None:
    ok("goal", "add", "Run a half marathon")
    ok("todo", "add", "send the deck")
    ok("log", "ana", "--note", "x")  # takes today's backup
    assert _complete("bash", "advisors add x --role me") == ["mentor", "mentee"]
    assert _complete("bash", "advisors log ana --via vi") == ["video"]
    assert _complete("bash", "advisors remind --format m") == ["markdown"]
    assert _complete("bash", "advisors cron --day fr") == ["fri"]
    assert _complete("bash", "advisors goal show half") == ["Run\\ a\\ half\\ marathon"]
    assert _complete("fish", "advisors todo done ") == ["1\tsend the deck"]
    assert _complete("bash", "advisors conversation show ") == ["1"]
    assert _complete("bash", "advisors restore ") == ["advisors.json-2026-11-25"]


def test_list_with_only_archived_people_says_so(env: Env) -> None:
    ok("add", "Ana")
    ok("archive", "ana")
    assert (
        ok("list").stdout.strip() == "Nobody on your board but 1 archived; 'list --all' shows them."
    )
