"""Networks of organisations that share their published figures (design.md §4): the network, its
coordinators, the organisations invited to it or in it, and the frozen publications each member shares.

A publication is the published metrics document (metrics.md §8, disclosure control applied at the higher of
the organisation's and the network's thresholds) as it was when it was shared: never a record, never
recomputed. A newer publication of the same year replaces the older one; a withdrawn one is shown nowhere.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from edi_tracker.models import Organisation


class Network(models.Model):
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    # The network's own disclosure threshold: a publication applies the higher of this and the member's.
    disclosure_threshold = models.PositiveSmallIntegerField(
        default=10, validators=[MinValueValidator(3), MaxValueValidator(20)]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NetworkCoordinator(models.Model):
    """A person who coordinates a network: sees its pages and invites organisations, and nothing else."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="coordinators")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_coordinations")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["network", "user"], name="one_coordination_per_user")]

    def __str__(self) -> str:
        return f"{self.user} coordinates {self.network}"


class MembershipStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    MEMBER = "member", "Member"
    DECLINED = "declined", "Declined"
    LEFT = "left", "Left"


class NetworkMembership(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="network_memberships")
    status = models.CharField(max_length=8, choices=MembershipStatus.choices, default=MembershipStatus.INVITED)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    invited_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)  # accepted or declined
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["network__name", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["network", "organisation"], name="one_membership_per_network")]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.network}: {self.get_status_display()}"


class Publication(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="network_publications")
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="publications")
    year = models.PositiveSmallIntegerField()
    scope = models.CharField(max_length=12)
    threshold = models.PositiveSmallIntegerField(help_text="The disclosure threshold applied.")
    document = models.JSONField(help_text="The published document of metrics.md §8, frozen.")
    # The organisation's local population BME % as it was when it published (null when it has not set one).
    local_population_bme_pct = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    # Its local population's share of each broad group it had set ({"asian": 12.5, ...}), as it was then.
    local_population = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    replaced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["network", "year", "organisation__name", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation", "year"],
                condition=models.Q(withdrawn_at__isnull=True, replaced_at__isnull=True),
                name="one_current_publication_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year} ({self.scope}) to {self.network}"

    def get_scope_words(self) -> str:
        from .selectors import SCOPE_WORDS

        return SCOPE_WORDS.get(self.scope, self.scope).capitalize()

    @property
    def current(self) -> bool:
        return self.withdrawn_at is None and self.replaced_at is None


class NetworkAuditEvent(models.Model):
    """The network's own audit log: invitations, answers, departures, publications and withdrawals."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="audit_events")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    verb = models.CharField(max_length=60)
    summary = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.verb}: {self.summary}"


class ReportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Being made"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


def report_path(instance, filename: str) -> str:
    return f"network-reports/{instance.network.slug}/{instance.year}/{instance.pk or 'new'}-{filename}"


class NetworkReport(models.Model):
    """The board report of a network for a year: a tagged PDF made by Celery from the current publications."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="reports")
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=8, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    failure_reason = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The publications it was drawn from: a withdrawal makes it stale, and it is no longer served.
    publication_ids = models.JSONField(default=list, blank=True)
    pdf = models.FileField(upload_to=report_path, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.network} {self.year} report ({self.status})"
