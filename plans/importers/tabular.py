"""Read a plan from a CSV file or an Excel workbook: every sheet whose first non-blank row is a known
header is read as a table of that shape."""

import csv
import io

from django.conf import settings

from edi_tracker.uploads import UploadRefused, limited_rows, open_workbook, sheet_rows

from .parsed import ParsedPlan
from .rows import ImportRefused, TableReader
from .shapes import normalise, recognise


def _lines(value) -> list[str]:
    if value is None:
        return []
    if hasattr(value, "isoformat"):
        value = value.isoformat()[:10]
    return [line for line in str(value).splitlines()] or [""]


def _limited(rows, label: str) -> list:
    """The non-blank rows, counted as they arrive and refused past PLAN_IMPORT_MAX_ROWS."""
    most = settings.PLAN_IMPORT_MAX_ROWS
    try:
        return list(limited_rows(rows, max_rows=most, too_many=f"The plan in {label} has more than {most:,} rows; "
                                                              f"the most we import is {most:,}: split it into several files."))
    except UploadRefused as error:
        raise ImportRefused(str(error)) from None


def _read_rows(reader: TableReader, label: str, rows: list[list]) -> bool:
    if not rows:
        return False
    header = [str(v or "").strip() for v in rows[0]]
    recognised = recognise(header)
    if recognised is None:
        return False
    shape, mapping = recognised
    reader.start_table(label, shape, mapping, header)
    header_key = [normalise(h) for h in header]
    for number, row in enumerate(rows[1:], start=2):
        values = [_lines(v) for v in row]
        if [normalise(" ".join(v)) for v in values] == header_key:
            continue
        # A spreadsheet cell holds one value: measures and bullets are its lines.
        reader.row(label, number, values)
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
        rows = _limited(csv.reader(io.StringIO(text, newline="")), "the file")
    except csv.Error as error:
        raise ImportRefused(f"The CSV file cannot be read: {error}.") from None
    plan = ParsedPlan(filename=filename, title=filename.rsplit(".", 1)[0])
    reader = TableReader(plan)
    _read_rows(reader, "the file", rows)
    return reader.finish()


def read_xlsx(filename: str, data: bytes) -> ParsedPlan:
    try:
        workbook = open_workbook(data)  # streaming; guarded by read_plan_file before
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise ImportRefused("The file is named .xlsx but is not an Excel workbook we can open.") from None
    plan = ParsedPlan(filename=filename, title=filename.rsplit(".", 1)[0])
    reader = TableReader(plan)
    try:
        for sheet in workbook.worksheets:
            label = f"sheet “{sheet.title}”"
            _read_rows(reader, label, _limited(sheet_rows(sheet, what=f"The {label}"), label))
    finally:
        workbook.close()
    return reader.finish()
