"""Members join by an emailed invitation: the services, the admin's Members page (three personas), and the
emailed link followed with the test client — new person, existing account, wrong account, reuse, expiry."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from edi_tracker import services
from edi_tracker.models import AuditEvent, Invitation, Membership, Role, User
from tests.conftest import PASSWORD
from tests.factories import MembershipFactory, UserFactory

NEW_PASSWORD = "a long and unusual passphrase 7"


def link_path(message) -> str:
    """The path of the one-time link in an invitation email (which starts with SITE_URL)."""
    match = re.search(r"(https?://\S+)(/invitations/[^/\s]+/)", message.body)
    assert match, f"no invitation link in:\n{message.body}"
    return match.group(2)


def token_of(message) -> str:
    return link_path(message).split("/")[2]


@pytest.fixture
def invite(org, admin_member):
    def make(email="new.person@example.org", role=Role.EDITOR):
        return services.invitation_create(organisation=org, email=email, role=role, actor=admin_member)
    return make


# Services ------------------------------------------------------------------------------------------

def test_an_invitation_is_emailed_with_a_link_whose_token_is_kept_only_as_a_hash(invite, org, settings):
    settings.SITE_URL = "https://edi.example.gov.uk"
    invitation, sent = invite(email="  New.Person@Example.org ")
    assert sent and invitation.email == "new.person@example.org" and invitation.role == Role.EDITOR
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.org"] and org.name in message.subject
    assert "https://edi.example.gov.uk/invitations/" in message.body and "7 days" in message.body
    token = token_of(message)
    assert token not in invitation.token_hash and invitation.token_hash == Invitation.hash_token(token)
    assert invitation.expires_at - invitation.sent_at == timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    assert AuditEvent.objects.filter(verb="invitation.created", organisation=org).count() == 1
    assert not User.objects.filter(email="new.person@example.org").exists()


def test_inviting_the_same_address_twice_while_waiting_creates_and_sends_nothing_more(invite, org):
    first, sent = invite()
    again, sent_again = invite(email="NEW.person@example.org")
    assert sent and not sent_again and again.pk == first.pk
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1
    # A different role is saved on the waiting invitation, still without a second email.
    changed, sent_changed = invite(role=Role.VIEWER)
    assert changed.pk == first.pk and not sent_changed and len(mail.outbox) == 1
    assert Invitation.objects.get().role == Role.VIEWER


def test_an_expired_invitation_is_renewed_with_a_new_link(invite):
    first, _ = invite()
    old_token = token_of(mail.outbox[0])
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    renewed, sent = invite()
    assert sent and renewed.pk == first.pk and renewed.state == Invitation.State.PENDING
    assert len(mail.outbox) == 2 and token_of(mail.outbox[1]) != old_token
    from edi_tracker import selectors

    assert selectors.invitation_for_token(old_token) is None


def test_an_address_a_member_already_has_is_refused(invite, viewer):
    with pytest.raises(ValidationError, match="already has the email address"):
        invite(email=viewer.email.upper())
    assert not Invitation.objects.exists() and mail.outbox == []


@pytest.mark.parametrize("email,message", [
    ("not an address", "valid email"),
    ("x" * 140 + "@example.org", "at most 150 characters"),
])
def test_bad_addresses_are_refused(invite, email, message):
    with pytest.raises(ValidationError, match=message):
        invite(email=email)
    assert not Invitation.objects.exists()


def test_a_mail_server_that_refuses_leaves_nothing_stored(invite, settings):
    # A real SMTP connection to a closed port on loopback.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    with pytest.raises(ValidationError, match="could not be emailed to new.person@example.org"):
        invite()
    assert not Invitation.objects.exists() and not AuditEvent.objects.filter(verb__startswith="invitation").exists()


def test_accepting_makes_a_new_account_named_by_its_address_and_is_harmless_twice(invite, org):
    invitation, _ = invite()
    membership, accepted = services.invitation_accept(invitation=invitation, user=None, password=NEW_PASSWORD,
                                                      display_name="Head of HR")
    user = membership.user
    assert accepted and membership.organisation == org and membership.role == Role.EDITOR
    assert user.username == user.email == "new.person@example.org" and user.check_password(NEW_PASSWORD)
    assert str(user) == "Head of HR"
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.ACCEPTED and invitation.accepted_by == user
    # The same account again: nothing changes. Anyone else (a second new-account submit): refused.
    assert services.invitation_accept(invitation=invitation, user=user) == (membership, False)
    with pytest.raises(services.InvitationUnusable) as refused:
        services.invitation_accept(invitation=invitation, user=None, password=NEW_PASSWORD)
    assert refused.value.state == Invitation.State.ACCEPTED
    assert User.objects.filter(email="new.person@example.org").count() == 1
    assert Membership.objects.filter(organisation=org, user=user).count() == 1


def test_a_weak_password_is_refused_and_nothing_is_made(invite):
    invitation, _ = invite()
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, user=None, password="short")
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.PENDING and not User.objects.filter(email=invitation.email).exists()


def test_an_existing_account_accepts_and_keeps_its_other_organisations(invite, org, outsider, other_org):
    invitation, _ = invite(email=outsider.email, role=Role.VIEWER)
    # It cannot be taken over by making a new account with its address.
    with pytest.raises(services.InvitationUnusable) as refused:
        services.invitation_accept(invitation=invitation, user=None, password=NEW_PASSWORD)
    assert refused.value.state == "account_exists"
    membership, accepted = services.invitation_accept(invitation=invitation, user=outsider)
    assert accepted and membership.role == Role.VIEWER
    assert set(outsider.memberships.values_list("organisation__slug", flat=True)) == {org.slug, other_org.slug}


def test_another_account_cannot_accept(invite, org, make_member, other_org):
    invitation, _ = invite()
    someone = make_member(Role.VIEWER, organisation=other_org, username="someone-else")
    with pytest.raises(services.InvitationUnusable) as refused:
        services.invitation_accept(invitation=invitation, user=someone)
    assert refused.value.state == "wrong_account" and "new.person@example.org" in str(refused.value)
    assert not Membership.objects.filter(organisation=org, user=someone).exists()


def test_expired_and_withdrawn_invitations_cannot_be_accepted(invite, admin_member):
    expired, _ = invite(email="late@example.org")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    expired.refresh_from_db()
    withdrawn, _ = invite(email="withdrawn@example.org")
    assert services.invitation_revoke(invitation=withdrawn, actor=admin_member) is True
    assert services.invitation_revoke(invitation=withdrawn, actor=admin_member) is False  # twice: nothing
    for invitation, state in [(expired, "expired"), (withdrawn, "revoked")]:
        with pytest.raises(services.InvitationUnusable) as refused:
            services.invitation_accept(invitation=invitation, user=None, password=NEW_PASSWORD)
        assert refused.value.state == state
    assert not User.objects.filter(email__in=["late@example.org", "withdrawn@example.org"]).exists()


def test_sending_again_makes_a_new_link_and_the_old_one_stops_working(invite, admin_member):
    from edi_tracker import selectors

    invitation, _ = invite()
    old = token_of(mail.outbox[0])
    services.invitation_resend(invitation=invitation, actor=admin_member)
    new = token_of(mail.outbox[1])
    assert old != new and selectors.invitation_for_token(old) is None
    assert selectors.invitation_for_token(new).pk == invitation.pk


def test_an_accepted_invitation_cannot_be_withdrawn_or_sent_again(invite, admin_member):
    invitation, _ = invite()
    services.invitation_accept(invitation=invitation, user=None, password=NEW_PASSWORD)
    with pytest.raises(ValidationError, match="already accepted"):
        services.invitation_revoke(invitation=invitation, actor=admin_member)
    with pytest.raises(ValidationError, match="was accepted"):
        services.invitation_resend(invitation=invitation, actor=admin_member)


# The admin's Members page: three personas ------------------------------------------------------------

def test_the_admin_invites_by_email_and_sees_the_waiting_invitation(client_for, admin_member, org):
    client = client_for(admin_member)
    response = client.post(reverse("members", args=[org.slug]), {"email": "hr.partner@example.org", "role": "hr"},
                           follow=True)
    html = response.content.decode()
    assert "An invitation with the role “HR data officer” was emailed to hr.partner@example.org" in html
    assert "Invitations waiting" in html and "hr.partner@example.org" in html
    assert len(mail.outbox) == 1
    # The same submit again: nothing new, and it says so.
    response = client.post(reverse("members", args=[org.slug]), {"email": "hr.partner@example.org", "role": "hr"},
                           follow=True)
    assert "was already invited" in response.content.decode() and "nothing was sent again" in response.content.decode()
    assert Invitation.objects.count() == 1 and len(mail.outbox) == 1


def test_the_members_page_never_tells_whether_an_account_exists(client_for, admin_member, org, outsider):
    """Inviting another organisation's user and a stranger look exactly the same to the admin."""
    client = client_for(admin_member)
    pages = []
    for email in [outsider.email, "nobody.yet@example.org"]:
        response = client.post(reverse("members", args=[org.slug]), {"email": email, "role": "viewer"}, follow=True)
        pages.append(response.content.decode().replace(email, "EMAIL"))
    page = client.get(reverse("members", args=[org.slug])).content.decode()
    assert outsider.username not in page.replace(outsider.email, "") and str(outsider) not in page
    first_message = re.search(r"notification-banner__heading\">(.*?)</p>", pages[0]).group(1)
    second_message = re.search(r"notification-banner__heading\">(.*?)</p>", pages[1]).group(1)
    assert first_message == second_message


