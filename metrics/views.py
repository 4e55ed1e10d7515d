"""The metrics pages: every role reads only figures that passed disclosure control."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from edi_tracker import caching
from edi_tracker.access import org_view
from edi_tracker.models import Capability

from . import selectors, services
from .forms import MetricSettingsForm
from .models import Scope

GROUPS = [("white", "White"), ("bme", None), ("not_known", "Not known")]


def _groups(organisation):
    return [(key, label or organisation.bme_label) for key, label in GROUPS]


@org_view()
def index(request, org_slug):
    years = selectors.available_years(request.organisation)
    if years:
        return redirect("metrics:year", org_slug, years[-1])
    return render(request, "metrics/empty.html", {"page_title": "Workforce race equality"})


def _scope(request, stored: list[str]) -> str:
    """The scope asked for (?scope=), when stored for the year; social care otherwise."""
    scope = request.GET.get("scope") or "social_care"
    return scope if scope in stored else "social_care"


@org_view()
def year_page(request, org_slug, year):
    organisation = request.organisation
    stored = selectors.stored_scopes(organisation, year)
    scope = _scope(request, stored)
    documents = selectors.published_by_year(organisation, scope)
    document = documents.get(year)
    if document is None:
        raise Http404(f"There are no figures for {year}.")
    linked = selectors.linked_actions(organisation)
    # What the linked actions show (their links, titles and statuses), so that a save shows at once while the
    # figures, most of the page's cost, stay cached until they change.
    shown = sorted((key, [(a.pk, a.reference, a.title, a.status) for a in actions]) for key, actions in linked.items())
    can_upload = request.membership.can(Capability.UPLOAD_EXTRACTS)

    def context() -> dict:
        years = sorted(documents)
        trend = [(y, {s["key"]: s for s in selectors.metric_summaries(organisation, y, documents)}) for y in years]
        summaries = selectors.metric_summaries(organisation, year, documents)
        for summary in summaries:
            summary["actions"] = linked.get(summary["key"], [])
        return {
            "year": year, "years": years, "other_years": [y for y in years if y != year], "doc": document,
            "summaries": summaries, "trend": trend,
            "groups": _groups(organisation), "threshold": organisation.disclosure_threshold,
            "local": selectors.local_population_differences(organisation, document),
            "data_quality": selectors.data_quality(document),
            "missing_figures": selectors.missing_figures(document),
            "rate_metrics": [("2", "metric_2"), ("3", "metric_3"), ("4", "metric_4"), ("5", "metric_5"), ("8", "metric_8")],
            "survey_metrics": [("6", "metric_6"), ("7a", "metric_7a"), ("7b", "metric_7b")],
            "scope": scope, "scope_label": Scope(scope).label, "notes": document.get("notes") or {},
            "scopes": [(key, Scope(key).label) for key in stored],
            # The charts are inlined in the page (edi_tracker.charts: text as text, named for screen readers).
            "charts": {name.replace("-", "_"): selectors.year_chart(document, name, organisation.bme_label)
                       for name in ("metric-1", "gender-quartiles", "ethnicity-quartiles")},
        }

    body = caching.shared_fragment(request, "metrics/_year_body.html", year, scope, can_upload,
                                   caching.digest(shown), context=context, figures=True)
    return render(request, "metrics/year.html", {
        "body": body, "page_title": f"Workforce race equality {year}: {Scope(scope).label.lower()}",
    })


@org_view()
def chart(request, org_slug, year, name):
    organisation = request.organisation
    document = selectors.published_results(organisation, year, _scope(request, selectors.stored_scopes(organisation, year)))
    if document is None:
        raise Http404("No figures for that year.")
    label = organisation.bme_label
    svg = selectors.year_chart(document, name, label)
    if svg is None:
        raise Http404("No such chart, or no figures for that year.")
    response = HttpResponse(svg, content_type="image/svg+xml")
    return response


@org_view(Capability.UPLOAD_EXTRACTS)
def pay_gap(request, org_slug, year, kind):
    """The six measures of a pay gap as the GOV.UK service asks for them (HR and admins: raw figures)."""
    view = selectors.pay_gap_view(request.organisation, year, kind)
    if view is None:
        raise Http404(f"There are no {kind} pay gap figures for {year}.")
    return render(request, "metrics/pay_gap.html", {**view, "year": year, "kind": kind,
                                                     "page_title": f"{view['title']} {year}"})


@org_view(Capability.UPLOAD_EXTRACTS)
def pay_gap_csv(request, org_slug, year, kind):
    view = selectors.pay_gap_view(request.organisation, year, kind)
    if view is None:
        raise Http404(f"There are no {kind} pay gap figures for {year}.")
    response = HttpResponse(selectors.pay_gap_csv(view), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{org_slug}-{kind}-pay-gap-{year}.csv"'
    return response


@org_view(Capability.UPLOAD_EXTRACTS)
def settings_page(request, org_slug):
    organisation = request.organisation
    form = MetricSettingsForm(request.POST or None, initial={
        "disclosure_threshold": organisation.disclosure_threshold, "bme_label": organisation.bme_label,
        "local_population_bme_pct": organisation.local_population_bme_pct,
        **{f"local_population_{g}_pct": getattr(organisation, f"local_population_{g}_pct") for g, _ in organisation.LOCAL_GROUPS},
        "pay_band_order": "\n".join(organisation.pay_band_order),
        **selectors.social_care_initial(organisation),
    })
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_metric_settings_update(organisation=organisation, actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "The settings are saved.")
            return redirect("metrics:settings", org_slug)
    return render(request, "metrics/settings.html", {"form": form, "page_title": "Workforce figures settings"})
