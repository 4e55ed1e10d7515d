from django.db.models import Q, QuerySet

from .models import AuditEvent, Invitation, Membership, Organisation, User


def organisations_for_user(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation").order_by("organisation__name")


def members_of(organisation: Organisation) -> QuerySet[Membership]:
    return Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__username")


def audit_events(organisation: Organisation) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(organisation=organisation).select_related("actor")


def invitations_waiting(organisation: Organisation) -> QuerySet[Invitation]:
    """Invitations neither accepted nor withdrawn, expired ones included (they can be sent again)."""
    return (Invitation.objects.filter(organisation=organisation, accepted_at__isnull=True, revoked_at__isnull=True)
            .select_related("invited_by").order_by("email"))


def invitation_for_token(token: str) -> Invitation | None:
    """The invitation whose emailed link carries `token`, in any state, or None."""
    return Invitation.objects.select_related("organisation").filter(token_hash=Invitation.hash_token(token)).first()


def account_exists_for_email(email: str) -> bool:
    """Whether an account has this address (as its email or its user name). Only ever shown to the holder of
    an invitation sent to that address, never to the admin who invited them."""
    return User.objects.filter(Q(email__iexact=email) | Q(username__iexact=email)).exists()
