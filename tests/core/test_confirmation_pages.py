"""Removing a member, withdrawing an invitation and removing a report recipient ask first, on a page of their
own (GOV.UK pattern); the change itself is still a POST with its CSRF token (issue 14)."""

import pytest
from django.test import Client
from django.urls import reverse

from edi_tracker import services as core_services
from edi_tracker.models import Invitation, Membership, Role
from reports.models import ReportRecipient
from reports.services import recipient_add


@pytest.fixture
def targets(org, admin_member, make_member):
    member = make_member(Role.EDITOR, username="head-of-hr")
    invitation, _ = core_services.invitation_create(organisation=org, email="new.lead@example.org", role=Role.LEAD,
                                                    actor=admin_member)
    recipient = recipient_add(organisation=org, actor=admin_member, name="Chair of the Board", email="chair@example.org")
    return {
        "member-remove": (Membership.objects.get(user=member, organisation=org).pk,
                          "Are you sure you want to remove Head Of Hr from Demo Borough Council?",
                          "will no longer be able to sign in", "Yes, remove them", reverse("members", args=[org.slug])),
        "invitation-revoke": (invitation.pk, "Are you sure you want to withdraw the invitation to new.lead@example.org?",
                              "The link in the invitation email will stop working", "Yes, withdraw the invitation",
                              reverse("members", args=[org.slug])),
        "reports:recipient-remove": (recipient.pk,
                                     "Are you sure you want to remove Chair of the Board from the report recipients?",
                                     "will no longer be emailed the quarterly highlight reports", "Yes, remove them",
                                     reverse("reports:recipients", args=[org.slug])),
    }


def still_there(name, pk) -> bool:
    if name == "member-remove":
        return Membership.objects.filter(pk=pk).exists()
    if name == "invitation-revoke":
        return Invitation.objects.get(pk=pk).state == Invitation.State.PENDING
    return ReportRecipient.objects.filter(pk=pk).exists()


@pytest.mark.parametrize("name", ["member-remove", "invitation-revoke", "reports:recipient-remove"])
def test_the_page_asks_first_and_the_post_does_it(client_for, org, admin_member, targets, name):
    pk, heading, consequence, button, cancel = targets[name]
    client = client_for(admin_member)
    url = reverse(name, args=[org.slug, pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in html.replace("&#x27;", "'")
    assert consequence in html.replace("&#x27;", "'")
    assert "govuk-button--warning" in html and button in html
    assert f'href="{cancel}">Cancel</a>' in html
    assert f'<form method="post" action="{url}"' in html and "csrfmiddlewaretoken" in html
    assert still_there(name, pk), "opening the page changed something"
    assert client.post(url).status_code == 302
    assert not still_there(name, pk)


@pytest.mark.parametrize("name", ["member-remove", "invitation-revoke", "reports:recipient-remove"])
def test_the_change_needs_its_csrf_token(org, admin_member, targets, name):
    pk = targets[name][0]
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_member, backend="django.contrib.auth.backends.ModelBackend")
    assert client.post(reverse(name, args=[org.slug, pk])).status_code == 403
    assert still_there(name, pk)


def test_the_lists_link_to_the_confirmation_pages(client_for, org, admin_member, targets):
    client = client_for(admin_member)
    members = client.get(reverse("members", args=[org.slug])).content.decode()
    assert f'href="{reverse("member-remove", args=[org.slug, targets["member-remove"][0]])}"' in members
    assert f'href="{reverse("invitation-revoke", args=[org.slug, targets["invitation-revoke"][0]])}"' in members
    recipients = client.get(reverse("reports:recipients", args=[org.slug])).content.decode()
    assert f'href="{reverse("reports:recipient-remove", args=[org.slug, targets["reports:recipient-remove"][0]])}"' in recipients


def test_a_viewer_cannot_see_the_confirmation_pages(client_for, org, viewer, targets):
    client = client_for(viewer)
    for name, (pk, *_rest) in targets.items():
        assert client.get(reverse(name, args=[org.slug, pk])).status_code == 403
