"""The table toolkit at the lowest level: the header matcher, the reader's refusals and limits, and
escaping with its inverse through real CSV and XLSX files."""

import io

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from openpyxl import Workbook, load_workbook

from edi_tracker.tables import (
    Column, Columns, Limits, TableRefused, escape_cell, header_key, read_tables, unescape_cell, write_csv, write_xlsx,
)

LIMITS = Limits(max_bytes=100_000, max_unpacked=1_000_000, max_rows=50)
COLUMNS = Columns([
    Column("reference", label="Reference", aliases=("Ref", "No."), required=True),
    Column("lead_officer", label="Lead officer", aliases=("Responsible officer",)),
    Column("status", label="Status", aliases=("RAG status",), required=True),
])
# Any text a table can hold: everything but NUL, which no CSV reader or database keeps.
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60)


@pytest.mark.parametrize("header", ["Lead officer", "lead_officer", "LEAD-OFFICER", " Lead  Officer: ", "Responsible officer"])
def test_headers_match_whatever_their_case_spaces_and_punctuation(header):
    match = COLUMNS.match(["Ref", header, "RAG status"])
    assert match.names == ["reference", "lead_officer", "status"] and match.complete and not match.unmapped


def test_the_matcher_reports_unmapped_ignored_missing_and_a_second_header_for_one_column():
    match = COLUMNS.match(["No.", "Reference", "Owner", "", "Name"], ignore=["name"])
    assert match.mapped == {0: COLUMNS["reference"]}
    assert match.unmapped == ["Reference", "Owner"] and match.ignored == ["Name"]
    assert [c.name for c in match.missing] == ["status"] and not match.complete
    assert header_key(" R.A.G. status ") == "ragstatus"


@pytest.mark.parametrize("text,escaped", [
    ("=1+1", "'=1+1"), ("+44 20", "'+44 20"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("'=1", "''=1"), ("'quoted'", "'quoted'"), ("plain", "plain"), ("", ""), (3, 3), (None, None),
])
def test_escaping_and_its_inverse(text, escaped):
    assert escape_cell(text) == escaped
    assert unescape_cell(escaped) == text


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(TEXT, min_size=1, max_size=4))
def test_any_text_escaped_written_and_read_back_is_the_same_text(texts):
    headings = [f"Column {i}" for i in range(len(texts))]
    for name, data in (("t.csv", write_csv(headings, [texts])), ("t.xlsx", write_xlsx(headings, [texts]))):
        [sheet] = read_tables(name, data, limits=LIMITS, first_only=True)
        if not any(t.strip() for t in texts):
            assert sheet.rows == [headings]  # a blank row is never a row of data
            continue
        header, row = sheet.rows
        assert header == headings
        read = [unescape_cell("" if v is None else v) for v in row] + [""] * (len(texts) - len(row))
        assert read == texts, name


def test_written_cells_are_never_formulas_and_workbook_columns_are_sized():
    data = write_xlsx(["Reference", "Success measures"], [["=1+1", "short\n" + "a much longer line of text " * 2]])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == "'=1+1" and sheet["A2"].data_type == "s"
    assert sheet.column_dimensions["A"].width == 11  # "Reference" and two characters
    assert sheet.column_dimensions["B"].width == len("a much longer line of text " * 2) + 2
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert write_csv(["A"], [["-5"]]).decode("utf-8") == "\ufeffA\r\n'-5\r\n"


def _xlsx(*sheets) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_workbook_is_read_sheet_by_sheet_or_its_first_sheet_only():
    data = _xlsx(("Plan", [["Reference", "Status"], ["1.1", "Amber"], [None, None]]), ("Notes", [["x"]]))
    assert [(s.title, s.rows) for s in read_tables("p.xlsx", data, limits=LIMITS)] == [
        ("Plan", [["Reference", "Status"], ["1.1", "Amber"]]), ("Notes", [["x"]])]
    assert [s.title for s in read_tables("p.xlsx", data, limits=LIMITS, first_only=True)] == ["Plan"]


@pytest.mark.parametrize("name,data,message", [
    ("t.pdf", b"%PDF", "“t.pdf” is not a file we can import. Upload a CSV file (.csv) or an Excel workbook (.xlsx)."),
    ("t.csv", b"", "“t.csv” is empty."),
    ("t.csv", b"a" * 100_001, "“t.csv” is larger than 97.7\xa0KB, the most we accept."),
    ("t.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "is password-protected or in an old Office format"),
    ("t.xlsx", b"just text", "“t.xlsx” is named .xlsx but is not an Excel workbook."),
    ("t.csv", "a,b\n".encode("utf-16"), "“t.csv” is UTF-16 text, not UTF-8."),
    ("t.csv", b"PK\x03\x04rest", "“t.csv” is named .csv but is not a text file"),
    ("t.csv", b"a,b\n\xe9\n", "“t.csv” is not UTF-8 text (byte 5 cannot be read)."),
    ("t.csv", b"a\n" * 52, "“t.csv” has more than 50 rows of data; the most we accept is 50."),
])
def test_one_set_of_refusals(name, data, message):
    with pytest.raises(TableRefused) as error:
        read_tables(name, data, limits=LIMITS, what=f"“{name}”")
    assert message in str(error.value)


def test_a_sheet_of_too_many_rows_is_named():
    data = _xlsx(("Plan", [["a"]] * 52))
    with pytest.raises(TableRefused, match="^The sheet “Plan” has more than 50 rows of data; the most we accept is 50.$"):
        read_tables("p.xlsx", data, limits=LIMITS)


def test_a_null_character_deep_in_a_csv_file_is_refused_naming_its_row():
    data = b"a,b\n" + b"1,2\n" * 3000 + b"3,x\x00y\n"
    with pytest.raises(TableRefused, match="^“t.csv”, row 3002: a cell holds a null character, which cannot be stored"):
        read_tables("t.csv", data, limits=Limits(max_bytes=100_000, max_unpacked=1, max_rows=5000), what="“t.csv”")
