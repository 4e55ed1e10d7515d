from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.templatetags.static import static
from django.urls import reverse
from django.utils.formats import date_format
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import selectors, services
from .access import get_invitation, get_member, org_view
from .confirm import confirm_page
from .forms import InvitationForm, MemberRoleForm, NewAccountForm, PasswordResetRequestForm
from .models import Capability, Invitation


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


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset request, with links built on SITE_URL (read per request). Whether or not an account
    has the address, the answer is the same page."""

    form_class = PasswordResetRequestForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        self.extra_email_context = {"site_url": settings.SITE_URL}
        return super().form_valid(form)


@org_view(Capability.MANAGE_MEMBERS)
def members(request, org_slug):
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, sent = services.invitation_create(organisation=request.organisation, actor=request.user,
                                                          **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if sent:
                messages.success(request, f"An invitation with the role “{invitation.get_role_display()}” "
                                          f"was emailed to {invitation.email}.")
            else:
                messages.info(request, f"{invitation.email} was already invited on "
                                       f"{date_format(invitation.sent_at)}: nothing was sent again. The invitation "
                                       f"gives the role “{invitation.get_role_display()}”; use Send again if the "
                                       "email was lost.")
            return redirect("members", org_slug)
    return render(request, "edi_tracker/members.html", {
        "form": form,
        "members": selectors.members_of(request.organisation),
        "invitations": selectors.invitations_waiting(request.organisation),
        "role_form": MemberRoleForm(),
        "invitation_days": settings.INVITATION_MAX_AGE_DAYS,
        "page_title": "Members",
    })


@require_POST
@org_view(Capability.MANAGE_MEMBERS)
def member_role(request, org_slug, pk):
    membership = get_member(request.membership, pk)
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


@org_view(Capability.MANAGE_MEMBERS)
def member_remove(request, org_slug, pk):
    """GET: are you sure? POST: remove the member."""
    membership = get_member(request.membership, pk)
    if membership.user_id == request.user.id:
        messages.error(request, "You cannot remove yourself: ask another admin.")
        return redirect("members", org_slug)
    if request.method != "POST":
        return confirm_page(
            request, heading=f"Are you sure you want to remove {membership.user} from {request.organisation}?",
            consequences=[
                f"{membership.user} ({membership.get_role_display()}) will no longer be able to sign in to "
                f"{request.organisation}’s plans, dashboards or reports.",
                "The progress updates they recorded stay in each action’s history under their name. Actions they "
                "lead keep them as lead until an editor chooses someone else.",
            ],
            warning="To give them access again you will have to invite them again.",
            button="Yes, remove them", cancel_url=reverse("members", args=[org_slug]),
        )
    try:
        services.membership_remove(membership=membership, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{membership.user} no longer has access to {request.organisation}.")
    return redirect("members", org_slug)


@require_POST
@org_view(Capability.MANAGE_MEMBERS)
def invitation_resend(request, org_slug, pk):
    invitation = get_invitation(request.membership, pk)
    try:
        services.invitation_resend(invitation=invitation, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The invitation was emailed again to {invitation.email}, with a new link; "
                                  "the link in the earlier email no longer works.")
    return redirect("members", org_slug)


@org_view(Capability.MANAGE_MEMBERS)
def invitation_revoke(request, org_slug, pk):
    """GET: are you sure? POST: withdraw the invitation."""
    invitation = get_invitation(request.membership, pk)
    if request.method != "POST":
        return confirm_page(
            request, heading=f"Are you sure you want to withdraw the invitation to {invitation.email}?",
            consequences=[f"The link in the invitation email will stop working: {invitation.email} will not be able "
                          f"to join {request.organisation} as {invitation.get_role_display()} with it."],
            warning="To let them join later you will have to invite them again.",
            button="Yes, withdraw the invitation", cancel_url=reverse("members", args=[org_slug]),
        )
    try:
        revoked = services.invitation_revoke(invitation=invitation, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if revoked:
            messages.success(request, f"The invitation to {invitation.email} is withdrawn: its link no longer works.")
        else:
            messages.info(request, f"The invitation to {invitation.email} was already withdrawn: nothing changed.")
    return redirect("members", org_slug)


@never_cache
def invitation_accept(request, token):
    """The emailed link: a new person sets a password; an existing account signs in and accepts."""
    invitation = selectors.invitation_for_token(token)
    if invitation is None:
        return _invitation_unusable(request, None, "invalid", status=404)
    state = invitation.state
    if state == Invitation.State.ACCEPTED and request.user.is_authenticated and invitation.accepted_by_id == request.user.pk:
        messages.info(request, "You have already accepted this invitation: "
                               f"you are a member of {invitation.organisation}.")
        return redirect("plans:org-home", invitation.organisation.slug)
    if state != Invitation.State.PENDING:
        return _invitation_unusable(request, invitation, state)
    context = {"invitation": invitation, "page_title": f"Join {invitation.organisation.name}"}
    if request.user.is_authenticated:
        if not services.invitation_matches(invitation, request.user):
            return _invitation_unusable(request, invitation, "wrong_account", status=403)
        if request.method == "POST":
            return _invitation_accepted(request, invitation, user=request.user)
        return render(request, "edi_tracker/invitation_accept.html", context)
    if selectors.account_exists_for_email(invitation.email):
        context["sign_in_url"] = f"{reverse('login')}?{urlencode({'next': request.path})}"
        return render(request, "edi_tracker/invitation_accept.html", context)
    form = NewAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        return _invitation_accepted(request, invitation, user=None, form=form,
                                    password=form.cleaned_data["password1"],
                                    display_name=form.cleaned_data["display_name"])
    return render(request, "edi_tracker/invitation_accept.html", {**context, "form": form})


def _invitation_accepted(request, invitation, *, user, form=None, **account):
    try:
        membership, accepted = services.invitation_accept(invitation=invitation, user=user, **account)
    except services.InvitationUnusable as error:
        return _invitation_unusable(request, invitation, error.state)
    except ValidationError as error:
        if form is None:  # an existing account's acceptance has no other refusal than InvitationUnusable
            raise
        form.add_error(None, error)
        return render(request, "edi_tracker/invitation_accept.html", {"invitation": invitation, "form": form})
    if user is None:
        login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
    if accepted:
        messages.success(request, f"Welcome to {membership.organisation}: "
                                  f"your role is “{membership.get_role_display()}”.")
    else:
        messages.info(request, "You have already accepted this invitation: "
                               f"you are a member of {membership.organisation}.")
    return redirect("plans:org-home", membership.organisation.slug)


def _invitation_unusable(request, invitation, state: str, *, status: int = 410):
    return render(request, "edi_tracker/invitation_unusable.html", {
        "invitation": invitation, "state": state, "days": settings.INVITATION_MAX_AGE_DAYS,
        "page_title": "This invitation link cannot be used",
    }, status=200 if state == Invitation.State.ACCEPTED else status)


@org_view(Capability.MANAGE_MEMBERS)
def organisation_settings(request, org_slug):
    """What an admin manages, one link each (templates/edi_tracker/organisation_settings.html): the
    menu's Settings item, so that new admin pages need no room in the menu."""
    return render(request, "edi_tracker/organisation_settings.html", {"page_title": "Settings"})


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
