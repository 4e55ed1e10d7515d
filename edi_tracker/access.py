"""Who may see and do what in an organisation.

Every organisation URL goes through `org_view`: an anonymous visitor is sent to log in, a user
who is not a member gets 404 (the organisation might as well not exist), and a member whose role
lacks the capability gets 403. The per-object helpers in each app (e.g.
`plans.access.get_action(membership, pk, need=...)`) take the membership `org_view` set; those of the
core's own objects (`get_member`, `get_invitation`) are below.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .models import Capability, Invitation, Membership


def get_membership(user, org_slug: str) -> Membership:
    """The user's membership of the organisation, or 404 for anyone who is not a member."""
    if not user.is_authenticated:
        raise Http404("No such organisation.")
    try:
        return Membership.objects.select_related("organisation").get(user=user, organisation__slug=org_slug)
    except Membership.DoesNotExist:
        raise Http404("No such organisation.") from None


def require(membership: Membership, capability: str) -> None:
    if not membership.can(capability):
        raise PermissionDenied("Your role in this organisation does not allow this.")


def org_view(capability: str = Capability.VIEW):
    """Decorate a view taking `org_slug`: sets request.membership and request.organisation."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, org_slug, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = get_membership(request.user, org_slug)
            request.membership = membership
            request.organisation = membership.organisation
            require(membership, capability)
            return view(request, org_slug, *args, **kwargs)

        wrapped.org_capability = capability
        return wrapped

    return decorator


def get_member(membership: Membership, pk: int) -> Membership:
    """A membership of the admin's organisation: 404 for one of any other organisation."""
    require(membership, Capability.MANAGE_MEMBERS)
    try:
        return Membership.objects.select_related("user", "organisation").get(
            pk=pk, organisation_id=membership.organisation_id
        )
    except Membership.DoesNotExist:
        raise Http404("No such member.") from None


def get_invitation(membership: Membership, pk: int) -> Invitation:
    """An invitation of the admin's organisation, in any state: 404 for one of any other organisation."""
    require(membership, Capability.MANAGE_MEMBERS)
    try:
        return Invitation.objects.select_related("organisation").get(pk=pk, organisation_id=membership.organisation_id)
    except Invitation.DoesNotExist:
        raise Http404("No such invitation.") from None
