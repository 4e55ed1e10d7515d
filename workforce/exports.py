"""Downloads of a check report: its errors as CSV, every cell escaped by edi_tracker.tables."""

from edi_tracker.tables import write_csv

from .models import Extract


def extract_errors_csv(extract: Extract) -> str:
    """Row, column, value and why for each error kept in the check report (the report keeps the first 500)."""
    rows = [[error.get(name) for name in ("row", "column", "value", "why")]
            for error in (extract.report or {}).get("errors", [])]
    return write_csv(["Row", "Column", "Value", "Why"], rows).decode("utf-8")
