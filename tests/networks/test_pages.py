"""The network's pages, the organisation's networks page, the exports and the board report."""

import io

import pytest
from django.urls import reverse

from edi_tracker.models import AuditEvent, User
from networks import services
from networks.models import NetworkAuditEvent, NetworkReport, Publication
from tests.factories import UserFactory

from .conftest import YEAR

PAGES = ["networks:pay-bands", "networks:metrics", "networks:pay-gaps", "networks:declaration", "networks:standing"]


def user(name):
    return User.objects.get(username=name)


@pytest.mark.parametrize("page", PAGES)
def test_the_coordinator_and_members_see_every_page(client_for, coordinator, published, page):
    for who in (coordinator, user("viewer-east-trust")):
        response = client_for(who).get(reverse(page, args=["alliance", YEAR]))
        assert response.status_code == 200
        body = response.content.decode()
        for name in ("North Borough", "East Trust", "West Council"):
            assert name in body


def test_the_pay_band_table_shows_each_members_published_shares(client_for, coordinator, published):
    body = client_for(coordinator).get(reverse("networks:pay-bands", args=["alliance", YEAR])).content.decode()
    for publication in published:
        band = publication.document["metric_1"]["national_bands"][0]
        if band["bme_pct"] is not None and band["bme"] > 3:
            assert f"{band['bme_pct']:.1f}%" in body
    assert "Network total" in body and "Less than £30,000" in body


def test_the_seeds_rule_on_the_page_at_3_and_4_people(client_for, coordinator, network, three):
    """With thresholds of 3, a band share of 3 people is "<10%", one of 4 is shown."""
    from tests.metrics import builders

    from .conftest import make_organisation

    network.disclosure_threshold = 3
    network.save()
    small = make_organisation("small-trust", 0, 9, threshold=3)
    # In the band below £30,000 (all 47 of them): BME 3 (Black African), so Black 3, Asian 0; not known 4.
    people = ([{"id": f"w{i}", "group": "white", "annual_salary": 25000, "pay": 13} for i in range(40)]
              + [{"id": f"b{i}", "group": "bme", "annual_salary": 25000, "pay": 13} for i in range(3)]
              + [{"id": f"n{i}", "group": "not_known", "annual_salary": 25000, "pay": 13} for i in range(4)])
    builders.staff(small, YEAR, people, columns=["employee_id", "ethnicity", "pay_band", "hourly_pay", "annual_salary"])
    services.invite_organisation(network=network, organisation=small)
    services.accept_invitation(network=network, organisation=small)
    publication = services.publish_metrics(network=network, organisation=small, year=YEAR, scope="all")
    band = publication.document["metric_1"]["national_bands"][0]
    assert (band["bme"], band["not_known"]) == (3, 4)
    from networks.selectors import network_table, pay_band_table

    row = next(r for r in pay_band_table(network_table(network, YEAR))["rows"] if r["organisation"] == "small-trust")
    cells = {g["group"]: g["cells"][1]["text"] for g in row["groups"]}
    assert cells["bme"] == "<10%"
    assert cells["black"] == "<10%"  # a group's count of 3: the seed's rule too
    assert cells["asian"] == "0.0%"
    assert cells["not_known"] == f"{4 / 47 * 100:.1f}%"


