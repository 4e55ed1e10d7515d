"""An organisation's single sign-on (OpenID Connect) settings, set by its admin (design.md §10a)."""

import base64
import hashlib

from django.conf import settings
from django.db import models

from edi_tracker.models import Organisation


def _fernet():
    from cryptography.fernet import Fernet

    key = hashlib.sha256(("sso-client-secret:" + settings.SECRET_KEY).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


class SingleSignOn(models.Model):
    """One identity provider per organisation. The client secret is kept encrypted with a key derived
    from SECRET_KEY and is never shown back; changing SECRET_KEY means entering it again."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="single_sign_on")
    issuer = models.URLField(max_length=300, help_text="For Microsoft Entra ID: "
                             "https://login.microsoftonline.com/<tenant id>/v2.0")
    client_id = models.CharField(max_length=200)
    client_secret_encrypted = models.TextField(blank=True)
    allowed_domains = models.JSONField(default=list, blank=True,
                                       help_text="Email domains that sign in through this provider, lower case.")
    enabled = models.BooleanField(default=True)
    required = models.BooleanField(default=False, help_text="Members sign in through the provider only.")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Single sign-on of {self.organisation}"

    @property
    def client_secret(self) -> str:
        if not self.client_secret_encrypted:
            return ""
        from cryptography.fernet import InvalidToken

        try:
            return _fernet().decrypt(self.client_secret_encrypted.encode()).decode()
        except InvalidToken:
            return ""

    @client_secret.setter
    def client_secret(self, value: str) -> None:
        self.client_secret_encrypted = _fernet().encrypt(value.encode()).decode() if value else ""
