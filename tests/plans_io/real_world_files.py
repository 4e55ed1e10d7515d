"""Word and Excel plans as councils really keep them, built with python-docx and openpyxl: titles above
headers, several sheets, RAG as fill colours and cell shading, month-formatted dates, other words for the
columns, soft and page breaks, section numbers in words, rows that are not actions."""

import datetime
import io

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook
from openpyxl.styles import PatternFill

RED, AMBER, GREEN, BLUE = "FF0000", "FFC000", "00B050", "0070C0"


def _fill(colour):
    return PatternFill(fill_type="solid", start_color="FF" + colour, end_color="FF" + colour)


def _xlsx(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def tracker_xlsx() -> bytes:
    """A notes sheet first; then a tracker with a title and a blank row above the headers, other words for
    the columns, a theme cell merged over two rows, RAG given by fill only in most rows, and deadlines as
    month-formatted Excel dates."""
    workbook = Workbook()
    notes = workbook.active
    notes.title = "Read me"
    notes.append(["How to update this tracker"])
    notes.append(["Colour the RAG cell red, amber or green."])
    sheet = workbook.create_sheet("Tracker 2023")
    sheet.append(["Equality Action Tracker 2023–24"])
    sheet.append([])
    sheet.append(["Ref", "Theme", "Action", "Responsible officer", "Target date", "RAG status", "Update",
                  "Success criteria"])
    rows = [
        ("W1", "Workforce", "Publish the ethnicity pay gap", "Head of HR", datetime.datetime(2023, 4, 1), None, RED,
         "Data gaps in payroll", "Report published\nGaps explained"),
        ("W2", None, "Reverse mentoring scheme", "OD Lead", datetime.datetime(2023, 9, 1), None, AMBER, "", ""),
        ("C1", "Communities", "Refresh the EqIA template", "Equalities Team", "Ongoing", None, GREEN, "", ""),
        ("C2", "Communities", "Train managers in inclusive recruitment", "Learning Lead",
         datetime.datetime(2023, 3, 14), "A", GREEN, "", ""),
        ("C3", "Communities", "Publish the equality objectives", "Policy Officer", "Complete", None, BLUE, "", ""),
        ("C4", "Communities", "Agree the data sharing protocol", "", "TBC", None, None, "", ""),
    ]
    for ref, theme, action, lead, deadline, rag, colour, update, criteria in rows:
        sheet.append([ref, theme, action, lead, deadline, rag, update, criteria])
        row = sheet.max_row
        if isinstance(deadline, datetime.datetime):
            sheet.cell(row, 5).number_format = "mmm-yy" if ref != "C2" else "dd/mm/yyyy"
        if colour:
            sheet.cell(row, 6).fill = _fill(colour)
    sheet.merge_cells("B4:B5")  # "Workforce" spans W1 and W2
    return _xlsx(workbook)


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    return _xlsx(workbook)


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def shade(cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def eflg_words_docx(section_word: str = "Four") -> bytes:
    """Sections 1–3 by digit, the last as "SECTION Four:"; RAG by Word shading in one row; a row with a RAG,
    owner and deadline but no gap; a row of evidence alone."""
    document = Document()
    document.add_paragraph("Equality Improvement Plan September 2022")
    header = ["What can the Council already evidence?", "What are the gaps/what needs to be done?", "By when",
              "Responsible officer", "RAG"]
    sections = [
        ("1. Leadership and organisational commitment", [
            ("Structures in place.", "Increase diversity of the group.", "Nov 22", "Equalities Team", "G", None),
            ("EQIA template for budgets is available.", "", "", "Equalities Team\nFinance Team", "A", None),
        ]),
        ("2. Understanding and working with our communities", [
            ("We publish data.", "Publish the JSNA equality chapter.", "Dec 22", "Public Health", "", RED),
        ]),
        ("3. Providing responsive services", [
            ("We consult widely.", "", "", "", "", None),
            ("", "Review the consultation toolkit.", "2023", "Consultation Lead", "A", None),
        ]),
        (f"SECTION {section_word}: Diverse and Engaged Workforce", [
            ("We publish workforce data.", "Set profile targets for all levels.", "April 2023", "HR", "A", None),
            ("", "Put the Gender Pay Gap report on the agenda.", "Complete", "HR", "G", None),
        ]),
    ]
    for heading, rows in sections:
        document.add_paragraph(heading)
        document.add_paragraph("Lead Officer for the section: A Director")
        table = document.add_table(rows=1, cols=5)
        for cell, text in zip(table.rows[0].cells, header):
            cell.text = text
        for *values, colour in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, values):
                cell.text = value
            if colour:
                shade(cells[4], colour)
    return _save(document)


def strategy_breaks_docx() -> bytes:
    """A merged title row above the headers; measures separated by soft breaks; a row pushed onto the next
    page holding only the rest of an action's measures; an "Owner" and a "Timescale" column."""
    document = Document()
    document.add_paragraph("Children's Services EDI Action Plan")
    document.add_paragraph("1. Career Progression")
    table = document.add_table(rows=2, cols=5)
    title = table.rows[0].cells[0].merge(table.rows[0].cells[4])
    title.text = "Theme 1: Career progression"
    for cell, text in zip(table.rows[1].cells, ["No.", "Action", "Owner", "Success measures", "Timescale"]):
        cell.text = text
    cells = table.add_row().cells
    cells[0].text, cells[1].text, cells[2].text, cells[4].text = "CP1", "Launch a mentoring scheme", "Head of OD", "Apr-23"
    paragraph = cells[3].paragraphs[0]
    run = paragraph.add_run("20 mentors recruited")
    run.add_break()  # Shift+Enter
    paragraph.add_run("Scheme evaluated")
    continued = table.add_row().cells
    page = continued[3].paragraphs[0]
    page.add_run().add_break(WD_BREAK.PAGE)
    page.add_run("Mentees promoted within a year")
    cells = table.add_row().cells
    cells[0].text, cells[1].text, cells[2].text, cells[4].text = "CP2", "Review promotion panels", "HR Lead", "Q3 2022"
    cells[3].text = "Panels diverse"
    return _save(document)


INTERIM_HEADER = ["No.", "Objective", "Lead", "Data from WRES metrics", "Specific action",
                  "Indicators of improvement: What does good look like?", "Timeframe", "Progress"]


def interim_docx() -> bytes:
    """The trust's interim plan: several specific actions per cell, each naming its lead by an abbreviation
    from a key table at the end; a row pushed onto the next page continues the objective above."""
    document = Document()
    document.add_paragraph("Workforce Race Equality Standard Interim Action Plan November 2021")
    table = document.add_table(rows=1, cols=8)
    for cell, text in zip(table.rows[0].cells, INTERIM_HEADER):
        cell.text = text
    rows = [
        ("1.", "Ensure equality is reflected across all staffing grades", "HoS/HR", "Fewer staff in higher grades",
         ["Analyse the data and agree targets for the Trust – HoS/HR, E&DM",
          "Annual Race Workforce Questionnaire and Report – RA"],
         ["A workforce reflecting the community"], "November 2022", "Review of training done"),
        ("", "", "", "", ["Review where we advertise vacancies - HoS/HR"], [], "", ""),
        ("2.", "Improve retention", "L&DM", "", ["Produce a guide for managers – XY", "Hold exit interviews"],
         ["100% of leavers interviewed"], "2022", ""),
    ]
    for number, objective, lead, data, actions, indicators, timeframe, progress in rows:
        cells = table.add_row().cells
        for index, value in ((0, number), (1, objective), (2, lead), (3, data), (6, timeframe), (7, progress)):
            cells[index].text = value
        for index, items in ((4, actions), (5, indicators)):
            cells[index].text = items[0] if items else ""
            for item in items[1:]:
                cells[index].add_paragraph(item)
    document.add_paragraph("WRES Leads Working Group Members")
    key = document.add_table(rows=1, cols=2)
    key.rows[0].cells[0].text, key.rows[0].cells[1].text = "Name/Job Title", "Abbreviation"
    for name, short in [("Gordon Latham, Head of HR", "HoS HR"), ("Lorraine Donovan, Equalities and Diversity Manager",
                                                                  "E&DM"), ("Rachael Lickley, Research Analyst", "RA")]:
        cells = key.add_row().cells
        cells[0].text, cells[1].text = name, short
    return _save(document)


def borough_docx() -> bytes:
    """The borough SC-WRES plan: no tables; per metric, what we've achieved and what we're working towards."""
    document = Document()
    document.add_paragraph("Social Care Workforce Race Equality Standard Action Plan Children's Services")
    document.add_paragraph("The Metrics - What We Will Measure")
    document.add_paragraph("METRIC 1. Percentage of BAME staff in each of the council pay bands")
    document.add_paragraph("METRIC 2: Comparative rate of BAME staff being appointed from shortlisting")
    for number, title, achieved, towards in [
        ("1", "Percentage of Black, Asian and Minority Ethnic staff in each of the council pay bands",
         ["Promoted staff completion of protected characteristic data", "Sponsored places on the BALI Programme"],
         ["Continue to decrease “not known” data", "Provide mentoring for aspiring leaders"]),
        ("2", "Comparative rate of staff being appointed from shortlisting",
         ["Developed a reporting mechanism for diverse interview panels"],
         ["Report on diversity of recruitment panels to our Workforce Board"]),
    ]:
        document.add_heading(f"METRIC {number}", level=2)
        document.add_paragraph(title)
        document.add_paragraph("Our data showed that staff are overrepresented in the lower pay brackets.")
        document.add_heading("What we’ve achieved", level=3)
        for item in achieved:
            document.add_paragraph(item)
        document.add_heading("What we're working towards", level=3)
        for item in towards:
            document.add_paragraph(item)
    return _save(document)
