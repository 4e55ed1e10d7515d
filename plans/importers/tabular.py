"""Read a plan from a CSV file or an Excel workbook as people make them: the header row is looked for
in the first rows (a title or notes may sit above it), every sheet with a plan is read (and the editor
told which), a cell's red/amber/green fill is a status when no word gives one, and a date Excel shows
as a month ("Apr-23") is that month, not its first day. The file is read by edi_tracker.tables (its
refusals and limits, its escaping undone cell by cell), and a table headed with the columns of an EDI
Tracker export is read with the same column declaration the export writes (plans.columns)."""

import re

from django.conf import settings
from django.utils.text import capfirst

from edi_tracker.tables import (
    Limits, cell_text, csv_rows, merged_ranges, numbered_rows, open_xlsx, sheet_cells, unescape_cell, xlsx_text,
)

from ..columns import PLAN_COLUMNS
from .parsed import ParsedPlan
from .rows import TableReader
from .shapes import FLAT, normalise
from .shapes import recognise as recognise_shape

HEADER_SEARCH_ROWS = 15  # a header further down than this is not a header


def _limits() -> Limits:
    return Limits(max_bytes=settings.PLAN_IMPORT_MAX_BYTES, max_unpacked=settings.PLAN_IMPORT_MAX_UNPACKED_BYTES,
                  max_rows=settings.PLAN_IMPORT_MAX_ROWS)


def recognise(header: list[str]):
    """The export's own columns (plans.columns, matched by edi_tracker.tables), unless another shape
    reads more of the header."""
    flat = PLAN_COLUMNS.match(header)
    other = recognise_shape(header)
    if flat.complete and (other is None or other[0] is FLAT or len(flat.mapped) >= len(other[1])):
        return FLAT, {index: column.name for index, column in flat.mapped.items()}
    return other


def _lines(value, number_format: str = "") -> list[str]:
    """A cell's items: a spreadsheet cell holds one value, and measures and bullets are its lines. Text is
    unescaped (edi_tracker.tables) as a whole before it is split."""
    if value is None:
        return []
    if isinstance(value, str):
        return unescape_cell(value).splitlines() or [""]
    if hasattr(value, "isoformat"):
        shown = re.sub(r"\[[^\]]*\]|\"[^\"]*\"", "", number_format or "").lower()
        if "m" in shown and "y" in shown and not set("dhs") & set(shown):
            value = value.strftime("%B %Y")  # the month as the cell shows it; design.md §6 reads it as its last day
        else:
            value = value.isoformat()[:10]
    return cell_text(value).splitlines() or [""]


# The default Office theme's colours, by index (dark 1, light 1, dark 2, light 2, accents 1–6): a fill
# chosen from the top of Excel's palette is stored as one of these (lightened or darkened, which does
# not change its hue).
OFFICE_THEME = ["000000", "FFFFFF", "44546A", "E7E6E6", "4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"]


def _fill(cell) -> str:
    """The cell's solid fill colour as RRGGBB, or "" (no fill or a pattern)."""
    from openpyxl.styles.colors import COLOR_INDEX  # imported where it is used (start-up stays cheap)

    fill = getattr(cell, "fill", None)
    if fill is None or fill.fill_type != "solid":
        return ""
    colour = fill.fgColor
    if colour is None:
        return ""
    if colour.type == "rgb" and isinstance(colour.rgb, str):
        return colour.rgb[-6:].upper()
    if colour.type == "indexed" and isinstance(colour.indexed, int) and colour.indexed < len(COLOR_INDEX):
        return COLOR_INDEX[colour.indexed][-6:].upper()
    if colour.type == "theme" and isinstance(colour.theme, int) and colour.theme < len(OFFICE_THEME):
        return OFFICE_THEME[colour.theme]
    return ""


def _limited(rows, label: str) -> list:
    """The non-blank (number, cells, fills) rows (each cell a (value, number format) pair), counted as they
    arrive and refused past PLAN_IMPORT_MAX_ROWS (or twice that many rows of any kind)."""
    where = "The file" if label == "the file" else f"The {label}"
    return [(number, cells, fills) for number, (cells, fills) in numbered_rows(
        rows, limits=_limits(), too_many=f"{where} has more than {_limits().max_rows:,} rows of data; the most we "
                                         f"accept is {_limits().max_rows:,}: split it into several files.",
        values=lambda row: [value for value, _ in row[0]])]


def _texts(cells) -> list[str]:
    return [str(v if v is not None else "").strip() for v, _ in cells]


def _find_header(rows: list) -> int | None:
    """The index of the first row (among the first HEADER_SEARCH_ROWS) whose headers are a known shape."""
    for index, (_number, cells, _fills) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found = recognise(_texts(cells))
        if found is not None:
            # A header over two rows (a heading merged across the columns whose names are on the row
            # below): the second row, when it names more of the columns.
            below = recognise(_texts(rows[index + 1][1])) if index + 1 < len(rows) else None
            return index + 1 if below is not None and len(below[1]) > len(found[1]) else index
    return None


