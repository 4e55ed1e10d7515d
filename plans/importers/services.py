"""Store an imported plan: everything in one transaction, or nothing.

A checked file is staged as a `PlanImport` (`plan_import_stage`); confirming it
(`plan_import_confirm_staged`) is done once, under a row lock, so that a double click or a second tab
does nothing and is told so. A large import is stored by a Celery task (`plan_import_run`) with a
progress bar, so that it never runs into the web server's timeout."""

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.utils import timezone

from edi_tracker.models import Organisation, User
from edi_tracker.queueing import enqueue
from edi_tracker.services import audit_record, organisation_content_changed

from .. import services
from ..models import Plan, PlanImport, PlanImportStatus, PlanStatus, Theme
from .parsed import ParsedPlan
from .rows import ImportRefused

logger = logging.getLogger(__name__)

UNEXPECTED = ("The import stopped with an unexpected error, and nothing was stored. Try again, and tell your "
              "administrator if it happens again.")


@dataclass
class ImportResult:
    plan: Plan
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    status_changes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # in the plan but not in the file: kept, listed

    def summary(self, filename: str) -> str:
        def count(n: int, what: str) -> str:
            return f"{n} {what}{'s' if n != 1 else ''}"

        if not (self.created or self.updated or self.status_changes):
            text = f"the {count(len(self.unchanged), 'action')} in {filename} {'is' if len(self.unchanged) == 1 else 'are'} " \
                   "the same as in the plan"
            if self.missing:
                text += f". In the plan but not in the file, and kept: {', '.join(self.missing)}"
            return f"Nothing changed: {text}."
        text = f"{count(len(self.created), 'action')} added, {len(self.updated)} updated"
        if self.status_changes:
            text += f", {count(len(self.status_changes), 'status change')} recorded"
        if self.missing:
            text += f". In the plan but not in the file, and kept: {', '.join(self.missing)}"
        return f"Imported {filename}: {text}."


class AlreadyConfirmed(Exception):
    """A second confirm of the same import: nothing more was done."""

    def __init__(self, plan_import: PlanImport):
        self.plan_import = plan_import
        if plan_import.in_progress:
            message = "This import is already under way: nothing more was started."
        else:
            message = f"This import was already confirmed: {plan_import.summary or 'nothing more was changed.'}"
        super().__init__(message)


def _theme_for(plan: Plan, parsed_theme, order: int, actor: User, themes: dict) -> Theme:
    key = (parsed_theme.code, parsed_theme.title)
    if key in themes:
        return themes[key]
    theme = next((t for t in themes.values() if t.title == parsed_theme.title), None)
    if theme is None:
        theme = services.theme_create(plan=plan, actor=actor, title=parsed_theme.title, code=parsed_theme.code,
                                      objective=parsed_theme.objective, sponsor=parsed_theme.sponsor, order=order,
                                      metrics=parsed_theme.metrics)
    themes[key] = theme
    return theme


def _messages(error: ValidationError) -> str:
    """A service's refusal as one sentence that names each field."""
    if hasattr(error, "error_dict"):
        return " ".join(
            f"{name.replace('_', ' ').capitalize()}: {message}" if name != "__all__" else message
            for name, messages in error.message_dict.items() for message in messages
        )
    return " ".join(error.messages)


