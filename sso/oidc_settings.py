"""What mozilla-django-oidc's views and our backend read besides Django's settings: the session keys of a
sign-in in progress, and the provider's settings, which are the organisation's (set per sign-in), not one
provider's from settings.py.

Kept apart from sso.backend, which imports the library's backend and with it requests and PyJWT (with
cryptography's X.509): the URL configuration imports sso.views, so every process that resolves a URL would
load them, where only a sign-in through a provider uses them (design.md §11, bench/startup.py)."""

from mozilla_django_oidc.utils import import_from_settings

SESSION_KEY = "sso_config_id"
REFUSAL_KEY = "sso_refusal"
# The library asks for these at construction; the real values are set per organisation in authenticate.
PLACEHOLDERS = {"OIDC_OP_TOKEN_ENDPOINT": "", "OIDC_OP_USER_ENDPOINT": "", "OIDC_OP_JWKS_ENDPOINT": "",
                "OIDC_RP_CLIENT_ID": "", "OIDC_RP_CLIENT_SECRET": "", "OIDC_RP_SIGN_ALGO": "RS256",
                "OIDC_OP_AUTHORIZATION_ENDPOINT": ""}


def get_settings(attr, *args):
    if attr in PLACEHOLDERS:
        return PLACEHOLDERS[attr]
    return import_from_settings(attr, *args)
