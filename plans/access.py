"""Access to organisation-owned plan objects: one helper per model, taking the membership that
`edi_tracker.access.org_view` set on the request. 404 to outsiders (an object of another
organisation might as well not exist), 403 to members whose role does not allow `need`."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from edi_tracker.access import require
from edi_tracker.models import Capability, Membership

from .models import Action, Plan, PlanImport, ProgressUpdate, Theme

VIEW, PROGRESS, EDIT = "view", "progress", "edit"


def can_update_progress(membership: Membership, action: Action) -> bool:
    if membership.can(Capability.UPDATE_ANY_PROGRESS):
        return True
    return membership.can(Capability.UPDATE_OWN_PROGRESS) and action.lead_user_id == membership.user_id


def get_plan(membership: Membership, pk: int, *, need: str = VIEW) -> Plan:
    """The plan, if the member may `need` it: view it or edit it."""
    try:
        plan = Plan.objects.select_related("organisation").get(pk=pk, organisation_id=membership.organisation_id)
    except Plan.DoesNotExist:
        raise Http404("No such plan.") from None
    if need == EDIT:
        require(membership, Capability.EDIT_PLANS)
    return plan


def get_theme(membership: Membership, plan_pk: int, pk: int) -> Theme:
    """A theme of the plan, to edit."""
    try:
        theme = Theme.objects.select_related("plan__organisation").get(
            pk=pk, plan_id=plan_pk, plan__organisation_id=membership.organisation_id
        )
    except Theme.DoesNotExist:
        raise Http404("No such theme.") from None
    require(membership, Capability.EDIT_PLANS)
    return theme


def get_action(membership: Membership, pk: int, *, need: str = VIEW, queryset=None) -> Action:
    """The action, if the member may `need` it: view it, record its progress, or edit it.

    `queryset` lets a page fetch the action once with everything it shows (see
    `plans.selectors.action_detail_queryset`)."""
    queryset = queryset if queryset is not None else Action.objects.select_related("plan__organisation", "theme", "lead_user")
    try:
        action = queryset.get(pk=pk, plan__organisation_id=membership.organisation_id)
    except Action.DoesNotExist:
        raise Http404("No such action.") from None
    if need == EDIT:
        require(membership, Capability.EDIT_PLANS)
    elif need == PROGRESS and not can_update_progress(membership, action):
        raise PermissionDenied("Only the action's lead or a plan editor can update its progress.")
    return action


def get_update(membership: Membership, pk: int) -> ProgressUpdate:
    """A progress update (and its evidence) of the organisation, to view."""
    try:
        return ProgressUpdate.objects.select_related("action__plan").get(
            pk=pk, action__plan__organisation_id=membership.organisation_id
        )
    except ProgressUpdate.DoesNotExist:
        raise Http404("No such update.") from None


def get_plan_import(membership: Membership, token: str) -> PlanImport:
    """A staged or confirmed plan import of the organisation, for an editor."""
    try:
        plan_import = PlanImport.objects.select_related("organisation", "plan").get(
            token=token, organisation_id=membership.organisation_id
        )
    except PlanImport.DoesNotExist:
        raise Http404("No such import.") from None
    require(membership, Capability.EDIT_PLANS)
    return plan_import
