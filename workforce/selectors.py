from django.db.models import QuerySet

from edi_tracker.models import Organisation

from .models import Extract, ExtractStatus


def extract_history(organisation: Organisation) -> QuerySet[Extract]:
    return Extract.objects.filter(organisation=organisation).select_related("uploaded_by").order_by("-uploaded_at", "-id")


def current_extract(organisation: Organisation, kind: str, year: int) -> Extract | None:
    return Extract.objects.filter(organisation=organisation, kind=kind, year=year, status=ExtractStatus.CURRENT).first()


def column_guides() -> list[dict]:
    """The columns of each kind of extract, for the upload page (metrics.md §7)."""
    from .formats import column_guide
    from .models import ExtractKind

    return [{"kind": kind, "label": label, "columns": column_guide(kind)} for kind, label in ExtractKind.choices]
