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


def test_editor_makes_a_report_watches_its_progress_and_downloads_it(page, org, editor, history_plan,  # noqa: F811
                                                                     start_worker):  # noqa: F811
    start_worker(EDI_REPORT_TEST_DELAY_SECONDS=3)  # slow enough to see it being made
    log_in(page, editor.username)
    page.goto(f"/o/{org.slug}/")
    page.get_by_role("link", name="Dashboards and reports").click()
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
    content = open(info.value.path(), "rb").read()
    pdf = PdfReader(io.BytesIO(content))
    assert pdf.metadata.title == "Highlight report 2022/23 Q2: Children's Services EDI plan"
    assert "Still no budget for the traineeships." in re.sub(r"\s+", " ", "".join(p.extract_text() for p in pdf.pages))


def test_dashboards_pass_axe(page, org, admin_member, history_plan):  # noqa: F811
    log_in(page, admin_member.username)
    for path in [f"/o/{org.slug}/reports/?quarter={Q2.slug}",
                 f"/o/{org.slug}/reports/plans/{history_plan.pk}/?quarter={Q2.slug}",
                 f"/o/{org.slug}/reports/plans/{history_plan.pk}/?quarter=nonsense",
                 f"/o/{org.slug}/reports/recipients/"]:
        response = page.goto(path)
        assert response.status == 200, path
        # The charts load under their own response's policy and show.
        for image in page.locator("img.app-chart").all():
            assert image.evaluate("img => img.complete && img.naturalWidth > 0"), path
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
