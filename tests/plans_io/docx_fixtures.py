"""Word documents in the shapes of the seeds, built with python-docx (with the structures that make
Word hard to read: merged cells, bullets, a repeated header, a tracked change)."""

import io

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

STRATEGY_HEADER = ["No.", "Action", "Lead Officer", "Dependencies (Other services)", "Resource implications",
                   "Success measure(s)", "Deadline"]


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _key_values(document, pairs):
    table = document.add_table(rows=0, cols=2)
    for key, value in pairs:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = key, value


def _bullets(cell, items):
    cell.text = ""
    first = True
    for item in items:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        paragraph.text = item
        paragraph.style = "List Bullet"
        first = False


def add_tracked_insertion(cell, text):
    """Append a run inside <w:ins>, as Word does when changes are tracked."""
    paragraph = cell.paragraphs[0]._p
    insertion = OxmlElement("w:ins")
    insertion.set(qn("w:id"), "1")
    insertion.set(qn("w:author"), "Reviewer")
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.set(qn("xml:space"), "preserve")
    text_element.text = text
    run.append(text_element)
    insertion.append(run)
    paragraph.append(insertion)


def strategy_docx() -> bytes:
    document = Document()
    document.add_paragraph("Children's Services EDI Strategy and Action Plan 2022–25")
    document.add_paragraph("8. Children's Services Action Plan (2022–25)")
    _key_values(document, [("Race and Diversity Report Theme", "Career Progression"),
                           ("Lead Sponsor", "Director Children's Social Care"),
                           ("Objective 1", "Increase opportunities available for staff to develop their careers")])
    table = document.add_table(rows=1, cols=7)
    for cell, text in zip(table.rows[0].cells, STRATEGY_HEADER):
        cell.text = text
    rows = [
        ("CP1", "Implement process to ensure constructive feedback is provided to candidates.", "HR Business Partner",
         "HR L&D", "Officers time", ["Guidance developed for recruiting managers", "75% of those surveyed satisfied"], "April 2023"),
        ("CP2", "Develop retention and career development opportunities.", None, "Corporate HR", "TBC",
         ["Career pathways for BSO roles"], "December 2022"),
        (None, None, None, None, None, None, None),  # a blank row
        ("CP3", "Implement pilot shadowing and mentoring arrangement.", "EDI Steering Group", "", "Officer time",
         ["Positive feedback from the pilot"], "June 2023"),
    ]
    for values in rows:
        cells = table.add_row().cells
        for index, value in enumerate(values):
            if isinstance(value, list):
                _bullets(cells[index], value)
            elif value:
                cells[index].text = value
    # CP1 and CP2 share a lead: a vertically merged cell.
    table.cell(1, 2).merge(table.cell(2, 2))
    table.cell(1, 2).text = "HR Business Partner"
    # The header repeated after a page break, then more of the same theme.
    cells = table.add_row().cells
    for cell, text in zip(cells, STRATEGY_HEADER):
        cell.text = text
    cells = table.add_row().cells
    for index, value in enumerate(["CP4", "Promote cross-directorate development opportunities.", "AD Transformation",
                                   "", "Officer time", "Job Fair Week hosted", "Q1 2023/24"]):
        cells[index].text = value
    add_tracked_insertion(cells[1], " and secondments")

    _key_values(document, [("Race and Diversity Report Theme", "HR and Transparency"),
                           ("Lead Sponsor", "Director Education and Learning"),
                           ("Objective 5", "Providing clarity and confidence in our policies and processes")])
    table = document.add_table(rows=1, cols=7)
    for cell, text in zip(table.rows[0].cells, STRATEGY_HEADER):
        cell.text = text
    cells = table.add_row().cells
    for index, value in enumerate(["THR1", "Ensure all recruiting managers undertake recruitment training.",
                                   "HR Business Partner", "Corporate HR", "Officer time", "Staff are confident", "TBC"]):
        cells[index].text = value
    return _save(document)


