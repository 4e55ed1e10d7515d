"""HR's pages: upload an extract, read its check report, confirm it; map ethnicity spellings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from edi_tracker.access import org_view
from edi_tracker.confirm import confirm_page
from edi_tracker.models import Capability
from edi_tracker.uploads import upload_limit

from . import exports, selectors, services
from .access import get_extract
from .forms import EthnicityMappingForm, ExtractConfirmForm, ExtractUploadForm
from .models import ExtractKind, ExtractStatus


@upload_limit("WORKFORCE_MAX_BYTES")
@org_view(Capability.UPLOAD_EXTRACTS)
def index(request, org_slug):
    form = ExtractUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        outcome = services.extract_upload(organisation=request.organisation, kind=form.cleaned_data["kind"],
                                          year=form.cleaned_data["year"], filename=upload.name, data=upload,
                                          uploaded_by=request.user)
        extract = outcome.extract
        if not outcome.is_new:
            messages.info(request, f"You sent {extract.filename} again while its first upload is "
                                   f"{extract.get_status_display().lower()}: it is the same file, so it was not checked twice.")
        elif extract.status == ExtractStatus.FAILED:
            messages.error(request, extract.failure_reason)
        return redirect("workforce:extract", org_slug, extract.pk)
    return render(request, "workforce/index.html", {
        "form": form, "history": selectors.extract_history(request.organisation)[:50], "page_title": "Workforce data",
        "guides": selectors.column_guides(),
    })


@org_view(Capability.UPLOAD_EXTRACTS)
def extract_detail(request, org_slug, pk):
    extract = get_extract(request.membership, pk)
    context = {
        "extract": extract, "report": extract.report or {},
        "current": selectors.current_extract(request.organisation, extract.kind, extract.year)
        if extract.status == ExtractStatus.CHECKED else None,
        "confirm_form": ExtractConfirmForm(), "mapping_form": EthnicityMappingForm(),
        "page_title": f"{extract.get_kind_display()} extract {extract.year}",
    }
    if request.htmx and request.GET.get("progress"):
        if extract.status == ExtractStatus.CHECKING:
            return render(request, "workforce/_progress.html", context)
        response = render(request, "workforce/_progress.html", context)
        response["HX-Refresh"] = "true"  # the check is done: show the whole report
        return response
    return render(request, "workforce/extract_detail.html", context)


@org_view(Capability.UPLOAD_EXTRACTS)
def extract_errors(request, org_slug, pk):
    extract = get_extract(request.membership, pk)
    response = HttpResponse(exports.extract_errors_csv(extract), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{extract.kind}-{extract.year}-errors-{extract.pk}.csv"'
    return response


@require_POST
@org_view(Capability.UPLOAD_EXTRACTS)
def extract_confirm(request, org_slug, pk):
    extract = get_extract(request.membership, pk)
    form = ExtractConfirmForm(request.POST)
    form.is_valid()
    try:
        extract = services.extract_confirm(extract=extract, actor=request.user, replace=form.cleaned_data.get("replace", False))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workforce:extract", org_slug, pk)
    if extract.already_confirmed:
        messages.info(request, f"The {extract.kind} extract for {extract.year} was already stored: confirming it "
                               "again changed nothing.")
        return redirect("workforce:extract", org_slug, pk)
    messages.success(request, f"The {extract.kind} extract for {extract.year} is stored: {extract.row_count:,} rows. "
                              "The figures have been recalculated.")
    return redirect("workforce:extract", org_slug, pk)


@require_http_methods(["GET", "POST"])
@org_view(Capability.UPLOAD_EXTRACTS)
def extract_discard(request, org_slug, pk):
    """GET: are you sure? POST: discard the checked upload."""
    extract = get_extract(request.membership, pk)
    if request.method != "POST":
        return confirm_page(
            request, heading=f"Are you sure you want to discard {extract.filename}?",
            consequences=[f"The {extract.get_kind_display().lower()} extract for {extract.year} that you uploaded is "
                          "deleted and nothing from it is stored.",
                          "The figures already stored are not changed. To use this file later, upload it again."],
            button="Yes, discard it", cancel_url=reverse("workforce:extract", args=[org_slug, extract.pk]),
        )
    if services.extract_discard(extract=extract, actor=request.user):
        messages.success(request, "The file was discarded and deleted. Nothing was stored.")
    else:
        messages.info(request, f"There was nothing to discard: this extract is {extract.get_status_display().lower()}.")
    return redirect("workforce:index", org_slug)


@require_POST
@org_view(Capability.UPLOAD_EXTRACTS)
def ethnicity_map(request, org_slug, pk):
    extract = get_extract(request.membership, pk)
    form = EthnicityMappingForm(request.POST)
    if form.is_valid():
        services.ethnicity_mapping_set(organisation=request.organisation, value=form.cleaned_data["value"],
                                       ethnicity=form.cleaned_data["ethnicity"], actor=request.user)
        messages.success(request, f"“{form.cleaned_data['value']}” is mapped for {request.organisation.name}. When every "
                                  "value is mapped, check the file again.")
    else:
        messages.error(request, "Choose a category for the value.")
    return redirect("workforce:extract", org_slug, extract.pk)


@require_POST
@org_view(Capability.UPLOAD_EXTRACTS)
def extract_recheck(request, org_slug, pk):
    """The same upload checked again after its ethnicity values were mapped: no new upload."""
    extract = get_extract(request.membership, pk)
    try:
        extract = services.extract_recheck(extract=extract, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workforce:extract", org_slug, pk)
    if extract.status == ExtractStatus.CHECKED:
        messages.success(request, "The file was checked again with your mappings and passed its check.")
    else:
        messages.error(request, f"The file was checked again with your mappings: {extract.failure_reason}")
    return redirect("workforce:extract", org_slug, pk)


@org_view(Capability.UPLOAD_EXTRACTS)
def extract_template(request, org_slug, extract_kind, file_format):
    """An empty extract with the headers of metrics.md §7, as CSV or XLSX."""
    if extract_kind not in ExtractKind.values or file_format not in ("csv", "xlsx"):
        raise Http404("There is no such template.")
    content, content_type, filename = exports.extract_template(extract_kind, file_format)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
