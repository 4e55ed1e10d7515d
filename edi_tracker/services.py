"""State changes of the core: organisations, memberships, invitations, the audit log."""

import secrets
import smtplib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from .models import AuditEvent, Invitation, Membership, Organisation, Role, User
from .text import role_phrase


def audit_record(
    *,
    organisation: Organisation,
    actor: User | None,
    verb: str,
    summary: str,
    obj=None,
    changes: dict | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=actor if actor is not None and actor.is_authenticated else None,
        verb=verb,
        object_type=obj._meta.model_name if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=summary[:300],
        changes=changes or {},
    )


def organisation_content_changed(*, organisation: Organisation, scope: str = "") -> None:
    """Mark what members see of the organisation as changed: what was cached under the old version of its
    content (edi_tracker.caching) is no longer read. Call it in the transaction that makes the change, after
    the change: the new version becomes visible with it. The instance in hand stops using the cache.

    `scope` says what changed, so that the rest stays cached: "figures" (the workforce figures or their
    settings), "plan" (one plan: the caller, plans.services.plan_content_changed, also bumps that plan's
    own version). Without a scope anything may have changed: every plan and the figures."""
    if scope not in ("", "figures", "plan"):
        raise ValueError(f"Unknown scope of a content change: {scope!r}.")
    bumps = {"content_version": F("content_version") + 1}
    if scope in ("", "figures"):
        bumps["figures_version"] = F("figures_version") + 1
    if scope == "":
        bumps["plans_version"] = F("plans_version") + 1
    Organisation.objects.filter(pk=organisation.pk).update(**bumps)
    organisation.content_changed = True  # its versions are out of date: edi_tracker.caching skips it


def user_names_changed(*, user: User) -> None:
    """A user's name (what pages show of them: `str(user)`) has changed: what is cached for the members of
    each of their organisations may show the old one (an action's lead, the filter panel's leads), so it is
    no longer read. Called by whatever renames a user (the Django admin's user page)."""
    for organisation in Organisation.objects.filter(memberships__user=user):
        organisation_content_changed(organisation=organisation)


def organisation_create(*, slug: str, name: str, actor: User | None = None) -> Organisation:
    slug = slug.strip().lower()
    if slugify(slug) != slug or not slug:
        raise ValidationError(f"“{slug}” is not a valid short name: use lower-case letters, digits and hyphens.")
    if not name.strip():
        raise ValidationError("An organisation needs a name.")
    if Organisation.objects.filter(slug=slug).exists():
        raise ValidationError(f"An organisation with the short name “{slug}” already exists.")
    with transaction.atomic():
        organisation = Organisation.objects.create(slug=slug, name=name.strip())
        audit_record(organisation=organisation, actor=actor, verb="organisation.created",
                     summary=f"Organisation {organisation.name} created", obj=organisation)
    return organisation


@transaction.atomic
def membership_set(*, organisation: Organisation, user: User, role: str, actor: User | None) -> Membership:
    """Give `user` the role in `organisation`, creating the membership if needed."""
    if role not in Role.values:
        raise ValidationError(f"“{role}” is not a role. Choose one of: {', '.join(Role.values)}.")
    membership, created = Membership.objects.select_for_update().get_or_create(
        organisation=organisation, user=user, defaults={"role": role}
    )
    if created:
        audit_record(organisation=organisation, actor=actor, verb="membership.added", obj=membership,
                     summary=f"{user} added as {role_phrase(membership.get_role_display())}", changes={"role": [None, role]})
    elif membership.role != role:
        old = membership.role
        _refuse_removing_last_admin(membership, new_role=role)
        membership.role = role
        membership.save(update_fields=["role"])
        audit_record(organisation=organisation, actor=actor, verb="membership.role_changed", obj=membership,
                     summary=f"{user} is now {role_phrase(membership.get_role_display())}", changes={"role": [old, role]})
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor: User | None) -> None:
    _refuse_removing_last_admin(membership, new_role=None)
    organisation, user, role = membership.organisation, membership.user, membership.role
    membership.delete()
    audit_record(organisation=organisation, actor=actor, verb="membership.removed",
                 summary=f"{user} removed from the organisation", changes={"role": [role, None]})


