"""Dashboards, reports and recipients. Each view binds a form, checks access, calls a selector or a
service, and redirects or renders."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from csp.decorators import csp_replace

from edi_tracker import caching
from edi_tracker.access import org_view
from edi_tracker.confirm import confirm_page
from edi_tracker.models import Capability
from plans.access import get_plan

from edi_tracker import charts

from . import selectors, services
from .access import EDIT, get_recipient, get_report
from .forms import DashboardFilterForm, RecipientForm, ReportRequestForm
from .models import Report, ReportRecipient, ReportStatus

ROWS_SHOWN = 25  # each list on a dashboard shows this many rows and links to the rest


def _dashboard(request, plan=None):
    choices = selectors.filter_choices(request.organisation, plan)
    form = DashboardFilterForm(request.GET or None, themes=choices["themes"], leads=choices["leads"],
                               since=selectors.earliest_activity(request.organisation), show_plan=plan is None)
    if form.is_bound:
        form.is_valid()
    return form, form.filters()



def _dashboard_page(request, plan, page_title: str):
    def context():
        form, filters = _dashboard(request, plan)
        picture = selectors.dashboard_picture(request.organisation, filters["quarter"], plan=plan,
                                              theme=filters["theme"], lead=filters["lead"])
        # The charts are inlined in the page (text stays text, named for screen readers), not fetched.
        svgs = {name: selectors.dashboard_chart(request.organisation, filters["quarter"], name, plan=plan,
                                                theme=filters["theme"], lead=filters["lead"])
                for name in charts.DASHBOARD_CHARTS}
        return {"form": form, "p": picture, "plan": plan, "rows_shown": ROWS_SHOWN, "query": request.GET.urlencode(),
                "status_svg": svgs["status"], "groups_svg": svgs["groups"]}

    body = caching.shared_fragment(request, "reports/_dashboard_body.html", plan.pk if plan else "all",
                                   caching.query_part(request), context=context, plan=plan, figures=plan is not None)
    return render(request, "reports/dashboard.html", {"plan": plan, "body": body, "page_title": page_title})


@org_view()
def org_dashboard(request, org_slug):
    return _dashboard_page(request, None, "Dashboard")


@org_view()
def plan_dashboard(request, org_slug, plan_pk):
    plan = get_plan(request.membership, plan_pk)
    return _dashboard_page(request, plan, f"Dashboard: {plan.title}")


def _svg_response(request, name: str, plan=None) -> HttpResponse:
    if name not in charts.DASHBOARD_CHARTS:
        raise Http404("No such chart.")
    _form, filters = _dashboard(request, plan)
    svg = selectors.dashboard_chart(request.organisation, filters["quarter"], name, plan=plan, theme=filters["theme"],
                                    lead=filters["lead"])
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


# matplotlib's SVG styles its shapes with style attributes. An SVG shown through <img> runs no script and
# cannot reach the page, so its own response may allow them; the pages keep the strict policy.
CHART_CSP = csp_replace({"style-src": ["'unsafe-inline'"], "script-src": ["'none'"]})


@org_view()
@CHART_CSP
def org_chart(request, org_slug, name):
    return _svg_response(request, name)


@org_view()
@CHART_CSP
def plan_chart(request, org_slug, plan_pk, name):
    plan = get_plan(request.membership, plan_pk)
    return _svg_response(request, name, plan)


# Reports ---------------------------------------------------------------------------------------

@org_view()
def report_list(request, org_slug):
    reports = Report.objects.filter(organisation=request.organisation).select_related("plan", "requested_by")[:100]
    form = _request_form(request) if request.membership.can(Capability.EDIT_PLANS) else None
    return render(request, "reports/report_list.html", {"reports": reports, "form": form, "page_title": "Reports"})


def _request_form(request, data=None) -> ReportRequestForm:
    return ReportRequestForm(data, organisation=request.organisation,
                             since=selectors.earliest_activity(request.organisation))


@org_view(Capability.EDIT_PLANS)
def report_create(request, org_slug):
    """GET: the form on a page of its own. POST: ask for the report; a plan and quarter whose report is
    already made goes to the page that asks the editor to confirm making it again."""
    if request.method != "POST":
        return render(request, "reports/report_new.html", {"form": _request_form(request), "page_title": "Make a report"})
    form = _request_form(request, request.POST)
    if form.is_valid():
        try:
            report = services.report_request(plan=form.cleaned_data["plan"], quarter=form.cleaned_data["quarter"],
                                             requested_by=request.user)
        except services.ReportInProgress as busy:
            messages.info(request, f"{busy} Nothing new was asked for: this is the report being made.")
            return redirect("reports:report-detail", org_slug, busy.report.pk)
        except services.ReportExists as made:
            return redirect("reports:report-remake", org_slug, made.report.pk)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return _requested(request, report)
    return render(request, "reports/report_new.html", {"form": form, "page_title": "Make a report"}, status=400)


def _requested(request, report: Report):
    if report.status == ReportStatus.FAILED:
        messages.error(request, f"Your report for {report.quarter.label} could not be started. {report.failure_reason}")
    else:
        messages.success(request, f"Your report for {report.quarter.label} is being made.")
    return redirect("reports:report-detail", request.organisation.slug, report.pk)


@org_view(Capability.EDIT_PLANS)
def report_remake(request, org_slug, pk):
    """Making a plan and quarter's report again, confirmed on a page of its own (GOV.UK pattern): the
    report there is is kept, listed as superseded."""
    report = get_report(request.membership, pk, need=EDIT)
    if report.is_superseded:
        messages.info(request, "This report was already made again: this is the newer one.")
        return redirect("reports:report-detail", org_slug, report.superseded_by_id or report.pk)
    if request.method == "POST":
        try:
            new = services.report_request(plan=report.plan, quarter=report.quarter, requested_by=request.user,
                                          remake=report)
        except services.ReportInProgress as busy:
            messages.info(request, f"{busy} Nothing new was asked for: this is the report being made.")
            return redirect("reports:report-detail", org_slug, busy.report.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("reports:report-detail", org_slug, report.pk)
        return _requested(request, new)
    return render(request, "reports/report_confirm_remake.html", {
        "report": report, "page_title": f"Make the {report.quarter.label} report again"})


@org_view()
def report_detail(request, org_slug, pk):
    report = get_report(request.membership, pk)
    context = {"report": report, "lost": services.report_is_lost(report), "page_title": f"Report {report.quarter.label}"}
    if request.htmx:
        return render(request, "reports/_report_status.html", context)
    return render(request, "reports/report_detail.html", context)


@require_POST
@org_view(Capability.EDIT_PLANS)
def report_retry(request, org_slug, pk):
    report = get_report(request.membership, pk, need=EDIT)
    try:
        report = services.report_retry(report=report, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if report.status == ReportStatus.FAILED:
            messages.error(request, f"The report could not be started again. {report.failure_reason}")
        else:
            messages.success(request, "The report is being made again.")
    return redirect("reports:report-detail", org_slug, report.pk)


@require_POST
@org_view(Capability.EDIT_PLANS)
def report_email_resend(request, org_slug, pk):
    report = get_report(request.membership, pk, need=EDIT)
    try:
        report = services.report_email_resend(report=report, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if report.email_failure:
            messages.error(request, f"The report was not emailed. {report.email_failure}")
        elif report.emailed_at:
            messages.success(request, "The report was emailed to the recipients who did not have it.")
        else:
            messages.success(request, "The report is being emailed to the recipients who did not have it.")
    return redirect("reports:report-detail", org_slug, report.pk)


def _pdf_response(report: Report) -> FileResponse:
    return FileResponse(report.pdf.open("rb"), as_attachment=True, filename=report.filename,
                        content_type="application/pdf")


def report_link(request, token):
    """The PDF of a report emailed as a signed link: for the recipient it was sent to, who may not have an
    account, until the link expires or the recipient is paused or removed."""
    try:
        report = selectors.report_for_link(token)
    except selectors.LinkExpired:
        return render(request, "reports/link_expired.html", {"days": settings.REPORT_LINK_MAX_AGE_DAYS}, status=410)
    if report is None:
        raise Http404("This link is not valid.")
    return _pdf_response(report)


@org_view()
def report_download(request, org_slug, pk):
    report = get_report(request.membership, pk)
    if report.status != ReportStatus.DONE or not report.pdf:
        raise Http404("This report has no PDF yet.")
    return _pdf_response(report)


# Recipients ------------------------------------------------------------------------------------

@org_view(Capability.MANAGE_MEMBERS)
def recipients(request, org_slug):
    form = RecipientForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recipient = services.recipient_add(organisation=request.organisation, actor=request.user,
                                               **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"{recipient.name} will receive the quarterly highlight reports.")
            return redirect("reports:recipients", org_slug)
    return render(request, "reports/recipients.html", {
        "form": form, "recipients": ReportRecipient.objects.filter(organisation=request.organisation),
        "page_title": "Report recipients",
    }, status=400 if form.errors else 200)


@require_POST
@org_view(Capability.MANAGE_MEMBERS)
def recipient_toggle(request, org_slug, pk):
    recipient = get_recipient(request.membership, pk)
    services.recipient_set_active(recipient=recipient, actor=request.user, active=not recipient.active)
    messages.success(request, f"{recipient.name} {'will receive' if recipient.active else 'will not receive'} the reports.")
    return redirect("reports:recipients", org_slug)


@org_view(Capability.MANAGE_MEMBERS)
def recipient_remove(request, org_slug, pk):
    """GET: are you sure? POST: remove the recipient."""
    recipient = get_recipient(request.membership, pk)
    if request.method != "POST":
        return confirm_page(
            request, heading=f"Are you sure you want to remove {recipient.name} from the report recipients?",
            consequences=[f"{recipient.name} ({recipient.email}) will no longer be emailed the quarterly highlight "
                          "reports. Reports already sent are not affected.",
                          "To stop the emails for a while instead, pause them on the recipients page."],
            button="Yes, remove them", cancel_url=reverse("reports:recipients", args=[org_slug]),
        )
    name = recipient.name
    services.recipient_remove(recipient=recipient, actor=request.user)
    messages.success(request, f"{name} was removed from the report recipients.")
    return redirect("reports:recipients", org_slug)
