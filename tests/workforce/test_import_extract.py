"""Workforce extracts through the command line and the services: check, confirm, refuse."""

import io
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from openpyxl import Workbook

from metrics.models import MetricResult
from workforce.checking import pseudonym
from workforce.models import CaseRecord, Extract, StaffRecord
from workforce.services import extract_check, extract_confirm
from workforce.vocab import ETHNICITY, key

STAFF_CSV = (
    "Employee Number,Full Name,Ethnic Origin,Grade,Gender,Disabled,Hourly Rate,Date Left,Senior Manager,Favourite Colour\n"
    "1001,Alex Example,White - English/Welsh/Scottish/Northern Irish/British,Scale 1-3,F,N,£12.50,,N,blue\n"
    "1002,Sam Example,Black or Black British: African,Scale 4-6,Male,Yes,17.59,,Y,red\n"
    "1003,Jo Example,H,Scale 1-3,female,Prefer not to say,12.5,31/12/2021,N,green\n"
    "1004,Kim Example,Not stated,SO1,M,,20,2020-06-30,N,\n"
)


def test_check_and_store_a_messy_staff_extract(org, hr, django_capture_on_commit_callbacks):
    extract, result = extract_check(organisation=org, kind="staff", year=2022, filename="staff.csv",
                                    data=STAFF_CSV.encode("utf-8-sig"), uploaded_by=hr)
    assert extract.status == "checked" and result.ok
    report = extract.report
    assert report["dropped_name_columns"] == ["Full Name"] and report["unmapped_columns"] == ["Favourite Colour"]
    assert "leaving_date" in report["columns"]
    # Row 5 left before 1 April 2021: warned about and left out.
    assert "left before the reporting year" in report["warnings"][0] and "(row 5)" in report["warnings"][0]
    assert report["counts"]["wres_group"] == {"white": 1, "bme": 2}
    # In post: 1001, 1002 (1003 left in the year): ethnicity declared by both → 100%.
    assert report["declaration_rates"]["ethnicity"]["rate_pct"] == 100.0
    assert StaffRecord.objects.count() == 0  # nothing stored before confirming
    with django_capture_on_commit_callbacks(execute=True):
        extract = extract_confirm(extract=extract, actor=hr)
    assert extract.status == "current" and extract.row_count == 3
    records = {r.row_number: r for r in StaffRecord.objects.all()}
    assert records[2].ethnicity == "white_british" and records[2].sex == "female" and str(records[2].hourly_pay) == "12.5000"
    assert records[3].wres_group == "bme" and records[3].disability == "yes" and records[3].senior_manager is True
    assert records[4].ethnicity == "asian_indian" and records[4].leaving_date.isoformat() == "2021-12-31"
    # Pseudonymised: no raw identifier or name anywhere.
    assert records[2].employee_key == pseudonym(org.pk, "1001") and len(records[2].employee_key) == 64
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM workforce_staffrecord")
        dump = repr(cursor.fetchall())
        cursor.execute("SELECT report::text FROM workforce_extract")
        dump += repr(cursor.fetchall())
    assert "1001" not in dump and "Alex" not in dump
    # Metrics were recomputed on confirm.
    assert MetricResult.objects.get(organisation=org, year=2022, scope="social_care").document["workforce"]["in_post"] == 2


def test_the_same_file_twice_is_recognised_and_a_new_one_replaces_only_when_asked(org, hr):
    data = STAFF_CSV.encode()
    extract_confirm(extract=extract_check(organisation=org, kind="staff", year=2022, filename="a.csv", data=data, uploaded_by=hr)[0], actor=hr)
    again, result = extract_check(organisation=org, kind="staff", year=2022, filename="a.csv", data=data, uploaded_by=hr)
    assert again.status == "refused" and "already uploaded" in again.failure_reason
    newer = data.replace(b"17.59", b"18.00")
    extract, _ = extract_check(organisation=org, kind="staff", year=2022, filename="b.csv", data=newer, uploaded_by=hr)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Confirm that this one replaces it"):
        extract_confirm(extract=extract, actor=hr)
    assert StaffRecord.objects.filter(hourly_pay=17.59).exists()  # what was stored is untouched
    extract_confirm(extract=extract, actor=hr, replace=True)
    assert list(Extract.objects.order_by("pk").values_list("status", flat=True)) == ["replaced", "refused", "current"]
    assert not StaffRecord.objects.filter(hourly_pay=17.59).exists() and StaffRecord.objects.count() == 3


