"""The metrics pages' scopes, the pay gap pages and their CSV, the stored results per scope, the link
from workforce to metrics, and the recomputation of results stored under the old methodology."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from edi_tracker.models import Role
from metrics import selectors
from metrics.models import METHODOLOGY, MetricResult, MetricSettings
from metrics.services import results_recompute, results_recompute_stale
from workforce.models import RecruitmentRecord
from workforce import hooks

from . import builders as b
from .test_methodology import PAY_COLUMNS, _scoped_people


@pytest.fixture
def scoped(org):
    b.staff(org, 2022, _scoped_people("column"), columns=["employee_id", "ethnicity", "pay_band", "sex", "hourly_pay",
                                                          "leaving_date", "social_care_area"])
    results_recompute(organisation=org, year=2022)


def test_results_are_stored_for_every_scope_with_staff(org, scoped):
    stored = {r.scope: r.document["workforce"]["in_post"] for r in MetricResult.objects.filter(organisation=org, year=2022)}
    assert stored == {"social_care": 6, "adults": 3, "children": 3, "all": 9}
    assert set(MetricResult.objects.values_list("methodology", flat=True)) == {METHODOLOGY}


def test_without_areas_only_social_care_and_all_are_stored(org):
    b.staff(org, 2022, [{"id": f"W{i}", "group": "white"} for i in range(3)])
    results_recompute(organisation=org, year=2022)
    assert sorted(MetricResult.objects.values_list("scope", flat=True)) == ["all", "social_care"]


@pytest.mark.parametrize("role", Role.values)
def test_the_year_page_says_its_scope_and_switches_between_scopes(client_for, make_member, org, scoped, role):
    client = client_for(make_member(role))
    url = reverse("metrics:year", args=[org.slug, 2022])
    html = client.get(url).content.decode()
    assert "Workforce race equality: social care staff" in html
    assert "?scope=adults" in html and "?scope=children" in html and "?scope=all" in html
    adults = client.get(url, {"scope": "adults"}).content.decode()
    assert "Workforce race equality: adults&#x27; social care" in adults
    assert client.get(url, {"scope": "nonsense"}).status_code == 200  # an unknown scope shows social care


def test_a_page_without_areas_says_all_staff(client_for, viewer, org):
    b.staff(org, 2022, [{"id": f"W{i}", "group": "white"} for i in range(12)])
    results_recompute(organisation=org, year=2022)
    html = client_for(viewer).get(reverse("metrics:year", args=[org.slug, 2022])).content.decode()
    assert "These figures are for all staff: no social care areas are set." in html


def test_the_outsider_gets_404_on_the_scoped_page(client_for, outsider, org, scoped):
    assert client_for(outsider).get(reverse("metrics:year", args=[org.slug, 2022]), {"scope": "adults"}).status_code == 404


@pytest.fixture
def paid(org):
    # 3 men at £20 and 2 women at £10 and £12; M1 and F1 a bonus of £100. Mean gap (20 − 11)/20 = 45.0%,
    # median (20 − 11)/20 = 45.0%; bonus gaps 0.0%; receiving: women 1 of 2 = 50.0%, men 1 of 3 = 33.3%.
    b.staff(org, 2022, [
        {"id": "M1", "group": "white", "sex": "male", "pay": 20, "bonus_pay": Decimal(100), "disability": "no"},
        {"id": "M2", "group": "bme", "sex": "male", "pay": 20, "disability": "no"},
        {"id": "M3", "group": "white", "sex": "male", "pay": 20, "disability": "yes"},
        {"id": "F1", "group": "white", "sex": "female", "pay": 10, "bonus_pay": Decimal(100), "disability": "no"},
        {"id": "F2", "group": "bme", "sex": "female", "pay": 12, "disability": "no"},
    ], columns=PAY_COLUMNS)
    results_recompute(organisation=org, year=2022)


@pytest.mark.parametrize("role,allowed", [(Role.HR, True), (Role.ADMIN, True), (Role.EDITOR, False), (Role.VIEWER, False),
                                          (Role.LEAD, False)])
def test_the_gender_pay_gap_page_gives_the_six_figures_as_gov_uk_asks(client_for, make_member, org, paid, role, allowed):
    client = client_for(make_member(role))
    response = client.get(reverse("metrics:pay-gap", args=[org.slug, 2022, "gender"]))
    assert response.status_code == (200 if allowed else 403)
    if not allowed:
        assert client.get(reverse("metrics:pay-gap-csv", args=[org.slug, 2022, "gender"])).status_code == 403
        return
    html = response.content.decode()
    order = ["Mean gender pay gap in hourly pay", "Median gender pay gap in hourly pay", "Mean gender pay gap in bonus pay",
             "Median gender pay gap in bonus pay", "Percentage of women who received bonus pay",
             "Percentage of men who received bonus pay", "Lower hourly pay quarter", "Upper hourly pay quarter"]
    positions = [html.index(words) for words in order]
    assert positions == sorted(positions)  # the service's order
    assert "45.0%" in html and "33.3%" in html and "50.0%" in html
    assert "What these mean" in html and "maternity" in html
    assert "Counted for hourly pay" in html and "voluntary" in html  # 5 relevant employees, under 250
    rows = list(csv.reader(io.StringIO(client.get(reverse("metrics:pay-gap-csv", args=[org.slug, 2022, "gender"])).content.decode())))
    assert rows[0] == ["Comparison", "Figure", "Value"]
    figures = {figure: value for _, figure, value in rows[1:]}
    assert figures["Mean gender pay gap in hourly pay"] == "45.0%"
    assert figures["Percentage of men who received bonus pay"] == "33.3%"
    # Quartiles of 5 (sizes 2, 1, 1, 1): £10 F1, £12 F2 | £20 ×3 men → Q1 women 100%, the rest men 100%.
    assert figures["Lower hourly pay quarter: Women"] == "100.0%" and figures["Upper hourly pay quarter: Men"] == "100.0%"


def test_the_ethnicity_and_disability_pages_in_the_same_form(client_for, hr, org, paid):
    client = client_for(hr)
    ethnicity = client.get(reverse("metrics:pay-gap", args=[org.slug, 2022, "ethnicity"])).content.decode()
    assert "All other ethnic groups compared with White British" in ethnicity
    assert "Mean ethnicity pay gap in hourly pay" in ethnicity and "(the SC-WRES view)" in ethnicity
    disability = client.get(reverse("metrics:pay-gap", args=[org.slug, 2022, "disability"])).content.decode()
    # Disabled M3 £20 against not disabled 20, 20, 10, 12 (mean 15.5): (15.5 − 20)/15.5 = −29.0%.
    assert "Disabled employees compared with employees who are not disabled" in disability and "-29.0%" in disability
    assert client.get(reverse("metrics:pay-gap", args=[org.slug, 2022, "age"])).status_code == 404
    assert client.get(reverse("metrics:pay-gap", args=[org.slug, 2031, "gender"])).status_code == 404


def test_the_pay_gap_page_is_404_to_an_outsider(client_for, outsider, org, paid):
    assert client_for(outsider).get(reverse("metrics:pay-gap", args=[org.slug, 2022, "gender"])).status_code == 404


def test_the_raw_or_computed_selector_never_writes(org):
    b.staff(org, 2022, [{"id": "W1", "group": "white"}])
    document = selectors.raw_or_computed(org, 2022)
    assert document["workforce"]["in_post"] == 1
    assert not MetricResult.objects.exists()  # read, not stored
    call_command("metrics", org.slug, "2022", "--json")  # the command (a caller) stores through the service
    assert MetricResult.objects.filter(organisation=org, year=2022, scope="social_care").exists()


def test_metrics_registers_its_recomputation_with_workforce():
    from metrics.services import results_recompute_for_extract

    assert results_recompute_for_extract in hooks.after_confirm_callbacks()
    with hooks.after_confirm_paused():
        assert hooks.after_confirm_callbacks() == []
    assert results_recompute_for_extract in hooks.after_confirm_callbacks()


def test_results_of_the_old_methodology_are_recomputed_and_their_old_document_kept(org, other_org):
    b.staff(org, 2022, [{"id": "W1", "group": "white", "leaving_date": b.D(2022, 3, 31)}])
    old = {"organisation": org.slug, "year": 2022, "workforce": {"in_post": 0, "in_year": 1, "leavers": 1}}
    MetricResult.objects.create(organisation=org, year=2022, document=old, methodology=1)
    # A year whose extracts are no longer current keeps its stored document: nothing stored is lost.
    MetricResult.objects.create(organisation=other_org, year=2019, document={"year": 2019}, methodology=1)
    assert results_recompute_stale() == [(org.slug, 2022)]
    result = MetricResult.objects.get(organisation=org, year=2022, scope="social_care")
    # Leaving on 31 March: in post under the revised §1 (0 before).
    assert result.document["workforce"] == {"in_post": 1, "in_year": 1, "leavers": 1}
    assert result.superseded_document == old and result.methodology == METHODOLOGY
    kept = MetricResult.objects.get(organisation=other_org, year=2019)
    assert kept.document == {"year": 2019} and kept.methodology == 1


def test_migrate_recomputes_stale_results(org):
    b.staff(org, 2022, [{"id": "W1", "group": "white"}])
    MetricResult.objects.create(organisation=org, year=2022, document={"old": True}, methodology=1)
    from metrics.services import results_recompute_after_migrate

    results_recompute_after_migrate(sender=None, verbosity=0)  # what post_migrate calls (metrics.apps)
    assert MetricResult.objects.get(organisation=org, year=2022, scope="social_care").methodology == METHODOLOGY


def test_organisation_settings_refuses_a_directorate_in_both_areas(org):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="in both adults' and children's social care"):
        call_command("organisation_settings", org.slug, "--social-care", "adults=Social Care",
                     "--social-care", "children=Social Care")
    with pytest.raises(CommandError, match="is not an area and a directorate"):
        call_command("organisation_settings", org.slug, "--social-care", "elderly=Care")
    assert not MetricSettings.objects.exists()


def test_hr_sets_the_social_care_directorates_in_the_settings_page(client_for, hr, org):
    b.staff(org, 2022, _scoped_people("mapping"), columns=["employee_id", "ethnicity", "pay_band", "leaving_date", "directorate"])
    results_recompute(organisation=org, year=2022)
    assert sorted(MetricResult.objects.values_list("scope", flat=True)) == ["all", "social_care"]
    url = reverse("metrics:settings", args=[org.slug])
    data = {"disclosure_threshold": "10", "bme_label": "Black, Asian and minority ethnic", "local_population_bme_pct": "",
            "pay_band_order": "", "social_care_adults": "Adult Social Care\n", "social_care_children": "Children's Social Care",
            "pay_period_days": "30"}
    assert client_for(hr).post(url, data).status_code == 302
    settings = MetricSettings.objects.get(organisation=org)
    assert (settings.social_care_adults, settings.social_care_children, settings.pay_period_days) == (
        ["Adult Social Care"], ["Children's Social Care"], 30)
    # The stored figures were recomputed: adults and children now apart, social care 6 in post of 9.
    stored = {r.scope: r.document["workforce"]["in_post"] for r in MetricResult.objects.filter(organisation=org)}
    assert stored == {"social_care": 6, "adults": 3, "children": 3, "all": 9}
    assert "Adult Social Care" in client_for(hr).get(url).content.decode()
    # A directorate in both areas is refused with a message, and nothing changes.
    response = client_for(hr).post(url, {**data, "social_care_children": "Adult Social Care"})
    assert response.status_code == 200 and "is in both adults&#x27; and children&#x27;s social care" in response.content.decode()
    assert MetricSettings.objects.get(organisation=org).social_care_children == ["Children's Social Care"]


def test_hr_reads_which_figures_are_missing_and_which_column_would_bring_them(client_for, hr, viewer, org):
    b.staff(org, 2022, [{"id": f"W{i}", "group": "white"} for i in range(12)], columns=["employee_id", "ethnicity", "pay_band"])
    b.cases(org, 2022, [("W1", "fitness_to_practise", b.D(2021, 9, 1))])
    results_recompute(organisation=org, year=2022)
    url = reverse("metrics:year", args=[org.slug, 2022])
    html = client_for(hr).get(url).content.decode()
    assert "What is missing or left out, and why" in html
    assert "the staff extract has no bonus_pay column: add it to get the bonus gaps" in html
    assert "The staff extract has no regulated column." in html  # metric 4's line in the table
    assert "What is missing or left out" not in client_for(viewer).get(url).content.decode()


def test_without_areas_each_stored_scope_is_exactly_what_computing_it_alone_gives(org):
    """The social care document is then the "all" document copied (computed once): it must be the very
    document computing social care on its own gives, recruitment and survey included."""
    from metrics.compute import compute, every_row_in_every_scope, to_jsonable

    b.staff(org, 2022, [{"id": f"W{i}", "group": "white" if i % 3 else "bme", "pay": 10 + i} for i in range(9)])
    b.recruitment(org, 2022, [("bme", True, i % 2 == 0, date(2021, 6, 1)) for i in range(4)])
    assert every_row_in_every_scope(org, 2022)
    results_recompute(organisation=org, year=2022)
    stored = {r.scope: r.document for r in MetricResult.objects.filter(organisation=org, year=2022)}
    assert set(stored) == {"social_care", "all"}
    for scope, document in stored.items():
        assert document == to_jsonable(compute(org, 2022, scope)), scope


def test_a_social_care_area_column_in_any_extract_makes_each_scope_computed_on_its_own(org):
    from metrics.compute import compute, every_row_in_every_scope, to_jsonable

    b.staff(org, 2022, [{"id": f"W{i}", "group": "white" if i % 3 else "bme"} for i in range(9)])
    b.recruitment(org, 2022, [("bme", True, True, None), ("white", True, True, None), ("white", True, False, None)],
                  columns=("ethnicity", "shortlisted", "appointed", "social_care_area"))
    RecruitmentRecord.objects.filter(wres_group="white").update(social_care_area="none")
    RecruitmentRecord.objects.filter(wres_group="bme").update(social_care_area="adults")
    assert not every_row_in_every_scope(org, 2022)
    results_recompute(organisation=org, year=2022)
    stored = {r.scope: r.document for r in MetricResult.objects.filter(organisation=org, year=2022)}
    for scope, document in stored.items():
        assert document == to_jsonable(compute(org, 2022, scope)), scope
    assert stored["social_care"]["metric_2"] != stored["all"]["metric_2"]
