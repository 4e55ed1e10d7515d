from django.http import HttpResponse

from edi_tracker.access import org_view


def _todo(request, org_slug, *args, **kwargs):
    return HttpResponse("Coming soon")


org_home = my_actions = action_list = plan_create = plan_detail = plan_edit = theme_create = theme_edit = org_view()(_todo)
action_create = deadline_review = action_detail = action_edit = progress_create = measure_toggle = org_view()(_todo)
evidence_download = org_view()(_todo)
