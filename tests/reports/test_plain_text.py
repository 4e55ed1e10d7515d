"""Every text a user writes is drawn as plain text: a pair of dollar signs in a theme or plan title, or in the
organisation's words for BME staff, is not read as mathematics by matplotlib (which would fail the chart,
the dashboard's images and the board PDF)."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from metrics.services import results_recompute
from plans.models import Plan, Theme
from reports import services
from reports.models import ReportStatus
from tests.metrics import builders as b

from .conftest import Q2

DOLLARS = r"Funding $\notacommand$ review"
MORE_DOLLARS = r"People $x^2$ and $\frac{1}{$"


@pytest.fixture
def dollar_plan(history_plan):
    """The history plan, its theme T1 and itself titled with dollar pairs (as an import or an old row could)."""
    Theme.objects.filter(plan=history_plan, code="T1").update(title=DOLLARS)
    Plan.objects.filter(pk=history_plan.pk).update(title=MORE_DOLLARS)
    history_plan.refresh_from_db()
    return history_plan


def test_plan_and_organisation_charts_draw_dollar_titles_as_text(dollar_plan, client_for, viewer, org):
    """The groups chart labels its bars with the theme titles (plan) and the plan titles (organisation)."""
    client, name = client_for(viewer), "groups"
    for url in (reverse("reports:plan-chart", args=[org.slug, dollar_plan.pk, name]),
                reverse("reports:org-chart", args=[org.slug, name])):
        response = client.get(url, {"quarter": Q2.slug})
        assert response.status_code == 200, url
        assert response.content.decode().startswith("<svg")
    svg = client.get(reverse("reports:plan-chart", args=[org.slug, dollar_plan.pk, name]),
                     {"quarter": Q2.slug}).content.decode()
    assert r"Funding $\notacommand$ review: " in svg  # the description names each group as it is written


def test_the_dashboards_show_dollar_titles(dollar_plan, client_for, viewer, org):
    client = client_for(viewer)
    for url, title in ((reverse("reports:plan-dashboard", args=[org.slug, dollar_plan.pk]), DOLLARS),
                       (reverse("reports:org-dashboard", args=[org.slug]), MORE_DOLLARS)):
        response = client.get(url, {"quarter": Q2.slug})
        assert response.status_code == 200
        assert title in response.content.decode()


def test_the_board_pdf_is_made_with_dollar_titles(dollar_plan, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(plan=dollar_plan, quarter=Q2, requested_by=editor)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE, report.failure_reason
    with report.pdf.open("rb") as handle:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(handle.read())).pages)
    assert "notacommand" in text and "frac" in text


def _published_year(org, year=2022):
    people = ([{"id": f"W{i}", "group": "white", "band": "Scale 1-3", "pay": 10, "sex": "female"} for i in range(30)]
              + [{"id": f"B{i}", "group": "bme", "band": "Scale 4-6", "pay": 20, "sex": "male"} for i in range(30)])
    b.staff(org, year, people)
    results_recompute(organisation=org, year=year)


def test_the_metrics_page_and_its_charts_draw_a_dollar_bme_wording_as_text(client_for, viewer, org):
    org.bme_label = r"Global $\majority$ staff"
    org.save(update_fields=["bme_label"])
    _published_year(org)
    client = client_for(viewer)
    page = client.get(reverse("metrics:year", args=[org.slug, 2022]))
    assert page.status_code == 200
    html = page.content.decode()
    # The charts are inlined in the page; the same SVG is served from its own address too.
    assert ">Ethnicity of staff in each pay band, 2022</title>" in html
    assert ">Pay quartiles by ethnicity, 2022</title>" in html
    assert html.count(r">Global $\majority$ staff</text>") >= 2  # drawn as written (text, not paths) in both
    charts = ["metric-1", "ethnicity-quartiles"]
    for name in charts:
        response = client.get(reverse("metrics:chart", args=[org.slug, 2022, name]))
        assert response.status_code == 200, name
        if name != "gender-quartiles":
            assert r"Global $\majority$ staff" in response.content.decode()  # drawn as written (text, not paths)
