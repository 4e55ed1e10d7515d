"""Plans as councils really keep them: every action's reference, theme, lead, deadline, measures and
status, every warning, and what became of every row that is not an action."""

import datetime

import pytest

from plans.deadlines import parse_deadline
from plans.importers.reading import read_plan_file
from plans.importers.rows import ImportRefused
from plans.importers.shapes import status_from_colour

from . import real_world_files as fx


def summary(parsed):
    return [(a.reference, theme.code, theme.title, a.title, a.lead_officer, a.deadline_text, a.measures, a.status)
            for theme in parsed.themes for a in theme.actions]


def test_a_spreadsheet_tracker_with_a_title_row_fills_month_dates_and_several_sheets():
    parsed = read_plan_file("tracker.xlsx", fx.tracker_xlsx())
    assert summary(parsed) == [
        ("W1", "", "Workforce", "Publish the ethnicity pay gap", "Head of HR", "April 2023",
         ["Report published", "Gaps explained"], "red"),
        ("W2", "", "Workforce", "Reverse mentoring scheme", "OD Lead", "September 2023", [], "amber"),
        ("C1", "", "Communities", "Refresh the EqIA template", "Equalities Team", "Ongoing", [], "green"),
        ("C2", "", "Communities", "Train managers in inclusive recruitment", "Learning Lead", "2023-03-14", [], "amber"),
        ("C3", "", "Communities", "Publish the equality objectives", "Policy Officer", "Complete", [], "complete"),
        ("C4", "", "Communities", "Agree the data sharing protocol", "", "TBC", [], ""),
    ]
    assert parse_deadline("April 2023").date == datetime.date(2023, 4, 30)  # Apr-23 is April, so its last day
    by_ref = {a.reference: a for a in parsed.actions}
    assert by_ref["W1"].status_source == "the red fill of the “RAG status” cell"
    assert by_ref["C3"].status_source == "the blue fill of the “RAG status” cell"
    assert by_ref["C2"].status_source == "the “RAG status” column"  # the word wins over the colour
    assert by_ref["W1"].commentary == "Data gaps in payroll"
    assert parsed.title == "Equality Action Tracker 2023–24"
    assert parsed.tables[0].table == "sheet “Tracker 2023”"
    assert parsed.warnings == []
    assert parsed.notes == [
        "Sheet “Tracker 2023”: the headers are on row 3; the row above (Equality Action Tracker 2023–24) "
        "was read as a title, not actions.",
        "Read the sheet “Tracker 2023”; “Read me” has no plan table and was not read.",
    ]


def test_other_words_for_columns_are_read_and_unknown_ones_named():
    data = fx.xlsx({"Plan": [["Action ref", "Action description", "Owner", "Finish by", "Progress"],
                             ["A1", "Hold listening events", "Chief Executive", "Dec 22", "Two held"]]})
    parsed = read_plan_file("plan.xlsx", data)
    assert summary(parsed) == [("A1", "", "Actions", "Hold listening events", "Chief Executive", "", [], "")]
    assert parsed.actions[0].commentary == "Two held"
    assert parsed.warnings == [
        "Sheet “Plan”: the column “Finish by” was not recognised and not read.",
        "Sheet “Plan” has no column we read as deadline (as written): that is left blank.",
    ]


@pytest.mark.parametrize("header, lead, deadline", [
    (["No.", "Action", "Responsible officer", "Target date"], "Ann", "March 2023"),
    (["Ref", "Actions", "Lead", "Due date"], "Ann", "March 2023"),
    (["Number", "Action", "Owner", "Timescale"], "Ann", "March 2023"),
])
def test_common_aliases_for_lead_and_deadline(header, lead, deadline):
    parsed = read_plan_file("p.csv", (",".join(header) + "\n1,Do it,Ann,March 2023\n").encode())
    assert [(a.reference, a.lead_officer, a.deadline_text) for a in parsed.actions] == [("1", lead, deadline)]
    assert parsed.warnings == []


