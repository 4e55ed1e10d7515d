"""The dashboards and their charts are cached for every member (edi_tracker.caching), and a service that
changes what they show makes the next request show the new state."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans import services as plan_services

STATUS_DESC = ">Red: {}; Amber: {}; Green: {}; Complete: {}; Not started: {}.</desc>"  # the chart's <desc id=…>


def get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def status_in_row(html: str, title: str) -> str:
    row = html[html.index(title):]
    row = row[:row.index("</tr>")]
    return row[row.index("app-status"):].split(">", 1)[1].split("<", 1)[0]


def test_a_cached_plan_dashboard_and_chart_show_a_progress_update_at_once(client_for, viewer, lead, org, history_plan):
    client = client_for(viewer)
    page = reverse("reports:plan-dashboard", args=[org.slug, history_plan.pk])
    chart = reverse("reports:plan-chart", args=[org.slug, history_plan.pk, "status"])
    # Today (the quarter we are in): A1 red, A2 complete, A3 green, A4 and A6 not started, A5 red.
    html, computed = get(client, page)
    assert "Exceptions: red and amber actions (2)" in html
    svg, _ = get(client, chart)
    assert STATUS_DESC.format(2, 0, 1, 1, 2) in svg
    again, from_cache = get(client, page)
    assert "Exceptions: red and amber actions (2)" in again and from_cache < computed  # read from the cache

    plan_services.progress_update_record(action=history_plan.actions.get(reference="A3"), author=lead,
                                         status="amber", commentary="The panel chair has left.")

    html, _ = get(client, page)
    assert "Exceptions: red and amber actions (3)" in html and "The panel chair has left." in html
    svg, _ = get(client, chart)
    assert STATUS_DESC.format(2, 1, 0, 1, 2) in svg


def test_a_cached_organisation_dashboard_shows_a_new_action_and_an_archived_plan(client_for, viewer, editor, org,
                                                                                history_plan):
    client = client_for(viewer)
    page = reverse("reports:org-dashboard", args=[org.slug])
    chart = reverse("reports:org-chart", args=[org.slug, "status"])
    assert "6 actions by status" in get(client, page)[0]
    assert STATUS_DESC.format(2, 0, 1, 1, 2) in get(client, chart)[0]

    plan_services.action_create(plan=history_plan, actor=editor, theme=history_plan.themes.get(code="T1"),
                                reference="A7", title="Exit interviews", deadline_text="TBC")
    assert "7 actions by status" in get(client, page)[0]
    assert STATUS_DESC.format(2, 0, 1, 1, 3) in get(client, chart)[0]

    plan_services.plan_update(plan=history_plan, actor=editor, status="closed")
    assert "0 actions by status" in get(client, page)[0]
    assert STATUS_DESC.format(0, 0, 0, 0, 0) in get(client, chart)[0]


def test_the_cache_is_the_same_for_every_member_but_access_is_checked_first(client_for, viewer, lead, outsider, org,
                                                                           history_plan):
    page = reverse("reports:plan-dashboard", args=[org.slug, history_plan.pk])
    chart = reverse("reports:plan-chart", args=[org.slug, history_plan.pk, "status"])
    assert "Exceptions: red and amber actions (2)" in get(client_for(viewer), page)[0]
    viewer_svg, _ = get(client_for(viewer), chart)
    assert "Exceptions: red and amber actions (2)" in get(client_for(lead), page)[0]
    assert get(client_for(lead), chart)[0] == viewer_svg
    client = client_for(outsider)
    assert client.get(page).status_code == 404 and client.get(chart).status_code == 404


def test_a_cached_plan_page_shows_a_progress_update_and_an_edit_at_once(client_for, viewer, lead, editor, org,
                                                                        history_plan):
    page = reverse("plans:plan-detail", args=[org.slug, history_plan.pk])
    client = client_for(viewer)
    html, computed = get(client, page)
    assert status_in_row(html, "Diverse interview panels") == "Green" and "Add an action" not in html
    again, from_cache = get(client, page)
    assert "Diverse interview panels" in again and from_cache < computed
    # An editor sees the editing links: the cached page is kept apart for each set of capabilities.
    assert "Add an action" in get(client_for(editor), page)[0]

    a3 = history_plan.actions.get(reference="A3")
    plan_services.progress_update_record(action=a3, author=lead, status="amber", commentary="The chair has left.")
    plan_services.action_update(action=history_plan.actions.get(reference="A4"), actor=editor,
                                title="Anonymised shortlisting for every post")
    html, _ = get(client_for(viewer), page)
    assert "Anonymised shortlisting for every post" in html
    assert status_in_row(html, "Diverse interview panels") == "Amber"
