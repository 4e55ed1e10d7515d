"""Which reader a file needs, decided by its content as well as its name, and the refusals that come
before reading (too large, empty, password-protected, not what its name says): those of every table
upload, in edi_tracker.tables."""

from pathlib import Path

from django.conf import settings

from edi_tracker.tables import Limits, file_kind
from edi_tracker.text import with_article
from edi_tracker.uploads import UploadRefused

from .parsed import ParsedPlan
from .rows import ImportRefused
from .tabular import read_csv, read_xlsx

SUFFIXES = {".docx": "Word document", ".xlsx": "Excel workbook", ".csv": "CSV file"}


def plan_limits() -> Limits:
    return Limits(max_bytes=settings.PLAN_IMPORT_MAX_BYTES, max_unpacked=settings.PLAN_IMPORT_MAX_UNPACKED_BYTES,
                  max_rows=settings.PLAN_IMPORT_MAX_ROWS)


def read_plan_file(name: str, data: bytes) -> ParsedPlan:
    filename = Path(name or "plan").name
    what = f"“{filename}”"
    try:
        suffix = file_kind(filename, data, limits=plan_limits(), what=what, accept=tuple(SUFFIXES))
        if suffix == ".docx":
            from .word import read_docx as reader  # python-docx is imported when a Word document is read
        else:
            reader = read_xlsx if suffix == ".xlsx" else read_csv
        return reader(filename, data)
    except ImportRefused:
        raise
    except UploadRefused as error:
        raise ImportRefused(str(error)) from None
    except Exception:
        raise ImportRefused(f"{what} looks like {with_article(SUFFIXES[suffix])} but it is damaged and cannot be read.") from None
