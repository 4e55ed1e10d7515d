"""mozilla-django-oidc's backend with the provider of the organisation the sign-in started for.

The library reads one provider from settings; here each organisation has its own (sso.models), chosen
when the sign-in starts (sso.views.start keeps its id in the session). Its ID token check is completed:
besides the signature and nonce that the library checks, the issuer must be the organisation's, the
audience our client id, and the token not expired (PyJWT checks exp and iat); any failure refuses the
sign-in with a sentence instead of an error page."""

import logging

import jwt
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import SingleSignOn
from .oidc_settings import REFUSAL_KEY, SESSION_KEY, get_settings
from .services import SignInRefused, discovery, sso_sign_in

logger = logging.getLogger(__name__)


class OrganisationOIDCBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(get_settings)

    def configure(self, config: SingleSignOn) -> None:
        provider = discovery(config)
        self.config = config
        self.OIDC_OP_TOKEN_ENDPOINT = provider["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = provider.get("userinfo_endpoint", "")
        self.OIDC_OP_JWKS_ENDPOINT = provider["jwks_uri"]
        self.OIDC_RP_CLIENT_ID = config.client_id
        self.OIDC_RP_CLIENT_SECRET = config.client_secret
        self.OIDC_RP_SIGN_ALGO = "RS256"

    def authenticate(self, request, **kwargs):
        if request is None or "code" not in request.GET or "state" not in request.GET or "nonce" not in kwargs:
            return None  # a password sign-in, or not our callback
        config_id = request.session.get(SESSION_KEY)
        config = SingleSignOn.objects.select_related("organisation").filter(pk=config_id, enabled=True).first()
        if config is None:
            return None
        try:
            self.configure(config)
            return super().authenticate(request, **kwargs)
        except SignInRefused as refusal:
            request.session[REFUSAL_KEY] = str(refusal)
        except SuspiciousOperation as problem:
            logger.warning("Single sign-on refused for %s: %s", config.organisation.slug, problem)
            request.session[REFUSAL_KEY] = ("Your organisation's sign-in service sent a sign-in we could not "
                                            "accept. Try again; if it happens again, tell your organisation's admin.")
        except Exception as problem:  # the provider down or answering nonsense: a sentence, not a 500
            logger.warning("Single sign-on failed for %s: %r", config.organisation.slug, problem)
            request.session[REFUSAL_KEY] = ("Your organisation's sign-in service could not be reached. Try again "
                                            "in a few minutes, or tell your organisation's admin.")
        return None

    def _verify_jws(self, payload, key):
        """The library's check (signature, algorithm) plus issuer, audience and expiry."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation("The ID token's algorithm is not RS256.")
        try:
            return jwt.decode(payload, key, algorithms=[self.OIDC_RP_SIGN_ALGO], audience=self.OIDC_RP_CLIENT_ID,
                              issuer=self.config.issuer, options={"require": ["exp", "iat", "aud", "iss"]},
                              leeway=60)
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from error

    def get_or_create_user(self, access_token, id_token, payload):
        """Match by the ID token's verified email (and the userinfo's, when the token has none)."""
        claims = dict(payload)
        if "email" not in claims and self.OIDC_OP_USER_ENDPOINT:
            claims.update(self.get_userinfo(access_token, id_token, payload))
        return sso_sign_in(config=self.config, claims=claims)
