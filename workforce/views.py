"""HR's pages: upload an extract, read its check report, confirm it; map ethnicity spellings."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from edi_tracker.access import org_view
from edi_tracker.models import Capability

from . import exports, selectors, services
from .forms import EthnicityMappingForm, ExtractConfirmForm, ExtractUploadForm
from .models import Extract, ExtractStatus


def _extract(request, pk) -> Extract:
    return get_object_or_404(Extract.objects.select_related("uploaded_by"), pk=pk, organisation=request.organisation)


@org_view(Capability.UPLOAD_EXTRACTS)
def index(request, org_slug):
    form = ExtractUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        arguments = {"organisation": request.organisation, "kind": form.cleaned_data["kind"],
                     "year": form.cleaned_data["year"], "filename": upload.name, "data": upload.read(),
                     "uploaded_by": request.user}
        if upload.size > settings.WORKFORCE_TASK_THRESHOLD_BYTES:
            extract = services.extract_queue(**arguments)
        else:
            extract, _ = services.extract_check(**arguments)
        return redirect("workforce:extract", org_slug, extract.pk)
    return render(request, "workforce/index.html", {
        "form": form, "history": selectors.extract_history(request.organisation)[:50], "page_title": "Workforce data",
    })


@org_view(Capability.UPLOAD_EXTRACTS)
def extract_detail(request, org_slug, pk):
    extract = _extract(request, pk)
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
    extract = _extract(request, pk)
    response = HttpResponse(exports.extract_errors_csv(extract), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{extract.kind}-{extract.year}-errors-{extract.pk}.csv"'
    return response


@require_POST
@org_view(Capability.UPLOAD_EXTRACTS)
def extract_confirm(request, org_slug, pk):
    extract = _extract(request, pk)
    form = ExtractConfirmForm(request.POST)
    form.is_valid()
    try:
        extract = services.extract_confirm(extract=extract, actor=request.user, replace=form.cleaned_data.get("replace", False))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("workforce:extract", org_slug, pk)
    messages.success(request, f"The {extract.kind} extract for {extract.year} is stored: {extract.row_count:,} rows. "
                              "The figures have been recalculated.")
    return redirect("workforce:extract", org_slug, pk)


@require_POST
@org_view(Capability.UPLOAD_EXTRACTS)
def extract_discard(request, org_slug, pk):
    services.extract_discard(extract=_extract(request, pk), actor=request.user)
    messages.success(request, "The checked file was discarded. Nothing was stored.")
    return redirect("workforce:index", org_slug)


@require_POST
@org_view(Capability.UPLOAD_EXTRACTS)
def ethnicity_map(request, org_slug, pk):
    extract = _extract(request, pk)
    form = EthnicityMappingForm(request.POST)
    if form.is_valid():
        services.ethnicity_mapping_set(organisation=request.organisation, value=form.cleaned_data["value"],
                                       ethnicity=form.cleaned_data["ethnicity"], actor=request.user)
        messages.success(request, f"“{form.cleaned_data['value']}” is mapped. When every value is mapped, upload the file again to check it.")
    else:
        messages.error(request, "Choose a category for the value.")
    return redirect("workforce:extract", org_slug, extract.pk)
