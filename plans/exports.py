"""Export a plan: one row per action, as CSV or Excel. Every text cell is safe from formula
injection; the importer reads this table back to the same plan."""

import csv
import io

from edi_tracker.exports import safe_cell

from .models import Plan, ProgressUpdate

COLUMNS = [
    "reference", "theme_code", "theme", "title", "lead_officer", "dependencies", "resources", "success_measures",
    "deadline", "deadline_date", "status", "latest_commentary", "next_steps", "metrics", "tags",
]


def plan_export_rows(plan: Plan) -> list[list]:
    actions = list(
        plan.actions.select_related("theme").prefetch_related("measures", "tags").order_by("theme__order", "order", "id")
    )
    latest = {}
    for update in ProgressUpdate.objects.filter(action__plan=plan).order_by("action_id", "-created_at", "-id"):
        latest.setdefault(update.action_id, update)
    rows = []
    for action in actions:
        update = latest.get(action.pk)
        rows.append([
            action.reference,
            action.theme.code if action.theme else "",
            action.theme.title if action.theme else "",
            action.title,
            action.lead_officer,
            action.dependencies,
            action.resources,
            "\n".join(m.text for m in action.measures.all()),
            action.deadline_text,
            action.deadline_date.isoformat() if action.deadline_date else "",
            action.status,
            update.commentary if update else "",
            update.next_steps if update else "",
            ", ".join(action.metrics),
            ", ".join(t.name for t in action.tags.all()),
        ])
    return [[safe_cell(value) for value in row] for row in rows]


def plan_export_csv(plan: Plan) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    writer.writerows(plan_export_rows(plan))
    # With a byte-order mark, Excel opens the file as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def plan_export_xlsx(plan: Plan) -> bytes:
    from openpyxl import Workbook  # imported where it is used: not every process pays for it at start-up
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in plan_export_rows(plan):
        sheet.append(row)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            # Stored as text, never as a formula, whatever it begins with.
            if isinstance(cell.value, str):
                cell.data_type = "s"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
