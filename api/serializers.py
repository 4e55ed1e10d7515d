"""The flat rows the API returns (and the OpenAPI schema describes): every field a plain value."""

from django.urls import reverse
from rest_framework import serializers

from plans.models import STATUS_SHORT
from reports.selectors import user_label


def _absolute(context, name: str, *args) -> str:
    org_slug = context["view"].kwargs["org_slug"]
    return context["request"].build_absolute_uri(reverse(name, args=[org_slug, *args]))


class PlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    framework = serializers.CharField()
    status = serializers.CharField()
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    sponsor = serializers.CharField()
    approved_by = serializers.CharField()
    approved_on = serializers.DateField(allow_null=True)
    review_frequency = serializers.CharField()
    updated_at = serializers.DateTimeField()


class ThemeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    plan_id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    objective = serializers.CharField()
    sponsor = serializers.CharField()
    order = serializers.IntegerField()


class ActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    plan_id = serializers.IntegerField()
    plan_title = serializers.CharField(source="plan__title")
    theme_id = serializers.IntegerField(allow_null=True)
    theme_code = serializers.CharField(source="theme__code", allow_null=True)
    theme_title = serializers.CharField(source="theme__title", allow_null=True)
    reference = serializers.CharField()
    title = serializers.CharField()
    lead = serializers.SerializerMethodField(help_text="The lead's name or role title, or the lead as written.")
    status = serializers.CharField(help_text="not_started, red, amber, green or complete")
    status_label = serializers.SerializerMethodField()
    deadline_text = serializers.CharField(help_text="The deadline as written in the plan.")
    deadline_date = serializers.DateField(allow_null=True)
    deadline_ongoing = serializers.BooleanField()
    deadline_recurring = serializers.CharField()
    deadline_complete = serializers.BooleanField()
    last_update_at = serializers.DateTimeField(allow_null=True)
    updated_at = serializers.DateTimeField()

    def get_lead(self, row) -> str:
        if row["lead_user__username"]:
            return user_label(row["lead_user__first_name"], row["lead_user__last_name"],
                              row["lead_user__display_name"], row["lead_user__username"])
        return row["lead_officer"]

    def get_status_label(self, row) -> str:
        return STATUS_SHORT[row["status"]]


class ProgressUpdateSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action_id = serializers.IntegerField()
    action_reference = serializers.CharField(source="action__reference")
    plan_id = serializers.IntegerField(source="action__plan_id")
    created_at = serializers.DateTimeField()
    previous_status = serializers.CharField()
    status = serializers.CharField()
    commentary = serializers.CharField()
    next_steps = serializers.CharField()
    next_steps_timeframe = serializers.CharField()
    evidence_link = serializers.CharField()
    author = serializers.SerializerMethodField()

    def get_author(self, row) -> str:
        if not row["author__username"]:
            return ""
        return user_label(row["author__first_name"], row["author__last_name"], row["author__display_name"],
                          row["author__username"])


class ReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    plan_id = serializers.IntegerField()
    plan_title = serializers.CharField(source="plan__title")
    quarter_year = serializers.IntegerField(help_text="The financial year's first year: 2024 for 2024/25.")
    quarter_number = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.CharField()
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    pdf_url = serializers.SerializerMethodField(help_text="Where to download the PDF, when it is done.")

    def get_pdf_url(self, row) -> str:
        if not row["pdf"] or row["status"] != "done":
            return ""
        return _absolute(self.context, "api:report-pdf", row["id"])


class MetricDocumentSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    scope = serializers.CharField()
    computed_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def get_url(self, row) -> str:
        return _absolute(self.context, "api:metric-document", row["year"], row["scope"])
