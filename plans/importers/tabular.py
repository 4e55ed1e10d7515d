"""Read a plan from a CSV file or an Excel workbook as people make them: the header row is looked for
in the first rows (a title or notes may sit above it), every sheet with a plan is read (and the editor
told which), a cell's red/amber/green fill is a status when no word gives one, and a date Excel shows
as a month ("Apr-23") is that month, not its first day."""

import csv
import io
import re

from django.conf import settings
from django.utils.text import capfirst
from openpyxl.styles.colors import COLOR_INDEX

from edi_tracker.uploads import MAX_COLUMNS, is_blank, open_workbook

from .parsed import ParsedPlan
from .rows import ImportRefused, TableReader
from .shapes import normalise, recognise

HEADER_SEARCH_ROWS = 15  # a header further down than this is not a header


def _lines(value, number_format: str = "") -> list[str]:
    if value is None:
        return []
    if hasattr(value, "isoformat"):
        shown = re.sub(r"\[[^\]]*\]|\"[^\"]*\"", "", number_format or "").lower()
        if "m" in shown and "y" in shown and not set("dhs") & set(shown):
            value = value.strftime("%B %Y")  # the month as the cell shows it; design.md §6 reads it as its last day
        else:
            value = value.isoformat()[:10]
    return [line for line in str(value).splitlines()] or [""]


# The default Office theme's colours, by index (dark 1, light 1, dark 2, light 2, accents 1–6): a fill
# chosen from the top of Excel's palette is stored as one of these (lightened or darkened, which does
# not change its hue).
OFFICE_THEME = ["000000", "FFFFFF", "44546A", "E7E6E6", "4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"]


def _fill(cell) -> str:
    """The cell's solid fill colour as RRGGBB, or "" (no fill or a pattern)."""
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
    """The non-blank (number, cells, fills) rows (each cell a (value, number format) pair), counted as they arrive and refused past
    PLAN_IMPORT_MAX_ROWS (or twice that many rows of any kind)."""
    most = settings.PLAN_IMPORT_MAX_ROWS
    too_many = (f"The plan in {label} has more than {most:,} rows; the most we import is {most:,}: "
                "split it into several files.")
    kept, ceiling, found = 0, 2 * (most + 1) + 1000, []
    for seen, row in enumerate(rows, start=1):
        if seen > ceiling:
            raise ImportRefused(too_many)
        if is_blank([value for value, _ in row[1]]):
            continue
        kept += 1
        if kept > most + 1:
            raise ImportRefused(too_many)
        found.append(row)
    return found


def _texts(cells) -> list[str]:
    return [str(v if v is not None else "").strip() for v, _ in cells]


def _find_header(rows: list) -> int | None:
    """The index of the first row (among the first HEADER_SEARCH_ROWS) whose headers are a known shape."""
    for index, (_number, cells, _fills) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if recognise(_texts(cells)) is not None:
            return index
    return None


def _read_rows(reader: TableReader, label: str, rows: list) -> bool:
    index = _find_header(rows)
    if index is None:
        return False
    number, header_cells, _ = rows[index]
    header = _texts(header_cells)
    shape, mapping = recognise(header)
    if index:
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
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            f"The CSV file is not UTF-8 text (byte {error.start + 1} cannot be read). Save it from Excel as "
            "“CSV UTF-8 (Comma delimited)” and import it again."
        ) from None
    try:
        rows = _limited(((n, [(v, "") for v in row], []) for n, row in
                         enumerate(csv.reader(io.StringIO(text, newline="")), start=1)), "the file")
    except csv.Error as error:
        raise ImportRefused(f"The CSV file cannot be read: {error}.") from None
    plan = ParsedPlan(filename=filename, title=filename.rsplit(".", 1)[0])
    reader = TableReader(plan)
    if not _read_rows(reader, "the file", rows):
        reader.nearest("the file", [(number, _texts(cells)) for number, cells, _ in rows[:HEADER_SEARCH_ROWS]])
    return reader.finish()


def _sheet_rows(sheet, label: str):
    """A read-only sheet's rows as (row number, values, fills). Its `<dimension>` is ignored (a sheet
    claiming XFD1048576 would otherwise be padded to a million rows of 16,384 cells)."""
    sheet.reset_dimensions()
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        if len(cells) > MAX_COLUMNS:
            raise ImportRefused(f"The {label} has a cell beyond column {MAX_COLUMNS:,}: we read at most {MAX_COLUMNS:,} "
                                "columns. Remove the cells far to the right and upload it again.")
        yield number, [(c.value, c.number_format or "") for c in cells], [_fill(c) for c in cells]


def read_xlsx(filename: str, data: bytes) -> ParsedPlan:
    try:
        workbook = open_workbook(data)  # streaming; guarded by read_plan_file before
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise ImportRefused("The file is named .xlsx but is not an Excel workbook we can open.") from None
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
