"""Forgot your password?: Django's reset flow, emailed with SITE_URL, never saying whether an address has
an account."""

import re

import pytest

from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD

NEW_PASSWORD = "another long passphrase 42"


@pytest.mark.django_db  # the sign-in page reads which single sign-on providers its form may reach
def test_the_sign_in_page_offers_forgot_your_password(client):
    html = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("password_reset")}">Forgot your password?</a>' in html


def test_a_reset_is_emailed_and_an_unknown_address_looks_the_same(client, viewer, settings):
    settings.SITE_URL = "https://edi.example.gov.uk"
    known = client.post(reverse("password_reset"), {"email": viewer.email.upper()}, follow=True)
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain == [(reverse("password_reset_done"), 302)]
    assert known.content == unknown.content and "Check your email" in known.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [viewer.email]
    body = mail.outbox[0].body
    assert "https://edi.example.gov.uk/accounts/reset/" in body and viewer.username in body


def test_the_emailed_link_sets_a_new_password_once(client, viewer):
    client.post(reverse("password_reset"), {"email": viewer.email})
    path = re.search(r"https?://\S+?(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    response = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True)
    assert "Your password is saved" in response.content.decode()
    viewer.refresh_from_db()
    assert viewer.check_password(NEW_PASSWORD) and not viewer.check_password(PASSWORD)
    # The link is spent.
    assert "This link cannot be used" in client.get(path, follow=True).content.decode()
    assert client.post(reverse("login"), {"username": viewer.username, "password": NEW_PASSWORD}).status_code == 302


def test_a_bad_address_gets_its_message(client):
    response = client.post(reverse("password_reset"), {"email": "not an address"})
    assert response.status_code == 200
    assert "Enter an email address in the correct format" in response.content.decode()
    assert mail.outbox == []
