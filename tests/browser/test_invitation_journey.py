"""An admin invites someone by email; the person opens the emailed link, chooses a password and lands in
the organisation. And a forgotten password, reset through the emailed link. axe-core on every page."""

import re

from django.core import mail

from edi_tracker.models import Membership, Role

from .conftest import assert_accessible, log_in

PASSWORD = "a long and unusual passphrase 7"


def emailed_path(pattern: str) -> str:
    assert mail.outbox, "no email was sent"
    match = re.search(pattern, mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_invite_open_the_link_set_a_password_and_land_in_the_organisation(new_page, org, make_member):
    make_member(Role.ADMIN, username="edi-programme-manager")
    admin = new_page()
    log_in(admin, "edi-programme-manager")
    admin.get_by_role("link", name="Settings").click()
    admin.get_by_role("link", name="Members and invitations").click()
    admin.get_by_label("Email address").fill("new.coordinator@example.org")
    admin.get_by_label("Role", exact=True).select_option("editor")
    admin.get_by_role("button", name="Send invitation").click()
    admin.wait_for_load_state()
    assert "was emailed to new.coordinator@example.org" in admin.get_by_role("alert").inner_text()
    assert admin.get_by_role("cell", name="new.coordinator@example.org", exact=True).is_visible()
    assert_accessible(admin)

    person = new_page()  # another browser: the person who got the email
    person.goto(emailed_path(r"https?://\S+?(/invitations/\S+/)"))
    assert person.get_by_role("heading", name=f"Join {org.name}").is_visible()
    assert_accessible(person)
    person.get_by_label("Your name or role title").fill("EDI coordinator")
    person.get_by_label("Password", exact=True).fill(PASSWORD)
    person.get_by_label("Confirm password").fill(PASSWORD)
    person.get_by_role("button", name="Create account and join").click()
    person.wait_for_url(f"**/o/{org.slug}/")
    assert f"Welcome to {org.name}" in person.get_by_role("alert").inner_text()
    assert "Signed in as EDI coordinator" in person.get_by_role("banner").inner_text()
    assert_accessible(person)
    assert Membership.objects.get(user__username="new.coordinator@example.org", organisation=org).role == Role.EDITOR

    # The admin's page now lists the new member and no waiting invitation.
    admin.reload()
    assert "No invitations are waiting to be accepted." in admin.content()
    assert admin.get_by_role("cell", name="EDI coordinator").first.is_visible()


def test_forgot_your_password(page, make_member):
    make_member(Role.VIEWER, username="assistant-director")
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill("assistant-director@example.org")
    page.get_by_role("button", name="Send the link").click()
    assert page.get_by_role("heading", name="Check your email").is_visible()
    assert_accessible(page)
    page.goto(emailed_path(r"https?://\S+?(/accounts/reset/\S+/)"))
    assert page.get_by_role("heading", name="Choose a new password").is_visible()
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("New password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Save the password").click()
    assert page.get_by_role("heading", name="Your password is saved").is_visible()
    log_in(page, "assistant-director", PASSWORD)
    assert "Signed in as" in page.get_by_role("banner").inner_text()
