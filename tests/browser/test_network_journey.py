"""The network journey in Chromium: HR publishes a year's figures to a network, the coordinator opens the
pan-network table and downloads the tables as XLSX. Every page passes axe-core (WCAG 2.2 A/AA)."""

import io
import re

from playwright.sync_api import expect

from edi_tracker.models import Role
from networks import services
from tests.factories import MembershipFactory, UserFactory
from tests.networks.conftest import YEAR, make_organisation

from .conftest import assert_accessible, log_in


def test_hr_publishes_and_the_coordinator_downloads_the_table(live_server, new_page, db):
    coordinator = UserFactory(username="alliance-coordinator")
    network = services.create_network(slug="alliance", name="Regional improvement alliance", coordinators=[coordinator])
    orgs = [make_organisation("north-borough", 700, 1), make_organisation("east-trust", 500, 2)]
    for org in orgs:
        services.invite_organisation(network=network, organisation=org)
        services.accept_invitation(network=network, organisation=org)
    services.publish_metrics(network=network, organisation=orgs[1], year=YEAR, scope="all")
    MembershipFactory(user=UserFactory(username="hr-officer"), organisation=orgs[0], role=Role.HR)

    # HR publishes the year's figures from its organisation's Networks page.
    page = new_page()
    log_in(page, "hr-officer")
    page.goto("/o/north-borough/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Networks").click()
    expect(page.get_by_role("heading", name="Regional improvement alliance")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Publish figures")).click()
    page.get_by_label("Reporting year").select_option(str(YEAR))
    page.get_by_label("All staff").check()
    assert_accessible(page)
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text(f"Your {YEAR} figures are published to Regional improvement alliance.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Withdraw"))).to_be_visible()

    # The coordinator opens the pan-network table and downloads the tables.
    page = new_page()
    log_in(page, "alliance-coordinator")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Networks").click()
    page.get_by_role("link", name="Regional improvement alliance").click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(f"snapshot 31 March {YEAR}")).click()
    expect(page.get_by_role("heading", name="Ethnicity of staff by national salary band")).to_be_visible()
    table = page.get_by_role("table", name=re.compile("Share of each ethnic group"))
    expect(table.get_by_role("rowheader", name=re.compile("North Borough"))).to_be_visible()
    expect(table.get_by_role("rowheader", name=re.compile("East Trust"))).to_be_visible()
    expect(table.get_by_role("rowheader", name="Network total")).to_be_visible()
    # every broad ethnic group has its columns, each with the local population's share beside it
    for group in ("Black, Asian and minority ethnic", "Asian, Asian British or Asian Welsh",
                  "Black, Black British, Black Welsh, Caribbean or African", "Mixed or Multiple ethnic groups",
                  "Other ethnic group", "White", "Not known"):
        expect(table.get_by_role("columnheader", name=group, exact=True)).to_have_count(1)
    expect(table.get_by_role("columnheader", name="Local population")).to_have_count(6)
    expect(page.get_by_role("region", name=re.compile("Share of each ethnic group"))).to_be_visible()
    assert_accessible(page)
    # at 390 px the table scrolls inside its region, the page itself does not
    page.set_viewport_size({"width": 390, "height": 844})
    region = page.get_by_role("region", name=re.compile("Share of each ethnic group"))
    assert region.evaluate("e => e.scrollWidth > e.clientWidth")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the tables (XLSX)").click()
    download = download_info.value
    assert download.suggested_filename == f"alliance-{YEAR}.xlsx"
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(open(download.path(), "rb").read()))
    assert book.sheetnames[:4] == ["Pay bands", "SC-WRES metrics", "Pay gaps", "Declaration rates"]
    assert [row[0] for row in book["Pay bands"].values][1:3] == ["East Trust", "North Borough"]
    headings = next(book["Pay bands"].values)
    assert "Asian, Asian British or Asian Welsh: All staff" in headings
    assert "Mixed or Multiple ethnic groups: local population" in headings

    # The side-by-side metrics, with their charts, pass axe too.
    page.get_by_role("link", name="SC-WRES metrics").click()
    expect(page.get_by_role("img", name=re.compile("Bar chart of each member's value")).first).to_be_visible(timeout=60_000)
    assert_accessible(page)
    # The coordinator sees nothing of the members' own pages.
    assert page.goto("/o/north-borough/").status == 404
