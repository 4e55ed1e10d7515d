from .models import Capability


def organisation(request):
    """The organisation a page belongs to (set by `org_view`) and what the user may do there."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return {"organisation": None, "membership": None, "can": {}}
    return {
        "organisation": membership.organisation,
        "membership": membership,
        "can": {capability.value: membership.can(capability) for capability in Capability},
    }
