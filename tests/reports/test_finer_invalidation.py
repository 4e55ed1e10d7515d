"""What is cached for every member follows only what it is drawn from (edi_tracker.caching): a progress
update in one plan leaves the other plans' pages and dashboards and the figures cached, a change of the
figures leaves the plan pages cached, and a change that names no scope invalidates everything."""

import re

from django.urls import reverse

from edi_tracker import caching
from edi_tracker.models import Organisation
from edi_tracker.services import organisation_content_changed
from metrics import services as metric_services
from plans import services as plan_services
from plans.models import Plan

from .test_dashboard_cache import get


def keys(org_pk, *plans):
    """The keys as the next request computes them: the organisation and plans loaded afresh."""
    organisation = Organisation.objects.get(pk=org_pk)
    fresh = [Plan.objects.get(pk=p.pk) for p in plans]
    return {
        "everything": caching.shared_key(organisation, "x"),
        "figures": caching.shared_key(organisation, "x", figures=True),
        **{f"plan {p.title}": caching.shared_key(organisation, "x", plan=p) for p in fresh},
        **{f"plan+figures {p.title}": caching.shared_key(organisation, "x", plan=p, figures=True) for p in fresh},
    }


def unmasked(html: str) -> str:
    """The page without its CSRF token, which is masked afresh in every response."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def changed(before: dict, after: dict) -> set[str]:
    assert None not in before.values() and None not in after.values()
    return {name for name in before if before[name] != after[name]}


def test_each_kind_of_change_moves_only_the_keys_of_what_it_changes(org, editor, lead, history_plan):
    other = plan_services.plan_create(organisation=org, actor=editor, title="Adults' EDI plan", status="active")
    action = plan_services.action_create(plan=other, actor=editor, reference="B1", title="Staff network", lead_user=lead)
    before = keys(org.pk, history_plan, other)

    plan_services.progress_update_record(action=action, author=lead, status="green")
    after = keys(org.pk, history_plan, other)
    assert changed(before, after) == {"everything", "plan Adults' EDI plan", "plan+figures Adults' EDI plan"}

    before = after
    metric_services.organisation_metric_settings_update(organisation=Organisation.objects.get(pk=org.pk), actor=editor,
                                                        disclosure_threshold=org.disclosure_threshold, bme_label="Global majority",
                                                        local_population_bme_pct=None, pay_band_order=[])
    after = keys(org.pk, history_plan, other)
    assert changed(before, after) == {"everything", "figures", "plan+figures Adults' EDI plan",
                                      "plan+figures Children's Services EDI plan"}

    before = after
    plan_services.theme_create(plan=history_plan, actor=editor, code="T3", title="Leadership")
    after = keys(org.pk, history_plan, other)
    assert changed(before, after) == {"everything", "plan Children's Services EDI plan",
                                      "plan+figures Children's Services EDI plan"}

    before = after
    organisation_content_changed(organisation=Organisation.objects.get(pk=org.pk))  # no scope: anything changed
    assert changed(before, keys(org.pk, history_plan, other)) == set(before)


def test_the_instance_that_made_a_change_never_reads_the_cache(org, editor, history_plan):
    plan = Plan.objects.get(pk=history_plan.pk)
    organisation = Organisation.objects.get(pk=org.pk)
    assert caching.shared_key(organisation, "x", plan=plan) is not None
    plan_services.plan_update(plan=plan, actor=editor, sponsor="Director of Children's Services")
    assert caching.shared_key(organisation, "x", plan=plan) is None  # the plan in hand is out of date
    outsider = Plan(pk=10**9, organisation_id=org.pk + 1)
    assert caching.shared_key(organisation, "x", plan=outsider) is None  # never another organisation's plan


def test_a_save_in_another_plan_leaves_this_plans_pages_cached_and_its_own_show_it(client_for, viewer, editor, lead,
                                                                                   org, history_plan):
    other = plan_services.plan_create(organisation=org, actor=editor, title="Adults' EDI plan", status="active")
    action = plan_services.action_create(plan=other, actor=editor, reference="B1", title="Staff network", lead_user=lead)
    client = client_for(viewer)
    pages = {name: reverse(f"{app}:{name}", args=[org.slug, history_plan.pk])
             for app, name in (("plans", "plan-detail"), ("reports", "plan-dashboard"))}
    other_dashboard = reverse("reports:plan-dashboard", args=[org.slug, other.pk])
    computed = {name: get(client, url) for name, url in pages.items()}
    assert "Not started" in get(client, other_dashboard)[0]
    cached = {name: get(client, url) for name, url in pages.items()}

    plan_services.progress_update_record(action=action, author=lead, status="red", commentary="No chair found.")

    for name, url in pages.items():
        html, queries = get(client, url)
        assert unmasked(html) == unmasked(cached[name][0])
        assert queries == cached[name][1] < computed[name][1], name  # still read from the cache
    html, _ = get(client, other_dashboard)
    assert "No chair found." in html  # the plan that changed is computed again at once


def test_the_pdf_and_the_dashboard_share_one_drawing_of_a_chart(org, history_plan, monkeypatch):
    from django.utils import timezone

    from edi_tracker.quarters import FinancialQuarter
    from edi_tracker import charts
    from reports import pdf, selectors

    quarter = FinancialQuarter.containing(timezone.localdate())
    drawn = selectors.dashboard_chart(org, quarter, "status", plan=history_plan)
    assert drawn.startswith("<svg")

    def not_again(picture):
        raise AssertionError("the chart was drawn again for the same figures")

    monkeypatch.setitem(charts.DASHBOARD_CHARTS, "status", not_again)
    html = pdf.report_html(selectors.plan_picture(history_plan, quarter), timezone.now())
    assert pdf.chart_data_uri(drawn) in html


def test_the_organisation_dashboard_computes_again_only_the_plan_a_save_changed(org, editor, lead, history_plan,
                                                                                other_org, monkeypatch):
    from django.utils import timezone

    from edi_tracker.quarters import FinancialQuarter
    from reports import selectors

    other = plan_services.plan_create(organisation=org, actor=editor, title="Adults' EDI plan", status="active")
    action = plan_services.action_create(plan=other, actor=editor, reference="B1", title="Staff network", lead_user=lead)
    elsewhere = plan_services.plan_create(organisation=other_org, actor=editor, title="Elsewhere's plan",
                                          status="active")
    plan_services.action_create(plan=elsewhere, actor=editor, reference="Z1", title="Not ours to see")
    quarter = FinancialQuarter.containing(timezone.localdate())
    selectors.dashboard_picture(Organisation.objects.get(pk=org.pk), quarter)  # every plan's part cached

    plan_services.progress_update_record(action=action, author=lead, status="red", commentary="No chair found.")
    computed = []
    real_part = selectors._plan_part
    monkeypatch.setattr(selectors, "_plan_part", lambda plan, *args: computed.append(plan.title) or real_part(plan, *args))
    organisation = Organisation.objects.get(pk=org.pk)
    picture = selectors.dashboard_picture(organisation, quarter)

    assert computed == ["Adults' EDI plan"]  # the other plan's part was read from the cache
    assert "No chair found." in [row["commentary"] for row in picture["exceptions"]]  # the save shows at once
    # Assembled from cached parts, the picture is the one computed afresh from the database.
    assert picture == selectors.organisation_picture(organisation, quarter)
    assert {row["plan"] for row in picture["appendix"]} == {"Adults' EDI plan", history_plan.title}
    # The other organisation's dashboard, computed after ours was cached, holds its own plan only.
    theirs = selectors.dashboard_picture(Organisation.objects.get(pk=other_org.pk), quarter)
    assert [row["reference"] for row in theirs["appendix"]] == ["Z1"]
    assert [group["label"] for group in theirs["groups"]] == ["Elsewhere's plan"]
