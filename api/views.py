"""The read-only API, /api/v1/o/<org>/…: what a token of the organisation may read, nothing of any other
(404). Lists are flat rows with limit/offset pagination, and `?format=csv` gives the same page as CSV."""

from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, generics
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from metrics.compute import SCOPES
from reports.models import Report, ReportStatus

from . import selectors, serializers
from .docs import extend_schema  # drf-spectacular's, applied when the schema is generated (api/docs.py)


class OrganisationMixin:
    """The token's organisation, when the URL names it; 404 for any other (it might as well not exist)."""

    def organisation(self):
        token = self.request.auth
        if token.organisation.slug != self.kwargs["org_slug"]:
            raise Http404("No such organisation.")
        return token.organisation


class ListView(OrganisationMixin, generics.ListAPIView):
    @property
    def csv_columns(self):
        return list(self.get_serializer_class()().fields)


class PlanList(ListView):
    """The organisation's plans."""

    serializer_class = serializers.PlanSerializer

    def get_queryset(self):
        return selectors.plans(self.organisation())


class ThemeList(ListView):
    """Every plan's themes (objectives, sections)."""

    serializer_class = serializers.ThemeSerializer

    def get_queryset(self):
        return selectors.themes(self.organisation())


class ActionList(ListView):
    """Every action with its current status and deadline."""

    serializer_class = serializers.ActionSerializer

    def get_queryset(self):
        return selectors.actions(self.organisation())


SINCE = OpenApiParameter("since", OpenApiTypes.DATETIME, description=(
    "Only updates recorded after this moment (ISO 8601, e.g. 2025-04-01T00:00:00Z): for incremental refresh, "
    "send the created_at of the last update you have."))


class ProgressUpdateList(ListView):
    """Progress updates, oldest first."""

    serializer_class = serializers.ProgressUpdateSerializer

    @extend_schema(parameters=[SINCE])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        since = self.request.query_params.get("since")
        moment = None
        if since:
            try:
                moment = parse_datetime(since.replace(" ", "+"))
            except ValueError:
                moment = None
            if moment is None:
                raise exceptions.ValidationError(
                    {"since": [f"“{since}” is not a date and time: use ISO 8601, like 2025-04-01T00:00:00Z."]})
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        return selectors.progress_updates(self.organisation(), since=moment)


class ReportList(ListView):
    """Highlight reports, newest first, with where to download each finished one's PDF."""

    serializer_class = serializers.ReportSerializer

    def get_queryset(self):
        return selectors.reports(self.organisation())


class MetricDocumentList(ListView):
    """The years and scopes whose SC-WRES metrics are stored (metrics.md §8)."""

    serializer_class = serializers.MetricDocumentSerializer

    def get_queryset(self):
        return selectors.metric_documents(self.organisation())


class MetricDocument(OrganisationMixin, APIView):
    """The published metrics document of a year and scope (metrics.md §8): disclosure control applied,
    suppressed numbers null; raw figures are never served. The same JSON as
    `manage.py metrics ORG YEAR --json --published --scope SCOPE`."""

    renderer_classes = [JSONRenderer]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, org_slug, year, scope):
        organisation = self.organisation()
        if scope not in SCOPES:
            raise Http404(f"No such scope: use one of {', '.join(SCOPES)}.")
        document = selectors.published_document(organisation, year, scope)
        if document is None:
            raise Http404("No metrics are stored for this year and scope.")
        return Response(document)


class ReportPdf(OrganisationMixin, APIView):
    """A finished report's PDF."""

    renderer_classes = [JSONRenderer]

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request, org_slug, pk):
        organisation = self.organisation()
        report = Report.objects.filter(pk=pk, organisation=organisation).first()
        if report is None or report.status != ReportStatus.DONE or not report.pdf:
            raise Http404("No such report, or it has no PDF yet.")
        return FileResponse(report.pdf.open("rb"), as_attachment=True, filename=report.filename,
                            content_type="application/pdf")
