"""Computing and storing metric results, and the organisation's disclosure and wording settings."""

from django.core.exceptions import ValidationError
from django.db import transaction

from edi_tracker.models import Organisation, User
from edi_tracker.services import audit_record, organisation_content_changed
from workforce.models import Extract

from .compute import compute, to_jsonable
from .models import MetricResult


@transaction.atomic
def results_recompute(*, organisation: Organisation, year: int) -> MetricResult:
    document = to_jsonable(compute(organisation, year))
    sources = sorted(Extract.objects.filter(organisation=organisation, year=year, status="current").values_list("pk", flat=True))
    result, _ = MetricResult.objects.update_or_create(
        organisation=organisation, year=year, defaults={"document": document, "source_extracts": sources}
    )
    organisation_content_changed(organisation=organisation)
    return result


def results_recompute_for_extract(*, extract: Extract) -> MetricResult:
    """Called after an extract is confirmed (settings.WORKFORCE_AFTER_CONFIRM)."""
    return results_recompute(organisation=extract.organisation, year=extract.year)


@transaction.atomic
def organisation_metric_settings_update(*, organisation: Organisation, actor: User | None, disclosure_threshold: int,
                                        bme_label: str, local_population_bme_pct, pay_band_order: list[str]) -> Organisation:
    if not 3 <= disclosure_threshold <= 20:
        raise ValidationError({"disclosure_threshold": "The threshold must be between 3 and 20."})
    if not bme_label.strip():
        raise ValidationError({"bme_label": "Enter the words to show for Black, Asian and minority ethnic staff."})
    if local_population_bme_pct is not None and not 0 <= local_population_bme_pct <= 100:
        raise ValidationError({"local_population_bme_pct": "Enter a percentage from 0 to 100."})
    changes = {}
    for name, value in (("disclosure_threshold", disclosure_threshold), ("bme_label", bme_label.strip()),
                        ("local_population_bme_pct", local_population_bme_pct), ("pay_band_order", pay_band_order)):
        old = getattr(organisation, name)
        if old != value:
            changes[name] = [str(old) if old is not None else None, str(value) if value is not None else None]
            setattr(organisation, name, value)
    if changes:
        organisation.save(update_fields=list(changes))
        organisation_content_changed(organisation=organisation)
        audit_record(organisation=organisation, actor=actor, verb="organisation.metric_settings", obj=organisation,
                     summary="Workforce figures settings changed", changes=changes)
        if "pay_band_order" in changes:
            for year in MetricResult.objects.filter(organisation=organisation).values_list("year", flat=True):
                results_recompute(organisation=organisation, year=year)
    return organisation
