"""Single sign-on: the admin's settings, the provider's discovery document, and who a verified email
may sign in as. Nobody is created without an invitation or a membership of the organisation."""

from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from edi_tracker.models import Invitation, Membership, Organisation, User
from edi_tracker.services import InvitationUnusable, audit_record, invitation_accept

from .models import SingleSignOn

DISCOVERY_TIMEOUT = 10


class SignInRefused(Exception):
    """A sign-in through the provider that we refuse, with the sentence to show."""


def normalise_domains(text: str) -> list[str]:
    domains = []
    for part in text.replace(",", "\n").split():
        domain = part.strip().lower().lstrip("@")
        if not domain:
            continue
        if "." not in domain or "@" in domain or "/" in domain:
            raise ValidationError({"allowed_domains": f"“{part}” is not an email domain, like example.gov.uk."})
        if domain not in domains:
            domains.append(domain)
    return domains


@transaction.atomic
def sso_configure(*, organisation: Organisation, actor: User | None, issuer: str, client_id: str,
                  client_secret: str, allowed_domains: list[str], required: bool, enabled: bool = True) -> SingleSignOn:
    """Save the organisation's provider. An empty client_secret keeps the one stored."""
    config = SingleSignOn.objects.filter(organisation=organisation).select_for_update().first()
    created = config is None
    if created:
        config = SingleSignOn(organisation=organisation)
        if not client_secret:
            raise ValidationError({"client_secret": "Enter the client secret from your identity provider."})
    if required and not allowed_domains:
        raise ValidationError({"allowed_domains": "Enter at least one email domain before requiring single sign-on."})
    taken = (SingleSignOn.objects.exclude(organisation=organisation).filter(enabled=True)
             .values_list("allowed_domains", flat=True))
    clash = sorted({d for domains in taken for d in domains} & set(allowed_domains))
    if enabled and clash:
        raise ValidationError({"allowed_domains": f"{', '.join(clash)} already signs in to another organisation."})
    config.issuer = issuer.rstrip("/")
    config.client_id = client_id.strip()
    if client_secret:
        config.client_secret = client_secret
    config.allowed_domains = allowed_domains
    config.required = required
    config.enabled = enabled
    config.full_clean()
    config.save()
    audit_record(organisation=organisation, actor=actor, verb="sso.configured", obj=config,
                 summary=f"Single sign-on {'set up' if created else 'changed'}: {config.issuer}, "
                         f"{'required' if required else 'optional'} for members",
                 changes={"issuer": config.issuer, "client_id": config.client_id, "domains": allowed_domains,
                          "required": required, "secret_changed": bool(client_secret)})
    cache.delete(_discovery_key(config.issuer))
    return config


def _discovery_key(issuer: str) -> str:
    return f"sso:discovery:{issuer}"


def discovery(config: SingleSignOn) -> dict:
    """The provider's /.well-known/openid-configuration, cached for an hour."""
    import requests

    key = _discovery_key(config.issuer)
    document = cache.get(key)
    if document is None:
        try:
            response = requests.get(config.issuer + "/.well-known/openid-configuration", timeout=DISCOVERY_TIMEOUT)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as error:
            raise SignInRefused("Your organisation's sign-in service could not be reached. Try again in a few "
                                "minutes, or tell your organisation's admin.") from error
        cache.set(key, document, 3600)
    return document


def config_for_email(email: str) -> SingleSignOn | None:
    domain = email.rsplit("@", 1)[-1].strip().lower()
    return (SingleSignOn.objects.select_related("organisation")
            .filter(enabled=True, allowed_domains__contains=[domain]).first())


def sso_required_for(user: User) -> Organisation | None:
    """The organisation of the user's that requires single sign-on, if any: they may not use a password."""
    config = (SingleSignOn.objects.select_related("organisation")
              .filter(enabled=True, required=True, organisation__memberships__user=user).first())
    return config.organisation if config else None


@dataclass
class Claims:
    email: str
    verified: bool
    name: str


def read_claims(claims: dict) -> Claims:
    """The email and whether the provider vouches for it: `email_verified: true` (the OpenID Connect
    standard claim), or, from Microsoft Entra ID, which does not send it, `xms_edov: true` (the optional
    claim "email domain owner verified", added in the app registration's Token configuration)."""
    email = (claims.get("email") or "").strip().lower()
    verified = claims.get("email_verified") is True or claims.get("xms_edov") in (True, "true", "1", 1)
    return Claims(email=email, verified=verified, name=(claims.get("name") or "")[:150])


@transaction.atomic
def sso_sign_in(*, config: SingleSignOn, claims: dict) -> User:
    """The person a provider's verified claims sign in: a member of the organisation (by email), or the
    holder of a pending invitation, which is accepted now (making their account, with no password).
    Anything else is refused with SignInRefused."""
    organisation = config.organisation
    seen = read_claims(claims)
    if not seen.email:
        raise SignInRefused("Your organisation's sign-in service did not send your email address.")
    if not seen.verified:
        raise SignInRefused(f"Your organisation's sign-in service did not confirm that {seen.email} is yours, "
                            "so we cannot sign you in with it. Ask your organisation's admin.")
    domain = seen.email.rsplit("@", 1)[-1]
    if config.allowed_domains and domain not in config.allowed_domains:
        raise SignInRefused(f"{seen.email} is not an address of {organisation.name}'s single sign-on.")
    users = list(User.objects.filter(Q(email__iexact=seen.email) | Q(username__iexact=seen.email))[:2])
    if len(users) > 1:
        raise SignInRefused(f"More than one account has the address {seen.email}: ask your organisation's admin.")
    user = users[0] if users else None
    if user is not None and Membership.objects.filter(organisation=organisation, user=user).exists():
        if not user.is_active:
            raise SignInRefused("This account is inactive.")
        return user
    invitation = (Invitation.objects.filter(organisation=organisation, email=seen.email, accepted_at__isnull=True,
                                            revoked_at__isnull=True).first())
    if invitation is None:
        raise SignInRefused(f"{seen.email} is not a member of {organisation.name} and has no invitation to join. "
                            "Ask your organisation's admin to invite you.")
    if user is None:
        user = User(username=seen.email, email=seen.email, display_name=seen.name)
        user.set_unusable_password()
        user.save()
    try:
        invitation_accept(invitation=invitation, user=user)
    except InvitationUnusable as refusal:
        raise SignInRefused(str(refusal)) from refusal
    return user