def test_a_bad_address_gets_its_message(client_for, admin_member, org):
    response = client_for(admin_member).post(reverse("members", args=[org.slug]), {"email": "nope", "role": "viewer"})
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("url_name", ["members", "invitation-resend", "invitation-revoke"])
def test_a_member_without_the_role_gets_403_and_an_outsider_404(client, client_for, invite, viewer, outsider, org,
                                                                 url_name):
    invitation, _ = invite()
    args = [org.slug] if url_name == "members" else [org.slug, invitation.pk]
    data = {"email": "intruder@example.org", "role": "admin"}
    assert client_for(viewer).post(reverse(url_name, args=args), data).status_code == 403
    client.logout()
    assert client_for(outsider).post(reverse(url_name, args=args), data).status_code == 404
    invitation.refresh_from_db()
    assert Invitation.objects.count() == 1 and invitation.state == Invitation.State.PENDING and len(mail.outbox) == 1


def test_another_organisations_invitation_or_member_is_not_found_through_ones_own(
        client_for, invite, outsider, other_org, viewer, org):
    invitation, _ = invite()
    membership = Membership.objects.get(user=viewer, organisation=org)
    client = client_for(outsider)  # admin of other_org
    for name, pk in [("invitation-revoke", invitation.pk), ("invitation-resend", invitation.pk),
                     ("member-remove", membership.pk), ("member-role", membership.pk)]:
        response = client.post(reverse(name, args=[other_org.slug, pk]), {"role": "viewer"})
        assert response.status_code == 404, name
    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.PENDING and Membership.objects.filter(pk=membership.pk).exists()


