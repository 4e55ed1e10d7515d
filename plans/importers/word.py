"""Read a plan from a Word document: every table whose header row has a known shape, in document
order, with the theme given by the paragraphs and small tables above it.

Word's structures are read faithfully: a merged cell counts once per row it spans (a lead officer
shared by several rows is each row's lead); bulleted or separate paragraphs in a success-measures
cell are separate measures; a header row repeated after a page break is skipped, and so are blank
rows. Text that tracked changes, content controls or nested tables could hide is read and reported
in a warning naming the table and row, never dropped silently.
"""

import io
import re

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from django.utils.text import capfirst

from .parsed import ParsedPlan
from .rows import TableReader
from .shapes import normalise, recognise

W_T = qn("w:t")
W_BR = qn("w:br")
W_CR = qn("w:cr")
W_TAB = qn("w:tab")
W_SHD = qn("w:shd")
W_FILL = qn("w:fill")
W_TCPR = qn("w:tcPr")
W_P = qn("w:p")
W_TBL = qn("w:tbl")
W_SDT = qn("w:sdt")
BULLET = re.compile(r"\s*[•●▪◦·\-–]\s+")


def _element_text(element) -> str:
    """The text of an element as if its tracked changes were accepted: inserted runs in, deleted out. A soft
    line break (Shift+Enter) or a page break is a new line; a tab is a space."""
    parts = []
    for node in element.iter(W_T, W_BR, W_CR, W_TAB):
        if node.tag == W_T:
            parts.append(node.text or "")
        elif node.tag == W_TAB:
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def cell_fill(cell) -> str:
    """The cell's shading colour as RRGGBB, or "" (none, automatic)."""
    properties = cell._tc.find(W_TCPR)
    shading = properties.find(W_SHD) if properties is not None else None
    fill = shading.get(W_FILL, "") if shading is not None else ""
    return fill.upper() if re.fullmatch(r"[0-9A-Fa-f]{6}", fill) else ""


def _paragraph_elements(cell) -> list:
    """The cell's paragraphs, including those inside content controls, excluding nested tables'."""
    found = []

    def walk(element):
        for child in element:
            if child.tag == W_P:
                found.append(child)
            elif child.tag == W_TBL:
                continue
            else:
                walk(child)

    walk(cell._tc)
    return found


def cell_items(cell) -> list[str]:
    """A cell's text as items: one per non-empty paragraph or line (a soft break separates items as a
    paragraph does), bullets inside a line split too."""
    items = []
    for paragraph in _paragraph_elements(cell):
        for text in _element_text(paragraph).split("\n"):
            text = text.strip()
            if not text:
                continue
            parts = [p.strip() for p in BULLET.split(text) if p.strip()] if "•" in text or "●" in text else [text]
            items.extend(parts)
    for nested in cell._tc.iter(W_TBL):
        for row in nested.iter(qn("w:tr")):
            text = " | ".join(_element_text(tc).strip() for tc in row.iter(qn("w:tc")) if _element_text(tc).strip())
            if text:
                items.append(text)
    return items


def _hidden_structures(cell) -> list[str]:
    tc = cell._tc
    found = []
    if any(True for _ in tc.iter(qn("w:ins"))) or any(True for _ in tc.iter(qn("w:del"))):
        found.append("tracked changes (read as if accepted: accept or reject them in Word and import again to be sure)")
    if any(True for _ in tc.iter(W_SDT)):
        found.append("a content control (its text was read)")
    if any(True for _ in tc.iter(W_TBL)):
        found.append("a table inside a cell (its text was added to the cell)")
    return found


def _rows(table: Table) -> list[list]:
    """Each row's distinct cells (a horizontally merged cell once)."""
    rows = []
    for row in table.rows:
        seen, cells = set(), []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(cell)
        rows.append(cells)
    return rows


def read_docx(filename: str, data: bytes) -> ParsedPlan:
    document = Document(io.BytesIO(data))
    plan = ParsedPlan(filename=filename)
    reader = TableReader(plan)
    table_number = 0
    paragraphs = []
    for element in document.element.body.iterchildren():
        if element.tag == W_P:
            text = Paragraph(element, document).text if element.find(qn("w:ins")) is None else _element_text(element)
            paragraphs.append(text)
            reader.context_text(text)
        elif element.tag == W_SDT:
            text = _element_text(element).strip()
            if text:
                plan.warnings.append("A content control outside the tables was read as ordinary text: " + text[:80])
                reader.context_text(text)
        elif element.tag == W_TBL:
            table_number += 1
            table = Table(element, document)
            rows = _rows(table)
            if not rows:
                continue
            label = f"table {table_number}"
            found = None
            for index, cells in enumerate(rows[:3]):  # a title row (often merged) may sit above the headers
                header = [" ".join(cell_items(c)) for c in cells]
                recognised = recognise(header)
                if recognised is not None:
                    found = (index, header, recognised)
                    break
            if found is None:
                reader.nearest(label, [(n, [" ".join(cell_items(c)) for c in cells])
                                       for n, cells in enumerate(rows[:3], start=1)])
                if len(rows[0]) >= 2 and normalise(" ".join(cell_items(rows[0][1]))) == "abbreviation":
                    for cells in rows[1:]:  # a key to the leads' abbreviations
                        if len(cells) >= 2:
                            reader.abbreviation(" ".join(cell_items(cells[0])), " ".join(cell_items(cells[1])))
                    continue
                # A small key–value table above an action table gives the theme (e.g. "Lead Sponsor | …").
                for cells in rows:
                    if len(cells) >= 2:
                        reader.context_pair(" ".join(cell_items(cells[0])), "\n".join(cell_items(cells[1])))
                    elif cells:
                        reader.context_text("\n".join(cell_items(cells[0])))
                continue
            index, header, (shape, mapping) = found
            if index:
                above = "; ".join(" ".join(cell_items(c)) for cells in rows[:index] for c in cells[:1])[:120]
                plan.notes.append(f"{capfirst(label)}: the headers are on row {index + 1}; the row above ({above}) "
                                  "was read as the table’s title.")
            reader.start_table(label, shape, mapping, header)
            header_key = [normalise(h) for h in header]
            for number, cells in enumerate(rows[index + 1:], start=index + 2):
                values = [cell_items(c) for c in cells]
                if [normalise(" ".join(v)) for v in values] == header_key:
                    plan.notes.append(f"{capfirst(label)}, row {number}: the header repeated (after a page break); skipped.")
                    continue
                for cell in cells:
                    for what in _hidden_structures(cell):
                        plan.warnings.append(f"{capfirst(label)}, row {number}: {what}.")
                reader.row(label, number, values, fills=[cell_fill(c) for c in cells])
    if not plan.tables:
        reader.narrative(paragraphs)
    return reader.finish()
