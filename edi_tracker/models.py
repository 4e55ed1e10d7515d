"""The core: users, organisations, memberships (roles), invitations and the audit log."""

import hashlib

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone


class User(AbstractUser):
    """A person who signs in. What they may see comes from their memberships."""

    display_name = models.CharField(
        max_length=150, blank=True, help_text="How the person is named in histories, e.g. a role title."
    )

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def label(self) -> str:
        return str(self)


class Organisation(models.Model):
    """A council or trust. Its financial year starts in April."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    # Disclosure control (metrics.md §6): counts from 1 to threshold − 1 are suppressed.
    disclosure_threshold = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(3), MaxValueValidator(20)]
    )
    # The words shown for the `bme` group; the key stays `bme`.
    bme_label = models.CharField(max_length=80, default="Black, Asian and minority ethnic")
    local_population_bme_pct = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="The local population's BME share, in per cent, for comparison with metric 9.",
    )
    # The broad ONS groups (metrics.md §2) whose local population share an organisation may set, with their words.
    LOCAL_GROUPS = (("white", "White"), ("asian", "Asian, Asian British or Asian Welsh"),
                    ("black", "Black, Black British, Black Welsh, Caribbean or African"),
                    ("mixed", "Mixed or Multiple ethnic groups"), ("other", "Other ethnic group"))
    # The local population's share of each broad ONS group, in per cent (for the network's pay band table, as
    # the regional alliance's report sets each group beside its population): null where not set.
    local_population_white_pct = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)])
    local_population_asian_pct = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)])
    local_population_black_pct = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)])
    local_population_mixed_pct = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)])
    local_population_other_pct = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)])
    # An explicit order of pay bands, lowest first; empty means "by median hourly pay".
    pay_band_order = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Bumped by every service that changes what the dashboards, their charts and the metrics pages show
    # (edi_tracker.services.organisation_content_changed). What is cached for every member carries it in
    # its key (edi_tracker.caching), so a change is seen on the next request, on every web node.
    content_version = models.PositiveBigIntegerField(default=0, editable=False)
    # Finer versions, so that a change in one place leaves what is cached of the others (edi_tracker.caching):
    # figures_version is bumped when the workforce figures or their settings change, plans_version when
    # something may have changed in every plan at once (each plan also has its own Plan.content_version).
    # A change that names no scope bumps all three.
    figures_version = models.PositiveBigIntegerField(default=0, editable=False)
    plans_version = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["name"]

    def local_population(self) -> dict[str, float]:
        """The local population's shares the organisation has set, in per cent: "bme" and each broad group."""
        shares = {"bme": self.local_population_bme_pct}
        shares.update((group, getattr(self, f"local_population_{group}_pct")) for group, _ in self.LOCAL_GROUPS)
        return {group: float(value) for group, value in shares.items() if value is not None}

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    VIEWER = "viewer", "Viewer"
    LEAD = "lead", "Action lead"
    EDITOR = "editor", "Plan editor"
    HR = "hr", "HR data officer"
    ADMIN = "admin", "Organisation admin"


class Capability(models.TextChoices):
    """What a role may do (design.md §5). Views ask for a capability, never for a role."""

    VIEW = "view"
    UPDATE_OWN_PROGRESS = "update_own_progress"
    UPDATE_ANY_PROGRESS = "update_any_progress"
    EDIT_PLANS = "edit_plans"  # create, edit, import plans; assign leads; generate reports
    UPLOAD_EXTRACTS = "upload_extracts"  # and see data quality and raw figures
    MANAGE_MEMBERS = "manage_members"  # and report recipients; read the audit log


ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.VIEWER: frozenset({Capability.VIEW}),
    Role.LEAD: frozenset({Capability.VIEW, Capability.UPDATE_OWN_PROGRESS}),
    Role.EDITOR: frozenset(
        {Capability.VIEW, Capability.UPDATE_OWN_PROGRESS, Capability.UPDATE_ANY_PROGRESS, Capability.EDIT_PLANS}
    ),
    Role.HR: frozenset({Capability.VIEW, Capability.UPLOAD_EXTRACTS}),
    Role.ADMIN: frozenset(
        {
            Capability.VIEW,
            Capability.UPDATE_OWN_PROGRESS,
            Capability.UPDATE_ANY_PROGRESS,
            Capability.EDIT_PLANS,
            Capability.UPLOAD_EXTRACTS,
            Capability.MANAGE_MEMBERS,
        }
    ),
}


class Membership(models.Model):
    """A user's role in one organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")]
        ordering = ["organisation__name", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} in {self.organisation}"

    def can(self, capability: str) -> bool:
        return capability in ROLE_CAPABILITIES[self.role]


class Invitation(models.Model):
    """An emailed invitation to join an organisation with a role, accepted through a one-time link.

    Only a hash of the link's token is kept: the link itself is in the email alone. Re-sending makes a
    new token, so an older email's link stops working. Until it is accepted or revoked the invitation
    is pending (expired or not); there is at most one pending invitation per address and organisation.
    """

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be accepted"
        EXPIRED = "expired", "Expired"
        ACCEPTED = "accepted", "Accepted"
        REVOKED = "revoked", "Withdrawn"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(max_length=150, help_text="Kept in lower case; it becomes a new person's user name.")
    role = models.CharField(max_length=10, choices=Role.choices)
    invited_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "email"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_pending_invitation_per_email",
            )
        ]

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    def __str__(self) -> str:
        return f"{self.email} invited to {self.organisation} as {self.get_role_display()}"

    @property
    def state(self) -> str:
        if self.accepted_at is not None:
            return self.State.ACCEPTED
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.expires_at <= timezone.now():
            return self.State.EXPIRED
        return self.State.PENDING

    def get_state_display(self) -> str:
        return self.State(self.state).label


class AuditEvent(models.Model):
    """One change that matters: who, when, what. Written by services, read by organisation admins."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="audit_events")
    actor = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    verb = models.CharField(max_length=60)  # e.g. "action.updated", "progress.recorded"
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=60, blank=True)
    summary = models.CharField(max_length=300)
    # {"field": [old, new], ...} for edits; anything JSON-able for other events.
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["organisation", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb}: {self.summary}"

    @property
    def sentence(self):
        """The entry as sentences a person reads (edi_tracker.audit.describe, the one place that words them)."""
        from .audit import describe

        return describe(self)
