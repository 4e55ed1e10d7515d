"""Plan import (check, then confirm once) and export."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from edi_tracker.access import org_view
from edi_tracker.models import Capability
from edi_tracker.uploads import upload_limit

from .access import EDIT, get_plan, get_plan_import
from .deadlines import parse_deadline
from .exports import plan_export_csv, plan_export_xlsx
from .forms_io import PlanImportConfirmForm, PlanImportForm
from .importers.parsed import ParsedPlan
from .importers.reading import read_plan_file
from .importers.rows import ImportRefused
from .importers.services import AlreadyConfirmed, plan_import_confirm_staged, plan_import_is_lost, plan_import_stage


def _preview_rows(parsed: ParsedPlan):
    for theme in parsed.themes:
        for action in theme.actions:
            yield theme, action, parse_deadline(action.deadline_text)


def _confirm(request, org_slug, plan, token):
    """The editor confirms a staged import: once; a second confirm is told what the first did."""
    try:
        plan_import = get_plan_import(request.membership, token)
    except Http404:
        plan_import = None
    if plan_import is None or plan_import.creates_plan != (plan is None) or (plan and plan_import.plan_id != plan.pk):
        messages.error(request, "That import has expired or is for another plan: upload the file again.")
        return redirect(request.path)
    try:
        plan_import, result = plan_import_confirm_staged(plan_import=plan_import, actor=request.user)
    except AlreadyConfirmed as error:
        messages.info(request, str(error))
        return redirect("plans:plan-import-status", org_slug, plan_import.token)
    except ImportRefused as error:
        messages.error(request, f"Nothing was imported. {error}")
        return redirect(request.path)
    if result is None:  # queued for the background worker
        return redirect("plans:plan-import-status", org_slug, plan_import.token)
    messages.success(request, plan_import.summary)
    return redirect("plans:plan-detail", org_slug, result.plan.pk)


@upload_limit("PLAN_IMPORT_MAX_BYTES")
@org_view(Capability.EDIT_PLANS)
def plan_import(request, org_slug, plan_pk=None):
    plan = get_plan(request.membership, plan_pk, need=EDIT) if plan_pk else None
    if request.method == "POST" and "token" in request.POST:
        confirm = PlanImportConfirmForm(request.POST)
        return _confirm(request, org_slug, plan, confirm.cleaned_data["token"] if confirm.is_valid() else "")

    form = PlanImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = read_plan_file(upload.name, upload.read())
        except ImportRefused as error:
            form.add_error("file", str(error))
        else:
            staged = plan_import_stage(organisation=request.organisation, actor=request.user, parsed=parsed, plan=plan)
            missing = []
            if plan:
                in_file = {a.reference.lower() for a in parsed.actions}
                missing = [r for r in plan.actions.values_list("reference", flat=True) if r.lower() not in in_file]
                known = {r.lower() for r in plan.actions.values_list("reference", flat=True)}
            else:
                known = set()
            rows = list(_preview_rows(parsed))
            return render(request, "plans/import_preview.html", {
                "parsed": parsed, "rows": rows, "token": staged.token, "plan": plan, "plan_import": staged,
                "missing": missing, "known": known, "review_count": sum(1 for *_, d in rows if d.needs_review),
                "page_title": f"Check the import of {parsed.filename}",
            })
    return render(request, "plans/import_upload.html", {"form": form, "plan": plan, "page_title": "Import a plan"})


@org_view(Capability.EDIT_PLANS)
def plan_import_status(request, org_slug, token):
    """Where a confirmed import stands: its progress bar while the worker stores it, then its result."""
    plan_import = get_plan_import(request.membership, token)
    lost = plan_import_is_lost(plan_import)
    context = {"plan_import": plan_import, "lost": lost, "page_title": f"Import of {plan_import.filename}"}
    if request.htmx and request.GET.get("progress"):
        response = render(request, "plans/_import_progress.html", context)
        if lost or not plan_import.in_progress:
            response["HX-Refresh"] = "true"  # done or failed: show the whole page
        return response
    return render(request, "plans/import_status.html", context)


@org_view(Capability.VIEW)
def plan_export(request, org_slug, plan_pk):
    plan = get_plan(request.membership, plan_pk)
    kind = request.GET.get("format", "xlsx")
    if kind not in ("csv", "xlsx"):
        raise Http404("Export as csv or xlsx.")
    if kind == "csv":
        content, content_type = plan_export_csv(plan), "text/csv; charset=utf-8"
    else:
        content, content_type = plan_export_xlsx(plan), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{slugify(plan.title)[:80] or "plan"}.{kind}"'
    return response

