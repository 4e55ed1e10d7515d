"""Downloads of a check report: its errors as CSV, every cell made safe to open in a spreadsheet."""

import csv
import io

from edi_tracker.exports import safe_cell

from .models import Extract


def extract_errors_csv(extract: Extract) -> str:
    """Row, column, value and why for each error kept in the check report (the report keeps the first 500)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Row", "Column", "Value", "Why"])
    for error in (extract.report or {}).get("errors", []):
        writer.writerow([safe_cell(error.get(name)) for name in ("row", "column", "value", "why")])
    return out.getvalue()