@pytest.mark.parametrize("name,data,message", [
    ("staff.csv", b"Employee Number,Grade\n1,A\n", "the required column ethnicity is missing"),
    ("staff.csv", b"Case Ref,Employee ID,Case Type,Date Opened\n1,2,Disciplinary,2021-05-01\n", "does not look like a staff extract"),
    ("staff.csv", b"", "The file is empty"),
    ("staff.csv", b"Employee Number,Ethnic Origin,Grade\n", "headers but no rows"),
    ("staff.csv", "Employee Number,Ethnic Origin,Grade\n1,Irish,A\n".encode("latin-1") + b"\xe9\xff\n", "not UTF-8"),
    ("staff.xlsx", b"PK\x03\x04 this is not a workbook", "not an Excel workbook"),
    ("staff.xlsx", b"just text", "not an Excel workbook"),
    ("staff.pdf", b"%PDF", "Upload a CSV file"),
])
def test_bad_files_are_refused_with_their_message_and_nothing_stored(org, hr, name, data, message):
    extract, result = extract_check(organisation=org, kind="staff", year=2022, filename=name, data=data, uploaded_by=hr)
    assert extract.status == "refused" and message in extract.failure_reason
    assert StaffRecord.objects.count() == 0


@pytest.mark.parametrize("row,column,why", [
    ("1,Irish,A,F,31/02/2022,12", "leaving_date", "is not a date"),
    ("1,Irish,A,F,,-3", "hourly_pay", "is negative"),
    ("1,Irish,A,F,,twelve", "hourly_pay", "is not an amount of money"),
    ("1,Martian,A,F,,12", "ethnicity", "is not an ethnicity we know"),
    ("1,Irish,A,Q,,12", "sex", "is not a sex we know"),
])
def test_bad_values_name_row_column_value_and_why(org, hr, row, column, why):
    data = f"Employee ID,Ethnicity,Grade,Sex,Leaving Date,Hourly Pay\n2,Irish,A,F,,10\n{row}\n".encode()
    extract, result = extract_check(organisation=org, kind="staff", year=2022, filename="s.csv", data=data, uploaded_by=hr)
    assert extract.status == "refused"
    error = extract.report["errors"][0]
    assert (error["row"], error["column"]) == (3, column) and why in error["why"]


def test_duplicate_employee_names_both_rows(org, hr):
    data = b"Employee ID,Ethnicity,Grade\n7,Irish,A\n8,Irish,A\n7,Indian,B\n"
    extract, _ = extract_check(organisation=org, kind="staff", year=2022, filename="s.csv", data=data, uploaded_by=hr)
    assert "appears twice, in rows 2 and 4" in extract.report["errors"][0]["why"]


def test_casework_for_an_unknown_employee_is_a_warning_and_left_out(org, hr):
    extract_confirm(extract=extract_check(organisation=org, kind="staff", year=2022, filename="s.csv",
                                          data=STAFF_CSV.encode(), uploaded_by=hr)[0], actor=hr)
    data = b"Case Ref,Employee Number,Process,Date Opened\nC1,1001,Disciplinary,01-Jun-2021\nC2,9999,FtP,2021-06-01\n"
    extract, result = extract_check(organisation=org, kind="casework", year=2022, filename="c.csv", data=data, uploaded_by=hr)
    assert "1 row name an employee who is not in the 2022 staff extract" in extract.report["warnings"][0]
    extract_confirm(extract=extract, actor=hr)
    assert CaseRecord.objects.count() == 1 and CaseRecord.objects.get().case_type == "disciplinary"


