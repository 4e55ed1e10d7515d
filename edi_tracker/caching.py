"""What is the same for every member of an organisation, cached until the organisation's content changes.

A dashboard's picture, its charts and the metrics page's figures depend only on the organisation's
plans, progress and figures, the filters and the day, never on who asks. They are cached (Redis where
REDIS_URL is set, so every web node shares them; the process's memory otherwise, and in tests) under a
key holding the organisation's `content_version`, which the services that change what they show bump in
the same transaction (edi_tracker.services.organisation_content_changed). What depends only on one plan
(its page, its dashboard) or on the workforce figures is keyed by their finer versions instead
(Plan.content_version, Organisation.figures_version and plans_version), so that a progress update in one
plan does not make every page of the organisation be computed again. A request that loaded the
organisation after the change therefore never reads what was cached before it; nothing is deleted, the
old entries expire. Access is checked before anything is read from here.
"""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Organisation

T = TypeVar("T")

TIMEOUT_SECONDS = 60 * 60
_MISSING = object()


def _version_parts(organisation: Organisation, plan, figures: bool) -> list[str] | None:
    """What the key carries of the content's versions: the organisation's whole content_version, or, for
    what depends only on one plan and/or on the figures, their finer versions (a save in another plan
    leaves it cached). None when an instance in hand has changed its content (its versions are out of
    date) or was never saved."""
    if organisation.pk is None or getattr(organisation, "content_changed", False):
        return None
    if plan is None and not figures:
        return [str(organisation.content_version)]
    parts = []
    if plan is not None:
        if plan.pk is None or getattr(plan, "content_changed", False) or plan.organisation_id != organisation.pk:
            return None
        parts.append(f"p{plan.pk}.{organisation.plans_version}.{plan.content_version}")
    if figures:
        parts.append(f"f{organisation.figures_version}")
    return parts


def shared_key(organisation: Organisation, *parts, plan=None, figures: bool = False) -> str | None:
    """The cache key of `parts` for this organisation's current content, or None when the instance in hand
    has changed it (its version is out of date) or was never saved. With `plan` and/or `figures`, the key
    follows only that plan's content and/or the workforce figures (what the value is drawn from, no more)."""
    versions = _version_parts(organisation, plan, figures)
    if versions is None:
        return None
    # Pictures are as at today: a new day is a new picture even when nothing changed.
    return ":".join(["shared", str(organisation.pk), *versions,
                     timezone.localdate().isoformat(), *(str(part) for part in parts)])


def shared(organisation: Organisation, *parts, compute: Callable[[], T], plan=None, figures: bool = False) -> T:
    """`compute()`'s value for this organisation's current content, from the cache when it is there."""
    key = shared_key(organisation, *parts, plan=plan, figures=figures)
    if key is None:
        return compute()
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, TIMEOUT_SECONDS)
    return value


def shared_fragment(request, template: str, *parts, context: Callable[[], dict], plan=None,
                    figures: bool = False) -> str:
    """`template` rendered with `context()`, cached as `shared` is. Only for parts of a page that are the
    same for every member who may see it: `parts` must name whatever else the fragment depends on (the
    plan, the filters, a capability), and the fragment must hold no form with a CSRF token. With `plan`
    or `figures` it must depend on nothing but that plan and the figures (and the organisation's name)."""
    return shared(request.organisation, "fragment", template, *parts, plan=plan, figures=figures,
                  compute=lambda: render_to_string(template, context(), request=request))


def query_part(request) -> str:
    """The request's query string as a short key part (filters and page number)."""
    import hashlib

    return hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:32]


def by_content(name: str, data, compute: Callable[[], T]) -> T:
    """`compute()`'s value cached under a digest of `data`, everything it is drawn from (JSON-able): for a
    chart, whose drawing costs far more than its figures. Needs no version: new figures are a new key,
    and the same figures after an unrelated change (another action's commentary) find the drawing made."""
    import hashlib
    import json

    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
    key = f"content:{name}:{digest}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, TIMEOUT_SECONDS)
    return value
