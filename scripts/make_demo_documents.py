"""Write the demo's plan documents (fixtures/demo/plans/) in the shapes of the seed documents, from the
transcriptions of the seeds that were the demo's Python modules (plans/demo/, removed once the documents
existed; this script reads them from git at commit 7c5f6c3). The documents are the source now: edit them
in Word or Excel, and `load_demo` reads them through the importer. Run again, this writes the same
documents (Word's files carry their time of writing, so the bytes differ).

    .venv/bin/python scripts/make_demo_documents.py
"""

import io
import sys
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SOURCE_COMMIT = "7c5f6c3"  # the last commit with plans/demo/


def _module(name: str):
    """plans/demo/NAME.py as it was at SOURCE_COMMIT (plain data: lists, dicts and strings)."""
    import subprocess
    import types

    code = subprocess.run(["git", "show", f"{SOURCE_COMMIT}:plans/demo/{name}.py"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout
    module = types.ModuleType(name)
    exec(compile(code, f"plans/demo/{name}.py", "exec"), module.__dict__)
    return module


eflg, scwres_borough, scwres_trust, strategy = (_module(n) for n in ("eflg", "scwres_borough", "scwres_trust", "strategy"))

OUT = ROOT / "fixtures" / "demo" / "plans"
BLUE, GREEN = "BDD7EE", "C6E0B4"  # the seed's highlights: race equality actions blue, gender pay gap green


def save(document, name: str) -> None:
    buffer = io.BytesIO()
    document.save(buffer)
    (OUT / name).write_bytes(buffer.getvalue())


def shade(cell, colour: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    properties.append(shading)


def bullets(cell, items) -> None:
    cell.text = ""
    for n, item in enumerate(items):
        paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
        paragraph.text = item
        paragraph.style = "List Bullet"


def header(table, names) -> None:
    for cell, name in zip(table.rows[0].cells, names):
        cell.text = name
        for run in cell.paragraphs[0].runs:
            run.bold = True


def strategy_docx() -> None:
    """Per objective: a key–value table (theme, lead sponsor, objective) and the action table, as the seed."""
    document = Document()
    document.add_heading(strategy.TITLE, level=0)
    document.add_paragraph("8. Children's Services Action Plan (2022–25)")
    for code, title, sponsor, objective, _tags, actions in strategy.THEMES:
        pairs = document.add_table(rows=0, cols=2, style="Table Grid")
        for key, value in [("Race and Diversity Report Theme", title), ("Lead Sponsor", sponsor),
                           (f"Objective {code}", objective)]:
            cells = pairs.add_row().cells
            cells[0].text, cells[1].text = key, value
        document.add_paragraph()
        table = document.add_table(rows=1, cols=7, style="Table Grid")
        header(table, ["No.", "Action", "Lead Officer", "Dependencies (Other services)", "Resource implications",
                       "Success measure(s)", "Deadline"])
        for ref, text, officer, deps, resources, measures, deadline in actions:
            # HW 11's list of training runs on to the next page in the seed: its last measure sits in a row of
            # its own, which the importer gives back to HW 11.
            spill = measures[-1:] if ref == "HW 11" and len(measures) > 1 else []
            cells = table.add_row().cells
            for cell, value in zip(cells, [ref, text, officer, deps, resources, None, deadline]):
                if value:
                    cell.text = value
            bullets(cells[5], measures[:-1] if spill else measures)
            if spill:
                cells[5].paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
                bullets(table.add_row().cells[5], spill)
        document.add_paragraph()
    save(document, "childrens-services-edi-strategy-2022-25.docx")


NUMBER_WORDS = {1: "One", 2: "Two", 3: "Three", 4: "Four"}


def eflg_docx() -> None:
    """Four sections, each a heading, its aspirations and lead officer, and the evidence/gaps table; the last
    section's heading in words ("SECTION Four: …") as in the seed; evidence shared by several rows is one
    cell merged down them; race equality rows shaded blue and gender pay gap rows green."""
    document = Document()
    document.add_heading(eflg.TITLE, level=0)
    document.add_paragraph(
        "The council measures its equality progress against the Equality Framework for Local Government. The plan is "
        "set out in four sections, each representing one of our four equality objectives. It also incorporates "
        "specific race equality issues and actions (highlighted in blue) and the actions set out in our Gender Pay "
        "Gap report (highlighted in green).")
    for section in eflg.SECTIONS:
        number = section["number"]
        heading = (f"SECTION {NUMBER_WORDS[number]}: {section['title']}" if number == 4
                   else f"{number}. {section['title']}")
        document.add_heading(heading, level=1)
        document.add_paragraph("Our aspirations:")
        for line in section["aspirations"].split("\n"):
            document.add_paragraph(line.lstrip("· ").strip(), style="List Bullet")
        document.add_paragraph(f"Lead Officer for {'this' if number == 4 else 'the'} section: {section['lead']}")
        table = document.add_table(rows=1, cols=5, style="Table Grid")
        header(table, ["What can the Council already evidence?", "What are the gaps/what needs to be done?",
                       "By when", "Responsible officer", "RAG"])
        previous = None
        first_of_run = None
        for row in section["rows"]:
            cells = table.add_row().cells
            if row["evidence"] and row["evidence"] == previous and first_of_run is not None:
                first_of_run.merge(cells[0])  # one evidence cell for the rows it supports
            else:
                cells[0].text = row["evidence"]
                first_of_run = cells[0]
            previous = row["evidence"]
            for cell, value in zip(cells[1:], [row["gap"], row["by_when"], row["responsible"], row["rag"]]):
                if value:
                    cell.text = value
            colour = BLUE if "race" in row["tags"] else GREEN if "gender pay gap" in row["tags"] else ""
            if colour:
                shade(cells[1], colour)
    save(document, "equality-improvement-plan-2022.docx")


def scwres_trust_docx() -> None:
    """The final SC-WRES action plan: one row per metric (Metrics | Details of the action | Timescale to start
    seeing a change | How we will know), each action a paragraph, and the plan's "other actions"."""
    document = Document()
    document.add_heading(scwres_trust.TITLE, level=0)
    document.add_paragraph(scwres_trust.DESCRIPTION)
    table = document.add_table(rows=1, cols=4, style="Table Grid")
    header(table, ["Metrics", "Details of the action", "Timescale to start seeing a change", "How we will know"])
    for metric in scwres_trust.METRICS:
        cells = table.add_row().cells
        cells[0].text = metric["title"]
        cells[1].text = ""
        for n, action in enumerate(metric["actions"]):
            paragraph = cells[1].paragraphs[0] if n == 0 else cells[1].add_paragraph()
            paragraph.text = action
        cells[2].text = metric["timescale"]
        bullets(cells[3], metric["how"])
    cells = table.add_row().cells
    cells[0].text = scwres_trust.OTHER_TITLE
    for n, action in enumerate(scwres_trust.OTHER_ACTIONS):
        paragraph = cells[1].paragraphs[0] if n == 0 else cells[1].add_paragraph()
        paragraph.text = action
    cells[2].text = "Ongoing"
    save(document, "social-care-wres-final-action-plan-2022.docx")


def scwres_borough_docx() -> None:
    """No tables: per metric, a heading, what the data showed, "What we've achieved" and "What we're working
    towards", one paragraph per action, as the seed."""
    document = Document()
    document.add_heading(scwres_borough.TITLE, level=0)
    document.add_paragraph(scwres_borough.DESCRIPTION)
    for metric in scwres_borough.METRICS:
        document.add_heading(metric["title"], level=1)
        document.add_paragraph(metric["data"])
        if metric["achieved"]:
            document.add_heading("What we’ve achieved", level=2)
            for text in metric["achieved"]:
                document.add_paragraph(text, style="List Bullet")
        if metric["working_towards"]:
            document.add_heading("What we’re working towards", level=2)
            for text, _deadline in metric["working_towards"]:
                document.add_paragraph(text, style="List Bullet")
    save(document, "social-care-wres-action-plan-childrens-services.docx")


def northshire_xlsx() -> None:
    """The second organisation's tracker, as a spreadsheet: a title row above the headers, and the RAG given
    by the cell's fill only (green, amber), as people keep them."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tracker"
    sheet.append(["Workforce Race Equality Standard plan 2026–27"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells("A1:G1")
    sheet.append([])
    sheet.append(["Ref", "Theme", "Action", "Responsible officer", "Target date", "RAG status", "Update"])
    rows = [
        ("L1", "Leadership", "Launch a reverse mentoring programme for the senior leadership team",
         "Head of Workforce Development", "Q4 2026/27", "00B050", "First cohort of mentors recruited."),
        ("L2", "Leadership", "Publish the WRES metrics to the Board with a comparison to last year",
         "Head of Workforce Development", "March 2027", "FFC000",
         "The recruitment figures are late from the HR system; the Board paper is drafted without them."),
    ]
    for ref, theme, action, lead, deadline, colour, update in rows:
        sheet.append([ref, theme, action, lead, deadline, None, update])
        sheet.cell(sheet.max_row, 6).fill = PatternFill(fill_type="solid", start_color="FF" + colour, end_color="FF" + colour)
    sheet.merge_cells("B4:B5")  # one theme for both rows
    for column, width in zip("ABCDEFG", (6, 14, 60, 30, 14, 12, 60)):
        sheet.column_dimensions[column].width = width
    workbook.save(OUT / "northshire-wres-plan-2026-27.xlsx")


def tags() -> None:
    """The tags each plan's actions carry (the TOML's [plans.tags]), by reference as the importer numbers them."""
    for code, _title, _sponsor, _objective, theme_tags, actions in strategy.THEMES:
        print(code, theme_tags, [a[0] for a in actions])
    found: dict[str, list[str]] = {}
    for section in eflg.SECTIONS:
        for n, row in enumerate(section["rows"], start=1):
            for tag in row["tags"]:
                found.setdefault(tag, []).append(f"{section['number']}.{n}")
    print(found)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    strategy_docx()
    eflg_docx()
    scwres_trust_docx()
    scwres_borough_docx()
    northshire_xlsx()
    tags()