def _refuse_removing_last_admin(membership: Membership, *, new_role: str | None) -> None:
    if membership.role == Role.ADMIN and new_role != Role.ADMIN:
        admins = Membership.objects.filter(organisation=membership.organisation, role=Role.ADMIN).count()
        if admins <= 1:
            raise ValidationError("This is the organisation's only admin: make someone else an admin first.")


# Invitations ------------------------------------------------------------------------------------
# A member joins only by accepting an emailed invitation: the admin types an email address and a role,
# never a user name, and learns nothing about which accounts exist.


def _invitation_send(invitation: Invitation, *, token: str) -> None:
    """Email the one-time link. A mail server that refuses it stops the caller's transaction, so an
    invitation that was not sent is not stored (or keeps its previous link) and the admin is told."""
    link = settings.SITE_URL + reverse("invitation-accept", args=[token])
    context = {"invitation": invitation, "organisation": invitation.organisation, "link": link,
               "days": settings.INVITATION_MAX_AGE_DAYS, "site_url": settings.SITE_URL}
    subject = f"You are invited to join {invitation.organisation.name} on EDI Tracker"
    body = render_to_string("edi_tracker/email/invitation.txt", context)
    try:
        EmailMessage(subject=subject, body=body, to=[invitation.email]).send()
    except (OSError, smtplib.SMTPException) as error:
        raise ValidationError(
            f"The invitation could not be emailed to {invitation.email} ({error}). Nothing was sent: try again later."
        ) from error


def _invitation_new_link(invitation: Invitation) -> str:
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = Invitation.hash_token(token)
    invitation.sent_at = now
    invitation.expires_at = now + timedelta(days=settings.INVITATION_MAX_AGE_DAYS)
    return token


@transaction.atomic
def invitation_create(*, organisation: Organisation, email: str, role: str, actor: User | None) -> tuple[Invitation, bool]:
    """Invite `email` to join `organisation` with `role`, and email them the link.

    Idempotent: while an invitation to that address is waiting and has not expired, nothing is created
    or sent again (only a different role is saved); the second value says whether an email went out.
    An expired invitation to the address is renewed with a new link."""
    email = email.strip().lower()
    validate_email(email)
    if len(email) > 150:
        raise ValidationError("An email address can be at most 150 characters long, as it becomes the user name.")
    if role not in Role.values:
        raise ValidationError(f"“{role}” is not a role. Choose one of: {', '.join(Role.values)}.")
    # One invitation at a time per organisation: a double submit waits here and then finds the first.
    Organisation.objects.select_for_update().get(pk=organisation.pk)
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise ValidationError(f"A member of {organisation.name} already has the email address {email}: "
                              "change their role in the list of members instead.")
    invitation = Invitation.objects.filter(
        organisation=organisation, email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).first()
    if invitation is not None and invitation.state == Invitation.State.PENDING:
        if invitation.role != role:
            old = invitation.role
            invitation.role = role
            invitation.save(update_fields=["role"])
            audit_record(organisation=organisation, actor=actor, verb="invitation.role_changed", obj=invitation,
                         summary=f"The invitation to {email} now gives the role {invitation.get_role_display()}",
                         changes={"role": [old, role]})
        return invitation, False
    if invitation is None:
        invitation = Invitation(organisation=organisation, email=email, role=role, invited_by=actor)
        verb = "invitation.created"
    else:
        invitation.role, invitation.invited_by = role, actor
        verb = "invitation.renewed"
    token = _invitation_new_link(invitation)
    invitation.save()
    audit_record(organisation=organisation, actor=actor, verb=verb, obj=invitation,
                 summary=f"{email} invited as {role_phrase(invitation.get_role_display())}", changes={"role": [None, role]})
    _invitation_send(invitation, token=token)
    return invitation, True


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor: User | None) -> Invitation:
    """Email a waiting (or expired) invitation again, with a new link; the old link stops working."""
    invitation = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    if invitation.state in (Invitation.State.ACCEPTED, Invitation.State.REVOKED):
        raise ValidationError(f"The invitation to {invitation.email} was {invitation.get_state_display().lower()}: "
                              "invite them again instead.")
    token = _invitation_new_link(invitation)
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    audit_record(organisation=invitation.organisation, actor=actor, verb="invitation.resent", obj=invitation,
                 summary=f"The invitation to {invitation.email} sent again")
    _invitation_send(invitation, token=token)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User | None) -> bool:
    """Withdraw a waiting invitation so that its link no longer works. Returns False, changing nothing,
    when it was already withdrawn; an accepted invitation cannot be withdrawn (remove the member)."""
    invitation = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    if invitation.revoked_at is not None:
        return False
    if invitation.accepted_at is not None:
        raise ValidationError(f"{invitation.email} has already accepted the invitation: remove them from the "
                              "members instead.")
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(organisation=invitation.organisation, actor=actor, verb="invitation.revoked", obj=invitation,
                 summary=f"The invitation to {invitation.email} withdrawn")
    return True


