from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.http import require_POST

from . import selectors, services
from .access import org_view
from .forms import MemberAddForm, MemberRoleForm
from .models import Capability, Membership


@login_required
def home(request):
    memberships = list(selectors.organisations_for_user(request.user))
    if len(memberships) == 1:
        return redirect("plans:org-home", memberships[0].organisation.slug)
    return render(request, "edi_tracker/home.html", {"memberships": memberships, "page_title": "Your organisations"})


def favicon(request):
    # Resolved per request: with hashed static files the name is only known once collectstatic ran.
    return redirect(static("images/favicon.svg"), permanent=True)


def accessibility(request):
    return render(request, "edi_tracker/accessibility.html", {"page_title": "Accessibility statement"})


def privacy(request):
    return render(request, "edi_tracker/privacy.html", {"page_title": "Privacy"})


@org_view(Capability.MANAGE_MEMBERS)
def members(request, org_slug):
    form = MemberAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.member_invite(
                organisation=request.organisation, actor=request.user, password=None, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{membership.user} is now a {membership.get_role_display().lower()}.")
            return redirect("members", org_slug)
    return render(request, "edi_tracker/members.html", {
        "form": form,
        "members": selectors.members_of(request.organisation),
        "role_form": MemberRoleForm(),
        "page_title": "Members",
    })


def _membership_of(request, pk) -> Membership:
    return get_object_or_404(Membership.objects.select_related("user"), pk=pk, organisation=request.organisation)


@require_POST
@org_view(Capability.MANAGE_MEMBERS)
def member_role(request, org_slug, pk):
    membership = _membership_of(request, pk)
    form = MemberRoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_set(organisation=request.organisation, user=membership.user,
                                    role=form.cleaned_data["role"], actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{membership.user}'s role is saved.")
    else:
        messages.error(request, "Choose a role.")
    return redirect("members", org_slug)


@require_POST
@org_view(Capability.MANAGE_MEMBERS)
def member_remove(request, org_slug, pk):
    membership = _membership_of(request, pk)
    if membership.user_id == request.user.id:
        messages.error(request, "You cannot remove yourself: ask another admin.")
        return redirect("members", org_slug)
    try:
        services.membership_remove(membership=membership, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{membership.user} no longer has access to {request.organisation}.")
    return redirect("members", org_slug)


@org_view(Capability.MANAGE_MEMBERS)
def audit_log(request, org_slug):
    page = Paginator(selectors.audit_events(request.organisation), 50).get_page(request.GET.get("page"))
    return render(request, "edi_tracker/audit_log.html", {"page": page, "page_title": "Audit log"})


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def forbidden(request, exception=None):
    return render(request, "403.html", status=403)


def server_error(request):
    # Rendered without the request: no context processor runs, so neither the session, the user nor the
    # organisation is looked up, and the page shows even when it is the database that failed.
    return HttpResponseServerError(loader.render_to_string("500.html"))


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


__all__ = ["Http404"]
