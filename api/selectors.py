"""What the API reads: flat rows of one organisation, as `.values()` querysets (one query per page, one
to count), and the published metrics documents of metrics.md §8."""

from django.db.models import QuerySet

from edi_tracker.models import Organisation
from metrics import selectors as metrics_selectors
from metrics.models import MetricResult
from plans.models import Action, Plan, ProgressUpdate, Theme
from reports.models import Report


def plans(organisation: Organisation) -> QuerySet:
    return (Plan.objects.filter(organisation=organisation).order_by("id")
            .values("id", "title", "framework", "status", "period_start", "period_end", "sponsor",
                    "approved_by", "approved_on", "review_frequency", "updated_at"))


def themes(organisation: Organisation) -> QuerySet:
    return (Theme.objects.filter(plan__organisation=organisation).order_by("plan_id", "order", "id")
            .values("id", "plan_id", "code", "title", "objective", "sponsor", "order"))


def actions(organisation: Organisation) -> QuerySet:
    return (Action.objects.filter(plan__organisation=organisation).order_by("plan_id", "order", "id")
            .values("id", "plan_id", "plan__title", "theme_id", "theme__code", "theme__title", "reference", "title",
                    "lead_officer", "lead_user__first_name", "lead_user__last_name", "lead_user__display_name",
                    "lead_user__username", "status", "deadline_text", "deadline_date", "deadline_ongoing",
                    "deadline_recurring", "deadline_complete", "last_update_at", "updated_at"))


def progress_updates(organisation: Organisation, since=None) -> QuerySet:
    """Oldest first, so that a client asking `since=` its last row's time gets only what is new."""
    updates = ProgressUpdate.objects.filter(action__plan__organisation=organisation)
    if since is not None:
        updates = updates.filter(created_at__gt=since)
    return (updates.order_by("created_at", "id")
            .values("id", "action_id", "action__reference", "action__plan_id", "created_at", "previous_status",
                    "status", "commentary", "next_steps", "next_steps_timeframe", "evidence_link",
                    "author__first_name", "author__last_name", "author__display_name", "author__username"))


def reports(organisation: Organisation) -> QuerySet:
    return (Report.objects.filter(organisation=organisation).order_by("-created_at", "-id")
            .values("id", "plan_id", "plan__title", "quarter_year", "quarter_number", "kind", "status",
                    "created_at", "finished_at", "pdf"))


def metric_documents(organisation: Organisation) -> QuerySet:
    return (MetricResult.objects.filter(organisation=organisation).order_by("year", "scope")
            .values("year", "scope", "computed_at"))


def published_document(organisation: Organisation, year: int, scope: str) -> dict | None:
    """The stored document with disclosure control applied, exactly as `manage.py metrics ORG YEAR --json
    --published --scope SCOPE` prints it (metrics.selectors.published_document); None when none is stored.
    Raw figures never leave."""
    result = MetricResult.objects.filter(organisation=organisation, year=year, scope=scope).only("document").first()
    if result is None:
        return None
    return metrics_selectors.published_document(organisation, year, scope, result.document)
