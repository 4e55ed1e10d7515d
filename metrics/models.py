"""Stored metric results: one raw document per organisation and year, so trends are cheap."""

from django.db import models

from edi_tracker.models import Organisation


class MetricResult(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="metric_results")
    year = models.PositiveSmallIntegerField()
    document = models.JSONField(help_text="The raw document of metrics.md §8 (HR only; pages publish it).")
    source_extracts = models.JSONField(default=list, help_text="Ids of the extracts it was computed from.")
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organisation", "year"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="one_result_per_org_year")]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"