def _read_rows(reader: TableReader, label: str, rows: list) -> bool:
    index = _find_header(rows)
    if index is None:
        return False
    number, header_cells, _ = rows[index]
    header = _texts(header_cells)
    shape, mapping = recognise(header)
    if index and recognise(_texts(rows[index - 1][1])) is not None:
        reader.plan.notes.append(f"{capfirst(label)}: the headers span rows {rows[index - 1][0]} and {number}; "
                                 f"the columns were read from row {number}.")
    elif index:
        above = "; ".join(" ".join(t for t in _texts(cells) if t)[:80] for _n, cells, _f in rows[:index])
        reader.plan.notes.append(f"{capfirst(label)}: the headers are on row {number}; "
                                 f"the {'row' if index == 1 else f'{index} rows'} above ({above}) {'was' if index == 1 else 'were'} read as a title, "
                                 "not actions.")
        if reader.plan.title == reader.plan.filename.rsplit(".", 1)[0]:
            first = " ".join(t for t in _texts(rows[0][1]) if t)
            if first and len(first) <= 200:
                reader.plan.title = first
    reader.start_table(label, shape, mapping, header)
    header_key = [normalise(h) for h in header]
    for number, row, fills in rows[index + 1:]:
        values = [_lines(v, f) for v, f in row]
        if [normalise(" ".join(v)) for v in values] == header_key:
            continue
        # A spreadsheet cell holds one value: measures and bullets are its lines.
        reader.row(label, number, values, fills=fills)
    return True


def read_csv(filename: str, data: bytes) -> ParsedPlan:
    rows = _limited((([(v, "") for v in row], []) for row in csv_rows(data, limits=_limits(), what=f"“{filename}”")),
                    "the file")
    plan = ParsedPlan(filename=filename, title=filename.rsplit(".", 1)[0])
    reader = TableReader(plan)
    if not _read_rows(reader, "the file", rows):
        reader.nearest("the file", [(number, _texts(cells)) for number, cells, _ in rows[:HEADER_SEARCH_ROWS]])
    return reader.finish()


def _sheet_rows(sheet, label: str):
    """A read-only sheet's rows as (values, fills), read by edi_tracker.tables (its `<dimension>` ignored,
    its width limited); text decoded from the workbook's _xHHHH_ escapes.

    A cell merged down several rows (a theme, a lead officer or a RAG shared by several actions, a header
    spanning two header rows) is each row's: its value, format and fill are repeated in every row it
    spans, as Word's reader counts a vertically merged cell once per row. A cell merged across columns
    keeps its value in its first column only (a title across the sheet, a heading over two columns)."""
    spans = [(first_row, column, last_row) for first_row, column, last_row, _last_col in merged_ranges(sheet)
             if last_row > first_row]
    tops: dict[tuple[int, int], tuple] = {}  # (row, column) of a merged cell's top -> (value, format, fill)
    for number, cells in enumerate(sheet_cells(sheet, what=f"The {label}"), start=1):
        values = [(xlsx_text(c.value), getattr(c, "number_format", "") or "") for c in cells]
        fills = [_fill(c) for c in cells]
        for first_row, column, last_row in spans:
            if number == first_row and column <= len(values):
                tops[(first_row, column)] = (*values[column - 1], fills[column - 1])
            elif first_row < number <= last_row and (first_row, column) in tops:
                while len(values) < column:
                    values.append((None, ""))
                    fills.append("")
                value, number_format, fill = tops[(first_row, column)]
                values[column - 1], fills[column - 1] = (value, number_format), fill
        yield values, fills


def read_xlsx(filename: str, data: bytes) -> ParsedPlan:
    workbook = open_xlsx(data, what=f"“{filename}”")  # streaming; guarded by read_plan_file before
    plan = ParsedPlan(filename=filename, title=filename.rsplit(".", 1)[0])
    reader = TableReader(plan)
    read, unread, tops = [], [], []
    try:
        for sheet in workbook.worksheets:
            label = f"sheet “{sheet.title}”"
            rows = _limited(_sheet_rows(sheet, label), label)
            if _read_rows(reader, label, rows):
                read.append(sheet.title)
            else:
                unread.append(sheet.title)
                tops.append((label, [(n, _texts(cells)) for n, cells, _ in rows[:HEADER_SEARCH_ROWS]]))
    finally:
        workbook.close()
    if read and unread:
        plan.notes.append(f"Read the sheet{'s' if len(read) > 1 else ''} {', '.join(f'“{t}”' for t in read)}; "
                          f"{', '.join(f'“{t}”' for t in unread)} {'has' if len(unread) == 1 else 'have'} no plan table and "
                          f"{'was' if len(unread) == 1 else 'were'} not read.")
    if not read:
        for label, top in tops:
            reader.nearest(label, top)
    return reader.finish()
