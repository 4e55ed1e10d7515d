"""An organisation with one of everything its edit forms show, filled in as a user would: multi-line
texts, dates, a decimal, tags, metrics, measures, a lead. Used by the tests that post forms back."""

from datetime import date
from decimal import Decimal

import pytest

from edi_tracker.models import Membership
from metrics import services as metric_services
from plans import services
from reports import services as report_services


@pytest.fixture
def world(org, admin_member, lead, editor):
    plan = services.plan_create(
        organisation=org, actor=editor, title="Children's Services EDI plan", status="active",
        description="First line.\nSecond line.", period_start=date(2022, 4, 1), period_end=date(2025, 3, 31),
        sponsor="Director of Children's Services", approved_by="Corporate board", approved_on=date(2022, 6, 14),
    )
    theme = services.theme_create(plan=plan, actor=editor, code="T1", title="Culture", metrics=["2", "7a"],
                                  objective="Belonging.\n\nEveryone, every day.", sponsor="HR lead")
    action = services.action_create(
        plan=plan, actor=editor, theme=theme, reference="CP1", title="Reverse mentoring scheme", lead_user=lead,
        lead_officer="Head of HR", dependencies="Budget.\nMentors.", resources="Staff time", resource_cost=Decimal("1500.50"),
        deadline_text="Dec 22", measures=["Ten pairs", "Survey score up"], tags=["race", "disability"], metrics=["3"],
    )
    services.progress_update_record(action=action, author=lead, status="amber", commentary="Slow.\nStill slow.")
    metric_services.organisation_metric_settings_update(
        organisation=org, actor=admin_member, disclosure_threshold=5, bme_label="Global Majority",
        local_population_bme_pct=Decimal("37.50"), pay_band_order=["Band 1", "Band 2"],
    )
    report_services.recipient_add(organisation=org, actor=admin_member, name="Chair", email="chair@example.org")
    ids = {"org_slug": org.slug, "plan_pk": plan.pk, "pk": action.pk, "measure_pk": action.measures.first().pk,
           "update_pk": action.updates.first().pk, "year": 2022, "name": "x", "token": "x", "kind": "gender",
           "network_slug": "x", "extract_kind": "staff", "file_format": "csv"}
    per_name = {"plans:theme-edit": {"pk": theme.pk},
                "member-role": {"pk": Membership.objects.get(user=lead).pk}}
    return ids, per_name
