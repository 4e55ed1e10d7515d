"""Computing and storing metric results, and the organisation's disclosure, wording and methodology
settings."""

import copy
import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from edi_tracker.models import Organisation, User
from edi_tracker.services import audit_record, organisation_content_changed
from workforce.models import Extract

from .compute import compute, every_row_in_every_scope, scopes_with_staff, to_jsonable
from .models import METHODOLOGY, MetricResult, MetricSettings

logger = logging.getLogger(__name__)


@transaction.atomic
def results_recompute(*, organisation: Organisation, year: int) -> MetricResult:
    """Compute and store the year's documents, one per scope worth storing (social care and all staff
    always; adults and children apart when both have staff). A document of an older methodology is kept
    in `superseded_document`. Returns the social care result, the default scope's."""
    sources = sorted(Extract.objects.filter(organisation=organisation, year=year, status="current").values_list("pk", flat=True))
    scopes = scopes_with_staff(organisation, year)
    stored = {r.scope: r for r in MetricResult.objects.select_for_update().filter(organisation=organisation, year=year)}
    results, whole, documents = {}, {}, {}
    # Without social care areas every scope counts the same rows: "all" is computed once and the others
    # are its copies (metrics.compute.every_row_in_every_scope).
    same_rows = every_row_in_every_scope(organisation, year)
    for scope in sorted(scopes, key=lambda s: s != "all") if same_rows else scopes:
        if same_rows and "all" in documents:
            document = {**copy.deepcopy(documents["all"]), "scope": scope}
        else:
            document = to_jsonable(compute(organisation, year, scope, whole=whole))  # the pay gaps computed once
        documents[scope] = document
        result = stored.get(scope) or MetricResult(organisation=organisation, year=year, scope=scope)
        if result.pk and result.methodology < METHODOLOGY and result.superseded_document is None:
            result.superseded_document = result.document
        result.document, result.source_extracts, result.methodology = document, sources, METHODOLOGY
        result.save()
        results[scope] = result
    MetricResult.objects.filter(organisation=organisation, year=year).exclude(scope__in=scopes).delete()
    organisation_content_changed(organisation=organisation, scope="figures")
    return results["social_care"]


def results_recompute_for_extract(*, extract: Extract) -> MetricResult:
    """Registered with workforce.hooks (metrics.apps): called after an extract is confirmed."""
    return results_recompute(organisation=extract.organisation, year=extract.year)


def results_get_or_compute(*, organisation: Organisation, year: int, scope: str = "social_care") -> dict:
    """The stored raw document of a scope; when there is none, computed now, and stored when the year has
    a current extract (so that a year typed by mistake does not join the list of years with figures)."""
    from .selectors import raw_or_computed, raw_results

    stored = raw_results(organisation, year, scope)
    if stored is not None:
        return stored
    nothing_stored = raw_results(organisation, year, "social_care") is None
    if nothing_stored and Extract.objects.filter(organisation=organisation, year=year, status="current").exists():
        results_recompute(organisation=organisation, year=year)
    return raw_or_computed(organisation, year, scope)  # a scope not worth storing (one area without staff) is computed


def results_recompute_stale() -> list[tuple[str, int]]:
    """Recompute every stored result of an older methodology from the stored records, keeping its old
    document. A year whose extracts are no longer current keeps its stored document unchanged (nothing
    stored is lost); the ones recomputed are returned as (organisation slug, year)."""
    done = []
    stale = (MetricResult.objects.filter(methodology__lt=METHODOLOGY).select_related("organisation")
             .order_by("organisation_id", "year"))
    for organisation, year in {(r.organisation, r.year) for r in stale}:
        current = set(Extract.objects.filter(organisation=organisation, year=year, status="current").values_list("pk", flat=True))
        if not current:
            continue
        results_recompute(organisation=organisation, year=year)
        done.append((organisation.slug, year))
    return sorted(done)


def results_recompute_after_migrate(sender=None, using="default", verbosity=1, **kwargs) -> None:
    """post_migrate (metrics.apps): bring stored results up to the current methodology."""
    if kwargs.get("plan") is not None and not any(
            migration.app_label in ("metrics", "workforce") and not backwards for migration, backwards in kwargs["plan"]):
        return
    try:
        done = results_recompute_stale()
    except Exception:  # a half-migrated database (another app's migrations pending): try again next migrate
        logger.exception("Stored metric results could not be recomputed after migrate.")
        return
    if done and verbosity:
        print(f"Recomputed the stored workforce figures of {len(done)} year(s) with the current methodology.")


