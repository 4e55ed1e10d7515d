"""Single sign-on below the browser: who a provider's claims sign in, the ID token checks the library
leaves out (audience, issuer, expiry), password sign-in refused where SSO is required, the admin page."""

import time

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.exceptions import SuspiciousOperation, ValidationError

from edi_tracker import services as core_services
from edi_tracker.models import AuditEvent, Membership, Role, User
from sso.backend import OrganisationOIDCBackend
from sso.models import SingleSignOn
from sso.services import SignInRefused, sso_configure, sso_sign_in
from tests.conftest import PASSWORD

ISSUER = "https://login.microsoftonline.com/tenant-id/v2.0"


@pytest.fixture
def config(org, admin_member):
    return sso_configure(organisation=org, actor=admin_member, issuer=ISSUER, client_id="client-123",
                         client_secret="s3cret-value", allowed_domains=["demo.gov.uk"], required=False)


def claims(email, **extra):
    return {"email": email, "email_verified": True, "name": "Head of HR", **extra}


def test_a_member_signs_in_by_verified_email(config, make_member):
    member = make_member(Role.VIEWER, username="viewer-person")
    member.email = "Viewer.Person@demo.gov.uk"
    member.save()
    assert sso_sign_in(config=config, claims=claims("viewer.person@demo.gov.uk")) == member


def test_first_sign_in_accepts_an_invitation_and_makes_an_account_without_password(config, org, admin_member):
    invitation, _ = core_services.invitation_create(organisation=org, email="new.starter@demo.gov.uk",
                                                    role=Role.EDITOR, actor=admin_member)
    user = sso_sign_in(config=config, claims=claims("new.starter@demo.gov.uk"))
    assert user.username == "new.starter@demo.gov.uk" and not user.has_usable_password()
    assert Membership.objects.get(user=user, organisation=org).role == Role.EDITOR
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert sso_sign_in(config=config, claims=claims("new.starter@demo.gov.uk")) == user  # next time: a member


@pytest.mark.parametrize("claim_set,words", [
    (claims("stranger@demo.gov.uk"), "has no invitation"),
    (claims("someone@demo.gov.uk", email_verified=False), "did not confirm"),
    ({"email": "someone@demo.gov.uk"}, "did not confirm"),
    (claims("someone@elsewhere.org"), "is not an address"),
    ({"email_verified": True}, "did not send your email"),
])
def test_nobody_is_created_without_an_invitation_or_a_verified_email(config, claim_set, words):
    before = User.objects.count()
    with pytest.raises(SignInRefused, match=words):
        sso_sign_in(config=config, claims=claim_set)
    assert User.objects.count() == before


def test_entra_email_domain_owner_verified_claim_counts_as_verified(config, org, admin_member):
    core_services.invitation_create(organisation=org, email="officer@demo.gov.uk", role=Role.VIEWER,
                                    actor=admin_member)
    user = sso_sign_in(config=config, claims={"email": "officer@demo.gov.uk", "xms_edov": True})
    assert user.email == "officer@demo.gov.uk"


def test_another_organisations_member_is_refused(config, outsider):
    outsider.email = "outsider@demo.gov.uk"
    outsider.save()
    with pytest.raises(SignInRefused, match="is not a member of Demo Borough Council"):
        sso_sign_in(config=config, claims=claims("outsider@demo.gov.uk"))


def _signed(key, **payload):
    now = int(time.time())
    body = {"iss": ISSUER, "aud": "client-123", "iat": now, "exp": now + 300, "sub": "1", "nonce": "n",
            **payload}
    return jwt.encode(body, key, algorithm="RS256", headers={"kid": "k1"})


@pytest.fixture
def backend(config):
    backend = OrganisationOIDCBackend()
    backend.config = config
    backend.OIDC_RP_CLIENT_ID = config.client_id
    return backend


