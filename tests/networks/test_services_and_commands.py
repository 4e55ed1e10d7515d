"""Every step from the command line, with a clear refusal for every bad argument; withdrawal removes the
figures from every page, export and command at once; the disclosure audit over the network's table."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from edi_tracker.models import AuditEvent
from networks import services
from networks.audit import network_audit, network_relations
from networks.models import Network, NetworkAuditEvent, Publication
from networks.selectors import network_table
from tests.factories import UserFactory

from .conftest import YEAR, make_organisation


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def refused(*args) -> str:
    with pytest.raises(CommandError) as error:
        run(*args)
    return str(error.value)


def test_every_step_from_the_command_line(db):
    UserFactory(username="alliance-coordinator", email="coordinator@alliance.example")
    org = make_organisation("north-borough", 700, 1)
    assert "Created the network" in run("create_network", "alliance", "--name", "Alliance",
                                        "--coordinator", "coordinator@alliance.example")
    assert Network.objects.get(slug="alliance").coordinators.get().user.username == "alliance-coordinator"
    assert "Invited" in run("network_invite", "alliance", "north-borough")
    assert "has joined" in run("network_accept", "north-borough", "alliance")
    assert "Published" in run("publish_metrics", "north-borough", str(YEAR), "--network", "alliance", "--scope", "all")
    table = json.loads(run("network_table", "alliance", str(YEAR), "--json"))
    assert [m["organisation"] for m in table["members"]] == ["north-borough"]
    assert table["members"][0]["figures"] == Publication.objects.get().document
    assert "Withdrew" in run("withdraw_metrics", "north-borough", str(YEAR), "--network", "alliance")
    assert json.loads(run("network_table", "alliance", str(YEAR), "--json"))["members"] == []
    assert "has left" in run("network_leave", "north-borough", "alliance")
    verbs = list(NetworkAuditEvent.objects.order_by("at", "id").values_list("verb", flat=True))
    assert verbs == ["network.created", "network.invited", "network.joined", "network.published", "network.withdrawn",
                     "network.left"]
    assert set(AuditEvent.objects.filter(organisation=org).values_list("verb", flat=True)) == {
        "network.invited", "network.joined", "network.published", "network.withdrawn", "network.left"}


def test_bad_arguments_get_clear_refusals(network, three):
    assert refused("create_network", "alliance", "--name", "Again") == "There is already a network “alliance”."
    assert "no user with the email address" in refused("create_network", "x", "--name", "X", "--coordinator", "no@x.org")
    assert "letters, numbers, hyphens" in refused("create_network", "bad slug", "--name", "X")
    assert "from 3 to 20" in refused("create_network", "x", "--name", "X", "--threshold", "2")
    assert refused("network_invite", "nowhere", "north-borough") == "There is no network “nowhere”."
    assert refused("network_invite", "alliance", "nobody") == "There is no organisation “nobody”."
    assert "already a member" in refused("network_invite", "alliance", "north-borough")
    assert "no invitation to" in refused("network_accept", "north-borough", "alliance")
    assert "is not a year" in refused("publish_metrics", "north-borough", "twenty", "--network", "alliance")
    assert "no staff figures for 2019" in refused("publish_metrics", "north-borough", "2019", "--network", "alliance")
    assert "no social care areas are set" in refused("publish_metrics", "north-borough", str(YEAR), "--network",
                                                     "alliance", "--scope", "adults")
    assert "has no figures for 2022 published" in refused("withdraw_metrics", "north-borough", str(YEAR), "--network",
                                                          "alliance")
    assert "Say --json" in refused("network_table", "alliance", str(YEAR))
    make_organisation("stranger", 0, 1)
    assert "is not a member of" in refused("publish_metrics", "stranger", str(YEAR), "--network", "alliance")
    assert "is not a member of" in refused("network_leave", "stranger", "alliance")
    assert not Publication.objects.exists()


def test_a_newer_publication_replaces_the_older(network, published):
    north = published[1].organisation if published[1].organisation.slug == "north-borough" else published[0].organisation
    newer = services.publish_metrics(network=network, organisation=north, year=YEAR, scope="social_care")
    assert Publication.objects.filter(organisation=north, withdrawn_at=None, replaced_at=None).get() == newer
    member = next(m for m in network_table(network, YEAR)["members"] if m["organisation"] == north.slug)
    assert member["scope"] == "social_care" and member["publication_id"] == newer.pk


def test_the_networks_threshold_applies_when_it_is_higher(network, three):
    network.disclosure_threshold = 20
    network.save()
    publication = services.publish_metrics(network=network, organisation=three[0], year=YEAR, scope="all")
    assert publication.threshold == 20
    expected = json.loads(run("metrics", three[0].slug, str(YEAR), "--json", "--published", "--scope", "all"))
    assert publication.document != expected  # more is suppressed at 20 than at the organisation's 10
    from metrics.selectors import published_document, raw_results

    # What the command would print at the network's threshold (the year's scopes protected together).
    assert publication.document == json.loads(json.dumps(published_document(
        three[0], YEAR, "all", raw_results(three[0], YEAR, "all"), 20)))


def test_after_withdrawal_no_page_export_or_command_shows_the_figures(client_for, coordinator, network, published):
    west = next(p for p in published if p.organisation.slug == "west-council")
    services.withdraw_metrics(network=network, organisation=west.organisation, year=YEAR)
    client = client_for(coordinator)
    for name in ("networks:pay-bands", "networks:metrics", "networks:pay-gaps", "networks:declaration",
                 "networks:standing"):
        body = client.get(reverse(name, args=["alliance", YEAR])).content.decode()
        assert "West Council" not in body, name
    assert client.get(reverse("networks:standing", args=["alliance", YEAR]) + "?member=west-council").status_code == 404
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(client.get(reverse("networks:xlsx", args=["alliance", YEAR])).content))
    assert not any("West Council" in str(cell) for sheet in book for row in sheet.values for cell in row)
    printed = run("network_table", "alliance", str(YEAR), "--json")
    assert "west-council" not in printed
    svg = client.get(reverse("networks:chart", args=["alliance", YEAR, "metric_1"])).content.decode()
    assert "West Council" not in svg


def test_leaving_withdraws_everything_published(network, published):
    org = published[0].organisation
    services.leave_network(network=network, organisation=org)
    assert not Publication.objects.filter(organisation=org, withdrawn_at=None).exists()
    assert org.slug not in [m["organisation"] for m in network_table(network, YEAR)["members"]]


def test_the_disclosure_audit_passes_over_the_network_table(network, published):
    table = network_table(network, YEAR)
    rel = network_relations(table)
    # the network's totals are tied to the members' counts
    assert any(name.startswith("network.totals") for name in rel.counts)
    result = network_audit(table)
    assert result.ranges, "nothing suppressed: the audit would prove nothing"
    assert result.passed, [f"{r.place}: {r.low}–{r.high}" for r in result.narrowed]


def test_the_audit_catches_a_total_that_gives_a_suppressed_count_away(network, published):
    """The counter-example: a total of a cell in which one member's count is suppressed (which the table never
    publishes) pins that count down exactly."""
    table = network_table(network, YEAR)
    members = table["members"]
    index, key, hidden = next((i, g, m) for m in members for i, band in enumerate(m["document"]["metric_1"]["national_bands"])
                              for g in ("bme", "white", "not_known") if band[g] is None)
    def true_count(slug):
        return services.results_get_or_compute(organisation=published[0].organisation.__class__.objects.get(
            slug=slug), year=YEAR, scope="all")["metric_1"]["national_bands"][index][key]

    truth = true_count(hidden["organisation"])
    leaky = json.loads(json.dumps(table))
    # The other members' counts of the cell as they are (a count they suppressed put back at its true value, so
    # that their documents stay consistent: the groups of BME add up to BME), and the total of the cell.
    others = []
    for m in leaky["members"]:
        if m["organisation"] != hidden["organisation"]:
            band = m["document"]["metric_1"]["national_bands"][index]
            if band[key] is None:
                band[key] = true_count(m["organisation"])
            others.append(band[key])
    leaky["totals"][index + 1][key] = truth + sum(others)
    result = network_audit(leaky)
    assert not result.passed
    assert any(r.place == f"{hidden['organisation']}:metric_1.national_bands[{index}].{key}" for r in result.narrowed)
