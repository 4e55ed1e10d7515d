"""Excel trackers with merged cells, built with openpyxl: a cell merged down several rows is each row's
(a theme, a lead officer, a RAG fill, a deadline), a cell merged across columns is its first column's,
and a header that spans two header rows is read."""

import io

from openpyxl import Workbook
from openpyxl.styles import PatternFill

from plans.importers.reading import read_plan_file

RED, GREEN = "FF0000", "00B050"


def _xlsx(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill(colour):
    return PatternFill(fill_type="solid", start_color="FF" + colour, end_color="FF" + colour)


def summary(parsed):
    return [(a.reference, theme.title, a.title, a.lead_officer, a.deadline_text, a.status, a.status_source)
            for theme in parsed.themes for a in theme.actions]


def test_cells_merged_down_several_rows_apply_to_each_row():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append(["Equality action tracker 2024–25"])  # a title merged across the sheet
    sheet.merge_cells("A1:F1")
    sheet.append(["Ref", "Theme", "Action", "Lead officer", "Due date", "RAG"])
    sheet.append(["P1", "People", "Publish the ethnicity pay gap", "Head of HR", "March 2025", None])
    sheet.append(["P2", None, "Start a reverse mentoring scheme", None, None, None])
    sheet.append(["P3", None, "Review exit interviews by ethnicity", None, "June 2025", "G"])
    sheet.append(["S1", "Services", "Refresh the equality impact assessment", "Equalities Team", "Ongoing", None])
    sheet.merge_cells("B3:B5")  # the theme
    sheet.merge_cells("D3:D5")  # the lead officer
    sheet.merge_cells("E3:E4")  # a deadline shared by P1 and P2
    sheet.merge_cells("F3:F4")  # one red RAG cell for P1 and P2, given by its fill
    sheet["F3"].fill = _fill(RED)
    sheet["F6"].fill = _fill(GREEN)

    parsed = read_plan_file("tracker.xlsx", _xlsx(workbook))

    assert summary(parsed) == [
        ("P1", "People", "Publish the ethnicity pay gap", "Head of HR", "March 2025", "red",
         "the red fill of the “RAG” cell"),
        ("P2", "People", "Start a reverse mentoring scheme", "Head of HR", "March 2025", "red",
         "the red fill of the “RAG” cell"),
        ("P3", "People", "Review exit interviews by ethnicity", "Head of HR", "June 2025", "green",
         "the “RAG” column"),
        ("S1", "Services", "Refresh the equality impact assessment", "Equalities Team", "Ongoing", "green",
         "the green fill of the “RAG” cell"),
    ]
    assert parsed.title == "Equality action tracker 2024–25"
    assert parsed.warnings == []


def test_without_the_merge_a_blank_lead_stays_blank():
    """The same rows with the lead written once and not merged: the importer does not guess."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Ref", "Action", "Lead officer", "Due date"])
    sheet.append(["P1", "Publish the ethnicity pay gap", "Head of HR", "March 2025"])
    sheet.append(["P2", "Start a reverse mentoring scheme", None, "May 2025"])

    parsed = read_plan_file("tracker.xlsx", _xlsx(workbook))

    assert [(a.reference, a.lead_officer) for a in parsed.actions] == [("P1", "Head of HR"), ("P2", "")]


def test_a_header_merged_over_two_rows_is_read():
    """Two header rows: "Ref", "Action" and "RAG" merged down both, "Who and when" merged across the two
    columns it heads, whose own names are on the second row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tracker"
    sheet.append(["Ref", "Action", "Who and when", None, "RAG"])
    sheet.append([None, None, "Responsible officer", "Target date", None])
    sheet.merge_cells("A1:A2")
    sheet.merge_cells("B1:B2")
    sheet.merge_cells("C1:D1")
    sheet.merge_cells("E1:E2")
    sheet.append(["1", "Train recruiting managers", "Learning Lead", "April 2025", "A"])
    sheet.append(["2", "Publish the workforce report", "Head of HR", "July 2025", "Complete"])

    parsed = read_plan_file("tracker.xlsx", _xlsx(workbook))

    assert [(a.reference, a.title, a.lead_officer, a.deadline_text, a.status) for a in parsed.actions] == [
        ("1", "Train recruiting managers", "Learning Lead", "April 2025", "amber"),
        ("2", "Publish the workforce report", "Head of HR", "July 2025", "complete"),
    ]
    assert [column for column, _read_as in parsed.tables[0].columns] == [
        "Ref", "Action", "Responsible officer", "Target date", "RAG"]
    assert parsed.warnings == []
    assert parsed.notes == ["Sheet “Tracker”: the headers span rows 1 and 2; the columns were read from row 2."]
    assert parsed.title == "tracker"  # the first header row is not taken for a title
