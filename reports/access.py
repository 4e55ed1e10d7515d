"""Access to organisation-owned report objects: 404 to outsiders and other organisations' objects, 403 to
members whose role does not allow what they ask for. `org_view` has already checked the membership."""

from django.http import Http404

from edi_tracker.access import require
from edi_tracker.models import Capability, Membership

from .models import Report, ReportRecipient

VIEW, EDIT = "view", "edit"


def get_report(membership: Membership, pk: int, *, need: str = VIEW) -> Report:
    """The organisation's report: any member may view it; making, retrying or emailing it needs EDIT_PLANS."""
    try:
        report = Report.objects.select_related("plan", "organisation", "requested_by").get(
            pk=pk, organisation=membership.organisation
        )
    except Report.DoesNotExist:
        raise Http404("No such report.") from None
    if need == EDIT:
        require(membership, Capability.EDIT_PLANS)
    elif need != VIEW:
        raise ValueError(f"Unknown need {need!r}: use reports.access.VIEW or EDIT.")
    return report


def get_recipient(membership: Membership, pk: int) -> ReportRecipient:
    """The organisation's report recipient, for a member who manages the members."""
    try:
        recipient = ReportRecipient.objects.select_related("organisation").get(
            pk=pk, organisation=membership.organisation
        )
    except ReportRecipient.DoesNotExist:
        raise Http404("No such recipient.") from None
    require(membership, Capability.MANAGE_MEMBERS)
    return recipient
