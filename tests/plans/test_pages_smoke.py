import pytest
from django.urls import reverse


@pytest.mark.parametrize("name,kwargs", [
    ("plans:org-home", {}), ("plans:my-actions", {}), ("plans:action-list", {}),
])
def test_org_pages_render(client_for, lead, action, org, name, kwargs):
    response = client_for(lead).get(reverse(name, args=[org.slug]))
    assert response.status_code == 200


def test_plan_and_action_pages_render(client_for, editor, action, org):
    client = client_for(editor)
    assert client.get(reverse("plans:plan-detail", args=[org.slug, action.plan_id])).status_code == 200
    page = client.get(reverse("plans:action-detail", args=[org.slug, action.pk]))
    assert page.status_code == 200
    assert "Update progress" in page.content.decode()
    assert client.get(reverse("plans:action-edit", args=[org.slug, action.pk])).status_code == 200
    assert client.get(reverse("plans:action-create", args=[org.slug, action.plan_id])).status_code == 200
    assert client.get(reverse("plans:plan-edit", args=[org.slug, action.plan_id])).status_code == 200
    assert client.get(reverse("plans:plan-create", args=[org.slug])).status_code == 200
    assert client.get(reverse("plans:deadline-review", args=[org.slug, action.plan_id])).status_code == 200
    assert client.get(reverse("members", args=[org.slug])).status_code == 403
    assert client.get(reverse("plans:action-list", args=[org.slug]) + "?status=red&overdue=on&sort=deadline&q=anti").status_code == 200


def test_deadline_preview(client_for, editor, org, lead):
    client = client_for(editor)
    url = reverse("plans:deadline-preview", args=[org.slug])
    assert "Will be read as 30 June 2022 (quarter)." in client.get(url, {"deadline_text": "Q1 2022/23"}).content.decode()
    assert "flagged for review" in client.get(url, {"deadline_text": "TBC"}).content.decode()
    assert client_for(lead).get(url, {"deadline_text": "Dec 22"}).status_code == 403
