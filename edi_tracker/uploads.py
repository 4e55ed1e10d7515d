"""Uploads are refused early and cheaply: every limit is enforced while the file is read.

One mechanism for every upload kind (evidence, plan import, workforce extract):

- `LimitedUploadHandler` (settings.FILE_UPLOAD_HANDLERS) streams each uploaded file to a temporary file
  on disk and stops storing it once it passes the limit of the view's upload kind, named on the view
  with `@upload_limit("EVIDENCE_MAX_BYTES")` (the largest upload limit otherwise). The rest of the
  body is read and thrown away, so memory never holds more than one chunk; the file's `size` is what
  was sent, so `check_size` (or any `upload.size > limit`) refuses it with the form's message.
- `guard_zip` checks a ZIP-based file (XLSX, DOCX) before openpyxl or python-docx opens it: its
  number of members from the end record (before the central directory is read), the sum of their
  declared unpacked sizes and each member's compression ratio. Python's zipfile never inflates a
  member past its declared size (it stops there and the CRC check fails), so the declared sizes
  bound what parsing can unpack.
- `sheet_rows` reads an XLSX sheet in openpyxl's read-only (streaming) mode, ignoring what its
  `<dimension>` claims and refusing a row wider than `MAX_COLUMNS`; `limited_rows` counts rows as
  they arrive and stops at the limit.
"""

import io
import struct
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.template.defaultfilters import filesizeformat

ZIP_END = b"PK\x05\x06"
ZIP_END_SIZE = 22
MAX_ZIP_MEMBERS = 2000  # a large real workbook or document has a few hundred parts
MAX_ZIP_RATIO = 100  # a member that unpacks to more than this many times its packed size is a bomb…
RATIO_FLOOR = 1024 * 1024  # …once it unpacks to more than this (tiny parts compress very well)
MAX_COLUMNS = 500  # the widest sheet we read: a row with a cell further right is refused
UPLOAD_LIMIT_SETTINGS = ("EVIDENCE_MAX_BYTES", "PLAN_IMPORT_MAX_BYTES", "WORKFORCE_MAX_BYTES")


class UploadRefused(Exception):
    """The file cannot be read within its limits; the message is a whole sentence for the user."""


def size_words(limit: int) -> str:
    return filesizeformat(limit)


# Request bodies ----------------------------------------------------------------------------------------

def upload_limit(setting: str):
    """Name the setting that holds the largest file a view accepts (read by LimitedUploadHandler)."""

    def decorator(view):
        view.upload_limit_setting = setting
        return view

    return decorator


def upload_limit_for(request) -> int:
    match = getattr(request, "resolver_match", None)
    setting = getattr(getattr(match, "func", None), "upload_limit_setting", None)
    if setting:
        return getattr(settings, setting)
    return max(getattr(settings, name) for name in UPLOAD_LIMIT_SETTINGS)


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """Stream each file to a temporary file on disk, keeping at most `limit` + 1 bytes of it."""

    def __init__(self, request=None, limit: int | None = None):
        super().__init__(request)
        self.limit = limit if limit is not None else upload_limit_for(request)

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        room = self.limit + 1 - self.received
        self.received += len(raw_data)
        if room > 0:
            self.file.write(raw_data[:room])
        # Past the limit the data is read and dropped: the upload is refused by its size.

    def file_complete(self, file_size):
        self.file.seek(0)
        self.file.size = self.received
        self.file.too_large = self.received > self.limit
        return self.file


def check_size(upload, limit: int, what: str = "The file") -> None:
    """Refuse an empty file or one larger than `limit` (a ValidationError for a form field)."""
    if not upload.size:
        raise ValidationError(f"{what} is empty.")
    if upload.size > limit or getattr(upload, "too_large", False):
        raise ValidationError(f"{what} is larger than {size_words(limit)}, the most we accept.")


def read_limited(upload, limit: int) -> bytes:
    """The bytes of an upload already checked against `limit`; never more than `limit` + 1 of them."""
    upload.seek(0)
    data = upload.read(limit + 1)
    upload.seek(0)
    return data


# ZIP-based files -------------------------------------------------------------------------------------

def as_file(data) -> io.IOBase:
    return io.BytesIO(data) if isinstance(data, (bytes, bytearray, memoryview)) else data


