"""plans.access: one helper per model, taking the membership; 404 to outsiders, 403 to the wrong role."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from edi_tracker.models import Membership
from plans import services
from plans.access import EDIT, PROGRESS, get_action, get_plan, get_plan_import, get_theme, get_update
from plans.importers.parsed import ParsedPlan
from plans.importers.services import plan_import_stage


@pytest.fixture
def objects(org, editor, lead):
    plan = services.plan_create(organisation=org, actor=editor, title="Plan")
    theme = services.theme_create(plan=plan, actor=editor, title="Theme")
    action = services.action_create(plan=plan, actor=editor, theme=theme, reference="A1", title="Act", lead_user=lead)
    update = services.progress_update_record(action=action, author=lead, status="green")
    staged = plan_import_stage(organisation=org, actor=editor, parsed=ParsedPlan(filename="p.csv"))
    return plan, theme, action, update, staged


def membership(user):
    return Membership.objects.select_related("organisation").get(user=user)


def test_a_member_with_the_role_gets_each_object(objects, editor, lead):
    plan, theme, action, update, staged = objects
    m = membership(editor)
    assert get_plan(m, plan.pk, need=EDIT) == plan
    assert get_theme(m, plan.pk, theme.pk) == theme
    assert get_action(m, action.pk, need=EDIT) == action
    assert get_action(membership(lead), action.pk, need=PROGRESS) == action  # the lead records progress
    assert get_update(m, update.pk) == update
    assert get_plan_import(m, staged.token) == staged


def test_a_member_without_the_role_gets_403(objects, viewer, make_member):
    plan, theme, action, update, staged = objects
    m = membership(viewer)
    assert get_plan(m, plan.pk) == plan and get_action(m, action.pk) == action and get_update(m, update.pk) == update
    for call in (lambda: get_plan(m, plan.pk, need=EDIT), lambda: get_theme(m, plan.pk, theme.pk),
                 lambda: get_action(m, action.pk, need=EDIT), lambda: get_action(m, action.pk, need=PROGRESS),
                 lambda: get_plan_import(m, staged.token)):
        with pytest.raises(PermissionDenied):
            call()
    other_lead = membership(make_member("lead", username="another-lead"))
    with pytest.raises(PermissionDenied):
        get_action(other_lead, action.pk, need=PROGRESS)  # a lead, but not this action's


def test_an_outsider_gets_404_for_every_object(objects, outsider):
    plan, theme, action, update, staged = objects
    m = membership(outsider)  # an admin, of another organisation
    for call in (lambda: get_plan(m, plan.pk), lambda: get_theme(m, plan.pk, theme.pk), lambda: get_action(m, action.pk),
                 lambda: get_update(m, update.pk), lambda: get_plan_import(m, staged.token)):
        with pytest.raises(Http404):
            call()


def test_a_theme_of_another_plan_is_not_found_through_this_one(objects, editor, org):
    plan, theme, *_ = objects
    other = services.plan_create(organisation=org, actor=editor, title="Other plan")
    with pytest.raises(Http404):
        get_theme(membership(editor), other.pk, theme.pk)


def test_the_action_page_fetches_its_action_once(client_for, objects, viewer, org):
    _, _, action, _, _ = objects
    client = client_for(viewer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("plans:action-detail", args=[org.slug, action.pk]))
    assert response.status_code == 200
    from_actions = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().startswith("SELECT")
                    and 'FROM "plans_action"' in q["sql"]]
    assert len(from_actions) == 1, from_actions
