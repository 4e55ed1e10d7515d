"""Every edit form in the product, opened and saved without a change, changes nothing.

The forms are found, not listed: the URL conf is walked, every organisation page is opened as an
admin (who may do everything), and every POST form on it is sent back as Chromium would send it
untouched (tests/html_forms.py). Forms that are commands by design (remove, toggle, confirm, record
an update, sign out...) are named below and left out; everything else must leave the database as it was.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404

from tests.html_forms import forms_of, submitted
from tests.snapshots import difference, snapshot

from .form_world import world  # noqa: F401 - the fixture

# Buttons that do something by design when pressed: sending them is not "saving a form unchanged".
COMMANDS = {
    "logout", "member-remove", "plans:measure-toggle", "plans:progress-create",
    "plans:plan-import", "plans:plan-import-into", "reports:report-create", "reports:report-retry",
    "reports:recipient-toggle", "reports:recipient-remove", "workforce:extract-confirm", "workforce:extract-discard",
    "workforce:ethnicity-map", "workforce:index",
    # issue 14: a removal's confirmation page, chasing leads, and one status given to several actions
    "invitation-revoke", "plans:chase", "plans:action-bulk-update",
    "org_networks:accept", "org_networks:decline", "org_networks:leave", "org_networks:publish", "org_networks:withdraw",
}
# The edit forms that must be found (so that the walk cannot pass by finding nothing), each of which
# must save without an error.
EDIT_FORMS = {"plans:plan-edit", "plans:theme-edit", "plans:action-edit", "metrics:settings", "member-role"}


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern


def pages(ids, per_name):
    """(view name, URL) of every organisation page, each filled with ids of real objects."""

    def fill(route, values):
        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)

    for route, _ in _walk(get_resolver().url_patterns):
        if not route.startswith("o/<slug:org_slug>/"):
            continue
        try:
            view_name = resolve(fill(route, ids)).view_name
        except Resolver404:
            continue
        yield view_name, fill(route, {**ids, **per_name.get(view_name, {})})


def test_every_edit_form_saved_unchanged_changes_nothing(client_for, admin_member, org, world):
    client = client_for(admin_member)
    ids, per_name = world
    seen, sent = set(), []
    for view_name, url in pages(ids, per_name):
        page = client.get(url)
        if page.status_code != 200 or not page["Content-Type"].startswith("text/html"):
            continue
        for form in forms_of(page.content.decode()):
            if form.method != "post":
                continue
            target = form.action or url
            target_name = resolve(target.split("?")[0]).view_name
            if target_name in COMMANDS or target in seen:
                continue
            seen.add(target)
            before = snapshot()
            response = client.post(target, submitted(form))
            assert response.status_code < 500, f"{target} answered {response.status_code}"
            after = snapshot()
            changed = difference(before, after)
            assert changed == {}, f"saving the form of {url} unchanged (to {target}) changed {changed}"
            sent.append((target_name, response))
    names = {name for name, _ in sent}
    assert EDIT_FORMS <= names, f"the walk did not find these edit forms: {EDIT_FORMS - names}"
    for name, response in sent:
        if name in EDIT_FORMS:
            errors = response.context and [f.errors for f in [response.context.get("form")] if f is not None and f.errors]
            assert response.status_code == 302, f"{name} did not save unchanged: {response.status_code} {errors}"


def test_the_date_fields_are_sent_back_as_the_same_date(client_for, editor, org, world):
    """The mechanism: a date is shown in the GOV.UK day, month and year boxes, which read back as the same
    date (edi_tracker.forms.GovukDateField), whatever the locale's date format; no browser date picker."""
    ids, _ = world
    html = client_for(editor).get(f"/o/{org.slug}/plans/{ids['plan_pk']}/edit/").content.decode()
    assert 'type="date"' not in html and "01/04/2022" not in html
    for name, value in (("period_start_day", "1"), ("period_start_month", "4"), ("period_start_year", "2022"),
                        ("approved_on_day", "14"), ("approved_on_month", "6"), ("approved_on_year", "2022")):
        assert re.search(f'<input [^>]*name="{name}" [^>]*value="{value}"', html), name

