"""The organisation admin's page of API tokens: make one (shown once), revoke one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from edi_tracker.access import org_view
from edi_tracker.models import Capability

from . import services
from .forms import TokenForm
from .models import ApiToken


@org_view(Capability.MANAGE_MEMBERS)
def tokens(request, org_slug):
    form = TokenForm(request.POST or None)
    shown = None
    if request.method == "POST" and form.is_valid():
        try:
            token, shown = services.token_create(organisation=request.organisation, actor=request.user,
                                                 **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            form = TokenForm()
    return render(request, "api/tokens.html", {
        "form": form, "shown": shown,
        "tokens": ApiToken.objects.filter(organisation=request.organisation).select_related("created_by"),
        "api_root": request.build_absolute_uri(f"/api/v1/o/{org_slug}/"),
        "page_title": "API tokens",
    })


@require_POST
@org_view(Capability.MANAGE_MEMBERS)
def token_revoke(request, org_slug, pk):
    token = ApiToken.objects.filter(pk=pk, organisation=request.organisation).first()
    if token is None:
        raise Http404("No such token.")
    if services.token_revoke(token=token, actor=request.user):
        messages.success(request, f"The token “{token.name}” was revoked: it no longer works.")
    else:
        messages.info(request, f"The token “{token.name}” was already revoked.")
    return redirect("api-tokens", org_slug)