def test_the_seeds_rule_for_a_group_at_3_and_4_people(client_for, coordinator, network):
    """A broad group's share: 3 Asian staff in a band is "<10%", 4 Black staff is shown (threshold 3), on the page."""
    from tests.metrics import builders

    from .conftest import make_organisation

    network.disclosure_threshold = 3
    network.save()
    small = make_organisation("small-council", 0, 9, threshold=3)
    # Below £30,000, 50 staff: White 40, Asian 3 (Indian), Black 4 (Caribbean), Mixed 3 (White and Asian) — BME
    # 10; Asian 3 / 50 = 6% and Mixed 3 / 50 = 6% are "<10%"; Black 4 / 50 = 8.0% is shown; BME 10 / 50 = 20.0%.
    people = ([{"id": f"w{i}", "group": "white", "annual_salary": 25000} for i in range(40)]
              + [{"id": f"a{i}", "ethnicity": "asian_indian", "annual_salary": 25000} for i in range(3)]
              + [{"id": f"k{i}", "ethnicity": "black_caribbean", "annual_salary": 25000} for i in range(4)]
              + [{"id": f"m{i}", "ethnicity": "mixed_white_asian", "annual_salary": 25000} for i in range(3)])
    builders.staff(small, YEAR, people, columns=["employee_id", "ethnicity", "pay_band", "annual_salary"])
    services.invite_organisation(network=network, organisation=small)
    services.accept_invitation(network=network, organisation=small)
    publication = services.publish_metrics(network=network, organisation=small, year=YEAR, scope="all")
    band = publication.document["metric_1"]["national_bands"][0]
    assert (band["asian"], band["black"], band["mixed"], band["other"], band["bme"]) == (3, 4, 3, 0, 10)
    from networks.selectors import network_table, pay_band_table

    row = pay_band_table(network_table(network, YEAR))["rows"][0]
    cells = {g["group"]: g["cells"][1]["text"] for g in row["groups"]}
    assert cells == {"bme": "20.0%", "asian": "<10%", "black": "8.0%", "mixed": "<10%", "other": "0.0%",
                     "white": "80.0%", "not_known": "0.0%"}
    body = client_for(coordinator).get(reverse("networks:pay-bands", args=["alliance", YEAR])).content.decode()
    assert "8.0%" in body and "&lt;10%" in body


