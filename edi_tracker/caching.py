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

import logging
from collections.abc import Callable
from functools import cache as memoise
from typing import TypeVar

from django.core.cache import cache, caches
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Organisation

T = TypeVar("T")
logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 60 * 60
DRAWING_TIMEOUT_SECONDS = 24 * 60 * 60  # a drawing is never out of date (by_content): kept for a day
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


def digest(data) -> str:
    """A short digest of `data` (JSON-able) as a key part: for what a cached fragment shows beyond what its
    versions follow (the metrics page's linked actions and their statuses)."""
    import hashlib
    import json

    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()[:32]


# What the drawings of by_content are made by: a change to any of these (a new release of the code, of
# matplotlib) is a new key, so that a drawing cached in files or Redis by the code before is never shown.
DRAWING_CODE = ("edi_tracker/charts.py", "edi_tracker/status.py", "networks/charts.py")


@memoise
def drawing_code_version() -> str:
    """A digest of the code that draws charts and of matplotlib's version (read from its files: importing
    matplotlib is what the cache spares)."""
    import hashlib
    from importlib.util import find_spec
    from pathlib import Path

    from django.conf import settings

    digest = hashlib.sha256()
    spec = find_spec("matplotlib")
    files = [settings.BASE_DIR / name for name in DRAWING_CODE]
    if spec is not None and spec.origin:
        files.append(Path(spec.origin).with_name("_version.py"))
    for path in files:
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(str(path).encode())
    return digest.hexdigest()[:16]


def by_content(name: str, data, compute: Callable[[], T]) -> T:
    """`compute()`'s value cached under a digest of `data`, everything it is drawn from (JSON-able): for a
    chart, whose drawing costs far more than its figures. Needs no content version: new figures are a new
    key, and the same figures after an unrelated change (another action's commentary) find the drawing made.

    Kept in the "drawings" cache, which every process on the machine shares even without Redis (files):
    a command or worker that makes a PDF finds the charts a page or an earlier report drew, and does not
    import matplotlib (about a second) to draw them again. Should that cache fail (a folder that cannot be
    written), the chart is drawn all the same."""
    import hashlib
    import json

    digest = hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()
    key = f"content:{name}:{drawing_code_version()}:{digest}"
    try:
        value = caches["drawings"].get(key, _MISSING)  # a file cache makes its folder when first opened
    except Exception:  # noqa: BLE001 - a cache that cannot be read is a miss
        logger.warning("The drawings cache could not be read; drawing %s again", name, exc_info=True)
        value = _MISSING
    if value is _MISSING:
        value = compute()
        try:
            caches["drawings"].set(key, value, DRAWING_TIMEOUT_SECONDS)
        except Exception:  # noqa: BLE001 - nor does one that cannot be written stop the page or the report
            logger.warning("The drawings cache could not be written; %s is drawn again next time", name,
                           exc_info=True)
    return value
