"""The action page names each field by what the plan's framework keeps in it, and counts read as English."""

from django.urls import reverse

from plans import services


def test_eflg_evidence_is_shown_under_its_own_label(client_for, org, editor):
    plan = services.plan_create(organisation=org, actor=editor, title="EFLG self-assessment", framework="eflg")
    action = services.action_create(plan=plan, actor=editor, reference="1.1", title="Publish the pay gap",
                                    dependencies="Evidence: The annual equality report is published.")
    client = client_for(editor)
    html = client.get(reverse("plans:action-detail", args=[org.slug, action.pk])).content.decode()
    assert "What we can already evidence</dt>" in html
    assert ">The annual equality report is published.</dd>" in html
    assert "Dependencies</dt>" not in html
    form = client.get(reverse("plans:action-edit", args=[org.slug, action.pk])).content.decode()
    assert "What we can already evidence" in form


def test_other_plans_keep_dependencies(client_for, org, editor):
    plan = services.plan_create(organisation=org, actor=editor, title="EDI strategy", framework="local")
    action = services.action_create(plan=plan, actor=editor, reference="CP1", title="Train",
                                    dependencies="Evidence: budget approval")
    html = client_for(editor).get(reverse("plans:action-detail", args=[org.slug, action.pk])).content.decode()
    assert "Dependencies</dt>" in html and ">Evidence: budget approval</dd>" in html


def test_the_home_page_and_a_theme_summary_agree_with_their_numbers(client_for, org, editor, lead):
    plan = services.plan_create(organisation=org, actor=editor, title="EDI strategy", status="active")
    theme = services.theme_create(plan=plan, actor=editor, title="Culture")
    action = services.action_create(plan=plan, actor=editor, theme=theme, reference="CP1", title="Train", lead_user=lead)
    services.action_create(plan=plan, actor=editor, theme=theme, reference="CP2", title="Audit")
    services.progress_update_record(action=action, author=lead, status="red", commentary="Late")
    home = client_for(lead).get(reverse("plans:org-home", args=[org.slug])).content.decode()
    assert "1 action</a>. Keep it up to date each quarter." in home
    page = client_for(editor).get(reverse("plans:plan-detail", args=[org.slug, plan.pk])).content.decode()
    assert "1 not started and 1 red." in page
    assert "not started,</p>" not in page and "2 actions by status" in page
