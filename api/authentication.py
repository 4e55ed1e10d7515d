"""`Authorization: Bearer <token>` for the API: the token is looked up in the database on every request,
so an expired or revoked token is refused (401) at once; nothing about its validity is cached."""

from django.contrib.auth.models import AnonymousUser
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken
from .services import token_for, token_used


class BearerTokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send the header as Authorization: Bearer <token>.")
        try:
            text = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("This token is not valid.") from None
        token = token_for(text)
        if token is None:
            raise exceptions.AuthenticationFailed("This token is not valid, has expired or has been revoked.")
        token_used(token, path=request.path)
        return AnonymousUser(), token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class HasApiToken(BasePermission):
    message = "Send an API token: Authorization: Bearer <token>."

    def has_permission(self, request, view):
        return isinstance(request.auth, ApiToken)


class TokenRateThrottle(SimpleRateThrottle):
    """Requests per token (API_RATE, e.g. 600/min), counted in the cache every web node shares."""

    scope = "api_token"

    def get_rate(self):
        from django.conf import settings

        return settings.API_RATE  # read per request, not once at import as DRF's default does

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
