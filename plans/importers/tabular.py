"""Read a plan from a CSV file or an Excel workbook (read by edi_tracker.tables): every sheet whose first
non-blank row is a known header is read as a table of that shape. A table headed with the columns of
an EDI Tracker export (plans.columns) is read with the same column declaration the export writes."""

from django.conf import settings

from edi_tracker.tables import Limits, cell_text, read_csv as read_csv_rows, read_xlsx as read_xlsx_sheets, unescape_cell

from ..columns import PLAN_COLUMNS
from .parsed import ParsedPlan
from .rows import TableReader
from .shapes import FLAT, normalise, recognise


def _limits() -> Limits:
    return Limits(max_bytes=settings.PLAN_IMPORT_MAX_BYTES, max_unpacked=settings.PLAN_IMPORT_MAX_UNPACKED_BYTES,
                  max_rows=settings.PLAN_IMPORT_MAX_ROWS)


def _lines(value) -> list[str]:
    """A cell's items: a spreadsheet cell holds one value, and measures and bullets are its lines.
    The cell is unescaped (edi_tracker.tables) as a whole before it is split."""
    if value is None:
        return []
    return unescape_cell(cell_text(value)).splitlines() or [""]


def _recognise(header: list[str]):
    flat = PLAN_COLUMNS.match(header)
    if flat.complete:
        return FLAT, {index: column.name for index, column in flat.mapped.items()}
    return recognise(header)


def _read_rows(reader: TableReader, label: str, rows: list[list]) -> bool:
    if not rows:
        return False
    header = [cell_text(v).strip() for v in rows[0]]
    recognised = _recognise(header)
    if recognised is None:
        return False
    shape, mapping = recognised
    reader.start_table(label, shape, mapping, header)
    header_key = [normalise(h) for h in header]
    for number, row in enumerate(rows[1:], start=2):
        values = [_lines(v) for v in row]
        if [normalise(" ".join(v)) for v in values] == header_key:
            continue
        reader.row(label, number, values)
    return True


def read_csv(filename: str, data: bytes) -> ParsedPlan:
    rows = read_csv_rows(data, limits=_limits(), what=f"“{filename}”")
    plan = ParsedPlan(filename=filename, title=filename.rsplit(".", 1)[0])
    reader = TableReader(plan)
    _read_rows(reader, "the file", rows)
    return reader.finish()


def read_xlsx(filename: str, data: bytes) -> ParsedPlan:
    plan = ParsedPlan(filename=filename, title=filename.rsplit(".", 1)[0])
    reader = TableReader(plan)
    for sheet in read_xlsx_sheets(data, limits=_limits(), what=f"“{filename}”"):
        _read_rows(reader, f"sheet “{sheet.title}”", sheet.rows)
    return reader.finish()