def zip_member_count(file) -> int | None:
    """The number of members the ZIP's end record declares, read without reading the directory."""
    file.seek(0, io.SEEK_END)
    size = file.tell()
    tail = min(size, ZIP_END_SIZE + 65535)
    file.seek(size - tail)
    data = file.read(tail)
    file.seek(0)
    at = data.rfind(ZIP_END)
    if at < 0 or len(data) - at < ZIP_END_SIZE:
        return None
    return struct.unpack("<4s4H2LH", data[at:at + ZIP_END_SIZE])[4]


def guard_zip(data, *, what: str, max_unpacked: int, not_zip: str = "", max_members: int = MAX_ZIP_MEMBERS,
              max_ratio: int = MAX_ZIP_RATIO) -> set[str]:
    """Refuse a ZIP-based file whose unpacked size, compression or number of parts is out of bounds
    (with `not_zip` when it is no ZIP at all); return the names of its members."""
    import zipfile

    not_zip = not_zip or f"{what} is not a file we can open: it is damaged or not what its name says."
    file = as_file(data)
    count = zip_member_count(file)
    if count is None:
        raise UploadRefused(not_zip)
    if count > max_members or count == 0xFFFF:
        raise UploadRefused(f"{what} has more than {max_members:,} parts inside it, more than any real "
                            "document or workbook: it cannot be read.")
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise UploadRefused(not_zip) from None
    finally:
        file.seek(0)
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > RATIO_FLOOR and member.file_size > max_ratio * max(member.compress_size, 1):
            raise UploadRefused(
                f"{what} is compressed suspiciously well (a part of it unpacks to more than {max_ratio} times its "
                "size), as a file built to exhaust a server is: it cannot be read."
            )
        if total > max_unpacked:
            raise UploadRefused(
                f"{what} unpacks to more than {size_words(max_unpacked)}, the most we read: split it or remove "
                "pictures and unused sheets."
            )
    return {member.filename for member in members}


# Rows ---------------------------------------------------------------------------------------------------

def _never_read_dimensions() -> None:
    """openpyxl's read-only sheet looks for `<dimension>` when the workbook is opened, and a sheet
    without one is parsed to its end to find out (3 million rows held as 240 MB of emptied elements).
    We never use what `<dimension>` claims, so our read-only sheets skip that look."""
    from openpyxl.reader import excel
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    if getattr(excel.ReadOnlyWorksheet, "dimensions_unread", False):
        return

    class StreamingWorksheet(ReadOnlyWorksheet):
        dimensions_unread = True

        def _get_size(self):
            self._min_column = self._min_row = 1
            self._max_column = self._max_row = None

    excel.ReadOnlyWorksheet = StreamingWorksheet


def open_workbook(data):
    """An openpyxl workbook in read-only (streaming) mode. Guard the file with guard_zip first."""
    from openpyxl import load_workbook

    _never_read_dimensions()
    return load_workbook(as_file(data), read_only=True, data_only=True)


def sheet_rows(sheet, *, what: str, max_columns: int = MAX_COLUMNS) -> Iterator[tuple]:
    """A read-only sheet's rows as tuples of values, as they are parsed. Its `<dimension>` is ignored
    (a sheet claiming XFD1048576 would otherwise be padded to a million rows of 16,384 cells)."""
    sheet.reset_dimensions()
    for row in sheet.iter_rows(values_only=True):
        if len(row) > max_columns:
            raise UploadRefused(f"{what} has a cell beyond column {max_columns:,}: we read at most {max_columns:,} "
                                "columns. Remove the cells far to the right and upload it again.")
        yield row


def is_blank(row) -> bool:
    try:
        return not any(map(str.strip, row))  # a CSV row: text only, tested at C speed
    except TypeError:  # a sheet's row: numbers, dates and None as well
        return not any(v is not None and str(v).strip() for v in row)


def limited_rows(rows: Iterable, *, max_rows: int, too_many: str, blank=is_blank) -> Iterator:
    """The non-blank rows of `rows` (`blank` says which are blank), refused with `too_many` as soon as more
    than `max_rows` + 1 (the header) arrive, or more than twice that many rows of any kind (blank rows
    cost time too)."""
    kept = seen = 0
    ceiling = 2 * (max_rows + 1) + 1000
    for row in rows:
        seen += 1
        if seen > ceiling:
            raise UploadRefused(too_many)
        if blank(row):
            continue
        kept += 1
        if kept > max_rows + 1:
            raise UploadRefused(too_many)
        yield row
