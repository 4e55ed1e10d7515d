"""Signing in through the organisation's identity provider: the sign-in page's "work account" form
finds the organisation by the email's domain, `start` sends the browser to its provider, `callback`
completes the sign-in (mozilla-django-oidc's views, with the organisation's provider)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.views.decorators.http import require_POST
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from .forms import WorkAccountForm
from .models import SingleSignOn
from .oidc_settings import REFUSAL_KEY, SESSION_KEY, get_settings
from .services import SignInRefused, config_for_email, discovery


@require_POST
def choose(request):
    form = WorkAccountForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("email", []):
            messages.error(request, error)
        return redirect("login")
    email = form.cleaned_data["email"]
    config = config_for_email(email)
    if config is None:
        messages.error(request, f"No organisation signs in with a work account for {email.rsplit('@', 1)[-1]}. "
                                "Sign in with your user name and password.")
        return redirect("login")
    request.session["sso_login_hint"] = email
    next_url = request.POST.get("next", "")
    url = f"/sso/{config.organisation.slug}/start/"
    safe = next_url.startswith("/") and not next_url.startswith(("//", "/\\"))
    return redirect(url + ("?" + urlencode({"next": next_url}) if safe else ""))


class Start(OIDCAuthenticationRequestView):
    get_settings = staticmethod(get_settings)

    def get(self, request, org_slug):
        config = (SingleSignOn.objects.select_related("organisation")
                  .filter(organisation__slug=org_slug, enabled=True).first())
        if config is None:
            raise Http404("This organisation does not sign in with a work account.")
        try:
            provider = discovery(config)
        except SignInRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("login")
        self.OIDC_OP_AUTH_ENDPOINT = provider["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = config.client_id
        request.session[SESSION_KEY] = config.pk
        return super().get(request)

    def get_extra_params(self, request):
        hint = request.session.pop("sso_login_hint", "")
        return {"login_hint": hint} if hint else {}


class Callback(OIDCAuthenticationCallbackView):
    get_settings = staticmethod(get_settings)

    def login_failure(self):
        refusal = self.request.session.pop(REFUSAL_KEY, None)
        messages.error(self.request, refusal or "Signing in with your work account did not complete. Try again.")
        return redirect("login")


def allow_sign_in_forms_to_reach_providers(view):
    """The sign-in page's work-account form posts to /sso/, which redirects to the organisation's provider:
    browsers apply the page's CSP `form-action` to every redirect after a form is sent, so the page allows
    the origins of the providers organisations have set up (their issuers' origins), and no others."""
    from functools import wraps
    from urllib.parse import urlsplit

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        origins = sorted({f"{urlsplit(issuer).scheme}://{urlsplit(issuer).netloc}" for issuer in
                          SingleSignOn.objects.filter(enabled=True).values_list("issuer", flat=True)})
        if origins:
            response._csp_update = {"form-action": origins}
        return response

    return wrapped