@transaction.atomic
def plan_import_confirm(*, organisation: Organisation, actor: User, parsed: ParsedPlan, plan: Plan | None = None,
                        progress: Callable[[int], None] | None = None) -> ImportResult:
    """Create a plan from `parsed`, or update `plan` from it: actions matched by reference are updated,
    new ones added, none deleted (those missing from the file are listed), and a changed status is
    recorded as a progress update by the importing editor. `progress(percent)` is told how far it got."""
    references = [a.reference.lower() for a in parsed.actions]
    if len(references) != len(set(references)):
        raise ImportRefused("The file has a duplicate reference: check it again before confirming.")
    if plan is None:
        try:
            plan = services.plan_create(organisation=organisation, actor=actor, title=parsed.title[:250],
                                        framework=parsed.framework, status=PlanStatus.DRAFT)
        except ValidationError as error:
            raise ImportRefused(f"The plan's title: {_messages(error)}") from None
    elif plan.organisation_id != organisation.pk:
        raise ValidationError("That plan belongs to another organisation.")
    else:
        # Two imports into one plan at once take turns, so that neither adds an action the other is adding.
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
    result = ImportResult(plan=plan)
    existing = {a.reference.lower(): a for a in plan.actions.select_related("theme").prefetch_related("measures", "tags")}
    themes = {(t.code, t.title): t for t in plan.themes.all()}
    next_order = plan.themes.count() + 1
    seen = set()
    total, done, reported = len(references) or 1, 0, 0
    item = None
    try:
        for parsed_theme in parsed.themes:
            try:
                theme = _theme_for(plan, parsed_theme, next_order, actor, themes)
            except ValidationError as error:
                raise ImportRefused(f"The theme “{parsed_theme.title[:60]}”: {_messages(error)}") from None
            next_order += 1
            for item in parsed_theme.actions:
                key = item.reference.lower()
                seen.add(key)
                action = existing.get(key)
                if action is None:
                    action = services.action_create(
                        plan=plan, actor=actor, theme=theme, reference=item.reference, title=item.title,
                        lead_officer=item.lead_officer, dependencies=item.dependencies, resources=item.resources,
                        deadline_text=item.deadline_text, measures=item.measures, tags=item.tags, metrics=item.metrics,
                    )
                    result.created.append(action.reference)
                else:
                    before = action.version
                    action = services.action_update(
                        action=action, actor=actor, theme=theme, title=item.title, lead_officer=item.lead_officer,
                        dependencies=item.dependencies, resources=item.resources, deadline_text=item.deadline_text,
                        measures=item.measures, tags=item.tags, metrics=item.metrics,
                    )
                    (result.updated if action.version != before else result.unchanged).append(action.reference)
                if item.status and item.status != action.status:
                    services.progress_update_record(
                        action=action, author=actor, status=item.status,
                        commentary=item.commentary or f"Status imported from {parsed.filename}.",
                        next_steps=item.next_steps,
                    )
                    result.status_changes.append(action.reference)
                done += 1
                if progress and done * 100 // total >= reported + 5:
                    reported = done * 100 // total
                    progress(min(reported, 99))
    except ValidationError as error:
        raise ImportRefused(f"Action {item.reference} ({item.source.lower()}): {_messages(error)}") from None
    result.missing = sorted((a.reference for k, a in existing.items() if k not in seen), key=str.lower)
    organisation_content_changed(organisation=organisation)
    audit_record(
        organisation=organisation, actor=actor, verb="plan.imported", obj=plan,
        summary=f"“{plan}” imported from {parsed.filename}: {len(result.created)} added, {len(result.updated)} updated",
        changes={"file": parsed.filename, "created": result.created, "updated": result.updated,
                 "status_changes": result.status_changes, "missing_from_file": result.missing},
    )
    return result


# A checked file, confirmed once ----------------------------------------------------------------------

def plan_import_stage(*, organisation: Organisation, actor: User | None, parsed: ParsedPlan,
                      plan: Plan | None = None) -> PlanImport:
    """Keep a checked file until the editor confirms it (or not)."""
    return PlanImport.objects.create(
        organisation=organisation, plan=plan, creates_plan=plan is None, token=secrets.token_urlsafe(16),
        filename=parsed.filename[:255], parsed=parsed.to_dict(), action_count=len(parsed.actions),
        uploaded_by=actor,
    )


def _finish(plan_import: PlanImport, result: ImportResult, parsed: ParsedPlan) -> None:
    plan_import.plan = result.plan
    plan_import.status, plan_import.progress = PlanImportStatus.DONE, 100
    plan_import.summary, plan_import.failure_reason = result.summary(parsed.filename), ""
    plan_import.finished_at = timezone.now()
    plan_import.save(update_fields=["plan", "status", "progress", "summary", "failure_reason", "finished_at"])


def plan_import_fail(*, plan_import_id: int, reason: str) -> None:
    """Mark an import failed with a reason the editor can read; it can be confirmed again."""
    PlanImport.objects.filter(pk=plan_import_id).exclude(status=PlanImportStatus.DONE).update(
        status=PlanImportStatus.FAILED, failure_reason=reason, finished_at=timezone.now(),
    )


