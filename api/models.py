"""API tokens: an organisation's key for Power BI and other tools to read its figures (design.md §10a).

The token is `edi_<prefix>_<secret>`; only the prefix (to find the row and to show in lists) and the
SHA-256 of the whole token are kept. The token itself is shown once, when it is made.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone

from edi_tracker.models import Organisation


class ApiToken(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80, help_text="What uses it, for example Power BI board pack.")
    prefix = models.CharField(max_length=12, unique=True)
    secret_hash = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # A name names one live token of the organisation, so `api_token ORG --revoke NAME` is exact.
            models.UniqueConstraint(fields=["organisation", "name"], condition=models.Q(revoked_at__isnull=True),
                                    name="one_live_api_token_per_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…) of {self.organisation}"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    @property
    def state_label(self) -> str:
        if self.revoked_at is not None:
            return "Revoked"
        if self.is_expired:
            return "Expired"
        return "Active"
