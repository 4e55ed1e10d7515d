"""The permission matrix of design.md §5 for every organisation URL of every app, driven by the URL walk.

Each organisation view declares its capability through `edi_tracker.access.org_view`; this test walks the
URL conf, fills every route with real objects of one organisation, and asks as each role, by GET and by
POST: a role with the capability is served (never 403, never a server error), a role without it gets 403.
A new URL is found here without being listed. The few views that check more than their capability — a
lead may record progress only on the actions they lead — are named in OBJECT_RULES.
"""

import re
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from api.services import token_create
from edi_tracker import services as core_services
from edi_tracker.models import ROLE_CAPABILITIES, Capability, Membership, Role
from networks import services as network_services
from networks.models import Publication
from plans import services
from plans.importers.parsed import ParsedAction, ParsedPlan, ParsedTheme
from plans.importers.services import plan_import_stage
from reports.models import Report, ReportStatus
from reports.services import recipient_add
from workforce.services import extract_check

from .test_organisation_scoping import organisation_routes

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# Views that check more than the capability their URL declares: (capability needed by POST, who else).
# Recording progress and marking a measure met take the action's lead (UPDATE_OWN_PROGRESS on their own
# action) or an editor (UPDATE_ANY_PROGRESS); everyone may read those pages.
OBJECT_RULES = {
    "plans:progress-create": Capability.UPDATE_OWN_PROGRESS,
    "plans:measure-toggle": Capability.UPDATE_OWN_PROGRESS,
}
# GET routes that answer 404 to everyone for the world below (the figures and charts of a year without
# extracts): they are still checked for 403 against the roles without the right.
NOT_FOUND_FOR_EVERYONE = {"metrics:chart", "metrics:year", "metrics:pay-gap", "metrics:pay-gap-csv"}


@pytest.fixture
def world(org, make_member):
    users = {role: make_member(role) for role in Role.values}
    editor, lead, admin = users[Role.EDITOR], users[Role.LEAD], users[Role.ADMIN]
    plan = services.plan_create(organisation=org, actor=editor, title="Plan", status="active",
                                period_start=date(2022, 4, 1), period_end=date(2025, 3, 31))
    theme = services.theme_create(plan=plan, actor=editor, title="Theme")
    action = services.action_create(plan=plan, actor=editor, theme=theme, reference="CP1", title="Act",
                                    lead_user=lead, measures=["Measured"])
    update = services.progress_update_record(
        action=action, author=lead, status="green",
        evidence_file=SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf"),
    )
    staged = plan_import_stage(organisation=org, actor=editor, parsed=ParsedPlan(
        filename="plan.csv", title="Imported", themes=[ParsedTheme(title="T", actions=[ParsedAction("A1", "One")])]))
    extract, _ = extract_check(organisation=org, kind="staff", year=2022, filename="staff.csv",
                               data=b"Employee ID,Ethnicity,Grade\n1,Irish,A\n", uploaded_by=users[Role.HR])
    report = Report.objects.create(organisation=org, plan=plan, quarter_year=2022, quarter_number=1,
                                   requested_by=editor, status=ReportStatus.DONE)
    report.pdf.save("report.pdf", ContentFile(PDF))
    recipient = recipient_add(organisation=org, actor=admin, name="Chair", email="chair@example.org")
    bystander = make_member(Role.VIEWER, username="bystander")
    invitation, _ = core_services.invitation_create(organisation=org, email="new.person@example.org",
                                                    role=Role.VIEWER, actor=admin)
    chased = services.chase_leads(organisation=org, actor=editor, actions=[action])  # actions/chase/<pk>/
    api_token, _ = token_create(organisation=org, name="Power BI", actor=admin)
    # The organisation is a member of a network, with a year's figures published to it.
    network = network_services.create_network(slug="alliance", name="Alliance")
    network_services.invite_organisation(network=network, organisation=org)
    network_services.accept_invitation(network=network, organisation=org)
    publication = Publication.objects.create(network=network, organisation=org, year=2022, scope="all", threshold=10,
                                             document={"organisation": org.slug, "year": 2022})
    # route kind -> the id of a real object of the organisation
    pks = {
        "members": Membership.objects.get(user=bystander).pk, "invitations": invitation.pk,
        "themes": theme.pk, "actions": action.pk, "extracts": extract.pk, "reports": report.pk,
        "recipients": recipient.pk, "chase": chased.event.pk, "api-tokens": api_token.pk,
        "publications": publication.pk,
    }
    return {"users": users, "plan_pk": plan.pk, "measure_pk": action.measures.get().pk,
            "update_pk": update.pk, "token": staged.token, "year": 2022, "kind": "gender", "pks": pks,
            "network_slug": network.slug, "extract_kind": "staff", "file_format": "xlsx"}


def url_for(route: str, org_slug: str, world: dict) -> str:
    """The route filled with the organisation's own objects: `<int:pk>` takes the object of the kind its
    path names just before it (`members/<int:pk>/`, `reports/<int:pk>/`), a chart name a real chart."""

    def value(match):
        key = match.group(1)
        if key == "org_slug":
            return org_slug
        if key == "pk":
            kind = route[: match.start()].rstrip("/").rsplit("/", 1)[-1]
            return str(world["pks"][kind])
        if key == "name":
            return "status" if route.startswith("o/<slug:org_slug>/reports/") else "metric-1"
        return str(world[key])

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", value, route)


def allowed(role: str, capability: str) -> bool:
    return capability in ROLE_CAPABILITIES[role]


@pytest.mark.parametrize("method", ["get", "post"])
def test_each_role_gets_exactly_what_its_capability_allows(client_for, org, world, method):
    wrong = []
    for route, pattern in organisation_routes():
        url = url_for(route, org.slug, world)
        key = f"{pattern.lookup_str.split('.')[0]}:{pattern.name}"
        capability = OBJECT_RULES.get(key, pattern.callback.org_capability) if method == "post" else \
            pattern.callback.org_capability
        for role in Role.values:
            client = client_for(world["users"][role])
            with transaction.atomic():
                response = getattr(client, method)(url, {"status": "green", "commentary": "Fine", "version": 2})
                transaction.set_rollback(True)  # every role and URL asks of the same world
            status = response.status_code
            if allowed(role, capability):
                served = (200, 302, 405) if method == "get" and key not in NOT_FOUND_FOR_EVERYONE else None
                if status in (403, 500) or (served and status not in served):
                    wrong.append(f"{role} should be served {method.upper()} {url}, got {status}")
            else:
                # A command view answers GET with 405 before it looks at who asks: nothing is shown or done.
                if status not in ((403, 405) if method == "get" else (403,)):
                    wrong.append(f"{role} must get 403 on {method.upper()} {url}, got {status}")
    assert wrong == []


def test_the_walk_covers_every_app():
    namespaces = {pattern.lookup_str.split(".")[0] for _, pattern in organisation_routes()}
    assert {"edi_tracker", "plans", "workforce", "metrics", "reports", "networks"} <= namespaces


def test_a_lead_cannot_update_an_action_someone_else_leads(client_for, world, make_member, org):
    from django.urls import reverse

    from plans.models import Action

    other_lead = make_member(Role.LEAD, username="other-lead")
    action_pk = world["pks"]["actions"]
    url = reverse("plans:progress-create", args=[org.slug, action_pk])
    response = client_for(other_lead).post(url, {"status": "red", "commentary": "Not mine", "version": 2})
    assert response.status_code == 403
    assert Action.objects.get(pk=action_pk).status == "green"
