"""One way to read and write tables (CSV and Excel), for plan import and export and workforce extracts.

- `Column` and `Columns`: a table's columns declared once — the name the code uses, the label people
  read (written as the header of an export) and the aliases a file may use instead.
- `header_key` and `Columns.match`: one header matcher, insensitive to case, spaces and punctuation
  ("Lead officer", "lead_officer" and "LEAD-OFFICER" are the same column).
- `read_tables`: one reader for CSV and XLSX with one set of refusals (empty, too large, an old or
  password-protected Office file, UTF-16 or non-UTF-8 text, binary data named .csv, not a workbook,
  damaged) and the limits of `edi_tracker.uploads` (the ZIP guard before openpyxl opens a workbook,
  streaming sheets, columns and rows counted as they arrive).
- `escape_cell` and `unescape_cell`, side by side: text a spreadsheet would run as a formula is written
  with an apostrophe before it, and read back without it; `unescape_cell(escape_cell(text)) == text`.
- `write_csv` and `write_xlsx`: the header in people's words, every cell escaped, text never stored as
  a formula, and the columns of a workbook sized to what they hold.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .text import with_article
from .uploads import (
    MAX_COLUMNS, UploadRefused, as_file, guard_zip, is_blank, limited_rows, open_workbook, sheet_rows, size_words,
)


# The file cannot be read as a table; the message is a whole sentence for the user. One exception for
# every refusal, the toolkit's and those of edi_tracker.uploads it relies on.
TableRefused = UploadRefused


# Columns and the header matcher ------------------------------------------------------------------------

def header_key(text) -> str:
    """A header as the matcher compares it: lower case, letters and digits only."""
    return re.sub(r"[^a-z0-9]+", "", str(text or "").lower())


@dataclass(frozen=True)
class Column:
    name: str  # what the code calls it
    kind: str = "text"  # what its values are (each user of the toolkit reads its own kinds)
    aliases: tuple[str, ...] = ()  # other headers a file may give it
    required: bool = False
    label: str = ""  # what people read: the header an export writes

    @property
    def heading(self) -> str:
        return self.label or self.name

    @property
    def keys(self) -> set[str]:
        return {header_key(self.name), header_key(self.label), *(header_key(a) for a in self.aliases)} - {""}


@dataclass
class HeaderMatch:
    mapped: dict[int, Column] = field(default_factory=dict)  # column index -> column
    unmapped: list[str] = field(default_factory=list)  # headers that name no column
    ignored: list[str] = field(default_factory=list)  # headers the caller asked to skip unread
    missing: list[Column] = field(default_factory=list)  # required columns not found

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.mapped.values()]

    @property
    def complete(self) -> bool:
        return not self.missing


class Columns:
    """A table's columns, in the order an export writes them."""

    def __init__(self, columns: Iterable[Column]):
        self.columns = list(columns)
        self.by_key: dict[str, Column] = {}
        for column in self.columns:
            for k in column.keys:
                self.by_key.setdefault(k, column)

    def __iter__(self) -> Iterator[Column]:
        return iter(self.columns)

    def __getitem__(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def headings(self) -> list[str]:
        return [column.heading for column in self.columns]

    def match(self, headers: Sequence, *, ignore: Iterable[str] = ()) -> HeaderMatch:
        """Which column each header is. The first header naming a column wins (a later one naming the
        same column is unmapped); blank headers are passed over; headers in `ignore` are set aside."""
        ignored = {header_key(h) for h in ignore}
        result = HeaderMatch()
        taken = set()
        for index, header in enumerate(headers):
            k = header_key(header)
            if not k:
                continue
            if k in ignored:
                result.ignored.append(str(header).strip())
                continue
            column = self.by_key.get(k)
            if column is None or column.name in taken:
                result.unmapped.append(str(header).strip())
                continue
            result.mapped[index] = column
            taken.add(column.name)
        result.missing = [c for c in self.columns if c.required and c.name not in taken]
        return result


# Escaping cells against formula injection, and its inverse ---------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value):
    """Text a spreadsheet would read as a formula (it begins with =, +, -, @, a tab or a carriage return,
    after any apostrophes) gets one more apostrophe in front, so it is shown as the text it is and never
    run. Numbers, dates and None pass through unchanged."""
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def unescape_cell(value):
    """The inverse of escape_cell: `unescape_cell(escape_cell(text)) == text` for any text."""
    if isinstance(value, str) and value.startswith("'") and value.lstrip("'").startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


# Workbooks store some characters as _xHHHH_ (OOXML's ST_Xstring): the control characters XML cannot
# hold, and an underscore that would otherwise begin such an escape. Excel reads them back the same way.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_XSTRING_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _xlsx_text(text: str) -> str:
    return _XML_ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def _xlsx_untext(text: str) -> str:
    return _XSTRING_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def cell_text(value) -> str:
    """A cell's value as text: "" for an empty cell, a date as ISO 8601, a whole number without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# Reading ------------------------------------------------------------------------------------------------

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc/.xls, and Office files protected by a password
KINDS = {".docx": "Word document", ".xlsx": "Excel workbook", ".csv": "CSV file"}
ZIP_PARTS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
TEXT_SUFFIXES = {".txt": ".csv"}  # read as the kind they stand for


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_unpacked: int
    max_rows: int  # rows of data, the header aside
    max_columns: int = MAX_COLUMNS


@dataclass
class Sheet:
    title: str  # "" for a CSV file
    rows: list[list]  # the non-blank rows as they were read (values, not text)


def _kinds_words(accept: Sequence[str]) -> str:
    words = [f"{with_article(KINDS[s])} ({s})" for s in accept if s in KINDS]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def file_kind(filename: str, data, *, limits: Limits, what: str, accept: Sequence[str]) -> str:
    """The refusals every upload of a table meets before it is read, for the file's kind by its name
    (.csv, .xlsx, .docx): its suffix, returned once the file is known to be worth opening."""
    suffix = Path(filename or "").suffix.lower()
    if suffix not in accept:
        raise TableRefused(f"{what} is not a file we can import. Upload {_kinds_words(accept)}.")
    suffix = TEXT_SUFFIXES.get(suffix, suffix)
    file = as_file(data)
    size = file.seek(0, io.SEEK_END)
    file.seek(0)
    if not size:
        raise TableRefused(f"{what} is empty.")
    if size > limits.max_bytes or getattr(file, "too_large", False):
        raise TableRefused(f"{what} is larger than {size_words(limits.max_bytes)}, the most we accept.")
    head = file.read(8)
    file.seek(0)
    if head.startswith(OLE_MAGIC):
        raise TableRefused(f"{what} is password-protected or in an old Office format (.doc or .xls). Remove the "
                           "password or save it as .docx or .xlsx, then upload it again.")
    if suffix in ZIP_PARTS:
        not_this = f"{what} is named {suffix} but is not {with_article(KINDS[suffix])}."
        names = guard_zip(file, what=what, max_unpacked=limits.max_unpacked, not_zip=not_this)
        if ZIP_PARTS[suffix] not in names:
            raise TableRefused(not_this)
    return suffix


def too_many_rows(where: str, limits: Limits) -> str:
    return f"{where} has more than {limits.max_rows:,} rows of data; the most we accept is {limits.max_rows:,}."


def read_csv(data, *, limits: Limits, what: str) -> list[list]:
    """The non-blank rows of a UTF-8 CSV file (with or without a byte-order mark)."""
    return list(limited_rows(csv_rows(data, limits=limits, what=what), max_rows=limits.max_rows,
                             too_many=too_many_rows(what, limits)))


def csv_rows(data, *, limits: Limits, what: str) -> Iterator[list]:
    """Every row of a UTF-8 CSV file (blank ones too), after the refusals of a text file; for a caller
    that counts rows itself (with `numbered_rows`)."""
    raw = as_file(data).read(limits.max_bytes + 1) if not isinstance(data, (bytes, bytearray)) else bytes(data)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise TableRefused(f"{what} is UTF-16 text, not UTF-8. Save it from Excel as “CSV UTF-8 (Comma delimited)” "
                           "and upload it again.")
    if raw.startswith(b"PK\x03\x04") or b"\x00" in raw[:4096]:
        raise TableRefused(f"{what} is named .csv but is not a text file: save it from Excel as “CSV UTF-8 "
                           "(Comma delimited)” and upload it again.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableRefused(
            f"{what} is not UTF-8 text (byte {error.start + 1} cannot be read). Save it from Excel as "
            "“CSV UTF-8 (Comma delimited)” and upload it again."
        ) from None
    del raw
    nul = "\x00" in text  # looked for once, in C; the row that holds it is found only when it is there
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
            if nul and any("\x00" in cell for cell in row):
                raise TableRefused(f"{what}, row {number}: a cell holds a null character, which cannot be stored. "
                                   "Remove it and upload the file again.")
            yield row
    except csv.Error as error:
        raise TableRefused(f"{what} cannot be read as CSV: {error}.") from None


def numbered_rows(rows: Iterable, *, limits: Limits, too_many: str, values=lambda row: row) -> Iterator[tuple[int, object]]:
    """(row number as a person counts it, row) for the non-blank rows, with limited_rows' limits; `values`
    gives a row's values when a row is more than its values (cells with their fills, say)."""
    counted = limited_rows(((number, row) for number, row in enumerate(rows, start=1)), max_rows=limits.max_rows,
                           too_many=too_many, blank=lambda pair: is_blank(values(pair[1])))
    yield from counted


def open_xlsx(data, *, what: str):
    """A workbook in read-only (streaming) mode, guarded by file_kind first; close it when done."""
    try:
        return open_workbook(data)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise TableRefused(f"{what} looks like an Excel workbook but it is damaged and cannot be read.") from None


def sheet_cells(sheet, *, what: str, max_columns: int = MAX_COLUMNS) -> Iterator[tuple]:
    """A read-only sheet's rows of cells (value, fill, number format), blank ones too, refusing a row wider
    than `max_columns`; its `<dimension>` is ignored as sheet_rows ignores it."""
    sheet.reset_dimensions()
    for row in sheet.iter_rows():
        if len(row) > max_columns:
            raise TableRefused(f"{what} has a cell beyond column {max_columns:,}: we read at most {max_columns:,} "
                               "columns. Remove the cells far to the right and upload it again.")
        yield row


def merged_ranges(sheet) -> list[tuple[int, int, int, int]]:
    """A read-only sheet's merged cells as (first row, first column, last row, last column), 1-based: read-only
    mode does not give them, so the sheet's `<mergeCells>` are streamed from the workbook's archive (they
    follow the cells, so this is a second, cheap pass over the sheet's XML)."""
    from xml.etree.ElementTree import iterparse

    from openpyxl.utils.cell import range_boundaries  # imported where it is used (start-up stays cheap)

    if not hasattr(sheet, "_get_source"):  # a workbook opened for writing knows its merged cells
        return [(r.min_row, r.min_col, r.max_row, r.max_col) for r in sheet.merged_cells.ranges]
    found = []
    with sheet._get_source() as xml:
        for _event, element in iterparse(xml):
            if element.tag.endswith("}mergeCell") and element.get("ref"):
                try:
                    min_col, min_row, max_col, max_row = range_boundaries(element.get("ref"))
                except (TypeError, ValueError):
                    continue
                found.append((min_row, min_col, max_row, max_col))
            elif element.tag.endswith("}c") or element.tag.endswith("}row"):
                element.clear()  # the cells were read already: keep memory flat
    return found


def xlsx_text(value):
    """A workbook cell's value with OOXML's _xHHHH_ escapes decoded (as Excel shows it)."""
    return _xlsx_untext(value) if isinstance(value, str) and "_x" in value else value


def read_xlsx(data, *, limits: Limits, what: str, first_only: bool = False) -> list[Sheet]:
    """The sheets of a workbook (guarded by file_kind first), streamed, each as its non-blank rows;
    text cells decoded from the workbook's _xHHHH_ escapes."""
    try:
        workbook = open_workbook(data)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise TableRefused(f"{what} looks like an Excel workbook but it is damaged and cannot be read.") from None
    sheets = []
    try:
        for sheet in workbook.worksheets[:1] if first_only else workbook.worksheets:
            where = what if first_only else f"The sheet “{sheet.title}”"
            decoded = ([_xlsx_untext(v) if isinstance(v, str) and "_x" in v else v for v in row]
                       for row in sheet_rows(sheet, what=where, max_columns=limits.max_columns))
            sheets.append(Sheet(sheet.title, list(limited_rows(decoded, max_rows=limits.max_rows,
                                                               too_many=too_many_rows(where, limits)))))
    except UploadRefused:
        raise
    except Exception:
        raise TableRefused(f"{what} looks like an Excel workbook but it is damaged and cannot be read.") from None
    finally:
        workbook.close()
    return sheets


def read_tables(filename: str, data, *, limits: Limits, what: str = "The file",
                accept: Sequence[str] = (".csv", ".xlsx"), first_only: bool = False) -> list[Sheet]:
    """A CSV file or workbook as sheets of rows, every refusal and limit checked while reading.
    (A .docx passes file_kind's checks and is returned unread: its caller reads it.)"""
    suffix = file_kind(filename, data, limits=limits, what=what, accept=accept)
    if suffix == ".xlsx":
        return read_xlsx(data, limits=limits, what=what, first_only=first_only)
    if suffix == ".csv":
        return [Sheet("", read_csv(data, limits=limits, what=what))]
    return []


# Writing ------------------------------------------------------------------------------------------------

def write_csv(headings: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 CSV with a byte-order mark (so that Excel opens it as UTF-8), every cell escaped."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(headings)
    writer.writerows([escape_cell(cell_text(v) if isinstance(v, (date, float)) else v) for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


MIN_WIDTH, MAX_WIDTH = 8, 60  # characters


def write_xlsx(headings: Sequence[str], rows: Iterable[Sequence], *, title: str = "Sheet",
               date_format: str = "d mmm yyyy") -> bytes:
    """A workbook of one sheet: a bold, frozen header in people's words, text wrapped and stored as text
    (never as a formula, whatever it begins with), dates as real dates, each column as wide as its
    longest line (within MIN_WIDTH and MAX_WIDTH)."""
    return write_xlsx_sheets([(title, headings, rows)], date_format=date_format)


def write_xlsx_sheets(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]], *,
                      date_format: str = "d mmm yyyy") -> bytes:
    """A workbook of several sheets ((title, headings, rows) each), every one written as write_xlsx writes
    its one."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    for title, headings, rows in sheets:
        sheet = workbook.create_sheet(title[:31])
        sheet.append(list(headings))
        widths = [len(str(h)) + 2 for h in headings]
        for cell in sheet[1]:
            cell.font = bold
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(row=r, column=c)
                if isinstance(value, str):
                    cell.value = _xlsx_text(escape_cell(value))
                    cell.data_type = "s"
                    longest = max((len(line) for line in value.splitlines()), default=0)
                else:
                    cell.value = value
                    if isinstance(value, date):
                        cell.number_format = date_format
                    longest = len(cell_text(value))
                cell.alignment = wrap
                if c <= len(widths):
                    widths[c - 1] = max(widths[c - 1], longest + 2)
                else:
                    widths.append(longest + 2)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(MIN_WIDTH, min(MAX_WIDTH, width))
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