def eflg_docx() -> bytes:
    document = Document()
    document.add_paragraph("Equality Improvement Plan September 2022")
    for number, title, lead, rows in [
        ("1", "Leadership and organisational commitment", "Chief Executive", [
            ("Structures in place: a corporate EDI group chaired by the Chief Executive.",
             "Increase diversity of membership of the group.", "", "Equalities Team", "G"),
            ("", "Consider and address training needs of the group.", "Nov 2022 & Ongoing", "CEDIS", "A"),
            ("Plans in place.", "Share the plan across the organisation.", "Nov 22", "CEDIS Group", "R"),
        ]),
        ("4", "Employing a diverse and engaged workforce", "Director of People and Policy", [
            ("We publish workforce data.", "Set profile targets for all levels.", "2023", "HR", "A"),
            ("", "Put the Gender Pay Gap report on the CEDIS agenda.", "Complete", "HR", "G"),
        ]),
    ]:
        document.add_paragraph(f"{number}. {title}")
        document.add_paragraph("Our aspirations:")
        document.add_paragraph("· Leaders show commitment to reducing inequality")
        document.add_paragraph(f"Lead Officer for the section: {lead}")
        table = document.add_table(rows=1, cols=5)
        for cell, text in zip(table.rows[0].cells, ["What can the Council already evidence?",
                                                    "What are the gaps/what needs to be done?", "By when",
                                                    "Responsible officer / By whom", "RAG"]):
            cell.text = text
        for values in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, values):
                cell.text = value
    return _save(document)


def scwres_docx() -> bytes:
    document = Document()
    document.add_paragraph("Local Authority Sites Final Action Plan May 2022")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["Metrics", "Details of the action you will take to identify change in this metric",
                                                "Timescale to start seeing a change", "How we will know that this action is achieved"]):
        cell.text = text
    for metric, actions, timescale, how in [
        ("METRIC 2: Comparative rate of black, Asian and ethnic staff being appointed from shortlisting",
         ["Ensure regular ongoing review and analysis of the data", "Ensure that interview panels have a diverse make up"],
         "May 2023", "More applicants from diverse backgrounds shortlisted"),
        ("METRIC 7: Percentage of staff experiencing harassment, bullying or abuse from a. Colleague b. Manager",
         ["Encourage reporting via the incident reporting system", "Pastoral support is available to all staff", "Image: Staff.xlsx"],
         "May 2023", "Staff have confidence in reporting incidents"),
    ]:
        cells = table.add_row().cells
        cells[0].text = metric
        _bullets(cells[1], actions)
        cells[2].text = timescale
        cells[3].text = how
    return _save(document)


def docx_without_known_tables() -> bytes:
    document = Document()
    document.add_paragraph("Minutes of the EDI board")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Item", "Discussion", "Owner"]):
        cell.text = text
    return _save(document)


def strategy_docx_with_duplicate() -> bytes:
    document = Document()
    table = document.add_table(rows=1, cols=7)
    for cell, text in zip(table.rows[0].cells, STRATEGY_HEADER):
        cell.text = text
    for ref in ("CP1", "CP1"):
        cells = table.add_row().cells
        for index, value in enumerate([ref, "Do something", "Lead", "", "", "Measured", "Dec 22"]):
            cells[index].text = value
    return _save(document)


def strategy_docx_with_hidden_structures() -> bytes:
    """A content control around a cell's text and a table nested in another cell."""
    document = Document()
    table = document.add_table(rows=1, cols=7)
    for cell, text in zip(table.rows[0].cells, STRATEGY_HEADER):
        cell.text = text
    cells = table.add_row().cells
    for index, value in enumerate(["HW1", "", "CS EDI Lead", "", "Officer time", "", "Sept 22"]):
        cells[index].text = value
    # The action's text inside a content control (w:sdt) – python-docx's cell.text would not see it.
    paragraph = cells[1].paragraphs[0]._p
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    inner = OxmlElement("w:p")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "Raise awareness of institutional discrimination."
    run.append(text)
    inner.append(run)
    content.append(inner)
    sdt.append(content)
    paragraph.addnext(sdt)
    # Success measures in a table inside the cell.
    nested = cells[5].add_table(rows=2, cols=1)
    nested.cell(0, 0).text = "Training delivered"
    nested.cell(1, 0).text = "Safe spaces set up"
    return _save(document)