def test_the_admin_withdraws_and_sends_again(client_for, invite, admin_member, org):
    invitation, _ = invite()
    client = client_for(admin_member)
    response = client.post(reverse("invitation-resend", args=[org.slug, invitation.pk]), follow=True)
    assert "emailed again to new.person@example.org" in response.content.decode() and len(mail.outbox) == 2
    response = client.post(reverse("invitation-revoke", args=[org.slug, invitation.pk]), follow=True)
    assert "is withdrawn" in response.content.decode()
    assert "No invitations are waiting" in response.content.decode()
    response = client.post(reverse("invitation-revoke", args=[org.slug, invitation.pk]), follow=True)
    assert "already withdrawn: nothing changed" in response.content.decode()


# The emailed link, followed -------------------------------------------------------------------------

def test_a_new_person_follows_the_link_sets_a_password_and_lands_in_the_organisation(client_for, admin_member, org,
                                                                                      client, django_user_model):
    client_for(admin_member).post(reverse("members", args=[org.slug]), {"email": "new.lead@example.org", "role": "lead"})
    client.logout()
    path = link_path(mail.outbox[0])
    page = client.get(path)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    html = page.content.decode()
    assert f"Join {org.name}" in html and "new.lead@example.org" in html and "Choose a password" in html
    mismatch = client.post(path, {"password1": NEW_PASSWORD, "password2": "something else entirely"})
    assert "The two passwords do not match." in mismatch.content.decode()
    weak = client.post(path, {"password1": "password", "password2": "password"})
    assert "There is a problem" in weak.content.decode() and not django_user_model.objects.filter(email="new.lead@example.org").exists()
    response = client.post(path, {"display_name": "Race equality lead", "password1": NEW_PASSWORD,
                                  "password2": NEW_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("plans:org-home", args=[org.slug])
    assert f"Welcome to {org.name}: your role is “Action lead”." in response.content.decode()
    user = django_user_model.objects.get(username="new.lead@example.org")
    assert Membership.objects.get(user=user, organisation=org).role == Role.LEAD
    # The link again (a double submit, or later): harmless, and it says so.
    again = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True)
    assert "You have already accepted this invitation" in again.content.decode()
    client.logout()
    reused = client.get(path)
    assert reused.status_code == 200 and "already been accepted" in reused.content.decode()
    assert reused.content.decode().count("name=\"password1\"") == 0
    assert django_user_model.objects.filter(email="new.lead@example.org").count() == 1
    # The new person signs in with the address as their user name.
    client.logout()
    signed_in = client.post(reverse("login"), {"username": "new.lead@example.org", "password": NEW_PASSWORD})
    assert signed_in.status_code == 302


def test_an_existing_account_signs_in_then_accepts(client, invite, org, outsider):
    invite(email=outsider.email, role=Role.VIEWER)
    path = link_path(mail.outbox[0])
    page = client.get(path).content.decode()
    assert "Sign in to accept" in page and "password1" not in page
    # Signing in through the link's "next" brings them back to accept.
    response = client.post(f"{reverse('login')}?next={path}", {"username": outsider.username, "password": PASSWORD,
                                                                "next": path})
    assert response.status_code == 302 and response["Location"] == path
    assert not Membership.objects.filter(user=outsider, organisation=org).exists()  # not until they accept
    page = client.get(path).content.decode()
    assert "Accept the invitation" in page
    response = client.post(path)
    assert response["Location"] == reverse("plans:org-home", args=[org.slug])
    assert Membership.objects.get(user=outsider, organisation=org).role == Role.VIEWER
    assert client.post(path)["Location"] == reverse("plans:org-home", args=[org.slug])  # twice: harmless
    assert Membership.objects.filter(user=outsider, organisation=org).count() == 1


def test_the_wrong_account_is_told_and_nothing_changes(client_for, invite, org, other_org):
    invite(email="intended@example.org")
    someone = UserFactory(username="someone-else")
    MembershipFactory(user=someone, organisation=other_org)
    client = client_for(someone)
    path = link_path(mail.outbox[0])
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 403
        assert "This invitation is for another account" in response.content.decode()
    assert not Membership.objects.filter(user=someone, organisation=org).exists()
    assert Invitation.objects.get().state == Invitation.State.PENDING


def test_expired_withdrawn_and_unknown_links_get_a_clear_page(client, invite, admin_member):
    invitation, _ = invite()
    path = link_path(mail.outbox[0])
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 410 and "This invitation has expired" in response.content.decode()
    assert not User.objects.filter(email=invitation.email).exists()
    Invitation.objects.update(expires_at=timezone.now() + timedelta(days=1))
    services.invitation_revoke(invitation=invitation, actor=admin_member)
    response = client.get(path)
    assert response.status_code == 410 and "This invitation has been withdrawn" in response.content.decode()
    response = client.get(reverse("invitation-accept", args=["not-a-real-token"]))
    assert response.status_code == 404 and "This invitation link is not valid" in response.content.decode()


# Two identical submits at once (a double click, two tabs) ---------------------------------------------

@pytest.mark.django_db(transaction=True)
def test_two_identical_invitations_at_once_make_one_invitation_and_one_email(org, admin_member):
    import threading

    from django.db import connection

    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit():
        try:
            barrier.wait(timeout=10)
            results.append(services.invitation_create(organisation=org, email="twice@example.org", role=Role.HR,
                                                      actor=admin_member))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(sent for _, sent in results) == [False, True]
    assert Invitation.objects.filter(email="twice@example.org").count() == 1 and len(mail.outbox) == 1


# The access helpers ----------------------------------------------------------------------------------

def test_get_member_and_get_invitation_find_only_the_admins_own_organisation(invite, org, other_org, viewer, outsider,
                                                                            admin_member):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    from edi_tracker.access import get_invitation, get_member

    invitation, _ = invite()
    own_admin = Membership.objects.get(user=admin_member, organisation=org)
    elsewhere_admin = Membership.objects.get(user=outsider, organisation=other_org)
    viewer_membership = Membership.objects.get(user=viewer, organisation=org)
    assert get_member(own_admin, viewer_membership.pk) == viewer_membership
    assert get_invitation(own_admin, invitation.pk) == invitation
    with pytest.raises(Http404):
        get_member(elsewhere_admin, viewer_membership.pk)
    with pytest.raises(Http404):
        get_invitation(elsewhere_admin, invitation.pk)
    with pytest.raises(PermissionDenied):
        get_member(viewer_membership, own_admin.pk)
    with pytest.raises(PermissionDenied):
        get_invitation(viewer_membership, invitation.pk)