@transaction.atomic
def plan_import_confirm_staged(*, plan_import: PlanImport, actor: User) -> tuple[PlanImport, ImportResult | None]:
    """Confirm a staged import, once. A small one is stored now (the result is returned); one of more
    than PLAN_IMPORT_TASK_THRESHOLD_ACTIONS actions is queued for a Celery task (None is returned).
    A second confirm raises AlreadyConfirmed; one that failed, or whose worker was lost, can be confirmed again."""
    locked = PlanImport.objects.select_for_update().get(pk=plan_import.pk)
    if locked.status not in (PlanImportStatus.STAGED, PlanImportStatus.FAILED) and not plan_import_is_lost(locked):
        raise AlreadyConfirmed(locked)
    locked.confirmed_by, locked.confirmed_at = actor, timezone.now()
    locked.failure_reason, locked.progress = "", 0
    if locked.action_count > settings.PLAN_IMPORT_TASK_THRESHOLD_ACTIONS:
        from ..tasks import plan_import_task  # the task module imports this one

        locked.status = PlanImportStatus.QUEUED
        locked.save(update_fields=["status", "confirmed_by", "confirmed_at", "failure_reason", "progress"])
        enqueue(plan_import_task, locked.pk,
                on_failure=lambda reason: plan_import_fail(plan_import_id=locked.pk, reason=reason))
        return locked, None
    parsed = ParsedPlan.from_dict(locked.parsed)
    result = plan_import_confirm(organisation=locked.organisation, actor=actor, parsed=parsed,
                                 plan=None if locked.creates_plan else locked.plan)
    _finish(locked, result, parsed)
    locked.save(update_fields=["confirmed_by", "confirmed_at"])
    return locked, result


# While a task stores an import, its database session holds an advisory lock on it. A worker that dies
# (killed, out of memory) loses its session and so the lock: the import is then "lost", and can be
# confirmed again, or is taken over by the same task when the broker delivers it again.
RUN_LOCK_SPACE = 7301  # the first key of PostgreSQL's two-key advisory locks, for plan imports


def _try_run_lock(plan_import_id: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [RUN_LOCK_SPACE, plan_import_id])
        return cursor.fetchone()[0]


def _run_unlock(plan_import_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [RUN_LOCK_SPACE, plan_import_id])


def plan_import_is_lost(plan_import: PlanImport) -> bool:
    """Running, but no worker holds it: the worker died, and nothing was stored (its transaction went with it).
    (On SQLite tasks run in the request that confirmed them, so an import there is never lost.)"""
    if plan_import.status != PlanImportStatus.RUNNING or connection.vendor != "postgresql":
        return False
    if not _try_run_lock(plan_import.pk):
        return False
    _run_unlock(plan_import.pk)
    return True


def _claim(plan_import_id: int) -> PlanImport | None:
    """Move a queued (or lost) import to running, once: a task delivered twice finds it taken and does nothing."""
    with transaction.atomic():
        locked = PlanImport.objects.select_for_update().filter(pk=plan_import_id).first()
        if locked is None or locked.status not in (PlanImportStatus.QUEUED, PlanImportStatus.RUNNING):
            return None
        if connection.vendor == "postgresql" and not _try_run_lock(locked.pk):
            return None  # another worker is storing it
        locked.status, locked.progress = PlanImportStatus.RUNNING, 1
        locked.save(update_fields=["status", "progress"])
        return locked


def _progress_writer(plan_import_id: int) -> Callable[[int], None] | None:
    """Progress written on a connection of its own, so that the page sees it while the import's own
    transaction is still open. (SQLite has one writer at a time, and no one polls it: no progress.)"""
    if connections["default"].vendor != "postgresql":
        return None

    def write(percent: int) -> None:
        own = connections.create_connection("default")
        try:
            with own.cursor() as cursor:
                cursor.execute(f"UPDATE {PlanImport._meta.db_table} SET progress = %s WHERE id = %s",
                               [percent, plan_import_id])
        finally:
            own.close()

    return write


def plan_import_run(*, plan_import_id: int) -> PlanImport | None:
    """What the Celery task does: store a queued import, reporting progress, or mark it failed."""
    claimed = _claim(plan_import_id)
    if claimed is None:
        return None
    parsed = ParsedPlan.from_dict(claimed.parsed)
    try:
        with transaction.atomic():
            target = None if claimed.creates_plan else Plan.objects.get(pk=claimed.plan_id)
            result = plan_import_confirm(organisation=claimed.organisation, actor=claimed.confirmed_by, parsed=parsed,
                                         plan=target, progress=_progress_writer(claimed.pk))
            _finish(claimed, result, parsed)
    except ImportRefused as error:
        plan_import_fail(plan_import_id=claimed.pk, reason=f"Nothing was imported. {error}")
    except Exception:
        logger.exception("Plan import %s failed", claimed.pk)
        plan_import_fail(plan_import_id=claimed.pk, reason=UNEXPECTED)
    finally:
        if connection.vendor == "postgresql":
            _run_unlock(claimed.pk)
    claimed.refresh_from_db()
    return claimed

