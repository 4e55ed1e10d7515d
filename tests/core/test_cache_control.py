"""Organisation pages, exports and downloads are sent with `Cache-Control: private, no-store`
(edi_tracker.middleware.PrivateNoStoreMiddleware): every organisation GET view, found by walking the URL
conf as test_organisation_scoping does, so a new view is covered without being listed here."""

from django.urls import reverse

from .test_organisation_scoping import fill, organisation_routes, world  # noqa: F401 (world is a fixture)

NO_STORE = "private, no-store"


def test_every_organisation_get_view_is_private_and_not_stored(client_for, admin_member, org, world):  # noqa: F811
    client = client_for(admin_member)
    answered = {}
    for route, _ in organisation_routes():
        url = fill(route, org.slug, world)
        response = client.get(url)
        answered[url] = response.status_code
        assert response.get("Cache-Control") == NO_STORE, f"GET {url} ({response.status_code}) sent {response.get('Cache-Control')!r}"
    # Most of them are real pages, not refusals: the header is checked on what a member sees.
    assert sum(status == 200 for status in answered.values()) >= 12, answered


def test_plan_exports_are_private_and_not_stored(client_for, viewer, org, world):  # noqa: F811
    for kind in ("csv", "xlsx"):
        response = client_for(viewer).get(reverse("plans:plan-export", args=[org.slug, world["plan_pk"]]) + f"?format={kind}")
        assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
        assert response["Cache-Control"] == NO_STORE


def test_pages_outside_organisations_keep_their_own_caching(client, db):
    assert "no-store" not in client.get(reverse("accessibility")).get("Cache-Control", "")
