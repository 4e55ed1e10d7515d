"""Sign-in guessing limits (django-axes) that a stranger cannot turn against a user.

Wrong passwords are counted twice: for the (user name, client address) pair, and for the client
address whatever the user names. `AXES_FAILURE_LIMIT` failures for a pair lock that pair only: the
named user can still sign in from any other address, so a stranger cannot lock them out everywhere.
`AXES_ADDRESS_FAILURE_LIMIT` failures from one address lock that address, so trying many user names
from one place is limited too. A successful sign-in clears its own pair's failures only, so signing in
to one's own account does not clear an address's count.

The client address is the one the outermost of `TRUSTED_PROXY_COUNT` reverse proxies saw: each proxy
appends the address it was reached from to X-Forwarded-For, so with N trusted proxies the client is the
N-th entry from the right. Entries to its left were sent by the client and are ignored.
"""

import ipaddress

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum


def client_address(request) -> str | None:
    """The client's address, taking X-Forwarded-For from `TRUSTED_PROXY_COUNT` proxies only."""
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if count == 0:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if len(forwarded) < count:
        # Not through all the trusted proxies: the connecting address is the best we know.
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def _failures(attempts: QuerySet) -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


class SignInAttemptHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit per (user name, address) pair and a higher one per address."""

    def _recent(self, request) -> QuerySet:
        attempts = AccessAttempt.objects.all()
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts

    def get_failures(self, request, credentials: dict | None = None) -> int:
        """The failures that count against this request, in units of the pair's limit, so that axes' one
        comparison with AXES_FAILURE_LIMIT applies both limits: an address reaches the pair's limit exactly
        when its own failures reach AXES_ADDRESS_FAILURE_LIMIT."""
        recent = self._recent(request)
        address = request.axes_ip_address
        pair = _failures(recent.filter(username=get_client_username(request, credentials), ip_address=address))
        from_address = _failures(recent.filter(ip_address=address))
        return max(pair, from_address * settings.AXES_FAILURE_LIMIT // settings.AXES_ADDRESS_FAILURE_LIMIT)

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """After a successful sign-in, forget that pair's failures only (not the address's others)."""
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials), ip_address=request.axes_ip_address
        ).delete()
        return count