def test_a_heading_in_words_starts_its_own_section_and_rows_without_a_gap_keep_their_status():
    parsed = read_plan_file("eflg.docx", fx.eflg_words_docx())
    assert summary(parsed) == [
        ("1.1", "1", "Leadership and organisational commitment", "Increase diversity of the group.", "Equalities Team",
         "Nov 22", [], "green"),
        ("1.2", "1", "Leadership and organisational commitment", "EQIA template for budgets is available.",
         "Equalities Team Finance Team", "", [], "amber"),
        ("2.1", "2", "Understanding and working with our communities", "Publish the JSNA equality chapter.",
         "Public Health", "Dec 22", [], "red"),
        ("3.1", "3", "Providing responsive services", "Review the consultation toolkit.", "Consultation Lead", "2023",
         [], "amber"),
        ("4.1", "4", "Diverse and Engaged Workforce", "Set profile targets for all levels.", "HR", "April 2023", [], "amber"),
        ("4.2", "4", "Diverse and Engaged Workforce", "Put the Gender Pay Gap report on the agenda.", "HR", "Complete",
         [], "green"),
    ]
    by_ref = {a.reference: a for a in parsed.actions}
    assert by_ref["2.1"].status_source == "the red fill of the “RAG” cell"
    assert by_ref["1.1"].status_source == "the “RAG” column"
    assert by_ref["3.1"].dependencies == "Evidence: We consult widely."
    assert by_ref["1.2"].dependencies == ""
    assert parsed.warnings == []
    assert parsed.notes == [
        "Table 1, row 3: no gap, but a status, owner or deadline: imported as an action titled by its evidence.",
        "Table 3, row 2: evidence without a gap; kept with the next gap as its evidence.",
    ]


def test_a_section_heading_whose_number_cannot_be_read_is_a_warning_never_a_merge():
    parsed = read_plan_file("eflg.docx", fx.eflg_words_docx("Twenty-one"))
    last = parsed.themes[-1]
    assert (last.code, last.title) == ("4", "Diverse and Engaged Workforce")
    assert [a.reference for a in last.actions] == ["4.1", "4.2"]
    assert parsed.warnings == [
        "The heading “SECTION Twenty-one: Diverse and Engaged Workforce” looks like a new section but its number "
        "“Twenty-one” cannot be read: its actions were put in a theme of their own with references numbered from 1 "
        "— check them."
    ]


def test_soft_breaks_separate_measures_and_a_row_after_a_page_break_belongs_to_the_action_above():
    parsed = read_plan_file("strategy.docx", fx.strategy_breaks_docx())
    assert summary(parsed) == [
        ("CP1", "1", "Career Progression", "Launch a mentoring scheme", "Head of OD", "Apr-23",
         ["20 mentors recruited", "Scheme evaluated", "Mentees promoted within a year"], ""),
        ("CP2", "1", "Career Progression", "Review promotion panels", "HR Lead", "Q3 2022", ["Panels diverse"], ""),
    ]
    assert parse_deadline("Apr-23").date == datetime.date(2023, 4, 30)
    assert parsed.notes == [
        "Table 1: the headers are on row 2; the row above (Theme 1: Career progression) was read as the table’s title.",
        "Table 1, row 4: no action of its own; its success measures were added to CP1 above (a row continued after "
        "a page break).",
    ]
    assert parsed.warnings == []


def test_a_refusal_names_the_nearest_table_the_columns_found_and_the_one_missing():
    data = fx.xlsx({"Cover": [["Equality plan"]],
                    "Plan": [["Our plan"], ["Item", "Owner", "Due date", "RAG"], ["Do it", "Ann", "Dec 22", "G"]]})
    with pytest.raises(ImportRefused) as refused:
        read_plan_file("plan.xlsx", data)
    message = str(refused.value)
    assert message.startswith("No table in this file has a header we recognise. The nearest is sheet “Plan”, row 2,")
    assert "we found “Owner” (lead officer), “Due date” (deadline (as written)), “RAG” (status), but no column for action" in message
    assert "(we did not recognise “Item”)" in message


@pytest.mark.parametrize("colour, status", [
    ("FF0000", "red"), ("FFC7CE", "red"), ("C00000", "red"), ("FFC000", "amber"), ("FFFF00", "amber"),
    ("FFEB9C", "amber"), ("00B050", "green"), ("C6EFCE", "green"), ("92D050", "green"), ("0070C0", "complete"),
    ("FFFFFF", ""), ("D9D9D9", ""), ("000000", ""), ("7030A0", ""), ("", ""),
])
def test_fill_colours_read_as_statuses(colour, status):
    assert status_from_colour(colour) == status


