"""Tracker pages. Each view binds a form, calls an access helper, calls a service, and redirects or renders."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_POST

from edi_tracker import caching
from edi_tracker.access import org_view
from edi_tracker.models import Capability
from edi_tracker.uploads import upload_limit

from . import selectors, services
from .deadlines import parse_deadline
from .access import EDIT, PROGRESS, can_update_progress, get_action, get_plan, get_theme, get_update
from .filters import ActionFilter
from .forms import ActionForm, MeasureMetForm, PlanForm, ProgressUpdateForm, ThemeForm
from .models import Action, SuccessMeasure

ACTIONS_PER_PAGE = 50


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# Organisation and plans --------------------------------------------------------------------------

@org_view()
def org_home(request, org_slug):
    return render(request, "plans/org_home.html", {
        "plans": selectors.plans_for_organisation(request.organisation),
        "summary": selectors.organisation_summary(request.organisation),
        "my_count": selectors.my_actions(request.user, request.organisation).count(),
        "page_title": "Overview",
    })


@org_view()
def plan_detail(request, org_slug, plan_pk):
    plan = get_plan(request.membership, plan_pk)

    def context():
        blocks = selectors.plan_overview(plan)
        all_actions = [a for block in blocks for a in block.actions]
        return {
            "plan": plan,
            "blocks": blocks,
            "counts": selectors.status_counts(a.status for a in all_actions),
            "action_total": len(all_actions),
            "needs_review": sum(a.deadline_needs_review for a in all_actions),
            "by_quarter": selectors.plan_status_by_quarter(plan, all_actions),
        }

    body = caching.shared_fragment(request, "plans/_plan_body.html", plan.pk,
                                   request.membership.can(Capability.EDIT_PLANS), context=context, plan=plan)
    return render(request, "plans/plan_detail.html", {"plan": plan, "body": body, "page_title": plan.title})


@org_view(Capability.EDIT_PLANS)
def plan_create(request, org_slug):
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(organisation=request.organisation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Plan “{plan}” created. Add its themes and actions.")
            return redirect("plans:plan-detail", org_slug, plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "page_title": "Create a plan"})


@org_view(Capability.EDIT_PLANS)
def plan_edit(request, org_slug, plan_pk):
    plan = get_plan(request.membership, plan_pk, need=EDIT)
    # Bound without the instance, so that plan_update sees and records what changed.
    form = PlanForm(request.POST) if request.method == "POST" else PlanForm(instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "The plan's details are saved.")
            return redirect("plans:plan-detail", org_slug, plan.pk)
    return render(request, "plans/plan_form.html", {"form": form, "plan": plan, "page_title": f"Edit {plan}"})


@org_view(Capability.EDIT_PLANS)
def theme_create(request, org_slug, plan_pk):
    plan = get_plan(request.membership, plan_pk, need=EDIT)
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_create(plan=plan, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Theme added.")
            return redirect("plans:plan-detail", org_slug, plan.pk)
    return render(request, "plans/theme_form.html", {"form": form, "plan": plan, "page_title": "Add a theme"})


@org_view(Capability.EDIT_PLANS)
def theme_edit(request, org_slug, plan_pk, pk):
    theme = get_theme(request.membership, plan_pk, pk)
    initial = {f: getattr(theme, f) for f in ("code", "title", "objective", "sponsor", "metrics")}
    form = ThemeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_update(theme=theme, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, "Theme saved.")
            return redirect("plans:plan-detail", org_slug, plan_pk)
    return render(request, "plans/theme_form.html", {
        "form": form, "plan": theme.plan, "theme": theme, "page_title": f"Edit theme {theme}",
    })


@org_view()
def deadline_review(request, org_slug, plan_pk):
    plan = get_plan(request.membership, plan_pk)
    return render(request, "plans/deadline_review.html", {
        "plan": plan, "actions": selectors.deadlines_needing_review(plan), "page_title": "Deadlines to review",
    })


@org_view(Capability.EDIT_PLANS)
def deadline_preview(request, org_slug):
    """What a deadline as written will be read as, shown under the field while the editor types."""
    return render(request, "plans/_deadline_preview.html", {"parsed": parse_deadline(request.GET.get("deadline_text", ""))})


# Action lists ------------------------------------------------------------------------------------

@org_view()
def action_list(request, org_slug):
    organisation = request.organisation
    queryset = selectors.actions_for_listing(Action.objects.filter(plan__organisation=organisation))
    action_filter = ActionFilter(
        request.GET or None, queryset=queryset, request=request, organisation=organisation,
        leads=selectors.lead_choices(organisation), officers=selectors.lead_officer_choices(organisation),
    )
    page = Paginator(action_filter.qs, ACTIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"filter": action_filter, "page": page, "page_title": "All actions",
               "chosen_filters": action_filter.chosen(request.GET)}
    if request.htmx:
        return render(request, "plans/_action_results.html", context)
    # The filter panel (a dozen widgets, most of the page's cost) is the same for the same query and choices.
    context["filters_html"] = caching.by_content(
        "action-filters", {"organisation": [organisation.pk, organisation.slug], **action_filter.drawn_from()},
        compute=lambda: render_to_string("plans/_action_filters.html", {"filter": action_filter}, request=request))
    return render(request, "plans/action_list.html", context)


@org_view()
def my_actions(request, org_slug):
    actions = selectors.my_actions(request.user, request.organisation)
    return render(request, "plans/my_actions.html", {"actions": actions, "page_title": "My actions"})


# One action -----------------------------------------------------------------------------------

def _action_context(request, action_pk, form=None, conflict=None, action=None):
    """The action page's context; `action`, when given, was fetched with selectors.action_detail_queryset."""
    if action is None:
        action = get_action(request.membership, action_pk, queryset=selectors.action_detail_queryset())
    may_update = can_update_progress(request.membership, action)
    if form is None and may_update:
        form = ProgressUpdateForm(initial={"status": action.status, "version": action.version})
    return {
        "action": action,
        "updates": list(action.updates.all()),
        "measures": list(action.measures.all()),
        "form": form,
        "may_update": may_update,
        "may_edit": request.membership.can(Capability.EDIT_PLANS),
        "conflict": conflict,
        "strip": selectors.status_strip(action),
        "page_title": f"{action.reference} {action.title[:60]}",
    }


