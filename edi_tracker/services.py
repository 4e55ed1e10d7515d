"""State changes of the core: organisations, memberships, the audit log."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from .models import AuditEvent, Membership, Organisation, Role, User


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
                     summary=f"{user} added as {membership.get_role_display()}", changes={"role": [None, role]})
    elif membership.role != role:
        old = membership.role
        _refuse_removing_last_admin(membership, new_role=role)
        membership.role = role
        membership.save(update_fields=["role"])
        audit_record(organisation=organisation, actor=actor, verb="membership.role_changed", obj=membership,
                     summary=f"{user} is now {membership.get_role_display()}", changes={"role": [old, role]})
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


@transaction.atomic
def member_invite(
    *, organisation: Organisation, username: str, email: str, display_name: str, role: str,
    password: str | None, actor: User | None
) -> Membership:
    """Add a person by username: an existing user gets the membership, a new one is created."""
    username = username.strip()
    if not username:
        raise ValidationError("Enter a username.")
    user = User.objects.filter(username__iexact=username).first()
    if user is None:
        user = User(username=username, email=email.strip(), display_name=display_name.strip())
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    return membership_set(organisation=organisation, user=user, role=role, actor=actor)