def test_the_workbook_has_a_sheet_per_table_and_the_members_figures(client_for, coordinator, published):
    from openpyxl import load_workbook

    response = client_for(coordinator).get(reverse("networks:xlsx", args=["alliance", YEAR]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Pay bands", "SC-WRES metrics", "Pay gaps", "Declaration rates", "Notes"]
    rows = list(book["Pay bands"].values)
    assert [r[0] for r in rows[1:4]] == ["East Trust", "North Borough", "West Council"]
    assert rows[4][0] == "Network total"


def test_charts_are_svg_with_text(client_for, coordinator, published):
    response = client_for(coordinator).get(reverse("networks:chart", args=["alliance", YEAR, "metric_1"]))
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert 'role="img"' in svg and "Network median" in svg and "hatch" in svg.lower() or "pattern" in svg.lower()
    assert client_for(coordinator).get(reverse("networks:chart", args=["alliance", YEAR, "nonsense"])).status_code == 404


def test_hr_publishes_and_withdraws_from_the_organisation_page(client_for, network, three):
    north = three[0]
    hr = user("hr-north-borough")
    client = client_for(hr)
    page = client.get(reverse("org_networks:index", args=[north.slug]))
    assert "Publish figures" in page.content.decode()
    bad = client.post(reverse("org_networks:publish", args=[north.slug, "alliance"]), {"year": "2019", "scope": "all"})
    assert bad.status_code == 200 and "Select a valid choice" in bad.content.decode()
    refused = client.post(reverse("org_networks:publish", args=[north.slug, "alliance"]), {"year": YEAR, "scope": "adults"})
    assert "no social care areas are set" in refused.content.decode()
    response = client.post(reverse("org_networks:publish", args=[north.slug, "alliance"]), {"year": YEAR, "scope": "all"})
    assert response.status_code == 302
    publication = Publication.objects.get(organisation=north, withdrawn_at=None)
    assert AuditEvent.objects.filter(organisation=north, verb="network.published").exists()
    assert NetworkAuditEvent.objects.filter(network=network, organisation=north, verb="network.published").exists()
    confirm = client.get(reverse("org_networks:withdraw", args=[north.slug, publication.pk]))
    assert "Are you sure" in confirm.content.decode()
    client.post(reverse("org_networks:withdraw", args=[north.slug, publication.pk]))
    publication.refresh_from_db()
    assert publication.withdrawn_at is not None
    assert AuditEvent.objects.filter(organisation=north, verb="network.withdrawn").exists()
    assert NetworkAuditEvent.objects.filter(network=network, verb="network.withdrawn").exists()


def test_an_admin_accepts_declines_and_leaves(client_for, network, db):
    from .conftest import make_organisation
    from tests.factories import MembershipFactory, UserFactory

    org = make_organisation("south-district", 0, 4)
    admin = UserFactory(username="admin-south")
    MembershipFactory(user=admin, organisation=org, role="admin")
    viewer = UserFactory(username="viewer-south")
    MembershipFactory(user=viewer, organisation=org, role="viewer")
    services.invite_organisation(network=network, organisation=org)
    assert client_for(viewer).post(reverse("org_networks:accept", args=[org.slug, "alliance"])).status_code == 403
    client = client_for(admin)
    assert "Accept" in client.get(reverse("org_networks:index", args=[org.slug])).content.decode()
    client.post(reverse("org_networks:accept", args=[org.slug, "alliance"]))
    assert network.memberships.get(organisation=org).status == "member"
    again = client.post(reverse("org_networks:accept", args=[org.slug, "alliance"]), follow=True)
    assert "has no invitation to" in again.content.decode()
    assert "Are you sure you want to leave" in client.get(reverse("org_networks:leave", args=[org.slug, "alliance"])).content.decode()
    client.post(reverse("org_networks:leave", args=[org.slug, "alliance"]))
    assert network.memberships.get(organisation=org).status == "left"
    services.invite_organisation(network=network, organisation=org)
    client.post(reverse("org_networks:decline", args=[org.slug, "alliance"]))
    assert network.memberships.get(organisation=org).status == "declined"


def test_the_coordinator_invites_and_members_cannot(client_for, coordinator, network, three):
    from .conftest import make_organisation

    make_organisation("new-borough", 0, 5)
    url = reverse("networks:invite", args=["alliance"])
    assert client_for(user("admin-north-borough")).post(url, {"organisation": "new-borough"}).status_code == 403
    client = client_for(coordinator)
    client.post(url, {"organisation": "new-borough"})
    assert network.memberships.get(organisation__slug="new-borough").status == "invited"
    response = client.post(url, {"organisation": "nowhere"}, follow=True)
    assert "There is no organisation with the short name “nowhere”" in response.content.decode()
    response = client.post(url, {"organisation": "north-borough"}, follow=True)
    assert "already a member" in response.content.decode()


def test_the_board_report_is_a_tagged_pdf_made_by_the_task(client_for, coordinator, published, django_capture_on_commit_callbacks):
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("networks:report", args=["alliance", YEAR]))
    report = NetworkReport.objects.get()
    assert report.status == "done", report.failure_reason
    response = client.get(reverse("networks:report-pdf", args=["alliance", report.pk]))
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(content))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    text = "".join(page.extract_text() for page in reader.pages)
    assert "North Borough" in text and "Network total" in text
    # a withdrawal: the report is no longer served
    services.withdraw_metrics(network=published[0].network, organisation=published[0].organisation, year=YEAR)
    assert client.get(reverse("networks:report-pdf", args=["alliance", report.pk])).status_code == 404


def test_the_pages_queries_do_not_grow_with_the_members(client_for, coordinator, network, published):
    """session + user, the network, coordinator?, member organisations, the publications (with organisations):
    the same handful for three members as for four."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .conftest import make_organisation

    client = client_for(coordinator)
    url = reverse("networks:metrics", args=["alliance", YEAR])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    three = count()
    fourth = make_organisation("fourth-borough", 400, 11)
    services.invite_organisation(network=network, organisation=fourth)
    services.accept_invitation(network=network, organisation=fourth)
    services.publish_metrics(network=network, organisation=fourth, year=YEAR, scope="all")
    assert count() == three <= 10


def test_site_administrators_manage_networks_in_the_django_admin(client, network):
    admin = UserFactory(username="site-admin", is_staff=True, is_superuser=True)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/admin/networks/network/add/").status_code == 200
    assert "Regional improvement alliance" in client.get("/admin/networks/network/").content.decode()
