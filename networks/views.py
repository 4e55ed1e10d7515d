"""The network's pages (`/n/<network>/…`) and an organisation's networks page (`/o/<slug>/networks/…`).
Thin: bind a form, call an access helper, call one service, redirect or render."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from edi_tracker.access import org_view
from edi_tracker.models import Capability

from . import selectors, services
from .access import get_network_membership, get_publication, network_view
from .forms import InviteForm, PublishForm, TableFilterForm
from .models import MembershipStatus, NetworkAuditEvent, NetworkReport, ReportStatus

PAGES = [("pay-bands", "Pay bands"), ("metrics", "SC-WRES metrics"), ("pay-gaps", "Pay gaps"),
         ("declaration", "Declaration rates"), ("standing", "Where we stand")]


# The network's pages -------------------------------------------------------------------------------------------
def index(request):
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    return render(request, "networks/index.html", {"networks": selectors.networks_for_user(request.user),
                                                   "page_title": "Networks"})


@network_view()
def overview(request, network_slug):
    access = request.network_access
    return render(request, "networks/overview.html", {
        "access": access, "network": access.network, "years": selectors.years_published(access.network),
        "memberships": selectors.memberships_of(access.network), "invite_form": InviteForm(),
        "page_title": access.network.name,
    })


@require_POST
@network_view(coordinator_only=True)
def invite(request, network_slug):
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.invite_organisation(network=request.network, organisation=form.cleaned_data["organisation"],
                                         actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{form.cleaned_data['organisation']} has been invited. Its admin can accept "
                                      "the invitation on its Networks page.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("networks:overview", network_slug)


@network_view(coordinator_only=True)
def audit(request, network_slug):
    events = NetworkAuditEvent.objects.filter(network=request.network).select_related("actor", "organisation")[:200]
    return render(request, "networks/audit.html", {"network": request.network, "events": events,
                                                   "access": request.network_access, "page_title": "Audit log"})


def _context(request, year: int, page: str, title: str) -> dict:
    table = selectors.network_table(request.network, year)
    return {"network": request.network, "access": request.network_access, "year": year, "table": table,
            "page": page, "pages": PAGES, "page_title": f"{title}, {year - 1}/{str(year)[2:]}",
            "title": title, "years": selectors.years_published(request.network)}


@network_view()
def pay_bands(request, network_slug, year):
    context = _context(request, year, "pay-bands", "Ethnicity of staff by national salary band")
    context["bands"] = selectors.pay_band_table(context["table"])
    return render(request, "networks/pay_bands.html", context)


def _side_by_side(request, year, page, title, figures):
    context = _context(request, year, page, title)
    form = TableFilterForm(request.GET or None)
    sort, only = "name", ""
    if form.is_valid():
        sort, only = form.cleaned_data["sort"] or "name", form.cleaned_data["only"] or ""
    context.update(form=form, figures=selectors.side_by_side(context["table"], figures, sort=sort, only=only),
                   parity=selectors.PARITY, sorted_by=sort, only=only)
    return render(request, "networks/side_by_side.html", context)


@network_view()
def metrics_page(request, network_slug, year):
    return _side_by_side(request, year, "metrics", "SC-WRES metrics side by side", selectors.METRIC_FIGURES)


@network_view()
def pay_gaps(request, network_slug, year):
    return _side_by_side(request, year, "pay-gaps", "Pay gaps side by side", selectors.PAY_GAP_FIGURES)


@network_view()
def declaration(request, network_slug, year):
    return _side_by_side(request, year, "declaration", "Declaration rates side by side", selectors.DECLARATION_FIGURES)


@network_view()
def standing(request, network_slug, year):
    context = _context(request, year, "standing", "Where we stand")
    members = [(m["organisation"], m["name"]) for m in context["table"]["members"]]
    own = [o.slug for o in request.network_access.organisations]
    chosen = (request.GET.get("member") or next((slug for slug in own if slug in dict(members)), "")
              or (members[0][0] if members else ""))
    if chosen and chosen not in dict(members):
        raise Http404("That organisation has published nothing to this network for this year.")
    context.update(members=members, chosen=chosen, chosen_name=dict(members).get(chosen, ""),
                   rows=selectors.standing(context["table"], chosen) if chosen else [])
    return render(request, "networks/standing.html", context)


@network_view()
def chart(request, network_slug, year, name):
    from . import charts

    table = selectors.network_table(request.network, year)
    svg = charts.named_chart(table, name)
    if svg is None:
        raise Http404("No such chart.")
    return HttpResponse(svg, content_type="image/svg+xml")


@network_view()
def xlsx(request, network_slug, year):
    from .exports import network_workbook

    table = selectors.network_table(request.network, year)
    response = HttpResponse(network_workbook(table),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{request.network.slug}-{year}.xlsx"'
    return response


@network_view()
def report(request, network_slug, year):
    if request.method == "POST":
        services.network_report_request(network=request.network, year=year, actor=request.user)
        messages.success(request, "The board report is being made. This page shows when it is ready.")
        return redirect("networks:report", network_slug, year)
    current = {m["publication_id"] for m in selectors.network_table(request.network, year)["members"]}
    reports = [r for r in NetworkReport.objects.filter(network=request.network, year=year)[:10]]
    for r in reports:
        r.stale = r.status == ReportStatus.DONE and not set(r.publication_ids) <= current
    context = _context(request, year, "report", "Board report")
    context["reports"] = reports
    return render(request, "networks/report.html", context)


@network_view()
def report_pdf(request, network_slug, pk):
    report = get_object_or_404(NetworkReport, pk=pk, network=request.network, status=ReportStatus.DONE)
    current = {p.pk for p in selectors.current_publications(request.network, report.year)}
    if not set(report.publication_ids) <= current:  # a member withdrew since: the PDF shows figures no longer shared
        raise Http404("This report shows figures that have since been withdrawn: make a new one.")
    return FileResponse(report.pdf.open("rb"), content_type="application/pdf",
                        as_attachment=False, filename=f"{request.network.slug}-{report.year}.pdf")


# The organisation's side ----------------------------------------------------------------------------------------
@org_view()
def org_networks(request, org_slug):
    return render(request, "networks/org_networks.html", {
        "rows": selectors.organisation_networks(request.organisation), "page_title": "Networks",
        "MembershipStatus": MembershipStatus,
    })


def _answer(request, org_slug, network_slug, service, done: str):
    row = get_network_membership(request.membership, network_slug)
    try:
        service(network=row.network, organisation=request.organisation, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done.format(org=request.organisation, network=row.network))
    return redirect("org_networks:index", org_slug)


@require_POST
@org_view(Capability.MANAGE_MEMBERS)
def accept(request, org_slug, network_slug):
    return _answer(request, org_slug, network_slug, services.accept_invitation,
                   "{org} is now a member of {network}. Its HR data officers can publish figures to it.")


@require_POST
@org_view(Capability.MANAGE_MEMBERS)
def decline(request, org_slug, network_slug):
    return _answer(request, org_slug, network_slug, services.decline_invitation,
                   "You declined the invitation to {network}.")


@org_view(Capability.MANAGE_MEMBERS)
def leave(request, org_slug, network_slug):
    row = get_network_membership(request.membership, network_slug)
    if request.method == "POST":
        return _answer(request, org_slug, network_slug, services.leave_network,
                       "{org} has left {network}; every figure it had published there is withdrawn.")
    if row.status != MembershipStatus.MEMBER:
        messages.error(request, f"{request.organisation} is not a member of {row.network}.")
        return redirect("org_networks:index", org_slug)
    return render(request, "networks/leave_confirm.html", {"row": row, "page_title": f"Leave {row.network}"})


@org_view(Capability.UPLOAD_EXTRACTS)
def publish(request, org_slug, network_slug):
    row = get_network_membership(request.membership, network_slug)
    if row.status != MembershipStatus.MEMBER:
        messages.error(request, f"{request.organisation} is not a member of {row.network}: accept its invitation first.")
        return redirect("org_networks:index", org_slug)
    form = PublishForm(request.POST or None, years=selectors.publishable_years(request.organisation))
    if request.method == "POST" and form.is_valid():
        try:
            publication = services.publish_metrics(network=row.network, organisation=request.organisation,
                                                   year=form.cleaned_data["year"], scope=form.cleaned_data["scope"],
                                                   actor=request.user)
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, f"Your {publication.year} figures are published to {row.network}.")
            return redirect("org_networks:index", org_slug)
    return render(request, "networks/publish.html", {
        "row": row, "form": form, "page_title": f"Publish figures to {row.network}",
        "threshold": services.threshold_for(row.network, request.organisation)})


@org_view(Capability.UPLOAD_EXTRACTS)
def withdraw(request, org_slug, pk):
    publication = get_publication(request.membership, pk)
    if request.method == "POST":
        try:
            services.withdraw_metrics(network=publication.network, organisation=request.organisation,
                                      year=publication.year, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"Your {publication.year} figures are withdrawn from {publication.network}.")
        return redirect("org_networks:index", org_slug)
    return render(request, "networks/withdraw_confirm.html", {
        "publication": publication, "page_title": f"Withdraw figures from {publication.network}",
        "now": timezone.now()})
