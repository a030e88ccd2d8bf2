"""Address books and calendars as people have them (issue "real address
books and real calendars"): each rule through the CLI, on the vendor files
of tests/data/real/vendors and on small files written here."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from tests.conftest import Env, ok, run, snapshot

VENDORS = Path(__file__).parent.parent / "data" / "real" / "vendors"


def people() -> dict[str, dict]:
    return {p["name"]: p for p in ok("list", "--json").json()}


def shown(name: str) -> dict:
    return ok("show", name, "--json").json()


# CSV from the tools people use ---------------------------------------------


def test_linkedin_connections_keep_page_company_position_and_when_connected() -> None:
    said = ok("import", str(VENDORS / "linkedin-Connections.csv"), "--status", "prospect")
    assert "3 added" in said.stdout
    ana = shown("Ana López")
    assert ana["url"] == "https://www.linkedin.com/in/ana-lopez-1a2b3c"
    assert (ana["org"], ana["title"]) == ("Acme Corp", "VP Engineering")
    assert "Connected On: 14 Mar 2021" in ana["notes"]
    assert ana["status"] == "prospect"
    assert shown("Priya Raman")["org"] == "Initech, Inc."
    # the member with no name is skipped and counted, not the whole file refused
    assert "Skipped 1 contact without a name: line 8." in said.stdout


@pytest.mark.parametrize("name", ["google-contacts-old.csv", "google-contacts-new.csv"])
def test_google_contacts_csv_old_and_new(name: str) -> None:
    said = ok("import", str(VENDORS / name)).stdout
    assert "Skipped 1 contact without a name:" in said
    found = people()
    if name.endswith("old.csv"):
        ana = shown("Ana López")
        assert ana["emails"] == ["ana@acme.example", "ana.lopez@gmail.example"]  # " ::: "
        assert ana["title"] == "VP Engineering" and ana["org"] == "Acme Corp"
        assert [d["date"] for d in ana["dates"]] == ["1984-03-14"]
        assert shown("Bo Chen")["phone"] == "+44 20 7946 0000, +44 7700 900123"
        assert [d["date"] for d in shown("Bo Chen")["dates"]] == ["--11-02"]
        assert "+1 555-010-0199" in said  # the nameless one, named by its phone
    else:
        assert "José María García" in found
        priya = shown("Priya Raman")
        assert priya["notes"] == "Sponsor for the platform move.\nAsk about the Q3 plan."
        assert "noname@example.org" in said


def test_outlook_csv_in_windows_1252_reads_job_title_not_mr_or_dr() -> None:
    said = ok("import", str(VENDORS / "outlook-contacts.csv")).stdout
    assert "not UTF-8: read it as Windows-1252" in said
    jurgen = shown("Jürgen Müller")
    assert jurgen["title"] == "CTO" and jurgen["org"] == "Contoso GmbH"
    assert [d["date"] for d in jurgen["dates"]] == ["1975-05-17"]
    carla = shown("Carla Lopez")
    assert carla["emails"] == ["carla@fabrikam.example", "carla.l@home.example"]
    assert "Birthday" not in carla["notes"]  # Outlook's "0/0/00" is no birthday
    assert "Left out 65 columns advisors doesn't keep: Title, Suffix" in said


def test_utf16_and_european_excel_sheets() -> None:
    ok("import", str(VENDORS / "outlook-unicode-text.txt.csv"))
    assert shown("Zoë Østergaard")["org"] == "Nordisk A/S"
    ok("import", str(VENDORS / "excel-semicolon-cp1252.csv"))
    helene = shown("Hélène Durand")
    assert (helene["org"], helene["title"]) == ("Société Générale", "Directrice")
    assert helene["notes"] == "Rencontrée à Lyon"


def test_last_comma_first_names_and_namesakes_with_other_addresses() -> None:
    said = ok("import", str(VENDORS / "smith-last-first.csv")).stdout
    smiths = [p for p in ok("list", "--json").json() if p["name"] == "John Smith"]
    assert sorted(p["email"] for p in smiths) == ["john.smith@a.example", "john@b.example"]
    assert "Possible duplicate: John Smith (john@b.example)" in said
    assert "--merge-by-name" in said
    assert {"King, Martin Luther, Jr.", "Gates, Jr."} <= set(people())
    # importing again changes nothing: each is found by their own address
    assert "Nothing new" in ok("import", str(VENDORS / "smith-last-first.csv")).stdout


def test_merge_by_name_makes_namesakes_one_person(tmp_path: Path) -> None:
    ok("add", "John Smith", "--email", "john.smith@a.example")
    sheet = tmp_path / "s.csv"
    sheet.write_text("Name,Email\nJohn Smith,john@b.example\n")
    ok("import", str(sheet), "--merge-by-name")
    [john] = [p for p in ok("list", "--json").json() if p["name"] == "John Smith"]
    assert john["emails"] == ["john.smith@a.example", "john@b.example"]


def test_many_namesakes_are_named_five_at_a_time_and_all_in_json(tmp_path: Path) -> None:
    sheet = tmp_path / "s.csv"
    sheet.write_text("Name,Email\n" + "".join(f"Person {i},p{i}@a.example\n" for i in range(7)))
    ok("import", str(sheet))
    again = tmp_path / "again.csv"
    again.write_text(sheet.read_text().replace("@a.example", "@b.example"))
    said = ok("import", str(again)).stdout.splitlines()
    named = [line for line in said if line.startswith("Possible duplicate: ")]
    assert named[0] == (
        "Possible duplicate: Person 0 (p0@b.example) and Person 0 (id 1, p0@a.example) have "
        "the same name and other e-mails, so they are two people; import with --merge-by-name "
        "to make them one."
    )
    assert len(named) == 5
    assert (
        "And 2 more possible duplicates, people of the same name and other e-mails "
        "('--json' lists them all)." in said
    )
    ok("undo", "--yes")
    notes = ok("import", str(again), "--json").json()["notes"]
    assert [n for n in notes if n.startswith("Possible duplicate: Person 6 (p6@b.example)")]
    assert sum(n.startswith("Possible duplicate") for n in notes) == 7
    assert not [n for n in notes if n.startswith("And ")]


def test_map_names_columns_and_a_dry_run_shows_the_mapping(env: Env, tmp_path: Path) -> None:
    sheet = tmp_path / "mine.csv"
    sheet.write_text("Full name,Firm,Favourite colour\nAna Lopez,Acme,blue\n")
    before = snapshot(env.db)
    dry = ok("import", str(sheet), "--map", "Full name=name,Firm=org", "--dry-run").stdout
    assert "Columns of mine.csv: Full name -> name, Firm -> org." in dry
    assert "Left out 1 column advisors doesn't keep: Favourite colour" in dry
    assert snapshot(env.db) == before
    ok("import", str(sheet), "--map", "Full name=name,Firm=org")
    assert shown("Ana Lopez")["org"] == "Acme"


@pytest.mark.parametrize(
    ("mapping", "said"),
    [
        ("Full name=boss", "--map: unknown field 'boss'"),
        ("Full name", "--map takes COLUMN=FIELD pairs"),
    ],
)
def test_a_wrong_map_exits_2_and_writes_nothing(
    env: Env, tmp_path: Path, mapping: str, said: str
) -> None:
    ok("add", "Someone")
    sheet = tmp_path / "mine.csv"
    sheet.write_text("Full name\nAna\n")
    before = snapshot(env.db)
    result = run("import", str(sheet), "--map", mapping)
    assert result.exit_code == 2 and said in result.stderr
    assert result.stderr.count("\n") == 1 and snapshot(env.db) == before


def test_strict_refuses_the_file_at_its_first_bad_record(env: Env) -> None:
    ok("add", "Someone")
    before = snapshot(env.db)
    result = run("import", str(VENDORS / "numbers-people.csv"), "--strict")
    assert result.exit_code == 2
    assert "numbers-people.csv, line 5: unknown role 'time lord'" in result.stderr
    assert snapshot(env.db) == before
    said = ok("import", str(VENDORS / "numbers-people.csv")).stdout
    assert "Skipped 1 row that can't be read: line 5 (unknown role 'time lord'" in said
    assert "Sam Ortiz" in people()


def test_a_cell_too_long_skips_its_row_not_the_file(tmp_path: Path) -> None:
    sheet = tmp_path / "big.csv"
    sheet.write_text(f"name,notes\nAna,short\nBo,{'x' * 200_000}\nCy,\n")
    said = ok("import", str(sheet)).stdout
    assert "Skipped 1 row with a cell longer than 100 KB: line 3." in said
    assert {"Ana", "Cy"} <= set(people()) and "Bo" not in people()


def test_a_line_ends_where_csv_ends_lines_not_at_a_form_feed_in_a_cell(tmp_path: Path) -> None:
    """Rows end at CR, LF or CRLF (old Mac files too); a form feed or a
    U+2028 pasted into a cell is not the end of its row (they made people
    named "Labs" and "op"): the row is read whole, or skipped whole."""
    sheet = tmp_path / "apps.csv"
    sheet.write_bytes(b"name,org\rAna,Acme\x0cLabs\rBo,Co\xe2\x80\xa8op\r\nCy,Zed\n")
    said = ok("import", str(sheet)).stdout
    assert "Skipped 1 row that can't be read: line 2 (the org contains a control" in said
    assert "2 added" in said
    assert sorted(people()) == ["Bo", "Cy"] and people()["Bo"]["org"] == "Co\u2028op"


def test_encoding_can_be_said_and_a_wrong_one_is_one_line(env: Env, tmp_path: Path) -> None:
    sheet = tmp_path / "mac.csv"
    sheet.write_bytes("name\nJos\u00e9\n".encode("mac-roman"))
    ok("import", str(sheet), "--encoding", "mac-roman")
    assert "José" in people()
    result = run("import", str(sheet), "--encoding", "klingon")
    assert result.exit_code == 2 and "unknown --encoding 'klingon'" in result.stderr


def test_a_file_that_is_no_spreadsheet_of_people_is_one_line(env: Env, tmp_path: Path) -> None:
    sheet = tmp_path / "x.csv"
    sheet.write_text("when,amount\n2026-01-01,3\n")
    result = run("import", str(sheet))
    assert result.exit_code == 2 and "no header row names a name column" in result.stderr


# vCard -----------------------------------------------------------------------


def test_android_21_quoted_printable_with_soft_line_breaks() -> None:
    said = ok("import", str(VENDORS / "android-contacts.vcf")).stdout
    jose = shown("José López")
    assert jose["notes"] == (
        "Met at the conference in Lisbon, talked about leadership and the new role; "
        "follow up in spring. Café near the office."
    )
    assert jose["phone"] == "+15550100, +15550199" and jose["title"] == "VP Engineering"
    assert "Skipped 1 contact without a name: +15550111." in said
    assert "Mai Ng" in people()


def test_icloud_cards_keep_page_title_and_a_birthday_without_a_year() -> None:
    said = ok("import", str(VENDORS / "icloud-contacts.vcf")).stdout
    assert "Skipped 2 contacts without a name: +1 555 0100, bob@x.example." in said
    ana = shown("Ana López")
    assert ana["url"] == "https://www.linkedin.com/in/ana-lopez-1a2b3c"
    assert ana["notes"] == "Met at QCon, talked about staff+ paths.\nFollow up in spring."
    assert [(d["label"], d["date"]) for d in ana["dates"]] == [("birthday", "--03-14")]
    assert "birthday: 14 March" in ok("show", "Ana López").stdout
    assert shown("Bo Chen")["emails"] == ["bo.chen@example.com", "bo@globex.example"]


def test_outlook_vcard_in_windows_1252() -> None:
    said = ok("import", str(VENDORS / "outlook-contact-cp1252.vcf")).stdout
    assert "Windows-1252" in said and "CSV UTF-8" not in said
    assert shown("Jürgen Müller")["notes"] == "Mentor seit 2019 – Gespräche über Führung."


def test_a_card_matched_by_email_adds_what_it_brings_and_keeps_notes(tmp_path: Path) -> None:
    ok("add", "Ana L", "--email", "ana@acme.example", "--note", "mine")
    ok("import", str(VENDORS / "icloud-contacts.vcf"))
    ana = shown("Ana L")
    assert ana["notes"] == "mine"  # an address book never overwrites your notes
    assert (ana["org"], ana["title"]) == ("Acme Corp", "VP Engineering")
    assert ana["phone"] == "+1 (555) 010-0001"


# Calendars ---------------------------------------------------------------------


@pytest.fixture
def five(env: Env) -> Env:
    for name, email in (
        ("Ana López", "ana@acme.example"),
        ("Bo Chen", "bo.chen@example.com"),
        ("Priya Raman", "priya@initech.example"),
        ("Carla Lopez", "carla@fabrikam.example"),
        ("José López", "jose@example.com"),
    ):
        ok("add", name, "--email", email)
    return env


def talks() -> list[tuple[str, list[str]]]:
    return sorted((c["date"], c["people"]) for c in ok("history", "--json").json())


def test_google_calendar_read_as_a_person_reads_it(five: Env) -> None:
    said = ok("import", str(VENDORS / "google-calendar.ics")).stdout
    found = talks()
    # 8:30 pm in Los Angeles is 04:30 UTC the next day: its day is the 20th
    assert ("2026-11-20", ["Ana López"]) in found
    # Bo organised it; you (the calendar's owner) were the only attendee
    assert ("2026-11-10", ["Bo Chen"]) in found
    # you declined Priya's review; her birthday is a date, not 27 calls
    assert not any(day == "2026-11-12" for day, _ in found)
    assert "Passed over 1 event you declined." in said
    assert [d["date"] for d in shown("Ana López")["dates"]] == ["--03-14"]
    assert shown("Ana López")["last_contact"] == "2026-11-20"
    assert sum(1 for _, who in found if who == ["Priya Raman"]) == 7  # the monthly series


def test_your_own_address_from_the_config_is_never_an_advisor(five: Env, tmp_path: Path) -> None:
    ok("add", "Me Myself", "--email", "me@work.example")
    five.config.write_text('me = ["me@work.example"]\n')
    cal = tmp_path / "c.ics"
    cal.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x1\nDTSTART:20261101T100000Z\n"
        "SUMMARY:Planning\nORGANIZER:mailto:me@work.example\n"
        "ATTENDEE;PARTSTAT=ACCEPTED:mailto:jose@example.com\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    ok("import", str(cal))
    assert talks() == [("2026-11-01", ["José López"])]


def test_outlook_windows_time_zone_and_organiser_of_a_group_meeting(five: Env) -> None:
    ok("add", "Jürgen Müller", "--email", "jmuller@contoso.example")
    ok("import", str(VENDORS / "outlook-calendar.ics"))
    [(day, who)] = talks()
    assert day == "2026-11-20" and who == ["Carla Lopez", "Jürgen Müller"]
    assert ok("history", "--json").json()[0]["via"] == "video"  # the Teams link


def test_several_calendars_in_one_file_and_a_holiday_feed(five: Env) -> None:
    ok("add", "Sam Ortiz", "--email", "sam@example.net")
    ok("import", str(VENDORS / "two-calendars.ics"))
    assert talks() == [("2026-10-20", ["Priya Raman"]), ("2026-10-24", ["Sam Ortiz"])]
    said = ok("import", str(VENDORS / "holiday-feed.ics")).stdout
    assert "Skipped 1 event without a UID: Thanksgiving Day." in said
    assert ("2026-11-03", ["Bo Chen"]) in talks()


def test_strict_refuses_a_calendar_with_an_event_without_uid(five: Env) -> None:
    before = snapshot(five.db)
    result = run("import", str(VENDORS / "holiday-feed.ics"), "--strict")
    assert result.exit_code == 2
    assert "holiday-feed.ics, event 1: it has no UID" in result.stderr
    assert snapshot(five.db) == before


# People, never silently merged -------------------------------------------------


def test_add_and_edit_take_several_addresses(env: Env) -> None:
    ok("add", "Ana", "--email", "a@x.example", "--email", "b@y.example")
    assert shown("Ana")["emails"] == ["a@x.example", "b@y.example"]
    assert "a@x.example, b@y.example" in ok("show", "Ana").stdout
    ok("edit", "Ana", "--add-email", "c@z.example", "--drop-email", "A@x.example")
    assert shown("Ana")["emails"] == ["b@y.example", "c@z.example"]
    before = snapshot(env.db)
    result = run("edit", "Ana", "--drop-email", "nobody@x.example")
    assert result.exit_code == 2 and "Ana has no e-mail address" in result.stderr
    assert snapshot(env.db) == before
    ok("edit", "Ana", "--email", "only@o.example")
    assert shown("Ana")["emails"] == ["only@o.example"]


# Exports safe to open -------------------------------------------------------------


def test_csv_export_defuses_formulas_and_reads_back(tmp_path: Path) -> None:
    ok("add", '=HYPERLINK("http://evil")', "--phone", "+1 555", "--note", "@SUM(A1)")
    ok("export", "--format", "csv", "--output", str(tmp_path / "out"))
    text = (tmp_path / "out" / "people.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'+1 555" in text and "'@SUM(A1)" in text
    assert not text.startswith("\ufeff")
    ok("export", "--format", "csv", "--excel", "--output", str(tmp_path / "xl"))
    assert (tmp_path / "xl" / "people.csv").read_bytes().startswith(codecs.BOM_UTF8)
    # read back, the mark is taken off again
    ok("import", str(tmp_path / "out" / "people.csv"))
    [person] = ok("list", "--json").json()
    assert person["phone"] == "+1 555" and person["notes"] == "@SUM(A1)"


def test_title_and_page_travel_through_the_csv_export(tmp_path: Path) -> None:
    ok("add", "Ana", "--title", "CTO", "--url", "https://example.org/ana")
    ok("export", "--format", "csv", "--output", str(tmp_path / "out"))
    ok("edit", "ana", "--title", "none yet")
    ok("import", str(tmp_path / "out" / "people.csv"))
    assert (shown("Ana")["title"], shown("Ana")["url"]) == ("CTO", "https://example.org/ana")


def test_excel_is_only_for_csv() -> None:
    result = run("export", "--format", "json", "--excel")
    assert result.exit_code == 2 and "--excel is for --format csv" in result.stderr


def test_markdown_export_escapes_names_and_notes() -> None:
    ok("add", "# Boss <b>", "--note", "[click](http://evil) <script>x</script> *hi*")
    text = ok("export", "--format", "markdown").stdout
    assert "## \\# Boss \\<b\\>" in text
    assert "\\[click\\](http://evil) \\<script\\>x\\</script\\> \\*hi\\*" in text
    assert "<script>" not in text


def test_ics_export_dates_a_check_in_already_due_today() -> None:
    ok("add", "Ana", "--every", "weekly")
    ok("log", "Ana", "--date", "2026-10-01", "--note", "x")
    text = ok("export", "--format", "ics").stdout
    assert "DTSTART;VALUE=DATE:20261125" in text  # today, not 2026-10-08


def test_dates_travel_with_an_export_and_go_with_their_person(env: Env, tmp_path: Path) -> None:
    ok("import", str(VENDORS / "icloud-contacts.vcf"))
    ok("export", "--output", str(tmp_path / "all.json"))
    env.db.parent.rename(tmp_path / "first")
    ok("import", str(tmp_path / "all.json"))
    assert [d["date"] for d in shown("Ana López")["dates"]] == ["--03-14"]
    assert "healthy" in ok("doctor").stdout
    ok("remove", "Ana López", "--yes")
    assert ok("export").json()["tables"]["dates"] == []