@transaction.atomic
def organisation_metric_settings_update(*, organisation: Organisation, actor: User | None, disclosure_threshold: int,
                                        bme_label: str, local_population_bme_pct, pay_band_order: list[str],
                                        social_care_adults: list[str] | None = None,
                                        social_care_children: list[str] | None = None,
                                        pay_period_days: int | None = None,
                                        **local_population) -> Organisation:
    """Change the figures settings. `local_population`: any of local_population_white_pct, …_asian_pct,
    …_black_pct, …_mixed_pct, …_other_pct (a percentage, or None to clear it); one not given is left as it is."""
    allowed = {f"local_population_{group}_pct" for group, _ in Organisation.LOCAL_GROUPS}
    unknown = sorted(set(local_population) - allowed)
    if unknown:
        raise TypeError(f"organisation_metric_settings_update() got unexpected keyword arguments: {', '.join(unknown)}")
    if not 3 <= disclosure_threshold <= 20:
        raise ValidationError({"disclosure_threshold": "The threshold must be between 3 and 20."})
    if not bme_label.strip():
        raise ValidationError({"bme_label": "Enter the words to show for Black, Asian and minority ethnic staff."})
    if local_population_bme_pct is not None and not 0 <= local_population_bme_pct <= 100:
        raise ValidationError({"local_population_bme_pct": "Enter a percentage from 0 to 100."})
    for name, value in local_population.items():
        if value is not None and not 0 <= value <= 100:
            raise ValidationError({name: "Enter a percentage from 0 to 100."})
    shares = {group: local_population.get(f"local_population_{group}_pct", getattr(organisation, f"local_population_{group}_pct"))
              for group, _ in Organisation.LOCAL_GROUPS}
    shares = {group: None if value is None else Decimal(str(value)) for group, value in shares.items()}
    # The groups are parts of one population: their shares cannot add up to more than the whole (half a point
    # allowed for shares rounded to one place), nor the groups of BME to more than the BME share.
    given = sum(v for v in shares.values() if v is not None)
    if given > Decimal("100.5"):
        raise ValidationError(f"The local population's shares of the ethnic groups add up to {given}%: they cannot "
                              "add up to more than 100%.")
    bme_parts = sum(shares[g] for g in ("asian", "black", "mixed", "other") if shares[g] is not None)
    if local_population_bme_pct is not None and bme_parts > Decimal(str(local_population_bme_pct)) + Decimal("0.5"):
        raise ValidationError(f"The local population's Asian, Black, Mixed and Other shares add up to {bme_parts}%, more "
                              f"than its Black, Asian and minority ethnic share ({local_population_bme_pct}%): they are "
                              "parts of it.")
    changes = {}
    for name, value in (("disclosure_threshold", disclosure_threshold), ("bme_label", bme_label.strip()),
                        ("local_population_bme_pct", local_population_bme_pct),
                        *((f"local_population_{g}_pct", shares[g]) for g, _ in Organisation.LOCAL_GROUPS),
                        ("pay_band_order", pay_band_order)):
        old = getattr(organisation, name)
        if old != value:
            changes[name] = [str(old) if old is not None else None, str(value) if value is not None else None]
            setattr(organisation, name, value)
    if changes:
        organisation.save(update_fields=list(changes))
        organisation_content_changed(organisation=organisation, scope="figures")
        audit_record(organisation=organisation, actor=actor, verb="organisation.metric_settings", obj=organisation,
                     summary="Workforce figures settings changed", changes=changes)
        if "pay_band_order" in changes or "disclosure_threshold" in changes:
            _recompute_stored_years(organisation)
    if social_care_adults is not None or social_care_children is not None or pay_period_days is not None:
        organisation_social_care_update(organisation=organisation, actor=actor, adults=social_care_adults,
                                        children=social_care_children, pay_period_days=pay_period_days)
    return organisation


def _recompute_stored_years(organisation: Organisation) -> None:
    for year in sorted(set(MetricResult.objects.filter(organisation=organisation).values_list("year", flat=True))):
        results_recompute(organisation=organisation, year=year)


@transaction.atomic
def organisation_social_care_update(*, organisation: Organisation, actor: User | None, adults: list[str] | None = None,
                                    children: list[str] | None = None, pay_period_days: int | None = None,
                                    standard_weekly_hours=None) -> MetricSettings:
    """Set which directorates are adults' and children's social care (and the pay period and standard
    hours); stored figures are recomputed. A directorate cannot be in both areas."""
    # Not created until something differs from the defaults: saving the settings unchanged changes nothing.
    settings = (MetricSettings.objects.filter(organisation=organisation).first()
                or MetricSettings(organisation=organisation))
    adults = settings.social_care_adults if adults is None else [d.strip() for d in adults if d.strip()]
    children = settings.social_care_children if children is None else [d.strip() for d in children if d.strip()]
    both = sorted(set(adults) & set(children))
    if both:
        raise ValidationError(f"The directorate “{both[0]}” is in both adults' and children's social care: choose one.")
    if pay_period_days is not None and not 1 <= pay_period_days <= 366:
        raise ValidationError("The pay period must be from 1 to 366 days.")
    if standard_weekly_hours is not None and not 0 < standard_weekly_hours <= 168:
        raise ValidationError("The standard weekly hours must be more than 0 and at most 168.")
    changes = {}
    for name, value in (("social_care_adults", adults), ("social_care_children", children),
                        ("pay_period_days", pay_period_days), ("standard_weekly_hours", standard_weekly_hours)):
        if value is not None and getattr(settings, name) != value:
            changes[name] = [str(getattr(settings, name)), str(value)]
            setattr(settings, name, value)
    if changes:
        settings.save()
        audit_record(organisation=organisation, actor=actor, verb="organisation.social_care_areas", obj=organisation,
                     summary="Social care areas and pay settings changed", changes=changes)
        _recompute_stored_years(organisation)
    return settings
