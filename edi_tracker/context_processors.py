from django.urls import reverse

from .models import Capability


def organisation(request):
    """The organisation a page belongs to (set by `org_view`) and what the user may do there."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return {"organisation": None, "membership": None, "can": {}}
    return {
        # Long lists build each action's link from this instead of calling reverse() per row.
        "action_url_base": reverse("plans:action-detail", args=[membership.organisation.slug, 0]).removesuffix("0/"),
        "organisation": membership.organisation,
        "membership": membership,
        "can": {capability.value: membership.can(capability) for capability in Capability},
    }
