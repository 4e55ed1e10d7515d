"""Plan import (check, then confirm) and export."""

import secrets

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from edi_tracker.access import org_view
from edi_tracker.models import Capability
from edi_tracker.uploads import upload_limit

from .access import EDIT, get_plan_for_user
from .deadlines import parse_deadline
from .exports import plan_export_csv, plan_export_xlsx
from .forms_io import PlanImportForm
from .importers.parsed import ParsedPlan
from .importers.reading import read_plan_file
from .importers.rows import ImportRefused
from .importers.services import plan_import_confirm

SESSION_KEY = "plan_imports"


def _preview_rows(parsed: ParsedPlan):
    for theme in parsed.themes:
        for action in theme.actions:
            yield theme, action, parse_deadline(action.deadline_text)


@upload_limit("PLAN_IMPORT_MAX_BYTES")
@org_view(Capability.EDIT_PLANS)
def plan_import(request, org_slug, plan_pk=None):
    plan = get_plan_for_user(request.user, org_slug, plan_pk, need=EDIT, membership=request.membership) if plan_pk else None
    pending = request.session.get(SESSION_KEY, {})
    if request.method == "POST" and request.POST.get("token"):
        stored = pending.pop(request.POST["token"], None)
        request.session[SESSION_KEY] = pending
        if stored is None or stored["organisation"] != request.organisation.pk or stored["plan"] != (plan.pk if plan else None):
            messages.error(request, "That import has expired or was already confirmed: upload the file again.")
            return redirect(request.path)
        parsed = ParsedPlan.from_dict(stored["parsed"])
        try:
            result = plan_import_confirm(organisation=request.organisation, actor=request.user, parsed=parsed, plan=plan)
        except ImportRefused as error:
            messages.error(request, f"Nothing was imported. {error}")
            return redirect(request.path)
        summary = f"{len(result.created)} action{'s' if len(result.created) != 1 else ''} added, {len(result.updated)} updated"
        if result.status_changes:
            summary += f", {len(result.status_changes)} status change{'s' if len(result.status_changes) != 1 else ''} recorded"
        if result.missing:
            summary += f". In the plan but not in the file, and kept: {', '.join(result.missing)}"
        messages.success(request, f"Imported {parsed.filename}: {summary}.")
        return redirect("plans:plan-detail", org_slug, result.plan.pk)

    form = PlanImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            parsed = read_plan_file(upload.name, upload.read())
        except ImportRefused as error:
            form.add_error("file", str(error))
        else:
            token = secrets.token_urlsafe(16)
            pending[token] = {"organisation": request.organisation.pk, "plan": plan.pk if plan else None,
                              "parsed": parsed.to_dict()}
            request.session[SESSION_KEY] = dict(list(pending.items())[-3:])  # keep the session small
            missing = []
            if plan:
                in_file = {a.reference.lower() for a in parsed.actions}
                missing = [r for r in plan.actions.values_list("reference", flat=True) if r.lower() not in in_file]
                known = {r.lower() for r in plan.actions.values_list("reference", flat=True)}
            else:
                known = set()
            return render(request, "plans/import_preview.html", {
                "parsed": parsed, "rows": list(_preview_rows(parsed)), "token": token, "plan": plan,
                "missing": missing, "known": known, "review_count": sum(1 for *_, d in _preview_rows(parsed) if d.needs_review),
                "page_title": f"Check the import of {parsed.filename}",
            })
    return render(request, "plans/import_upload.html", {"form": form, "plan": plan, "page_title": "Import a plan"})


@org_view(Capability.VIEW)
def plan_export(request, org_slug, plan_pk):
    plan = get_plan_for_user(request.user, org_slug, plan_pk, membership=request.membership)
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
