"""The check a piece of rows at a time, and the import command's check and store in one pass: the same
result whatever the pieces, and nothing stored unless the whole file passes, even when its first pieces
were already sent to the database."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from edi_tracker.models import AuditEvent
from workforce import checking
from workforce.checking import pseudonym
from workforce.models import CaseRecord, Extract, StaffRecord
from workforce.services import extract_check, extract_confirm, extract_import

HEADER = "Employee Number,Ethnic Origin,Grade,Gender,Disabled,Hourly Rate,Date Left,Start Date\n"


def staff(rows: list[str]) -> bytes:
    return (HEADER + "".join(row + "\n" for row in rows)).encode()


GOOD = [f"{3000 + i},White British,Scale {i % 3},F,N,12.{i:02d},," for i in range(9)]
# Errors in several rows and columns, rows left out for two reasons, a repeat across pieces.
MESSY = [
    "1,White British,A,F,N,12.00,,",
    "2,Klingon,A,F,N,12.00,,",  # row 3: not an ethnicity
    "3,White British,A,F,N,twelve,,",  # row 4: not pay
    "4,White British,A,F,N,12.00,2020-06-30,",  # row 5: left before the year
    ",White British,A,Q,N,12.00,,",  # row 6: blank identifier, not a sex
    "6,White British,A,F,N,12.00,,2030-01-01",  # row 7: starts after the snapshot
    "1,White British,A,F,N,12.00,,",  # row 8: 1 again, first seen in row 2
]


def check(org, data: bytes):
    header, rows = checking.read_table("s.csv", data)
    pieces = []
    result = checking.check_table(organisation=org, kind="staff", year=2022, header=header, rows=rows, staff_keys=None,
                                  ethnicity_mappings={}, checked_rows=lambda columns, numbers: pieces.append(numbers))
    return result, pieces


def everything(result) -> tuple:
    return (result.columns, result.row_numbers, result.errors, result.error_count, result.warnings, result.counts,
            result.declaration, result.unmapped_ethnicities)


@pytest.mark.parametrize("rows", [GOOD, MESSY])
def test_the_check_is_the_same_a_few_rows_at_a_time(org, monkeypatch, rows):
    whole, pieces = check(org, staff(rows))
    assert len(pieces) == (1 if whole.ok else 0)
    for piece_rows in (1, 2, 3):
        monkeypatch.setattr(checking, "PIECE_ROWS", piece_rows)
        assert everything(check(org, staff(rows))[0]) == everything(whole)


def test_the_errors_of_a_file_in_pieces_are_in_the_order_of_its_rows(org, monkeypatch):
    monkeypatch.setattr(checking, "PIECE_ROWS", 2)
    result, pieces = check(org, staff(MESSY))
    assert [(e["row"], e["column"]) for e in result.errors] == [
        (3, "ethnicity"), (4, "hourly_pay"), (6, "employee_id"), (6, "sex"), (8, "employee_id")]
    assert result.errors[-1]["why"].startswith("appears twice, in rows 2 and 8")
    assert result.errors[-1]["value"] == checking.IDENTIFIER_NOT_KEPT
    assert result.unmapped_ethnicities == ["Klingon"]
    assert "(row 5)" in result.warnings[0] and "(row 7)" in result.warnings[1]
    assert pieces == []  # handed on only while no row so far has an error: row 3, in the first piece, has one
    assert result.row_numbers == [2, 3, 4, 6, 8]


def test_pieces_are_handed_on_as_they_pass_and_the_rows_left_out_are_not(org, monkeypatch):
    monkeypatch.setattr(checking, "PIECE_ROWS", 4)
    rows = [*GOOD[:5], "3100,White British,A,F,N,12.00,2020-06-30,", *GOOD[5:]]  # row 7 left before the year
    result, pieces = check(org, staff(rows))
    assert result.ok and pieces == [[2, 3, 4, 5], [6, 8, 9], [10, 11]]
    assert result.row_numbers == [2, 3, 4, 5, 6, 8, 9, 10, 11]


def test_an_error_in_the_last_piece_stores_nothing_of_the_pieces_before(org, hr, monkeypatch, tmp_path):
    """The first pieces went to the database while the last was checked; its error rolls them back, and
    the current extract is untouched."""
    monkeypatch.setattr(checking, "PIECE_ROWS", 2)
    current = extract_import(organisation=org, kind="staff", year=2022, filename="a.csv", data=staff(GOOD[:3]))
    assert current.status == "current" and StaffRecord.objects.filter(extract=current).count() == 3
    bad = staff([*GOOD[3:], "3999,White British,A,F,N,not pay,,"])
    sent = []
    real = checking.check_table
    monkeypatch.setattr("workforce.services.check_table", lambda **kw: real(
        **{**kw, "checked_rows": lambda columns, numbers: sent.append(numbers) or kw["checked_rows"](columns, numbers)}))
    refused = extract_import(organisation=org, kind="staff", year=2022, filename="b.csv", data=bad, replace=True)
    assert sent == [[2, 3], [4, 5], [6, 7]]  # three pieces were sent before the last one's error
    assert refused.status == "refused" and refused.failure_reason == "1 error in the file."
    assert refused.report["errors"] == [{"row": 8, "column": "hourly_pay", "value": "not pay",
                                         "why": refused.report["errors"][0]["why"]}]
    assert Extract.objects.get(pk=refused.pk).report == refused.report  # the verdict outlives the rollback
    assert StaffRecord.objects.filter(extract=refused).count() == 0
    assert StaffRecord.objects.count() == 3 and Extract.objects.get(pk=current.pk).status == "current"
    assert not AuditEvent.objects.filter(verb="extract.confirmed", object_id=str(refused.pk)).exists()


def test_a_repeat_found_only_once_every_piece_is_in_stores_nothing(org, monkeypatch):
    monkeypatch.setattr(checking, "PIECE_ROWS", 2)
    rows = [*GOOD[:6], GOOD[0]]  # row 8 repeats row 2's identifier, three pieces later
    extract = extract_import(organisation=org, kind="staff", year=2022, filename="r.csv", data=staff(rows))
    assert extract.status == "refused" and [e["row"] for e in extract.report["errors"]] == [8]
    assert not StaffRecord.objects.exists()


def test_a_file_passing_in_pieces_is_stored_whole_and_replaces_only_when_asked(org, hr, monkeypatch):
    monkeypatch.setattr(checking, "PIECE_ROWS", 2)
    first = extract_import(organisation=org, kind="staff", year=2022, filename="a.csv", data=staff(GOOD[:4]))
    rows = [*GOOD[4:], "3100,White British,A,F,N,12.00,2020-06-30,"]  # its last row left out
    with pytest.raises(ValidationError, match="Confirm that this one replaces it"):
        extract_import(organisation=org, kind="staff", year=2022, filename="b.csv", data=staff(rows))
    assert Extract.objects.order_by("-pk")[0].failure_reason == "Not confirmed: discarded."
    second = extract_import(organisation=org, kind="staff", year=2022, filename="c.csv", data=staff(rows), replace=True)
    assert second.status == "current" and second.row_count == 5
    stored = dict(StaffRecord.objects.filter(extract=second).values_list("row_number", "employee_key"))
    assert stored == {n: pseudonym(org.pk, str(3004 + n - 2)) for n in range(2, 7)}
    assert Extract.objects.get(pk=first.pk).status == "replaced" and not StaffRecord.objects.filter(extract=first).exists()
    assert set(StaffRecord.objects.values_list("hourly_pay", flat=True)) == {Decimal(f"12.0{4 + i}") for i in range(5)}


def test_casework_in_pieces_leaves_out_unknown_employees_as_one_check_does(org, hr, monkeypatch):
    extract_confirm(extract=extract_check(organisation=org, kind="staff", year=2022, filename="s.csv",
                                          data=staff(GOOD[:3]), uploaded_by=hr)[0], actor=hr)
    cases = ("Employee Number,Case Type,Date Opened\n" + "".join(
        f"{n},Disciplinary,2021-0{5 + i % 4}-01\n" for i, n in enumerate([3000, 4444, 3001, 3002, 5555]))).encode()
    monkeypatch.setattr(checking, "PIECE_ROWS", 2)
    extract = extract_import(organisation=org, kind="casework", year=2022, filename="c.csv", data=cases)
    assert extract.status == "current" and extract.row_count == 3
    assert sorted(CaseRecord.objects.values_list("row_number", flat=True)) == [2, 4, 5]
    assert "2 rows name an employee who is not in the 2022 staff extract" in extract.report["warnings"][0]
    assert "(rows 3, 6)" in extract.report["warnings"][0]


def test_the_command_refuses_a_second_extract_without_replace_before_checking_it(org, tmp_path, capsys):
    path = tmp_path / "s.csv"
    path.write_bytes(staff(GOOD))
    call_command("import_extract", org.slug, "staff", str(path), "--year", "2022")
    path.write_bytes(staff(GOOD[:4]))
    with pytest.raises(SystemExit) as refused:
        call_command("import_extract", org.slug, "staff", str(path), "--year", "2022")
    assert refused.value.code == 1
    err = capsys.readouterr().err
    assert "There is already a staff extract for 2022 (s.csv" in err and err.rstrip().endswith("(use --replace)")
    assert StaffRecord.objects.count() == 9
    call_command("import_extract", org.slug, "staff", str(path), "--year", "2022", "--replace")
    assert StaffRecord.objects.count() == 4


def test_a_wide_file_gives_the_columns_of_a_narrow_one(org, monkeypatch):
    """The cells are turned into columns one way when most of a file's columns are used and another when
    few are (an export of 60 columns for our 8): the same columns either way, short rows included."""
    rows = [*GOOD, "3100,White British,A"]
    narrow, _ = check(org, staff(rows))
    extra = [f"Unused {n}" for n in range(20)]
    wide_data = "\n".join([",".join(extra) + "," + HEADER.strip(), *(",".join(["x"] * 20) + "," + row for row in rows)])
    wide, _ = check(org, wide_data.encode())
    assert wide.unmapped == extra and wide.columns == narrow.columns and wide.errors == narrow.errors
    monkeypatch.setattr(checking, "ROWS_PER_BLOCK", 3)
    assert check(org, wide_data.encode())[0].columns == narrow.columns