@org_view()
def action_detail(request, org_slug, pk):
    action = get_action(request.membership, pk, queryset=selectors.action_detail_queryset())
    return render(request, "plans/action_detail.html", _action_context(request, pk, action=action))


@require_POST
@upload_limit("EVIDENCE_MAX_BYTES")
@org_view()
def progress_create(request, org_slug, pk):
    action = get_action(request.membership, pk, need=PROGRESS)
    form = ProgressUpdateForm(request.POST, request.FILES)
    conflict = None
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.progress_update_record(
                action=action, author=request.user, status=data["status"], commentary=data["commentary"],
                next_steps=data["next_steps"], next_steps_timeframe=data["next_steps_timeframe"],
                evidence_link=data["evidence_link"], evidence_file=data["evidence_file"],
                expected_version=data["version"],
            )
        except services.VersionConflict as error:
            conflict = error
            # Keep the user's words; the next save is made against the version they have now seen.
            form = ProgressUpdateForm(
                {**request.POST.dict(), "version": error.action.version}, initial={"version": error.action.version}
            )
            form.is_valid()
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"{action.reference} is now {action.status_short.lower()}. Your update is in its history.")
            if request.htmx:
                context = {**_action_context(request, pk), "saved": True, "action_status_oob": True}
                return render(request, "plans/_progress_panel.html", context)
            return redirect("plans:action-detail", org_slug, pk)
    context = _action_context(request, pk, form=form, conflict=conflict)
    if request.htmx:
        # The panel replaces itself; the status under the heading (another's save, on a conflict) follows.
        return render(request, "plans/_progress_panel.html", {**context, "action_status_oob": True},
                      status=409 if conflict else 400)
    return render(request, "plans/action_detail.html", context, status=409 if conflict else 400)


@org_view(Capability.EDIT_PLANS)
def action_create(request, org_slug, plan_pk):
    plan = get_plan(request.membership, plan_pk, need=EDIT)
    leads = selectors.lead_choices(request.organisation)
    form = ActionForm(request.POST or None, plan=plan, leads=leads, initial={"theme": request.GET.get("theme")})
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(plan=plan, actor=request.user, **form.service_kwargs())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Action {action.reference} added.")
            return redirect("plans:action-detail", org_slug, action.pk)
    return render(request, "plans/action_form.html", {"form": form, "plan": plan, "page_title": "Add an action"})


@org_view(Capability.EDIT_PLANS)
def action_edit(request, org_slug, pk):
    action = get_action(request.membership, pk, need=EDIT)
    leads = selectors.lead_choices(request.organisation)
    initial = {
        "reference": action.reference, "title": action.title, "theme": action.theme_id,
        "lead_officer": action.lead_officer, "lead_user": action.lead_user_id, "dependencies": action.dependencies,
        "resources": action.resources, "resource_cost": action.resource_cost, "deadline_text": action.deadline_text,
        "measures": "\n".join(m.text for m in action.measures.all()),
        "tags": ", ".join(t.name for t in action.tags.all()), "metrics": action.metrics, "version": action.version,
    }
    form = ActionForm(request.POST or None, plan=action.plan, leads=leads, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(
                action=action, actor=request.user, expected_version=form.cleaned_data["version"], **form.service_kwargs()
            )
        except services.VersionConflict as error:
            conflict = error
            form = ActionForm({**request.POST.dict(), "version": error.action.version}, plan=action.plan, leads=leads)
            form.is_valid()
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"Action {action.reference} saved.")
            return redirect("plans:action-detail", org_slug, pk)
    return render(request, "plans/action_form.html", {
        "form": form, "plan": action.plan, "action": action, "conflict": conflict,
        "page_title": f"Edit {action.reference}",
    }, status=409 if conflict else 200)


@require_POST
@org_view()
def measure_toggle(request, org_slug, pk, measure_pk):
    action = get_action(request.membership, pk, need=PROGRESS)
    try:
        measure = action.measures.get(pk=measure_pk)
    except SuccessMeasure.DoesNotExist:
        raise Http404("No such success measure.") from None
    form = MeasureMetForm(request.POST)
    form.is_valid()
    services.measure_set_met(measure=measure, met=form.cleaned_data.get("met", False), actor=request.user)
    messages.success(request, f"Success measure marked {'met' if measure.met else 'not met'}.")
    return redirect(reverse("plans:action-detail", args=[org_slug, pk]) + "#measures")


@org_view()
def evidence_download(request, org_slug, update_pk):
    update = get_update(request.membership, update_pk)
    if not update.evidence_file:
        raise Http404("This update has no evidence file.")
    response = FileResponse(
        update.evidence_file.open("rb"), as_attachment=True, filename=update.evidence_name or "evidence",
        content_type=update.evidence_content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
