"""The busy pages run the same number of queries for 5 actions as for 500."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans.models import Action, ProgressUpdate, SuccessMeasure, Tag, Theme
from tests.factories import PlanFactory


def grow(plan, lead, count: int) -> None:
    """Bulk-create `count` actions over 6 themes, each with a measure, a tag and two updates."""
    themes = Theme.objects.bulk_create(Theme(plan=plan, code=f"T{i}", title=f"Theme {i}", order=i) for i in range(6))
    tag, _ = Tag.objects.get_or_create(organisation=plan.organisation, slug="race", defaults={"name": "race"})
    statuses = ["red", "amber", "green", "complete", "not_started"]
    actions = Action.objects.bulk_create(
        Action(plan=plan, theme=themes[i % 6], reference=f"R{i}", title=f"Action {i}", order=i,
               lead_user=lead, status=statuses[i % 5], deadline_text="Dec 22", last_update_at=timezone.now())
        for i in range(count)
    )
    SuccessMeasure.objects.bulk_create(SuccessMeasure(action=a, text="Measure") for a in actions)
    Action.tags.through.objects.bulk_create(Action.tags.through(action=a, tag=tag) for a in actions)
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(action=a, author=lead, created_at=timezone.now(), status=a.status, commentary="Update")
        for a in actions for _ in range(2)
    )


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["plans:plan-detail", "plans:action-list", "plans:my-actions"])
def test_same_queries_for_5_and_500_actions(client_for, org, lead, page):
    client = client_for(lead)
    small, large = PlanFactory(organisation=org), PlanFactory(organisation=org)
    grow(small, lead, 5)

    def url(plan):
        if page == "plans:plan-detail":
            return reverse(page, args=[org.slug, plan.pk])
        return reverse(page, args=[org.slug]) + (f"?plan={plan.pk}" if page == "plans:action-list" else "")

    # My actions lists every action the lead leads in the organisation: measure it with the small
    # plan alone, then again once the large plan has added 500 more.
    few = count_queries(client, url(small))
    grow(large, lead, 500)
    many = count_queries(client, url(large))
    assert few == many, f"{page}: {few} queries for 5 actions but {many} for 500"


def test_plan_page_query_budget(client_for, org, lead, django_assert_max_num_queries):
    plan = PlanFactory(organisation=org)
    grow(plan, lead, 50)
    client = client_for(lead)
    # session + user, membership, plan, themes, actions (+ joins), tags prefetch, and the template's
    # nav/context: a handful, whatever the plan's size.
    with django_assert_max_num_queries(8):
        client.get(reverse("plans:plan-detail", args=[org.slug, plan.pk]))
