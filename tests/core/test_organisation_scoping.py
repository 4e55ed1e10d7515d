"""Every organisation URL, found by walking the URL conf, is closed to outsiders: 404 for GET and
POST alike, and nothing changes. A new URL cannot escape: it is found here without being listed."""

import re

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from edi_tracker.models import Role
from plans import services
from plans.models import Action, Plan, ProgressUpdate


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def organisation_routes():
    routes = [(route, p) for route, p in _walk(get_resolver().url_patterns) if route.startswith("o/<slug:org_slug>/")]
    assert len(routes) >= 15, "the walk found too few organisation URLs"
    return routes


def fill(route: str, org_slug: str, ids: dict) -> str:
    url = route.replace("<slug:org_slug>", org_slug)
    # Every other converter gets the id of a real object of the organisation (or 1), so that it is
    # the organisation check that refuses the outsider, not a missing object.
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(ids.get(m.group(1), ids["default"])), url)


def snapshot():
    return {model._meta.label: model.objects.count() for model in apps.get_models()
            if model._meta.app_label in {"edi_tracker", "plans", "workforce", "metrics", "reports"}}


@pytest.fixture
def world(org, editor, lead):
    plan = services.plan_create(organisation=org, actor=editor, title="Plan A", status="active")
    theme = services.theme_create(plan=plan, actor=editor, title="Theme")
    action = services.action_create(plan=plan, actor=editor, theme=theme, reference="A1", title="Act",
                                    lead_user=lead, measures=["Measured"])
    update = services.progress_update_record(action=action, author=lead, status="green")
    return {"plan_pk": plan.pk, "pk": action.pk, "measure_pk": action.measures.first().pk,
            "update_pk": update.pk, "default": action.pk}


def test_every_organisation_view_is_guarded_by_org_view():
    unguarded = [route for route, pattern in organisation_routes() if not hasattr(pattern.callback, "org_capability")]
    assert unguarded == [], f"these organisation URLs do not go through edi_tracker.access.org_view: {unguarded}"


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsider_gets_404_everywhere_and_nothing_changes(client_for, outsider, org, world, method):
    client = client_for(outsider)
    before = snapshot()
    for route, _ in organisation_routes():
        url = fill(route, org.slug, world)
        response = getattr(client, method)(url, {"status": "red", "commentary": "x", "title": "x", "role": "admin",
                                                 "username": "intruder", "email": "intruder@example.org", "met": "on"})
        assert response.status_code in (404, 405), f"{method.upper()} {url} answered {response.status_code}"
    assert snapshot() == before


def test_anonymous_is_sent_to_sign_in(client, org, world):
    for route, _ in organisation_routes():
        url = fill(route, org.slug, world)
        response = client.get(url)
        assert response.status_code in (302, 405), url
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/")


def test_objects_of_another_organisation_are_not_found_through_ones_own(client_for, make_member, other_org, org, world):
    """A member of B asking for A's plan, action, measure or evidence through /o/B/... gets 404."""
    member_elsewhere = make_member(Role.ADMIN, organisation=other_org, username="b-admin")
    client = client_for(member_elsewhere)
    before = snapshot()
    for route, _ in organisation_routes():
        if "<int:" not in route:
            continue
        url = fill(route, other_org.slug, world)
        for method in ("get", "post"):
            response = getattr(client, method)(url, {"status": "green", "met": "on", "role": "viewer"})
            assert response.status_code in (404, 405), f"{method.upper()} {url} answered {response.status_code}"
    assert snapshot() == before
    assert Plan.objects.filter(organisation=other_org).count() == 0
    assert Action.objects.get(pk=world["pk"]).status == "green"
    assert ProgressUpdate.objects.count() == 1
