"""Single sign-on through a real OpenID Connect provider (npm's oidc-provider, started on loopback by
scripts/oidc_test_provider.mjs) and Chromium following the real redirects."""

import json
import os
import subprocess
from pathlib import Path

import pytest

from edi_tracker import services as core_services
from edi_tracker.models import Membership, Role
from sso.services import sso_configure

from .conftest import assert_accessible, log_in

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID, CLIENT_SECRET = "edi-tracker-test", "a-long-test-client-secret"


@pytest.fixture(scope="session")
def provider(live_server):
    env = {**os.environ,
           "OIDC_TEST_CLIENTS": json.dumps([{"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
                                             "redirect_uris": [f"{live_server.url}/sso/callback/"]}]),
           "OIDC_TEST_ACCOUNTS": json.dumps({"unverified@demo.gov.uk": {"email_verified": False}})}
    process = subprocess.Popen(["node", str(ROOT / "scripts" / "oidc_test_provider.mjs")], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = process.stdout.readline()
        assert line, "the test OpenID Connect provider did not start (npm ci installs oidc-provider)"
        yield json.loads(line)["issuer"]
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def sso(org, admin_member, provider):
    return sso_configure(organisation=org, actor=admin_member, issuer=provider, client_id=CLIENT_ID,
                         client_secret=CLIENT_SECRET, allowed_domains=["demo.gov.uk"], required=False)


def sign_in_with_work_account(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Work email address").fill(email)
    page.get_by_role("button", name="Continue with your work account").click()
    page.get_by_label("Email address").fill(email)  # at the provider
    page.get_by_role("button", name="Sign in at the test provider").click()
    page.wait_for_load_state()


def test_first_sign_in_is_matched_to_an_invitation_and_sign_out_ends_the_session(page, org, admin_member, sso):
    core_services.invitation_create(organisation=org, email="new.officer@demo.gov.uk", role=Role.EDITOR,
                                    actor=admin_member)
    page.goto("/accounts/login/")
    assert_accessible(page)
    sign_in_with_work_account(page, "new.officer@demo.gov.uk")
    assert "/accounts/login/" not in page.url
    assert page.get_by_role("link", name="Demo Borough Council").first.is_visible()
    membership = Membership.objects.get(user__email="new.officer@demo.gov.uk", organisation=org)
    assert membership.role == Role.EDITOR and not membership.user.has_usable_password()
    page.get_by_role("banner").get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/accounts/login/**")
    page.goto(f"/o/{org.slug}/")
    assert "/accounts/login/" in page.url


def test_a_second_organisations_user_and_an_unverified_email_are_refused(page, new_page, other_org, make_member,
                                                                         sso):
    outsider = make_member(Role.ADMIN, organisation=other_org, username="outsider")
    outsider.email = "outsider@demo.gov.uk"
    outsider.save()
    sign_in_with_work_account(page, "outsider@demo.gov.uk")
    assert "/accounts/login/" in page.url
    assert "is not a member of Demo Borough Council" in page.get_by_role("main").inner_text()
    page = new_page()  # a browser with no session at the provider yet
    sign_in_with_work_account(page, "unverified@demo.gov.uk")
    assert "did not confirm that unverified@demo.gov.uk is yours" in page.get_by_role("main").inner_text()
    page.goto(f"/o/{other_org.slug}/")
    assert "/accounts/login/" in page.url  # signed in nowhere


def test_sso_required_refuses_a_password_and_lets_the_work_account_in(page, org, admin_member, make_member, sso,
                                                                      provider):
    viewer = make_member(Role.VIEWER, username="viewer.person@demo.gov.uk")
    viewer.email = "viewer.person@demo.gov.uk"
    viewer.save()
    sso_configure(organisation=org, actor=admin_member, issuer=provider, client_id=CLIENT_ID, client_secret="",
                  allowed_domains=["demo.gov.uk"], required=True)
    log_in(page, "viewer.person@demo.gov.uk")
    assert "signs its members in with their work account" in page.get_by_role("main").inner_text()
    assert "/accounts/login/" in page.url
    sign_in_with_work_account(page, "viewer.person@demo.gov.uk")
    assert "/accounts/login/" not in page.url
    assert page.get_by_role("link", name="Demo Borough Council").first.is_visible()
