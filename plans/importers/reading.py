"""Which reader a file needs, decided by its content as well as its name, and the refusals that
come before reading: too large, empty, password-protected, not what its name says."""

from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat

from edi_tracker.text import with_article
from edi_tracker.uploads import UploadRefused, guard_zip

from .parsed import ParsedPlan
from .rows import ImportRefused
from .tabular import read_csv, read_xlsx

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc/.xls, and Office files protected by a password
SUFFIXES = {".docx": "Word document", ".xlsx": "Excel workbook", ".csv": "CSV file"}


def read_plan_file(name: str, data: bytes) -> ParsedPlan:
    filename = Path(name or "plan").name
    suffix = Path(filename).suffix.lower()
    limit = settings.PLAN_IMPORT_MAX_BYTES
    if suffix not in SUFFIXES:
        raise ImportRefused(f"“{filename}” is not a file we can import: choose a Word document (.docx), an Excel workbook (.xlsx) or a CSV file.")
    if not data:
        raise ImportRefused(f"“{filename}” is empty.")
    if len(data) > limit:
        raise ImportRefused(f"“{filename}” is larger than {filesizeformat(limit)}, the most we accept: import a smaller file.")
    if data.startswith(OLE_MAGIC):
        raise ImportRefused(
            f"“{filename}” is password-protected or in an old Office format (.doc or .xls). Remove the password "
            "or save it as .docx or .xlsx, then import it again."
        )
    if suffix in (".docx", ".xlsx"):
        part = "word/document.xml" if suffix == ".docx" else "xl/workbook.xml"
        try:  # what it unpacks to is checked before a library opens it (edi_tracker.uploads)
            names = guard_zip(data, what=f"“{filename}”", max_unpacked=settings.PLAN_IMPORT_MAX_UNPACKED_BYTES,
                              not_zip=f"“{filename}” is named {suffix} but is not {with_article(SUFFIXES[suffix])}.")
        except UploadRefused as error:
            raise ImportRefused(str(error)) from None
        if part not in names:
            raise ImportRefused(f"“{filename}” is named {suffix} but is not {with_article(SUFFIXES[suffix])}.")
        if suffix == ".docx":
            from .word import read_docx as reader  # python-docx is imported when a Word document is read
        else:
            reader = read_xlsx
        try:
            return reader(filename, data)
        except ImportRefused:
            raise
        except UploadRefused as error:
            raise ImportRefused(str(error)) from None
        except Exception:
            raise ImportRefused(f"“{filename}” looks like {with_article(SUFFIXES[suffix])} but it is damaged and cannot be read.") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportRefused(
            f"“{filename}” is UTF-16 text, not UTF-8. Save it from Excel as “CSV UTF-8 (Comma delimited)” and import it again."
        )
    if b"\x00" in data[:4096] or data.startswith(b"PK"):
        raise ImportRefused(f"“{filename}” is named .csv but is not a text file.")
    return read_csv(filename, data)
