"""What the tracker pages cache (for speed under load, bench/load.py) shows a change at once, and never shows
one organisation's content to another."""

from django.urls import reverse

from edi_tracker.models import Role
from plans import services


def panel(html: str) -> str:
    """The action list's filter panel (plans/_action_filters.html)."""
    start = html.index('<form method="get" class="app-filters"')
    return html[start:html.index("</form>", start)]


def test_the_action_lists_filter_panel_shows_a_new_plan_tag_and_member_at_once(client_for, viewer, editor, org,
                                                                               make_member, action):
    client = client_for(viewer)
    url = reverse("plans:action-list", args=[org.slug])
    first = panel(client.get(url).content.decode())
    assert "Children&#x27;s Services EDI Strategy 2022–25" in first and ">race<" in first
    assert panel(client.get(url).content.decode()) == first  # the same panel, from the cache

    services.plan_create(organisation=org, actor=editor, title="Adult Social Care plan", framework="local",
                         status="active")
    services.tags_get_or_create(organisation=org, names=["disability"])
    newcomer = make_member(Role.LEAD, username="newcomer")
    newcomer.display_name = "Nia Newcomer"
    newcomer.save()
    again = panel(client.get(url).content.decode())
    assert "Adult Social Care plan" in again and ">disability<" in again and "Nia Newcomer" in again


def test_the_filter_panel_follows_the_query_and_is_never_another_organisations(client_for, viewer, outsider, org,
                                                                               other_org, editor, action):
    url = reverse("plans:action-list", args=[org.slug])
    client = client_for(viewer)
    plain = panel(client.get(url).content.decode())
    chosen = panel(client.get(url + f"?plan={action.plan_id}&overdue=on").content.decode())
    assert chosen != plain
    assert f'<option value="{action.plan_id}" selected>' in chosen and "Culture and practice" in chosen
    assert "Culture and practice" not in plain  # themes are offered once a plan is chosen
    overdue = chosen[chosen.rindex("<input", 0, chosen.index('id="id_overdue"')):]
    assert " checked" in overdue[:overdue.index(">")]

    services.plan_create(organisation=other_org, actor=outsider, title="Elsewhere's own plan", framework="local",
                         status="active")
    elsewhere = panel(client_for(outsider).get(reverse("plans:action-list", args=[other_org.slug])).content.decode())
    assert "Elsewhere&#x27;s own plan" in elsewhere
    assert "Children&#x27;s Services" not in elsewhere and f"/o/{other_org.slug}/" in elsewhere
    assert "Elsewhere" not in panel(client_for(viewer).get(url).content.decode())


def test_action_rows_escape_what_people_wrote_and_show_the_flags(client_for, viewer, editor, org, plan, theme, lead):
    """The rows of an action table are written in Python (plans/templatetags/action_rows.py): every text is
    escaped as the template escaped it, and the flags, lead and deadline show as they did."""
    services.action_create(plan=plan, actor=editor, theme=theme, reference="X<1>", title='<script>alert("x")</script>',
                           lead_officer="Head of <b>HR</b>", lead_user=lead, deadline_text="31 March 2020")
    for url in (reverse("plans:plan-detail", args=[org.slug, plan.pk]), reverse("plans:action-list", args=[org.slug])):
        html = client_for(viewer).get(url).content.decode()
        assert "<script>alert" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html, url
        assert "X&lt;1&gt;" in html and "Head of &lt;b&gt;HR&lt;/b&gt;" in html
        assert f"In EDI Tracker: {lead}" in html and "by 31 March 2020" in html
        assert '<span class="app-flag">Overdue</span>' in html  # the deadline has passed, not complete
    assert "Culture and practice" in client_for(viewer).get(reverse("plans:action-list", args=[org.slug])).content.decode()


def test_a_lead_renamed_in_the_admin_shows_by_the_new_name_on_the_cached_pages(client, client_for, viewer, editor, org,
                                                                                 plan, theme, lead):
    """A user's name is drawn into what is cached for every member (an action's lead, the filter panel's
    leads): renaming them in the Django admin makes those pages show the new name at once."""
    from django.contrib.auth import get_user_model

    from tests.html_forms import forms_of, submitted

    lead.display_name = "Head of Workforce Development"
    lead.save()
    services.action_create(plan=plan, actor=editor, theme=theme, reference="R1", title="Run the reverse mentoring scheme",
                           lead_officer="Head of Service", lead_user=lead, deadline_text="31 March 2027")
    pages = [reverse("plans:plan-detail", args=[org.slug, plan.pk]), reverse("plans:action-list", args=[org.slug])]
    for url in pages:  # cached now
        assert "In EDI Tracker: Head of Workforce Development" in client_for(viewer).get(url).content.decode()

    admin = get_user_model().objects.create_superuser("site-admin", "site-admin@example.org", "x" * 16)
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    change = reverse("admin:edi_tracker_user_change", args=[lead.pk])
    form = next(f for f in forms_of(client.get(change).content.decode()) if "display_name" in f.data())
    data = submitted(form)
    data["display_name"] = ["Head of Organisational Development"]
    response = client.post(change, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    for url in pages:
        html = client_for(viewer).get(url).content.decode()
        assert "In EDI Tracker: Head of Organisational Development" in html, url
        assert "Head of Workforce Development" not in html, url
