"""Keeping actions current (issue 14): several actions updated at once, and chasing their leads now.

Each view binds a form, asks the access layer, calls one service, and redirects or renders."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from edi_tracker.access import org_view
from edi_tracker.models import AuditEvent, Capability

from . import selectors, services
from .forms import BulkProgressForm, ChaseForm
from .models import STATUS_SHORT
from .views import _add_errors


def _back(request) -> str:
    """The action list's filters to go back to: a query string, nothing else."""
    back = request.POST.get("back") or request.GET.get("back") or ""
    return back if back.startswith("?") and "\n" not in back else ""


def _ids(versions: str) -> list[str]:
    """The action ids of a `pk:version pk:version` list, for showing the chosen actions again."""
    return [pair.partition(":")[0] for pair in versions.split()]


@org_view(Capability.UPDATE_ANY_PROGRESS)
def bulk_update(request, org_slug):
    """GET with the actions chosen in the list (`?action=…`): the form; POST: one update on each."""
    organisation = request.organisation
    conflict = None
    if request.method == "POST":
        form = BulkProgressForm(request.POST)
        chosen = list(selectors.actions_chosen(organisation, _ids(request.POST.get("versions", ""))))
        if form.is_valid():
            data = form.cleaned_data
            try:
                updates = services.progress_update_bulk(
                    organisation=organisation, author=request.user, versions=data["versions"], status=data["status"],
                    commentary=data["commentary"], next_steps=data["next_steps"],
                    next_steps_timeframe=data["next_steps_timeframe"],
                )
            except services.BulkConflict as error:
                conflict = error
                chosen = list(selectors.actions_chosen(organisation, data["versions"]))
                # The next save is made against what the editor now sees.
                form = BulkProgressForm({**request.POST.dict(), "versions": BulkProgressForm.encode_versions(chosen)})
                form.is_valid()
            except ValidationError as error:
                _add_errors(form, error)
            else:
                count = len(updates)
                word = STATUS_SHORT[data["status"]].lower()
                messages.success(request, f"{count} action{'s are' if count != 1 else ' is'} now {word}. "
                                          f"Each has your update in its history.")
                return redirect(reverse("plans:action-list", args=[org_slug]) + _back(request))
    else:
        chosen = list(selectors.actions_chosen(organisation, request.GET.getlist("action")))
        form = BulkProgressForm(initial={"versions": BulkProgressForm.encode_versions(chosen)})
    return render(request, "plans/bulk_update.html", {
        "form": form, "chosen": chosen, "conflict": conflict, "page_title": "Update several actions",
        "back": _back(request),
    }, status=409 if conflict else (400 if request.method == "POST" else 200))


@org_view(Capability.EDIT_PLANS)
def chase(request, org_slug):
    """Choose stale actions (or all of one lead's) and email their leads now."""
    organisation = request.organisation
    leads = selectors.lead_choices(organisation)
    lead = None
    lead_pk = request.GET.get("lead") or request.POST.get("lead") or ""
    if lead_pk:
        lead = leads.filter(pk=lead_pk).first() if lead_pk.isdigit() else None
        if lead is None:
            raise Http404("No such lead.")
    candidates = list(selectors.chase_candidates(organisation, lead=lead))
    if request.method == "POST":
        form = ChaseForm(request.POST, actions=candidates)
        if form.is_valid():
            chosen = selectors.actions_chosen(organisation, form.cleaned_data["actions"])
            try:
                result = services.chase_leads(organisation=organisation, actor=request.user, actions=list(chosen))
            except ValidationError as error:
                _add_errors(form, error)
            else:
                return redirect("plans:chase-result", org_slug, result.event.pk)
    else:
        form = ChaseForm(actions=candidates, initial={"actions": [str(a.pk) for a in candidates]})
    return render(request, "plans/chase.html", {
        "form": form, "candidates": candidates, "lead": lead, "leads": leads,
        "page_title": "Chase action leads",
    }, status=400 if form.errors else 200)


@org_view(Capability.EDIT_PLANS)
def chase_result(request, org_slug, pk):
    """What a chase did, read back from its audit entry: who was emailed, and which actions reached nobody."""
    event = AuditEvent.objects.filter(organisation=request.organisation, verb="leads.chased", pk=pk).first()
    if event is None:
        raise Http404("No such chase.")
    return render(request, "plans/chase_result.html", {
        "event": event, "emailed": event.changes.get("emailed", []), "not_reached": event.changes.get("not_reached", []),
        "failed": event.changes.get("failed", []), "page_title": "Leads chased",
    })
