"""Plan import and export views (placeholders until the importer lands)."""

from django.http import HttpResponse

from edi_tracker.access import org_view
from edi_tracker.models import Capability


@org_view(Capability.EDIT_PLANS)
def plan_import(request, org_slug, plan_pk=None):
    return HttpResponse("Import is not available yet.", status=501)


@org_view(Capability.VIEW)
def plan_export(request, org_slug, plan_pk):
    return HttpResponse("Export is not available yet.", status=501)
