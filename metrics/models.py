"""Stored metric results: one raw document per organisation, year and scope, so trends are cheap; and
the organisation's settings the methodology needs (its social care directorates, pay period, hours)."""

from decimal import Decimal

from django.db import models

from edi_tracker.models import Organisation

# The methodology the stored documents follow: a stored result of an older one is recomputed from the
# stored records after `migrate` (metrics.apps), and its old document kept beside the new one.
METHODOLOGY = 2


class Scope(models.TextChoices):
    """Whose figures the SC-WRES metrics are (metrics.md §1)."""

    SOCIAL_CARE = "social_care", "Social care staff"
    ADULTS = "adults", "Adults' social care"
    CHILDREN = "children", "Children's social care"
    ALL = "all", "All staff"


class MetricResult(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="metric_results")
    year = models.PositiveSmallIntegerField()
    scope = models.CharField(max_length=12, choices=Scope.choices, default=Scope.SOCIAL_CARE)
    document = models.JSONField(help_text="The raw document of metrics.md §8 (HR only; pages publish it).")
    source_extracts = models.JSONField(default=list, help_text="Ids of the extracts it was computed from.")
    methodology = models.PositiveSmallIntegerField(default=1, help_text="The version of metrics.md it follows.")
    superseded_document = models.JSONField(
        null=True, blank=True, help_text="The document of an older methodology this one replaced, kept unchanged."
    )
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "year", "scope"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "scope"], name="one_result_per_org_year_scope")]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year} ({self.scope})"


class MetricSettings(models.Model):
    """What the methodology needs to know of an organisation beyond its core settings: which
    directorates are adults' and children's social care, the days of its relevant pay period and its
    standard weekly hours (metrics.md §1, §3, §4)."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="metric_settings")
    social_care_adults = models.JSONField(default=list, blank=True, help_text="Directorates of adults' social care.")
    social_care_children = models.JSONField(default=list, blank=True, help_text="Directorates of children's social care.")
    pay_period_days = models.PositiveSmallIntegerField(default=31, help_text="Days in the relevant pay period.")
    standard_weekly_hours = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("37"))

    def __str__(self) -> str:
        return f"Metric settings of {self.organisation}"

    @property
    def has_areas(self) -> bool:
        return bool(self.social_care_adults or self.social_care_children)
