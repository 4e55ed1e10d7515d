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