def test_appointed_without_shortlisted_is_an_error(org, hr):
    data = b"Applicant ID,Ethnicity,Shortlisted,Appointed\nA1,Irish,No,Yes\n"
    extract, _ = extract_check(organisation=org, kind="recruitment", year=2022, filename="r.csv", data=data, uploaded_by=hr)
    assert extract.status == "refused" and "only from the shortlist" in extract.report["errors"][0]["why"]


def test_an_xlsx_extract_with_real_dates(org, hr, tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Staff ID", "Ethnic Group", "Pay Band", "Termination Date", "Hourly Rate"])
    from datetime import datetime

    sheet.append([42, "Asian or Asian British - Pakistani", "B", datetime(2021, 8, 1), 15.25])
    buffer = io.BytesIO()
    workbook.save(buffer)
    extract, result = extract_check(organisation=org, kind="staff", year=2022, filename="s.xlsx", data=buffer.getvalue(), uploaded_by=hr)
    assert result.ok, extract.report
    extract_confirm(extract=extract, actor=hr)
    record = StaffRecord.objects.get()
    assert record.ethnicity == "asian_pakistani" and record.leaving_date.isoformat() == "2021-08-01"
    assert record.employee_key == pseudonym(org.pk, "42")


def test_the_command_exits_0_when_stored_and_1_when_refused(org, tmp_path, capsys):
    good = tmp_path / "staff.csv"
    good.write_text(STAFF_CSV)
    with pytest.raises(SystemExit) as refused:
        bad = tmp_path / "bad.csv"
        bad.write_text("Employee Number,Grade\n1,A\n")
        call_command("import_extract", org.slug, "staff", str(bad), "--year", "2022")
    assert refused.value.code == 1
    assert "Refused: This does not look like a staff extract" in capsys.readouterr().err
    call_command("import_extract", org.slug, "staff", str(good), "--year", "2022", "--dry-run")
    assert StaffRecord.objects.count() == 0
    call_command("import_extract", org.slug, "staff", str(good), "--year", "2022")
    assert StaffRecord.objects.count() == 3
    with pytest.raises(SystemExit) as again:
        call_command("import_extract", org.slug, "staff", str(tmp_path / "staff.csv"), "--year", "2022")
    assert again.value.code == 1


def test_many_spellings_of_ethnicity():
    cases = {
        "White - Irish": "white_irish", "Black or Black British: African": "black_african",
        "Asian or Asian British - Indian": "asian_indian", "Mixed/multiple ethnic groups - White and Asian": "mixed_white_asian",
        "African": "black_african", "Any other White background": "white_other", "Any other mixed background": "mixed_other",
        "Any other Asian background": "asian_other", "Any other Black background": "black_other", "White British": "white_british",
        "White Irish": "white_irish", "Black Caribbean": "black_caribbean", "Asian Indian": "asian_indian",
        "Mixed White and Asian": "mixed_white_asian", "A": "white_british", "N": "black_african", "R": "asian_chinese",
        "S": "other_any", "Z": "prefer_not_to_say", "99": "not_known", "": "not_known", "Not stated": "prefer_not_to_say",
        "Information refused": "prefer_not_to_say", "Gypsy or Irish Traveller": "white_gypsy_traveller", "Roma": "white_roma",
        "Arab": "other_arab", "Other ethnic group: Arab": "other_arab", "Chinese": "asian_chinese",
        "Black, Black British, Black Welsh, Caribbean or African: Caribbean": "black_caribbean",
        "Asian, Asian British or Asian Welsh: Bangladeshi": "asian_bangladeshi",
        "WHITE: ENGLISH, WELSH, SCOTTISH, NORTHERN IRISH OR BRITISH": "white_british",
    }
    assert {text: ETHNICITY.get(key(text)) for text in cases} == cases


@pytest.mark.parametrize("chunk_rows", [10_000, 2])
def test_text_with_backslashes_tabs_and_line_breaks_is_stored_as_written(org, hr, monkeypatch, chunk_rows):
    """The rows go to PostgreSQL as COPY text built column by column, a piece of rows at a time: what COPY
    reads as an escape, a column separator or a row's end is escaped, and a value spelled like COPY's NULL
    stays text, whether a piece holds every row or two (the last piece plain: escaped in none)."""
    from workforce import services

    monkeypatch.setattr(services, "COPY_CHUNK_ROWS", chunk_rows)
    departments = ["Legal \\ Democratic", "Tab\there", "Two\nlines", "\\N", "Plain, quoted"]
    lines = ["Employee Number,Ethnic Origin,Grade,Department,Senior Manager"]
    for i, department in enumerate(departments):
        quoted = '"' + department.replace('"', '""') + '"'
        lines.append(f"{2001 + i},White British,Scale 1-3,{quoted},{'Y' if i % 2 else 'N'}")
    extract, result = extract_check(organisation=org, kind="staff", year=2022, filename="staff.csv",
                                    data=("\n".join(lines) + "\n").encode(), uploaded_by=hr)
    assert result.ok, extract.report["errors"]
    extract_confirm(extract=extract, actor=None)
    stored = dict(StaffRecord.objects.values_list("row_number", "directorate"))
    assert [stored[row] for row in range(2, 7)] == departments
    assert list(StaffRecord.objects.order_by("row_number").values_list("senior_manager", flat=True)) == [
        False, True, False, True, False]


def test_the_command_confirms_the_rows_it_checked_without_staging_them(org, tmp_path, settings, capsys):
    """import_extract checks and confirms in one process: the checked rows go from the check to the
    database in hand, never through a staging file; an extract checked that way cannot be confirmed by
    anyone else (a page or a second process loads it afresh, without its rows)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    good = tmp_path / "staff.csv"
    good.write_text(STAFF_CSV)
    call_command("import_extract", org.slug, "staff", str(good), "--year", "2022")
    out = capsys.readouterr().out
    assert "Read 4 rows; columns: employee_id, ethnicity, pay_band, sex, disability, hourly_pay, leaving_date" in out
    assert "Stored the staff extract for 2022: 3 rows." in out
    assert sorted(StaffRecord.objects.values_list("employee_key", flat=True)) == sorted(
        pseudonym(org.pk, n) for n in ("1001", "1002", "1003"))
    staging = tmp_path / "media" / "staging"
    assert not staging.exists() or not any(staging.iterdir())

    extract, result = extract_check(organisation=org, kind="staff", year=2023, filename="staff.csv",
                                    data=STAFF_CSV.encode(), uploaded_by=None, stage=False)
    assert extract.status == "checked" and result.ok
    assert not staging.exists() or not any(staging.iterdir())
    with pytest.raises(ValidationError, match="its checked rows are no longer kept"):
        extract_confirm(extract=Extract.objects.get(pk=extract.pk), actor=None)
    assert not StaffRecord.objects.filter(year=2023).exists()
    extract_confirm(extract=extract, actor=None)  # the rows in hand
    assert StaffRecord.objects.filter(year=2023, extract=extract).count() == 2  # 1003 left before April 2022


def test_the_columns_are_the_same_taken_a_few_rows_at_a_time(org, hr, monkeypatch):
    """The columns are taken a block of rows at a time: blocks of two rows, a short row and rows longer than
    the header in different blocks, give the very columns and errors of one block."""
    from workforce import checking

    data = (b"Employee ID,Ethnicity,Grade,Hourly Rate,Extra\n"
            b" 7 ,Irish,A,12.00,x\n"
            b"8.0,Irish,A\n"
            b"9,Indian,B,13.00,y,z,beyond the header\n"
            b",Irish\n"
            b"10,Klingon,C,14.50\n")
    header, rows = checking.read_table("s.csv", data)

    def check():
        result = checking.check_table(organisation=org, kind="staff", year=2022, header=header, rows=rows,
                                      staff_keys=None, ethnicity_mappings={})
        return result.columns, result.errors

    columns, errors = check()
    monkeypatch.setattr(checking, "ROWS_PER_BLOCK", 2)
    assert check() == (columns, errors)
    assert columns["pay_band"] == ["A", "A", "B", "", "C"]
    assert [str(p) if p is not None else None for p in columns["hourly_pay"]] == ["12.00", None, "13.00", None, "14.50"]
    assert [(e["row"], e["column"]) for e in errors] == [(5, "employee_id"), (6, "ethnicity")]


def test_identifiers_short_rows_and_repeats_column_by_column(org, hr):
    """The columns are taken from the rows whatever their length (a short row's missing cells are blank),
    identifiers are trimmed and a spreadsheet's 12345.0 read as 12345, and a repeat is found even among
    blanks; a blank identifier is an error of its own, never a repeat."""
    data = (b"Employee ID,Ethnicity,Grade,Hourly Rate,Extra\n"
            b" 7 ,Irish,A,12.00,x\n"
            b"8.0,Irish,A\n"  # short: no hourly rate, no extra
            b"9,Indian,B,13.00,y,z,beyond the header\n"
            b",Irish,A,12.00\n"
            b",Irish,A,12.00\n")
    extract, result = extract_check(organisation=org, kind="staff", year=2022, filename="s.csv", data=data, uploaded_by=hr)
    assert [(e["row"], e["column"], e["why"]) for e in extract.report["errors"]] == [
        (5, "employee_id", "is blank: every row needs an identifier"),
        (6, "employee_id", "is blank: every row needs an identifier")]
    assert result.columns["employee_id"][:3] == [pseudonym(org.pk, "7"), pseudonym(org.pk, "8"), pseudonym(org.pk, "9")]
    assert result.columns["hourly_pay"][1] is None and result.columns["pay_band"] == ["A", "A", "B", "A", "A"]
    repeated = data.replace(b"9,Indian", b"8,Indian")
    extract, _ = extract_check(organisation=org, kind="staff", year=2022, filename="t.csv", data=repeated, uploaded_by=hr)
    assert [(e["row"], e["why"]) for e in extract.report["errors"] if "twice" in e["why"]] == [
        (4, "appears twice, in rows 3 and 4: export people with several posts once, at their main post")]


def test_the_planner_counts_the_rows_just_stored(org, hr):
    """The figures are read from an extract's rows as soon as they are stored: the store has the table's
    statistics count them (ANALYZE of extract_id), so the planner does not take 2,000 rows for a handful."""
    rows = "".join(f"{5000 + i},White British,Scale {i % 7},F,N,12.{i % 90:02d}\n" for i in range(2000))
    data = ("Employee Number,Ethnic Origin,Grade,Gender,Disabled,Hourly Rate\n" + rows).encode()
    extract, _ = extract_check(organisation=org, kind="staff", year=2022, filename="big.csv", data=data, uploaded_by=hr)
    extract_confirm(extract=extract, actor=hr)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) SELECT pay_band, count(*) FROM workforce_staffrecord WHERE extract_id = %s "
                       "GROUP BY pay_band", [extract.pk])
        plan = cursor.fetchone()[0][0]["Plan"]
    scan = plan
    while "Plans" in scan:
        scan = scan["Plans"][0]
    assert scan["Plan Rows"] == 2000


def test_the_check_pauses_the_garbage_collector_and_leaves_it_as_it_found_it(org, hr, monkeypatch):
    """Reading and checking a file's rows runs without the cyclic garbage collector (its walks over the row
    lists free nothing), which is on again afterwards, and still off when the caller had paused it."""
    import gc

    from workforce import checking

    seen = []
    real = checking.check_table
    monkeypatch.setattr(checking, "check_table", lambda **kwargs: seen.append(gc.isenabled()) or real(**kwargs))
    monkeypatch.setattr("workforce.services.check_table", checking.check_table)
    assert gc.isenabled()
    extract_check(organisation=org, kind="staff", year=2022, filename="s.csv", data=STAFF_CSV.encode(), uploaded_by=hr)
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        extract_check(organisation=org, kind="staff", year=2021, filename="t.csv", data=STAFF_CSV.encode(), uploaded_by=hr)
        assert seen == [False, False] and not gc.isenabled()
    finally:
        gc.enable()
