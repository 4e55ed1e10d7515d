"""Downloads of a check report: its errors as CSV, every cell escaped by edi_tracker.tables."""

from edi_tracker.tables import write_csv

from .models import Extract


def extract_errors_csv(extract: Extract) -> str:
    """Row, column (as HR's file names it), value and why for each error kept in the check report (the first
    500), by row."""
    rows = [[error.get(name) for name in ("row", "column", "value", "why")]
            for error in (extract.report or {}).get("errors_given") or (extract.report or {}).get("errors", [])]
    return write_csv(["Row", "Column", "Value", "Why"], rows).decode("utf-8")


def extract_template(kind: str, file_format: str) -> tuple[bytes, str, str]:
    """An empty extract of `kind` with exactly the headers of metrics.md §7 (the columns' names, required
    ones first): (content, content type, file name)."""
    from edi_tracker.tables import write_xlsx

    from .formats import FORMATS

    headers = [c.name for c in FORMATS[kind]]
    if file_format == "xlsx":
        return (write_xlsx(headers, [], title=f"{kind} extract"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", f"{kind}-extract-template.xlsx")
    return write_csv(headers, []), "text/csv; charset=utf-8", f"{kind}-extract-template.csv"
