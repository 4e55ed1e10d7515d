"""The organisation admin's page of single sign-on settings."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from edi_tracker.access import org_view
from edi_tracker.models import Capability

from .forms import SingleSignOnForm
from .models import SingleSignOn
from .services import sso_configure


@org_view(Capability.MANAGE_MEMBERS)
def settings_page(request, org_slug):
    config = SingleSignOn.objects.filter(organisation=request.organisation).first()
    form = SingleSignOnForm(request.POST or None, initial=SingleSignOnForm.initial_for(config))
    if request.method == "POST" and form.is_valid():
        try:
            sso_configure(organisation=request.organisation, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Single sign-on settings saved.")
            return redirect("sso-settings", org_slug)
    return render(request, "sso/settings.html", {
        "form": form, "config": config,
        "redirect_uri": request.build_absolute_uri("/sso/callback/"),
        "page_title": "Single sign-on",
    })
