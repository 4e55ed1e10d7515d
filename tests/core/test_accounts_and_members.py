import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from edi_tracker.models import AuditEvent, Membership, Organisation, Role, User
from tests.conftest import PASSWORD


def test_sign_in_and_out(client, viewer, org):
    response = client.post(reverse("login"), {"username": viewer.username, "password": PASSWORD})
    assert response.status_code == 302
    home = client.get(response["Location"], follow=True)
    assert home.status_code == 200 and org.name in home.content.decode()
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("plans:org-home", args=[org.slug])).status_code == 302


def test_sign_in_is_rate_limited_against_guessing(client, viewer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("login"), {"username": viewer.username, "password": "wrong guess"})
        assert response.status_code == 200
        assert "Enter a correct username and password" in response.content.decode()
    # The last allowed failure locks the username out.
    response = client.post(reverse("login"), {"username": viewer.username, "password": "wrong guess"})
    assert response.status_code == 429
    # Locked out now: even the right password is refused, with a message saying why.
    response = client.post(reverse("login"), {"username": viewer.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_admin_sets_roles_and_the_audit_log_says_so(client_for, admin_member, viewer, org):
    client = client_for(admin_member)
    membership = Membership.objects.get(user=viewer, organisation=org)
    client.post(reverse("member-role", args=[org.slug, membership.pk]), {"role": "editor"})
    membership.refresh_from_db()
    assert membership.role == Role.EDITOR
    verbs = list(AuditEvent.objects.filter(organisation=org).values_list("verb", flat=True))
    assert "membership.role_changed" in verbs
    page = client.get(reverse("audit-log", args=[org.slug]))
    assert f"{viewer} is now a plan editor" in page.content.decode()


def test_members_cannot_be_added_by_user_name(client_for, admin_member, outsider, org):
    """The old form took another organisation's user name and added them at once; it is gone."""
    client = client_for(admin_member)
    response = client.post(reverse("members", args=[org.slug]), {"username": outsider.username, "role": "admin"})
    assert response.status_code == 200 and "Enter the email address of the person to invite." in response.content.decode()
    assert not Membership.objects.filter(user=outsider, organisation=org).exists()
    assert 'name="username"' not in client.get(reverse("members", args=[org.slug])).content.decode()


def test_the_only_admin_cannot_be_demoted_or_removed(client_for, admin_member, org):
    client = client_for(admin_member)
    own = Membership.objects.get(user=admin_member, organisation=org)
    response = client.post(reverse("member-role", args=[org.slug, own.pk]), {"role": "viewer"}, follow=True)
    assert "only admin" in response.content.decode()
    own.refresh_from_db()
    assert own.role == Role.ADMIN


def test_a_bad_role_is_refused(client_for, admin_member, viewer, org):
    membership = Membership.objects.get(user=viewer)
    response = client_for(admin_member).post(reverse("member-role", args=[org.slug, membership.pk]), {"role": "emperor"}, follow=True)
    assert "Choose a role" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.VIEWER


def test_create_organisation_command(db, capsys):
    call_command("create_organisation", "bath-ne", "--name", "Bath and North East Somerset Council")
    assert Organisation.objects.get(slug="bath-ne").name == "Bath and North East Somerset Council"
    assert "/o/bath-ne/" in capsys.readouterr().out
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_organisation", "bath-ne", "--name", "Again")
    with pytest.raises(CommandError, match="not a valid short name"):
        call_command("create_organisation", "Bath NE!", "--name", "Bad")
    with pytest.raises(CommandError, match="There is no user “nobody”"):
        call_command("create_organisation", "wiltshire", "--name", "Wiltshire Council", "--admin", "nobody")
    assert Organisation.objects.count() == 1
    User.objects.create_user("head-of-it", password="x" * 16)
    call_command("create_organisation", "wiltshire", "--name", "Wiltshire Council", "--admin", "head-of-it")
    assert Membership.objects.get(user__username="head-of-it").role == Role.ADMIN


def test_a_member_of_one_organisation_sees_only_it(client_for, viewer, org, other_org):
    response = client_for(viewer).get("/", follow=True)
    html = response.content.decode()
    assert org.name in html and other_org.name not in html
    assert User.objects.count() >= 1
