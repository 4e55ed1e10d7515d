"""`?format=csv` on every list: the same rows as the JSON page, one column per field, every cell escaped
against spreadsheet formulas by edi_tracker.tables.write_csv."""

from rest_framework.renderers import BaseRenderer

from edi_tracker.tables import write_csv


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        view = (renderer_context or {}).get("view")
        response = (renderer_context or {}).get("response")
        if response is not None and response.status_code >= 400 or not isinstance(data, dict) \
                or "results" not in data:
            # An error (or a document, not a list): one cell saying what.
            detail = data.get("detail", "") if isinstance(data, dict) else str(data)
            return write_csv(["detail"], [[str(detail)]])
        columns = list(getattr(view, "csv_columns", None) or (data["results"][0].keys() if data["results"] else []))
        rows = ([_cell(row.get(column)) for column in columns] for row in data["results"])
        return write_csv(columns, rows)


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return value
