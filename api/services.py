"""Making, revoking and using API tokens. Each change is audited in the organisation's log."""

import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from edi_tracker.models import Organisation, User
from edi_tracker.services import audit_record

from .models import ApiToken

TOKEN_START = "edi_"
MAX_EXPIRY_DAYS = 3650


def _new_token() -> tuple[str, str]:
    prefix = secrets.token_hex(4)  # 8 hex characters
    return prefix, f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"


@transaction.atomic
def token_create(*, organisation: Organisation, name: str, actor: User | None,
                 expires_days: int | None = None) -> tuple[ApiToken, str]:
    """A new token of the organisation and its text, which is shown once and never kept."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter a name for the token, such as Power BI board pack."})
    if len(name) > 80:
        raise ValidationError({"name": "The name must be 80 characters or fewer."})
    if expires_days is not None and not 1 <= expires_days <= MAX_EXPIRY_DAYS:
        raise ValidationError({"expires_days": f"The expiry must be between 1 and {MAX_EXPIRY_DAYS} days."})
    if ApiToken.objects.filter(organisation=organisation, name=name, revoked_at__isnull=True).exists():
        raise ValidationError({"name": f"A token named “{name}” already exists: revoke it or choose another name."})
    prefix, text = _new_token()
    expires_at = timezone.now() + timedelta(days=expires_days) if expires_days else None
    try:
        with transaction.atomic():
            token = ApiToken.objects.create(organisation=organisation, name=name, prefix=prefix,
                                            secret_hash=ApiToken.hash_token(text), created_by=actor,
                                            expires_at=expires_at)
    except IntegrityError:
        raise ValidationError({"name": f"A token named “{name}” already exists: revoke it or choose another name."})
    expiry = f", expiring {expires_at:%-d %B %Y}" if expires_at else ", with no expiry"
    audit_record(organisation=organisation, actor=actor, verb="api_token.created", obj=token,
                 summary=f"API token “{name}” ({prefix}…) created{expiry}")
    return token, text


@transaction.atomic
def token_revoke(*, token: ApiToken, actor: User | None) -> bool:
    """Revoke the token from now on. Idempotent: False when it was already revoked."""
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if not updated:
        return False
    token.refresh_from_db()
    audit_record(organisation=token.organisation, actor=actor, verb="api_token.revoked", obj=token,
                 summary=f"API token “{token.name}” ({token.prefix}…) revoked")
    return True


def token_for(text: str) -> ApiToken | None:
    """The live token this text is, read fresh from the database on every request (so an expiry or a
    revocation applies at once), or None. Compared by hash in constant time."""
    if not text.startswith(TOKEN_START) or text.count("_") < 2:
        return None
    prefix = text[len(TOKEN_START):].split("_", 1)[0]
    token = ApiToken.objects.select_related("organisation").filter(prefix=prefix).first()
    if token is None or not secrets.compare_digest(token.secret_hash, ApiToken.hash_token(text)):
        return None
    if not token.is_live:
        return None
    return token


def token_used(token: ApiToken, *, path: str) -> None:
    """Note a use: last_used_at on every request, and one audit entry per token per day (not one per
    request, which would flood the log when Power BI refreshes many pages)."""
    now = timezone.now()
    today_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    # One conditional UPDATE says whether this is the day's first use, even with requests in parallel.
    first_today = ApiToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=today_start)).update(last_used_at=now)
    if not first_today:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    if first_today:
        audit_record(organisation=token.organisation, actor=None, verb="api_token.used", obj=token,
                     summary=f"API token “{token.name}” ({token.prefix}…) used today, first for {path}"[:300])
    token.last_used_at = now