@pytest.fixture
def key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def test_the_id_token_must_be_for_us_from_our_issuer_and_unexpired(backend, key):
    public = key.public_key()
    assert backend._verify_jws(_signed(key), public)["aud"] == "client-123"
    for bad in (_signed(key, aud="someone-else"), _signed(key, iss="https://evil.example/v2.0"),
                _signed(key, exp=int(time.time()) - 3600, iat=int(time.time()) - 7200)):
        with pytest.raises(SuspiciousOperation):
            backend._verify_jws(bad, public)
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    with pytest.raises(SuspiciousOperation):
        backend._verify_jws(_signed(other_key), public)


def test_password_sign_in_is_refused_where_sso_is_required(client, org, admin_member, make_member, config):
    viewer = make_member(Role.VIEWER)
    response = client.post("/accounts/login/", {"username": viewer.username, "password": PASSWORD})
    assert response.status_code == 302  # not required yet
    client.logout()
    sso_configure(organisation=org, actor=admin_member, issuer=ISSUER, client_id="client-123", client_secret="",
                  allowed_domains=["demo.gov.uk"], required=True)
    response = client.post("/accounts/login/", {"username": viewer.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "signs its members in with their work account" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # A wrong password still says only that it is wrong (nothing about SSO to someone without it).
    response = client.post("/accounts/login/", {"username": viewer.username, "password": "wrong password"})
    assert "Enter a correct username and password" in response.content.decode()


def test_the_secret_is_stored_encrypted_and_never_shown_back(client_for, admin_member, org):
    client = client_for(admin_member)
    url = f"/o/{org.slug}/members/sign-in/"
    data = {"issuer": ISSUER, "client_id": "client-123", "client_secret": "very-secret-value-42",
            "allowed_domains": "demo.gov.uk\n@Demo-Trust.nhs.uk", "required": "on"}
    assert client.post(url, data).status_code == 302
    config = SingleSignOn.objects.get(organisation=org)
    assert config.client_secret == "very-secret-value-42"
    assert "very-secret-value-42" not in config.client_secret_encrypted
    assert config.allowed_domains == ["demo.gov.uk", "demo-trust.nhs.uk"] and config.required
    page = client.get(url).content.decode()
    assert "very-secret-value-42" not in page and "client-123" in page
    # Saved again with the secret left empty: the stored one is kept.
    assert client.post(url, {**data, "client_secret": ""}).status_code == 302
    assert SingleSignOn.objects.get(organisation=org).client_secret == "very-secret-value-42"
    bad = client.post(url, {**data, "issuer": "not a url", "allowed_domains": "not-a-domain"}).content.decode()
    assert "full web address" in bad and "is not an email domain" in bad
    assert AuditEvent.objects.filter(verb="sso.configured").count() == 2


def test_a_domain_belongs_to_one_organisation(config, other_org, outsider):
    with pytest.raises(ValidationError, match="already signs in to another organisation"):
        sso_configure(organisation=other_org, actor=outsider, issuer=ISSUER, client_id="x", client_secret="y",
                      allowed_domains=["demo.gov.uk"], required=False)


def test_the_sign_in_page_sends_a_known_domain_to_its_provider_and_explains_an_unknown_one(client, config):
    response = client.post("/sso/", {"email": "someone@unknown.org"}, follow=True)
    assert "No organisation signs in with a work account for unknown.org" in response.content.decode()
    response = client.post("/sso/", {"email": "someone@demo.gov.uk"})
    assert response.status_code == 302 and response["Location"] == "/sso/lambeth-demo/start/"
    assert client.get("/sso/nowhere/start/").status_code == 404


def test_the_page_asked_for_comes_through_the_provider_and_only_a_local_one(client, config):
    response = client.post("/sso/", {"email": "someone@demo.gov.uk", "next": "/o/lambeth-demo/actions/?a=1&b=2"})
    assert response["Location"] == "/sso/lambeth-demo/start/?next=%2Fo%2Flambeth-demo%2Factions%2F%3Fa%3D1%26b%3D2"
    for elsewhere in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post("/sso/", {"email": "someone@demo.gov.uk", "next": elsewhere})
        assert response["Location"] == "/sso/lambeth-demo/start/"