def test_the_trusts_interim_plan_lists_several_actions_per_cell_with_leads_from_the_key_table():
    parsed = read_plan_file("interim.docx", fx.interim_docx())
    assert parsed.framework == "sc_wres"
    assert summary(parsed) == [
        ("1.1", "1", "Ensure equality is reflected across all staffing grades", "Analyse the data and agree targets for the Trust",
         "Gordon Latham, Head of HR; Lorraine Donovan, Equalities and Diversity Manager", "November 2022",
         ["A workforce reflecting the community"], ""),
        ("1.2", "1", "Ensure equality is reflected across all staffing grades", "Annual Race Workforce Questionnaire and Report",
         "Rachael Lickley, Research Analyst", "November 2022", ["A workforce reflecting the community"], ""),
        ("1.3", "1", "Ensure equality is reflected across all staffing grades", "Review where we advertise vacancies",
         "Gordon Latham, Head of HR", "", [], ""),
        ("2.1", "2", "Improve retention", "Produce a guide for managers", "XY", "2022", ["100% of leavers interviewed"], ""),
        ("2.2", "2", "Improve retention", "Hold exit interviews", "L&DM", "2022", ["100% of leavers interviewed"], ""),
    ]
    first = parsed.themes[0]
    assert (first.sponsor, first.objective) == ("HoS/HR", "Data from WRES metrics: Fewer staff in higher grades")
    assert parsed.actions[0].commentary == "Review of training done"
    assert parsed.warnings == ["The lead abbreviations “XY” are not in the key table (Name/Job Title | Abbreviation), "
                               "so they were kept as written."]


def test_the_borough_plan_without_tables_is_read_from_its_headings():
    parsed = read_plan_file("borough.docx", fx.borough_docx())
    assert parsed.framework == "sc_wres"
    assert summary(parsed) == [
        ("M1.1", "M1", "Percentage of Black, Asian and Minority Ethnic staff in each of the council pay bands",
         "Promoted staff completion of protected characteristic data", "", "", [], "complete"),
        ("M1.2", "M1", "Percentage of Black, Asian and Minority Ethnic staff in each of the council pay bands",
         "Sponsored places on the BALI Programme", "", "", [], "complete"),
        ("M1.3", "M1", "Percentage of Black, Asian and Minority Ethnic staff in each of the council pay bands",
         "Continue to decrease “not known” data", "", "", [], ""),
        ("M1.4", "M1", "Percentage of Black, Asian and Minority Ethnic staff in each of the council pay bands",
         "Provide mentoring for aspiring leaders", "", "", [], ""),
        ("M2.1", "M2", "Comparative rate of staff being appointed from shortlisting",
         "Developed a reporting mechanism for diverse interview panels", "", "", [], "complete"),
        ("M2.2", "M2", "Comparative rate of staff being appointed from shortlisting",
         "Report on diversity of recruitment panels to our Workforce Board", "", "", [], ""),
    ]
    assert [a.metrics for a in parsed.actions][0] == ["1"]
    assert parsed.actions[0].status_source == "the heading “What we’ve achieved”"
    assert parsed.themes[0].objective == "Our data showed that staff are overrepresented in the lower pay brackets."
    assert parsed.warnings == []


def test_a_word_refusal_counts_tables_and_rows_as_word_does():
    document = fx.Document()
    document.add_table(rows=1, cols=1).rows[0].cells[0].text = "Equality plan 2023"  # a title table
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Task list for the year", "", ""]):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["Item", "Responsible officer", "Target date"]):
        cell.text = text
    with pytest.raises(ImportRefused) as refused:
        read_plan_file("plan.docx", fx._save(document))
    assert str(refused.value) == (
        "No table in this file has a header we recognise. The nearest is table 2, row 2, which looks like the "
        "Strategy action table (No. | Action | Lead Officer | Dependencies | Resource implications | Success measures "
        "| Deadline): we found “Responsible officer” (lead officer), “Target date” (deadline (as written)), but no "
        "column for action (we did not recognise “Item”). Rename that column and import again.")


@pytest.mark.parametrize("word, code", [("Four", "4"), ("IV", "4"), ("4", "4"), ("four", "4")])
def test_section_numbers_in_words_and_roman_numerals(word, code):
    parsed = read_plan_file("eflg.docx", fx.eflg_words_docx(word))
    assert parsed.themes[-1].code == code
    assert [a.reference for a in parsed.themes[-1].actions] == [f"{code}.1", f"{code}.2"]


