"""Who sees a network's pages, from the URL conf (the counterpart of tests/core/test_organisation_scoping.py and
test_permissions.py, reusing their walker): a new network URL is checked here without being listed.

- a coordinator sees every network page and gets 404 for every URL of every member organisation;
- the people of a member organisation (any role) see the network's pages, and 403 on the coordinators' own;
- people of an organisation only invited, or that declined or left, and outsiders, get 404 everywhere;
- a member organisation's people get 404 for a network their organisation is not in.
"""

import re

import pytest
from django.db import transaction

from edi_tracker.models import Role
from networks import services
from networks.models import NetworkReport
from tests.core.test_organisation_scoping import _walk, fill, organisation_routes
from tests.factories import MembershipFactory, UserFactory

from .conftest import YEAR

POST_DATA = {"organisation": "east-trust", "sort": "value", "member": "east-trust"}


def network_routes():
    from django.urls import get_resolver

    routes = [(route, p) for route, p in _walk(get_resolver().url_patterns) if route.startswith("n/") and route != "n/"]
    assert len(routes) >= 10, "the walk found too few network URLs"
    return routes


def url_for(route: str, network_slug: str, world: dict) -> str:
    values = {"network_slug": network_slug, "year": str(YEAR), "name": "metric_1", "pk": str(world["report_pk"])}
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], route)


@pytest.fixture
def world(network, published, coordinator):
    report = services.network_report_request(network=network, year=YEAR)
    services.network_report_generate(report_id=report.pk)
    assert NetworkReport.objects.get(pk=report.pk).status == "done"
    other = services.create_network(slug="elsewhere-network", name="Elsewhere")
    return {"report_pk": report.pk, "other": other}


def ask(client, method, url):
    with transaction.atomic():
        response = getattr(client, method)(url, POST_DATA)
        transaction.set_rollback(True)
    return response.status_code


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_coordinator_and_each_role_of_a_member_get_what_they_may(client_for, coordinator, world, method):
    wrong = []
    people = {"coordinator": coordinator}
    for role in Role.values:
        user = UserFactory(username=f"net-{role}")
        MembershipFactory(user=user, organisation_id=world_org_id("east-trust"), role=role)
        people[role] = user
    for route, pattern in network_routes():
        url = url_for(route, "alliance", world)
        only_coordinators = pattern.callback.network_coordinator_only
        for who, user in people.items():
            status = ask(client_for(user), method, url)
            if who != "coordinator" and only_coordinators:
                if status not in ((403, 405) if method == "get" else (403,)):
                    wrong.append(f"{who} must get 403 on {method.upper()} {url}, got {status}")
            elif status not in (200, 302, 405):
                wrong.append(f"{who} should be served {method.upper()} {url}, got {status}")
    assert wrong == []


def world_org_id(slug):
    from edi_tracker.models import Organisation

    return Organisation.objects.get(slug=slug).pk


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsiders_invited_declined_and_departed_organisations_get_404_everywhere(client_for, network, world, method):
    from .conftest import make_organisation

    people = {"outsider": UserFactory(username="outsider")}
    MembershipFactory(user=people["outsider"], organisation=make_organisation("outside-trust", 0, 7), role=Role.ADMIN)
    for state in ("invited", "declined", "left"):
        org = make_organisation(f"{state}-council", 0, 8)
        services.invite_organisation(network=network, organisation=org)
        if state == "declined":
            services.decline_invitation(network=network, organisation=org)
        if state == "left":
            services.accept_invitation(network=network, organisation=org)
            services.leave_network(network=network, organisation=org)
        people[state] = UserFactory(username=f"admin-{state}")
        MembershipFactory(user=people[state], organisation=org, role=Role.ADMIN)
    wrong = []
    for route, _ in network_routes():
        url = url_for(route, "alliance", world)
        for who, user in people.items():
            status = ask(client_for(user), method, url)
            if status not in (404, 405):
                wrong.append(f"{who}: {method.upper()} {url} answered {status}")
    # and a member organisation's people for a network their organisation is not in
    member = UserFactory(username="member-elsewhere")
    MembershipFactory(user=member, organisation_id=world_org_id("north-borough"), role=Role.ADMIN)
    for route, _ in network_routes():
        url = url_for(route, world["other"].slug, world)
        status = ask(client_for(member), method, url)
        if status not in (404, 405):
            wrong.append(f"member of another network: {method.upper()} {url} answered {status}")
    assert wrong == []


def test_anonymous_is_sent_to_sign_in(client, world):
    for route, _ in network_routes():
        response = client.get(url_for(route, "alliance", world))
        assert response.status_code in (302, 405)
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_coordinator_gets_404_for_every_url_of_every_member(client_for, coordinator, world, three, method):
    client = client_for(coordinator)
    for org in three:
        for route, _ in organisation_routes():
            url = fill(route, org.slug, {"default": 1, "network_slug": "alliance", "year": YEAR})
            status = ask(client, method, url)
            assert status in (404, 405), f"{method.upper()} {url} answered {status}"


def test_a_coordinator_who_is_also_a_member_sees_that_organisation(client_for, coordinator, three):
    MembershipFactory(user=coordinator, organisation=three[0], role=Role.VIEWER)
    assert client_for(coordinator).get(f"/o/{three[0].slug}/networks/").status_code == 200
    assert client_for(coordinator).get(f"/o/{three[1].slug}/networks/").status_code == 404
