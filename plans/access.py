"""Access to organisation-owned plan objects: 404 to outsiders, 403 to members without the right."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from edi_tracker.access import get_membership, require
from edi_tracker.models import Capability, Membership

from .models import Action, Plan, ProgressUpdate, Theme

VIEW, PROGRESS, EDIT = "view", "progress", "edit"


def can_update_progress(membership: Membership, action: Action) -> bool:
    if membership.can(Capability.UPDATE_ANY_PROGRESS):
        return True
    return membership.can(Capability.UPDATE_OWN_PROGRESS) and action.lead_user_id == membership.user_id


def get_plan_for_user(user, org_slug: str, pk: int, *, need: str = VIEW, membership: Membership | None = None) -> Plan:
    membership = membership or get_membership(user, org_slug)
    try:
        plan = Plan.objects.select_related("organisation").get(pk=pk, organisation=membership.organisation)
    except Plan.DoesNotExist:
        raise Http404("No such plan.") from None
    if need == EDIT:
        require(membership, Capability.EDIT_PLANS)
    return plan


def get_theme_for_user(user, org_slug: str, plan_pk: int, pk: int, *, membership: Membership | None = None) -> Theme:
    plan = get_plan_for_user(user, org_slug, plan_pk, need=EDIT, membership=membership)
    try:
        return plan.themes.get(pk=pk)
    except Theme.DoesNotExist:
        raise Http404("No such theme.") from None


def get_action_for_user(user, org_slug: str, pk: int, *, need: str = VIEW, membership: Membership | None = None) -> Action:
    """The action, if the user may `need` it: view it, record its progress, or edit it."""
    membership = membership or get_membership(user, org_slug)
    try:
        action = Action.objects.select_related("plan__organisation", "theme", "lead_user").get(
            pk=pk, plan__organisation=membership.organisation
        )
    except Action.DoesNotExist:
        raise Http404("No such action.") from None
    if need == EDIT:
        require(membership, Capability.EDIT_PLANS)
    elif need == PROGRESS and not can_update_progress(membership, action):
        raise PermissionDenied("Only the action's lead or a plan editor can update its progress.")
    return action


def get_update_for_user(user, org_slug: str, pk: int, *, membership: Membership | None = None) -> ProgressUpdate:
    membership = membership or get_membership(user, org_slug)
    try:
        return ProgressUpdate.objects.select_related("action__plan").get(
            pk=pk, action__plan__organisation=membership.organisation
        )
    except ProgressUpdate.DoesNotExist:
        raise Http404("No such update.") from None