def test_scwres_rows_that_are_not_actions_are_accounted_for():
    from . import docx_fixtures

    parsed = read_plan_file("scwres.docx", docx_fixtures.scwres_docx())
    assert parsed.notes == ["Table 1, row 3: “Image: Staff.xlsx” is an embedded file’s label, not an action; skipped."]
    assert parsed.warnings == []


@pytest.mark.parametrize("number_format, text", [
    ("mmm-yy", "April 2023"), ("mmmm yyyy", "April 2023"), ("[$-809]mmm-yy;@", "April 2023"), ("mm/yyyy", "April 2023"),
    ("dd/mm/yyyy", "2023-04-01"), ("d-mmm-yy", "2023-04-01"), ("yyyy-mm-dd", "2023-04-01"),
])
def test_a_date_shown_as_a_month_is_that_month(number_format, text):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["No.", "Action", "Deadline"])
    sheet.append(["1", "Do it", datetime.datetime(2023, 4, 1)])
    sheet.cell(2, 3).number_format = number_format
    parsed = read_plan_file("p.xlsx", fx._xlsx(workbook))
    assert parsed.actions[0].deadline_text == text


@pytest.mark.parametrize("colour, status", [
    ({"rgb": "FFFF0000"}, "red"), ({"indexed": 10}, "red"), ({"indexed": 17}, "green"), ({"theme": 9}, "green"),
    ({"theme": 9, "tint": 0.6}, "green"), ({"theme": 7}, "amber"), ({"theme": 0}, ""),
])
def test_xlsx_fills_in_rgb_palette_and_theme_colours(colour, status):
    from openpyxl import Workbook
    from openpyxl.styles import Color, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["No.", "Action", "RAG"])
    sheet.append(["1", "Do it", None])
    sheet.cell(2, 3).fill = PatternFill(fill_type="solid", fgColor=Color(**colour))
    parsed = read_plan_file("p.xlsx", fx._xlsx(workbook))
    assert parsed.actions[0].status == status


def test_word_rows_shaded_in_one_rag_colour_take_it_when_there_is_no_rag_column():
    document = fx.Document()
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Ref", "Action", "Due date"]):
        cell.text = text
    for ref, colours in [("1", ["92D050"] * 3), ("2", ["00B0F0"] * 3), ("3", ["FF0000", "92D050", ""]), ("4", [])]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = ref, f"Action {ref}", "2023"
        for cell, colour in zip(cells, colours):
            if colour:
                fx.shade(cell, colour)
    parsed = read_plan_file("plan.docx", fx._save(document))
    assert [(a.reference, a.status, a.status_source) for a in parsed.actions] == [
        ("1", "green", "the green fill of the row’s cells"), ("2", "", ""), ("3", "", ""), ("4", "", "")]
    assert parsed.warnings == [
        "Table 1 has no column we read as lead officer: that is left blank.",
        "Table 1, row 4: the cells are filled in different RAG colours; no status was read.",
    ]


@pytest.mark.django_db
def test_the_new_shapes_are_stored_with_their_statuses_leads_and_metrics(org, editor):
    from plans.importers.services import plan_import_confirm
    from plans.models import Action

    borough = plan_import_confirm(organisation=org, actor=editor,
                                  parsed=read_plan_file("borough.docx", fx.borough_docx())).plan
    assert borough.framework == "sc_wres"
    assert dict(Action.objects.filter(plan=borough).values_list("reference", "status")) == {
        "M1.1": "complete", "M1.2": "complete", "M1.3": "not_started", "M1.4": "not_started",
        "M2.1": "complete", "M2.2": "not_started"}
    tracker = plan_import_confirm(organisation=org, actor=editor,
                                  parsed=read_plan_file("tracker.xlsx", fx.tracker_xlsx())).plan
    assert dict(Action.objects.filter(plan=tracker).values_list("reference", "status")) == {
        "W1": "red", "W2": "amber", "C1": "green", "C2": "amber", "C3": "complete", "C4": "not_started"}
    assert Action.objects.get(plan=tracker, reference="W1").deadline_date.isoformat() == "2023-04-30"
