"""Access to organisation-owned workforce objects: 404 to outsiders and for other organisations'
objects, 403 to members whose role lacks the capability."""

from django.http import Http404

from edi_tracker.access import require
from edi_tracker.models import Capability, Membership

from .models import Extract


def get_extract(membership: Membership, pk: int, *, need: str = Capability.UPLOAD_EXTRACTS) -> Extract:
    """The membership's organisation's extract `pk`, if the member's role has the capability `need`."""
    try:
        extract = Extract.objects.select_related("uploaded_by", "organisation").get(
            pk=pk, organisation=membership.organisation)
    except Extract.DoesNotExist:
        raise Http404("No such extract.") from None
    require(membership, need)
    return extract
