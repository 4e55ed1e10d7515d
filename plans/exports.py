"""Export a plan: one row per action, as CSV or Excel, with the columns of plans.columns in the words
people read. Every text cell is escaped against formula injection (edi_tracker.tables), and the
importer reads this table back to the same plan."""

from edi_tracker.tables import write_csv, write_xlsx

from .columns import PLAN_COLUMNS, STATUS_WORDS
from .models import Plan, ProgressUpdate

COLUMNS = PLAN_COLUMNS.headings


def plan_export_rows(plan: Plan) -> list[list]:
    """The plan's actions in PLAN_COLUMNS order, unescaped: text, and the deadline as a date."""
    actions = list(
        plan.actions.select_related("theme").prefetch_related("measures", "tags").order_by("theme__order", "order", "id")
    )
    latest = {}
    for update in ProgressUpdate.objects.filter(action__plan=plan).order_by("action_id", "-created_at", "-id"):
        latest.setdefault(update.action_id, update)
    rows = []
    for action in actions:
        update = latest.get(action.pk)
        values = {
            "reference": action.reference,
            "theme_code": action.theme.code if action.theme else "",
            "theme": action.theme.title if action.theme else "",
            "title": action.title,
            "lead_officer": action.lead_officer,
            "dependencies": action.dependencies,
            "resources": action.resources,
            "measures": "\n".join(m.text for m in action.measures.all()),
            "deadline_text": action.deadline_text,
            "deadline_date": action.deadline_date,
            "status": STATUS_WORDS.get(action.status, action.status),
            "commentary": update.commentary if update else "",
            "next_steps": update.next_steps if update else "",
            "metrics": ", ".join(action.metrics),
            "tags": ", ".join(t.name for t in action.tags.all()),
        }
        rows.append([values[column.name] for column in PLAN_COLUMNS])
    return rows


def plan_export_csv(plan: Plan) -> bytes:
    return write_csv(COLUMNS, plan_export_rows(plan))


def plan_export_xlsx(plan: Plan) -> bytes:
    return write_xlsx(COLUMNS, plan_export_rows(plan), title="Plan")
