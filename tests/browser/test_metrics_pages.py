"""The metrics page in Chromium under the app's real Content Security Policy: the SVG charts show, in
their colours (their style attributes are not blocked), and the page passes axe-core."""

import re

from playwright.sync_api import expect

from edi_tracker.models import Role
from metrics.services import results_recompute
from tests.metrics import builders as b

from .conftest import assert_accessible, count_colours, log_in


def test_a_viewer_reads_the_figures_with_charts_beside_their_tables(chromium, live_server, new_page, org, make_member):
    make_member(Role.VIEWER, username="board-member")
    b.staff(org, 2022, [{"id": f"W{i}", "group": "white", "band": "Scale 1-3", "pay": 10, "sex": "female"} for i in range(40)]
            + [{"id": f"B{i}", "group": "bme", "band": "Scale 4-6", "pay": 20, "sex": "male"} for i in range(40)])
    results_recompute(organisation=org, year=2022)

    # Under the real CSP (no bypass): the inlined charts are drawn in their colours (presentation attributes,
    # no inline styles).
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    try:
        page = context.new_page()
        log_in(page, "board-member")
        page.goto(f"/o/{org.slug}/")
        page.get_by_role("link", name="Race equality", exact=True).click()
        expect(page.get_by_role("heading", name="Workforce race equality", level=1)).to_be_visible()
        for name in ("Ethnicity of staff in each pay band", "Pay quartiles by sex", "Pay quartiles by ethnicity"):
            # Inlined in the page (no chart URL), named by its <title> and <desc>.
            chart = page.get_by_role("img", name=re.compile(name))
            expect(chart).to_be_visible()
            assert chart.evaluate("svg => svg.tagName.toLowerCase()") == "svg"
            # Its text is text, at least as large as the page's small print (16 px at 1280 px wide).
            sizes = chart.evaluate("svg => [...svg.querySelectorAll('text')].map(t => "
                                   "parseFloat(t.getAttribute('font-size')) * t.getScreenCTM().a)")
            assert sizes and min(sizes) >= 15.5, (name, sizes)
            # The chart's colours (edi_tracker.charts.GROUP_STYLES): White bars #0072B2, BME bars #E69F00.
            drawn = count_colours(chart, blue="#0072B2", orange="#E69F00")
            assert drawn["width"] > 200, drawn
            if "thnicity" in name:
                assert drawn["blue"] > 500 and drawn["orange"] > 500, (name, drawn)  # both groups' bars, in colour
    finally:
        context.close()

    page = new_page()
    log_in(page, "board-member")
    page.goto(f"/o/{org.slug}/metrics/2022/")
    band = page.get_by_role("row", name=re.compile("^Scale 1-3"))
    expect(band).to_contain_text("40")
    expect(page.get_by_text("No data for 2022: upload a recruitment extract.").first).to_be_visible()
    assert_accessible(page)


def test_hr_reads_the_gender_pay_gap_page_switches_scope_and_both_pass_axe(live_server, new_page, org, make_member):
    from metrics.models import MetricSettings

    make_member(Role.HR, username="hr-officer")
    MetricSettings.objects.create(organisation=org, social_care_adults=["Adults"], social_care_children=["Children"])
    b.staff(org, 2022, [{"id": f"W{i}", "group": "white", "band": "Scale 1-3", "pay": 10, "sex": "female",
                         "directorate": "Adults"} for i in range(30)]
            + [{"id": f"B{i}", "group": "bme", "band": "Scale 4-6", "pay": 20, "sex": "male", "directorate": "Children"}
               for i in range(30)])
    results_recompute(organisation=org, year=2022)
    page = new_page()
    log_in(page, "hr-officer")
    page.goto(f"/o/{org.slug}/metrics/2022/")
    page.get_by_role("navigation", name="Scope").get_by_role("link", name="Children's social care").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("children's social care")
    assert_accessible(page)
    page.get_by_role("link", name="gender").first.click()
    expect(page.get_by_role("heading", name="Gender pay gap 2022", level=1)).to_be_visible()
    # Men £20 against women £10: (20 − 10)/20 = 50.0%.
    expect(page.get_by_text("50.0%").first).to_be_visible()
    expect(page.get_by_role("heading", name="What these mean")).to_be_visible()
    assert_accessible(page)
