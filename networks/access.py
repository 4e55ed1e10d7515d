"""Who may see a network's pages, and the organisation-side helpers.

A network's pages (`/n/<network>/…`) are for its coordinators and for the people of its member
organisations (any role): everyone else gets 404, as if the network did not exist; a member organisation's
people get 403 on what only coordinators do (inviting, the network's audit log). Coordinators are a role of
their own: being one gives nothing in any organisation (every `/o/<slug>/` URL stays 404 unless they are also
a member of it). Organisation-side pages go through `edi_tracker.access.org_view` like every other.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from edi_tracker.models import Membership, Organisation

from .models import Network, NetworkMembership, Publication
from .selectors import is_coordinator, member_organisations_of


@dataclass
class NetworkAccess:
    network: Network
    coordinator: bool
    organisations: list[Organisation]  # the user's organisations that are members of the network


def get_network_access(user, network_slug: str) -> NetworkAccess:
    if not user.is_authenticated:
        raise Http404("No such network.")
    network = Network.objects.filter(slug=network_slug).first()
    if network is None:
        raise Http404("No such network.")
    coordinator = is_coordinator(user, network)
    organisations = member_organisations_of(user, network)
    if not coordinator and not organisations:
        raise Http404("No such network.")
    return NetworkAccess(network, coordinator, organisations)


def network_view(coordinator_only: bool = False):
    """Decorate a view taking `network_slug`: sets request.network_access (and request.network)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, network_slug, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            access = get_network_access(request.user, network_slug)
            request.network_access, request.network = access, access.network
            if coordinator_only and not access.coordinator:
                raise PermissionDenied("Only the network's coordinators may do this.")
            return view(request, network_slug, *args, **kwargs)

        wrapped.network_coordinator_only = coordinator_only
        return wrapped

    return decorator


def get_network_membership(membership: Membership, network_slug: str) -> NetworkMembership:
    """The organisation's invitation to or membership of a network (any state): 404 when it has none."""
    row = (NetworkMembership.objects.select_related("network", "organisation")
           .filter(organisation_id=membership.organisation_id, network__slug=network_slug).first())
    if row is None:
        raise Http404("No such network.")
    return row


def get_publication(membership: Membership, pk: int) -> Publication:
    """A current publication of the organisation: 404 for anyone else's, or one withdrawn or replaced."""
    publication = (Publication.objects.select_related("network", "organisation")
                   .filter(pk=pk, organisation_id=membership.organisation_id, withdrawn_at=None, replaced_at=None)
                   .first())
    if publication is None:
        raise Http404("No such publication.")
    return publication
