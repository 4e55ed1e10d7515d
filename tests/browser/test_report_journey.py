"""An editor makes a highlight report, watches its progress (a real Celery worker makes it) and downloads the
PDF; the dashboards and report pages pass axe-core."""

import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from reports.models import Report, ReportStatus
from tests.reports.conftest import Q2, history_plan, media_root, start_worker  # noqa: F401 (fixtures)

from .conftest import assert_accessible, count_colours, log_in

pytestmark = pytest.mark.worker

# The size on the screen, in CSS pixels, of each text of an inlined chart: its font size in the chart's units
# times the chart's scale on the page.
CHART_TEXT_PX = ("svg => [...svg.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')) "
                 "* t.getScreenCTM().a)")


def test_editor_makes_a_report_watches_its_progress_and_downloads_it(page, org, editor, history_plan,  # noqa: F811
                                                                     start_worker):  # noqa: F811
    start_worker(EDI_REPORT_TEST_DELAY_SECONDS=3)  # slow enough to see it being made
    log_in(page, editor.username)
    page.goto(f"/o/{org.slug}/")
    page.get_by_role("link", name="Dashboards", exact=True).click()
    page.get_by_role("link", name="Highlight reports (PDF)").click()
    page.get_by_label("Plan").select_option(label=history_plan.title)
    page.get_by_label("Quarter").select_option(Q2.slug)
    assert_accessible(page)
    page.get_by_role("button", name="Make the report").click()

    expect(page.get_by_role("heading", name="Highlight report 2022/23 Q2")).to_be_visible()
    status = page.locator("#report-status")
    expect(status).to_contain_text(re.compile("Queued|Being made"))
    assert_accessible(page)
    # htmx asks every 2 seconds; no reload by the test.
    expect(status).to_contain_text("Being made", timeout=30_000)
    download_link = page.get_by_role("link", name=re.compile("Download the PDF"))
    expect(download_link).to_be_visible(timeout=60_000)
    assert Report.objects.get().status == ReportStatus.DONE
    assert_accessible(page)

    with page.expect_download() as info:
        download_link.click()
    # Named after the organisation, the plan and the quarter.
    assert info.value.suggested_filename == "demo-borough-council-childrens-services-edi-plan-2022-23-q2.pdf"
    content = open(info.value.path(), "rb").read()
    pdf = PdfReader(io.BytesIO(content))
    assert pdf.metadata.title == "Highlight report 2022/23 Q2: Children's Services EDI plan"
    assert "Still no budget for the traineeships." in re.sub(r"\s+", " ", "".join(p.extract_text() for p in pdf.pages))

    # Making it again asks first, on a page of its own that spells out what happens.
    first = Report.objects.get()
    page.get_by_role("link", name="Make the report again").click()
    expect(page.get_by_role("heading", name="Make the 2022/23 Q2 report again?")).to_be_visible()
    expect(page.get_by_text("listed as superseded")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, make the report again").click()
    expect(page.get_by_role("heading", name="Highlight report 2022/23 Q2")).to_be_visible()
    download_link = page.get_by_role("link", name=re.compile("Download the PDF"))
    expect(download_link).to_be_visible(timeout=60_000)
    assert_accessible(page)
    second = Report.objects.exclude(pk=first.pk).get()
    first.refresh_from_db()
    assert first.superseded_by == second and second.status == ReportStatus.DONE
    with page.expect_download() as info:
        download_link.click()
    assert info.value.suggested_filename == "demo-borough-council-childrens-services-edi-plan-2022-23-q2.pdf"
    assert PdfReader(io.BytesIO(open(info.value.path(), "rb").read())).pages

    # The list shows the old one as superseded, and the same plan and quarter again goes to the confirmation.
    page.get_by_role("link", name="Reports", exact=True).click()  # the breadcrumb
    expect(page.locator("table").get_by_text("Superseded")).to_have_count(1)
    assert_accessible(page)
    page.get_by_label("Plan").select_option(label=history_plan.title)
    page.get_by_label("Quarter").select_option(Q2.slug)
    page.get_by_role("button", name="Make the report").click()
    expect(page.get_by_role("heading", name="Make the 2022/23 Q2 report again?")).to_be_visible()
    page.get_by_role("link", name="No, keep the report there is").click()
    expect(page.get_by_role("heading", name="Highlight report 2022/23 Q2")).to_be_visible()
    assert Report.objects.count() == 2


def test_dashboards_pass_axe(page, org, admin_member, history_plan):  # noqa: F811
    log_in(page, admin_member.username)
    for path in [f"/o/{org.slug}/reports/?quarter={Q2.slug}",
                 f"/o/{org.slug}/reports/plans/{history_plan.pk}/?quarter={Q2.slug}",
                 f"/o/{org.slug}/reports/plans/{history_plan.pk}/?quarter=nonsense",
                 f"/o/{org.slug}/reports/recipients/"]:
        response = page.goto(path)
        assert response.status == 200, path
        # The charts are inlined, named for screen readers, their text as text at least 16 px on the screen.
        for chart in page.locator("svg.app-chart").all():
            assert chart.get_attribute("role") == "img", path
            sizes = chart.evaluate(CHART_TEXT_PX)
            assert sizes and min(sizes) >= 15.5, (path, sizes)  # the page's small print is 16 px at 1280 px
        assert_accessible(page)


def test_dashboard_charts_show_in_colour_under_the_real_csp(chromium, live_server, org, admin_member,  # noqa: F811
                                                            history_plan):  # noqa: F811
    # No bypass_csp here: the page and the chart responses are served with their real policies.
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    try:
        page = context.new_page()
        blocked = []
        page.on("console", lambda message: "Content Security Policy" in message.text and blocked.append(message.text))
        log_in(page, admin_member.username)
        page.goto(f"/o/{org.slug}/reports/plans/{history_plan.pk}/?quarter={Q2.slug}")
        chart = page.get_by_role("img", name=re.compile("by status", re.I)).first
        expect(chart).to_be_visible()
        # GOV.UK red and green, the status chart's bars (edi_tracker.status).
        drawn = count_colours(chart, red="#d4351c", green="#00703c")
        # At the end of Q2 A5 is red and A3 green (tests/reports/conftest.py): both bars drawn in colour.
        assert drawn["width"] > 200 and drawn["red"] > 100 and drawn["green"] > 100, drawn
        assert blocked == []
    finally:
        context.close()
