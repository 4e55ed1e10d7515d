"""The permission matrix of design.md §5, for every tracker and core view: the right role gets its
page, a member without the right gets 403."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from edi_tracker.models import Membership, Role
from edi_tracker import services as core_services
from plans import services

ALL = {Role.VIEWER, Role.LEAD, Role.EDITOR, Role.HR, Role.ADMIN}
EDITORS = {Role.EDITOR, Role.ADMIN}
PROGRESS = {Role.LEAD, Role.EDITOR, Role.ADMIN}  # the lead is the action's lead_user
ADMINS = {Role.ADMIN}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# (url name, argument kinds, method, data, roles allowed)
MATRIX = [
    ("plans:org-home", ["org"], "get", None, ALL),
    ("plans:my-actions", ["org"], "get", None, ALL),
    ("plans:action-list", ["org"], "get", None, ALL),
    ("plans:plan-detail", ["org", "plan"], "get", None, ALL),
    ("plans:deadline-review", ["org", "plan"], "get", None, ALL),
    ("plans:action-detail", ["org", "action"], "get", None, ALL),
    ("plans:evidence", ["org", "update"], "get", None, ALL),
    ("plans:plan-export", ["org", "plan"], "get", None, ALL),
    ("plans:plan-create", ["org"], "get", None, EDITORS),
    ("plans:plan-create", ["org"], "post", {"title": "New plan", "framework": "local", "status": "draft",
                                            "review_frequency": "quarterly"}, EDITORS),
    ("plans:plan-edit", ["org", "plan"], "get", None, EDITORS),
    ("plans:theme-create", ["org", "plan"], "get", None, EDITORS),
    ("plans:theme-edit", ["org", "plan", "theme"], "get", None, EDITORS),
    ("plans:action-create", ["org", "plan"], "get", None, EDITORS),
    ("plans:action-edit", ["org", "action"], "get", None, EDITORS),
    ("plans:plan-import", ["org"], "get", None, EDITORS),
    ("plans:progress-create", ["org", "action"], "post", {"status": "green", "commentary": "Fine", "version": "VERSION"}, PROGRESS),
    ("plans:measure-toggle", ["org", "action", "measure"], "post", {"met": "on"}, PROGRESS),
    ("members", ["org"], "get", None, ADMINS),
    ("members", ["org"], "post", {"email": "new.person@example.org", "role": "viewer"}, ADMINS),
    ("invitation-resend", ["org", "invitation"], "post", {}, ADMINS),
    ("invitation-revoke", ["org", "invitation"], "post", {}, ADMINS),
    ("member-role", ["org", "membership"], "post", {"role": "editor"}, ADMINS),
    ("member-remove", ["org", "membership"], "post", {}, ADMINS),
    ("audit-log", ["org"], "get", None, ADMINS),
]


@pytest.fixture
def objects(org, make_member):
    users = {role: make_member(role) for role in Role.values}
    editor, lead = users[Role.EDITOR], users[Role.LEAD]
    plan = services.plan_create(organisation=org, actor=editor, title="Plan", status="active")
    theme = services.theme_create(plan=plan, actor=editor, title="Theme")
    action = services.action_create(plan=plan, actor=editor, theme=theme, reference="CP1", title="Act",
                                    lead_user=lead, measures=["Measured"])
    update = services.progress_update_record(
        action=action, author=lead, status="green",
        evidence_file=SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf"),
    )
    bystander = make_member(Role.VIEWER, username="bystander")
    invitation, _ = core_services.invitation_create(organisation=org, email="invited@example.org", role=Role.VIEWER,
                                                    actor=users[Role.ADMIN])
    return {
        "users": users, "org": org.slug, "plan": plan.pk, "theme": theme.pk, "action": action.pk,
        "measure": action.measures.get().pk, "update": update.pk,
        "membership": Membership.objects.get(user=bystander).pk, "invitation": invitation.pk,
    }


CASES = [(name, kinds, method, data, role, role in allowed)
         for name, kinds, method, data, allowed in MATRIX for role in Role.values]


@pytest.mark.parametrize("name,kinds,method,data,role,allowed", CASES,
                         ids=[f"{c[2]}-{c[0]}-{c[4]}" for c in CASES])
def test_permission_matrix(client_for, objects, name, kinds, method, data, role, allowed):
    from plans.models import Action

    client = client_for(objects["users"][role])
    url = reverse(name, args=[objects[kind] for kind in kinds])
    if data and data.get("version") == "VERSION":
        data = {**data, "version": Action.objects.get(pk=objects["action"]).version}
    response = client.get(url) if method == "get" else client.post(url, data or {})
    if allowed:
        assert response.status_code in (200, 302), f"{role} should be able to {method} {url}: {response.status_code}"
    else:
        assert response.status_code == 403, f"{role} must get 403 on {method} {url}, got {response.status_code}"


def test_a_lead_cannot_update_an_action_someone_else_leads(client_for, objects, make_member, org):
    other_lead = make_member(Role.LEAD, username="other-lead")
    url = reverse("plans:progress-create", args=[org.slug, objects["action"]])
    response = client_for(other_lead).post(url, {"status": "red", "commentary": "Not mine", "version": 2})
    assert response.status_code == 403
    from plans.models import Action

    assert Action.objects.get(pk=objects["action"]).status == "green"