class InvitationUnusable(ValidationError):
    """The invitation's link cannot be used: accepted, withdrawn, expired, or for another account."""

    def __init__(self, message: str, *, state: str):
        super().__init__(message)
        self.state = state


def invitation_matches(invitation: Invitation, user: User) -> bool:
    """Whether `user` is the account the invitation was sent to (by email address, or a user name that is it)."""
    return invitation.email in {(user.email or "").lower(), user.username.lower()}


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, user: User | None, password: str = "", display_name: str = ""
) -> tuple[Membership, bool]:
    """Accept an invitation: `user` (signed in, with the invited address) joins the organisation, or,
    when `user` is None, a new account is made whose user name is the invited address.

    Idempotent: accepting again as the same account changes nothing; the second value says whether
    this call accepted it. A person who is already a member keeps their role."""
    invitation = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    organisation = invitation.organisation
    if invitation.accepted_at is not None:
        if user is not None and invitation.accepted_by_id == user.pk:
            return Membership.objects.get(organisation=organisation, user=user), False
        raise InvitationUnusable("This invitation has already been accepted.", state=Invitation.State.ACCEPTED)
    if invitation.revoked_at is not None:
        raise InvitationUnusable("This invitation has been withdrawn.", state=Invitation.State.REVOKED)
    if invitation.state == Invitation.State.EXPIRED:
        raise InvitationUnusable("This invitation has expired.", state=Invitation.State.EXPIRED)
    if user is None:
        if User.objects.filter(Q(username__iexact=invitation.email) | Q(email__iexact=invitation.email)).exists():
            raise InvitationUnusable("An account with this email address already exists: sign in to accept.",
                                     state="account_exists")
        if not password:
            raise ValidationError("Enter a password.")
        user = User(username=invitation.email, email=invitation.email, display_name=display_name.strip()[:150])
        password_validation.validate_password(password, user)
        user.set_password(password)
        user.save()
    elif not invitation_matches(invitation, user):
        raise InvitationUnusable(
            f"This invitation was sent to {invitation.email}, and you are signed in as {user.username}. "
            "Sign out, then open the link again and sign in with the account for that address.",
            state="wrong_account",
        )
    membership = Membership.objects.filter(organisation=organisation, user=user).first()
    if membership is None:
        membership = membership_set(organisation=organisation, user=user, role=invitation.role, actor=user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(organisation=organisation, actor=user, verb="invitation.accepted", obj=invitation,
                 summary=f"{invitation.email} accepted the invitation and joined as {role_phrase(membership.get_role_display())}")
    return membership, True
