import pytest

from plans import services
from plans.models import Plan


@pytest.fixture
def plan(org, editor) -> Plan:
    return services.plan_create(organisation=org, actor=editor, title="Children's Services EDI Strategy 2022–25",
                                framework="local", status="active")


@pytest.fixture
def theme(plan, editor):
    return services.theme_create(plan=plan, actor=editor, code="CP", title="Culture and practice",
                                 objective="Embed anti-racist practice.", sponsor="Director of Children's Social Care")


@pytest.fixture
def action(plan, theme, editor, lead):
    return services.action_create(
        plan=plan, actor=editor, theme=theme, reference="CP1", title="Deliver anti-racist practice training",
        lead_officer="Principal Social Worker", lead_user=lead, deadline_text="Dec 22",
        measures=["90% of social workers trained", "Practice audit shows improvement"], tags=["race"],
    )
