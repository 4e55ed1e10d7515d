"""Every state change of plans, themes, actions, measures and progress goes through here."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import filetype
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from edi_tracker.models import AuditEvent, Membership, Organisation, User
from edi_tracker.services import audit_record, organisation_content_changed
from edi_tracker.text import shorten_filename, with_article
from edi_tracker.validators import one_line

from .deadlines import parse_deadline
from .models import (
    STATUSES_NEEDING_COMMENTARY,
    Action,
    Metric,
    Plan,
    ProgressUpdate,
    Status,
    SuccessMeasure,
    Tag,
    Theme,
)

# Evidence files: what we accept, by content (not by name), and the extensions each may carry.
EVIDENCE_TYPES = {
    "application/pdf": {".pdf"},
    "image/png": {".png"},
    "image/jpeg": {".jpg", ".jpeg"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {".docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {".xlsx"},
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": {".pptx"},
    "application/vnd.oasis.opendocument.text": {".odt"},
    "application/vnd.oasis.opendocument.spreadsheet": {".ods"},
}
EVIDENCE_DESCRIPTION = "PDF, PNG, JPEG, Word (.docx), Excel (.xlsx), PowerPoint (.pptx) or OpenDocument"


@dataclass
class VersionConflict(Exception):
    """Somebody else saved the action after the form was opened."""

    action: Action
    latest: ProgressUpdate | None

    def __str__(self) -> str:
        if self.latest is None:
            return "Someone else changed this action after you opened it."
        who = self.latest.author or "someone"
        when = timezone.localtime(self.latest.created_at).strftime("%-d %B %Y at %H:%M")
        return f"{who} updated this action on {when} after you opened it."


def plan_content_changed(*, plan: Plan) -> None:
    """What this plan's pages show has changed: bump its version and the organisation's (for what sums up
    every plan), in the caller's transaction, leaving what is cached of the other plans and of the
    figures (edi_tracker.caching). Every service that changes a plan, its themes, actions, measures or
    progress calls it."""
    Plan.objects.filter(pk=plan.pk).update(content_version=F("content_version") + 1)
    plan.content_changed = True
    organisation_content_changed(organisation=plan.organisation, scope="plan")


def _apply_deadline(action: Action, text: str) -> None:
    parsed = parse_deadline(text)
    action.deadline_text = (text or "").strip()
    action.deadline_date = parsed.date
    action.deadline_precision = parsed.precision or ""
    action.deadline_ongoing = parsed.ongoing
    action.deadline_recurring = parsed.recurring or ""
    action.deadline_complete = parsed.complete
    action.deadline_needs_review = parsed.needs_review


DEADLINE_FIELDS = [
    "deadline_text", "deadline_date", "deadline_precision", "deadline_ongoing", "deadline_recurring",
    "deadline_complete", "deadline_needs_review",
]


def _check_lead_user(organisation: Organisation, lead_user: User | None) -> None:
    if lead_user is not None and not Membership.objects.filter(organisation=organisation, user=lead_user).exists():
        raise ValidationError({"lead_user": f"{lead_user} is not a member of {organisation}."})


def _check_metrics(metrics: list[str]) -> list[str]:
    unknown = [m for m in metrics if m not in Metric.values]
    if unknown:
        raise ValidationError({"metrics": f"Unknown SC-WRES metric: {', '.join(unknown)}."})
    return sorted(set(metrics), key=Metric.values.index)


def _check_title(title: str, what: str) -> str:
    """A title, stripped; refused with a message when empty or not on one line."""
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": f"Enter {what}."})
    try:
        one_line(title)
    except ValidationError as error:
        raise ValidationError({"title": error.messages}) from None
    return title


def _full_clean(instance, *exclude: str) -> None:
    """The model's own limits (lengths, choices, digits), without the queries of its unique checks."""
    instance.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)


TAG_MAX_LENGTH = Tag._meta.get_field("name").max_length


def tags_get_or_create(*, organisation: Organisation, names: list[str]) -> list[Tag]:
    names = [name.strip() for name in names]
    too_long = [name for name in names if len(name) > TAG_MAX_LENGTH]
    if too_long:
        raise ValidationError({"tags": [
            f"The tag “{name[:30]}…” is {len(name)} characters long: a tag can be at most {TAG_MAX_LENGTH}."
            for name in too_long
        ]})
    tags = []
    for name in names:
        if not name:
            continue
        try:
            one_line(name, "A tag")
        except ValidationError as error:
            raise ValidationError({"tags": error.messages}) from None
        tag, _ = Tag.objects.get_or_create(organisation=organisation, slug=slugify(name)[:60], defaults={"name": name})
        tags.append(tag)
    return tags


# Plans -----------------------------------------------------------------------------------------

PLAN_FIELDS = [
    "title", "framework", "description", "period_start", "period_end", "status", "sponsor", "approved_by",
    "approved_on", "review_frequency",
]


@transaction.atomic
def plan_create(*, organisation: Organisation, actor: User | None, title: str, **fields) -> Plan:
    title = _check_title(title, "the plan's title")
    plan = Plan(organisation=organisation, title=title, **fields)
    plan.full_clean()
    plan.save()
    plan_content_changed(plan=plan)
    audit_record(organisation=organisation, actor=actor, verb="plan.created", obj=plan, summary=f"Plan “{plan}” created")
    return plan


def _changes(instance, fields: dict) -> dict:
    changes = {}
    for name, new in fields.items():
        old = getattr(instance, name)
        if old != new:
            changes[name] = [_jsonable(old), _jsonable(new)]
            setattr(instance, name, new)
    return changes


def _jsonable(value):
    if isinstance(value, (datetime,)):
        return value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "pk"):
        return str(value)
    return value


@transaction.atomic
def plan_update(*, plan: Plan, actor: User | None, **fields) -> Plan:
    unknown = set(fields) - set(PLAN_FIELDS)
    if unknown:
        raise TypeError(f"plan_update does not set {sorted(unknown)}")
    if "title" in fields:
        fields["title"] = _check_title(fields["title"], "the plan's title")
    changes = _changes(plan, fields)
    if changes:
        plan.full_clean()
        plan.save(update_fields=[*changes, "updated_at"])
        plan_content_changed(plan=plan)
        audit_record(organisation=plan.organisation, actor=actor, verb="plan.updated", obj=plan,
                     summary=f"Plan “{plan}” edited", changes=changes)
    return plan


# Themes ----------------------------------------------------------------------------------------

@transaction.atomic
def theme_create(*, plan: Plan, actor: User | None, title: str, code: str = "", objective: str = "",
                 sponsor: str = "", order: int | None = None, metrics: list[str] | None = None) -> Theme:
    title = _check_title(title, "the theme's title")
    if order is None:
        order = plan.themes.count() + 1
    theme = Theme(plan=plan, title=title, code=code.strip(), objective=objective,
                  sponsor=sponsor, order=order, metrics=_check_metrics(metrics or []))
    _full_clean(theme, "plan")
    theme.save()
    plan_content_changed(plan=plan)
    audit_record(organisation=plan.organisation, actor=actor, verb="theme.created", obj=theme,
                 summary=f"Theme “{theme}” added to “{plan}”")
    return theme


@transaction.atomic
def theme_update(*, theme: Theme, actor: User | None, **fields) -> Theme:
    if "metrics" in fields:
        fields["metrics"] = _check_metrics(fields["metrics"])
    if "title" in fields:
        fields["title"] = _check_title(fields["title"], "the theme's title")
    changes = _changes(theme, fields)
    if changes:
        _full_clean(theme, "plan")
        theme.save(update_fields=list(changes))
        plan_content_changed(plan=theme.plan)
        audit_record(organisation=theme.plan.organisation, actor=actor, verb="theme.updated", obj=theme,
                     summary=f"Theme “{theme}” edited", changes=changes)
    return theme


# Actions ---------------------------------------------------------------------------------------

@transaction.atomic
def action_create(
    *,
    plan: Plan,
    actor: User | None,
    reference: str,
    title: str,
    theme: Theme | None = None,
    lead_officer: str = "",
    lead_user: User | None = None,
    dependencies: str = "",
    resources: str = "",
    resource_cost: Decimal | None = None,
    deadline_text: str = "",
    measures: list[str] | None = None,
    tags: list[str] | None = None,
    metrics: list[str] | None = None,
    order: int | None = None,
    at: datetime | None = None,
) -> Action:
    """A new action; `at`, when given, is when it entered the plan (for loading a plan with its past)."""
    reference = reference.strip()
    if not reference:
        raise ValidationError({"reference": "Enter a reference, such as CP1."})
    title = _check_title(title, "what the action is")
    if Action.objects.filter(plan=plan, reference__iexact=reference).exists():
        raise ValidationError({"reference": f"This plan already has an action {reference}."})
    if theme is not None and theme.plan_id != plan.pk:
        raise ValidationError({"theme": "That theme belongs to another plan."})
    _check_lead_user(plan.organisation, lead_user)
    if order is None:
        order = plan.actions.count() + 1
    action = Action(
        plan=plan, theme=theme, reference=reference, title=title, lead_officer=lead_officer.strip(),
        lead_user=lead_user, dependencies=dependencies, resources=resources, resource_cost=resource_cost,
        metrics=_check_metrics(metrics or []), order=order, created_at=at or timezone.now(),
    )
    _apply_deadline(action, deadline_text)
    _full_clean(action, "plan", "theme", "lead_user")
    tag_objects = tags_get_or_create(organisation=plan.organisation, names=tags) if tags else []
    try:
        with transaction.atomic():  # another editor may add the same reference at the same moment
            action.save()
    except IntegrityError:
        raise ValidationError({"reference": f"This plan already has an action {reference}."}) from None
    SuccessMeasure.objects.bulk_create(
        SuccessMeasure(action=action, text=text.strip(), order=i) for i, text in enumerate(measures or []) if text.strip()
    )
    if tag_objects:
        action.tags.set(tag_objects)
    plan_content_changed(plan=plan)
    audit_record(organisation=plan.organisation, actor=actor, verb="action.created", obj=action,
                 summary=f"Action {action.reference} added to “{plan}”")
    return action


ACTION_FIELDS = [
    "title", "theme", "lead_officer", "lead_user", "dependencies", "resources", "resource_cost", "deadline_text",
    "metrics", "reference", "order",
]


@transaction.atomic
def action_update(*, action: Action, actor: User | None, expected_version: int | None = None,
                  tags: list[str] | None = None, measures: list[str] | None = None, **fields) -> Action:
    """Edit an action's details. `measures`, when given, replaces the texts of unmet measures."""
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"action_update does not set {sorted(unknown)}")
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if expected_version is not None and locked.version != expected_version:
        raise VersionConflict(action=locked, latest=locked.updates.select_related("author").first())
    if "reference" in fields:
        fields["reference"] = fields["reference"].strip()
        if not fields["reference"]:
            raise ValidationError({"reference": "Enter a reference, such as CP1."})
        clash = Action.objects.filter(plan_id=locked.plan_id, reference__iexact=fields["reference"]).exclude(pk=locked.pk)
        if clash.exists():
            raise ValidationError({"reference": f"This plan already has an action {fields['reference']}."})
    if "theme" in fields and fields["theme"] is not None and fields["theme"].plan_id != locked.plan_id:
        raise ValidationError({"theme": "That theme belongs to another plan."})
    if "lead_user" in fields:
        _check_lead_user(action.plan.organisation, fields["lead_user"])
    if "metrics" in fields:
        fields["metrics"] = _check_metrics(fields["metrics"])
    if "title" in fields:
        fields["title"] = _check_title(fields["title"], "what the action is")
    deadline_text = fields.pop("deadline_text", None)
    changes = _changes(locked, fields)
    update_fields = list(changes)
    if deadline_text is not None and deadline_text.strip() != locked.deadline_text:
        changes["deadline_text"] = [locked.deadline_text, deadline_text.strip()]
        _apply_deadline(locked, deadline_text)
        update_fields += DEADLINE_FIELDS
    if tags is not None:
        new_tags = tags_get_or_create(organisation=action.plan.organisation, names=tags)
        old_names = sorted(t.name for t in locked.tags.all())
        if sorted(t.name for t in new_tags) != old_names:
            locked.tags.set(new_tags)
            changes["tags"] = [old_names, sorted(t.name for t in new_tags)]
    if measures is not None:
        measure_changes = _measures_replace(locked, measures)
        if measure_changes:
            changes["success_measures"] = measure_changes
    if changes:
        _full_clean(locked, "plan", "theme", "lead_user")
        locked.version += 1
        try:
            with transaction.atomic():  # another editor may take the same reference at the same moment
                locked.save(update_fields=sorted({*update_fields, "version", "updated_at"}))
        except IntegrityError:
            raise ValidationError({"reference": f"This plan already has an action {locked.reference}."}) from None
        plan_content_changed(plan=action.plan)
        audit_record(organisation=action.plan.organisation, actor=actor, verb="action.updated", obj=locked,
                     summary=f"Action {locked.reference} edited", changes=changes)
    return locked


def _measures_replace(action: Action, texts: list[str]) -> list | None:
    texts = [t.strip() for t in texts if t.strip()]
    existing = list(action.measures.all())
    if [m.text for m in existing] == texts:
        return None
    by_text = {m.text: m for m in existing}
    keep = []
    for order, text in enumerate(texts):
        measure = by_text.pop(text, None)
        if measure is None:
            measure = SuccessMeasure.objects.create(action=action, text=text, order=order)
        elif measure.order != order:
            measure.order = order
            measure.save(update_fields=["order"])
        keep.append(measure)
    # Removed measures go, unless they were met: a met measure is part of the record.
    SuccessMeasure.objects.filter(pk__in=[m.pk for m in by_text.values() if not m.met]).delete()
    return [[m.text for m in existing], texts]


@transaction.atomic
def measure_set_met(*, measure: SuccessMeasure, met: bool, actor: User | None,
                    on: date | None = None) -> SuccessMeasure:
    """Mark a success measure met (today, or `on` when loading a plan with its past) or not met."""
    if measure.met == met:
        return measure
    measure.met = met
    measure.met_on = (on or timezone.localdate()) if met else None
    measure.met_by = actor if met else None
    measure.save(update_fields=["met", "met_on", "met_by"])
    action = measure.action
    plan_content_changed(plan=action.plan)
    audit_record(organisation=action.plan.organisation, actor=actor, verb="measure.met" if met else "measure.unmet",
                 obj=measure, summary=f"{action.reference}: success measure marked {'met' if met else 'not met'}",
                 changes={"met": [not met, met], "measure": measure.text[:200]})
    return measure


# Progress --------------------------------------------------------------------------------------

def evidence_validate(upload: UploadedFile) -> str:
    """Check an evidence file by size and by content; return its content type or raise."""
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size == 0:
        raise ValidationError({"evidence_file": "The evidence file is empty."})
    if upload.size > limit:
        raise ValidationError({"evidence_file": f"The evidence file must be smaller than {filesizeformat(limit)}."})
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None and head.startswith(b"PK"):
        kind = _office_kind(upload)
    extension = Path(upload.name or "").suffix.lower()
    if kind is None or kind.mime not in EVIDENCE_TYPES:
        raise ValidationError({"evidence_file": f"The evidence file must be a {EVIDENCE_DESCRIPTION} file."})
    if not extension:
        raise ValidationError({"evidence_file": (
            f"The file “{upload.name}” has no extension: name it with the extension of its type "
            f"(such as {' or '.join(sorted(EVIDENCE_TYPES[kind.mime]))}) and choose it again."
        )})
    if extension not in EVIDENCE_TYPES[kind.mime]:
        raise ValidationError(
            {"evidence_file": f"The file is named “{upload.name}” but its content is not {with_article(extension)} file."}
        )
    return kind.mime


def _office_kind(upload: UploadedFile):
    """filetype reads only the head; for zip-based office files look inside the archive."""
    import zipfile

    from edi_tracker.uploads import MAX_ZIP_MEMBERS, zip_member_count

    count = zip_member_count(upload)  # from the end record, before the directory is read
    upload.seek(0)
    if count is None or count > MAX_ZIP_MEMBERS:
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    for prefix, mime in (
        ("word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ):
        if "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names):
            return filetype.Type(mime, "")
    return None


@transaction.atomic
def progress_update_record(
    *,
    action: Action,
    author: User | None,
    status: str,
    commentary: str = "",
    next_steps: str = "",
    next_steps_timeframe: str = "",
    evidence_link: str = "",
    evidence_file: UploadedFile | None = None,
    expected_version: int | None = None,
    at: datetime | None = None,
) -> ProgressUpdate:
    """Append a progress update and make its status the action's current one.

    Refuses red or amber without a commentary, and a save made from a stale version of the action
    (VersionConflict), so two leads never silently overwrite each other.
    """
    if status not in Status.values:
        raise ValidationError({"status": "Choose a status."})
    commentary, next_steps = commentary.strip(), next_steps.strip()
    if status in STATUSES_NEEDING_COMMENTARY and not commentary:
        raise ValidationError(
            {"commentary": f"Explain why the action is {Status(status).label.split(' –')[0].lower()}: "
                           "red and amber need a commentary."}
        )
    content_type = evidence_validate(evidence_file) if evidence_file else ""
    locked = Action.objects.select_for_update().get(pk=action.pk)
    if expected_version is not None and locked.version != expected_version:
        raise VersionConflict(action=locked, latest=locked.updates.select_related("author").first())
    at = at or timezone.now()
    update = ProgressUpdate(
        action=locked, author=author, created_at=at, previous_status=locked.status, status=status,
        commentary=commentary, next_steps=next_steps, next_steps_timeframe=next_steps_timeframe.strip(),
        evidence_link=evidence_link.strip(), evidence_content_type=content_type,
    )
    if evidence_file:
        update.evidence_name = shorten_filename(evidence_file.name, ProgressUpdate._meta.get_field("evidence_name").max_length)
        update.evidence_file.save(update.evidence_name, evidence_file, save=False)
    update.full_clean(exclude=["evidence_file", "author", "action"])
    update.save()
    # An update back-dated before the latest (an import of history) joins the history without
    # becoming the current status.
    if locked.last_update_at is None or at >= locked.last_update_at:
        locked.status = status
        locked.last_update_at = at
    locked.version += 1
    locked.save(update_fields=["status", "last_update_at", "version", "updated_at"])
    plan_content_changed(plan=locked.plan)
    audit_record(
        organisation=locked.plan.organisation, actor=author, verb="progress.recorded", obj=locked,
        summary=f"{locked.reference}: {update.previous_status_short or 'Not started'} → {update.status_short}",
        changes={"status": [update.previous_status, status]},
    )
    action.status, action.version, action.last_update_at = locked.status, locked.version, locked.last_update_at
    return update


# Keeping actions current: several at once, and chasing their leads -------------------------------

@dataclass
class BulkConflict(Exception):
    """Some of the chosen actions were saved by someone else after the bulk form was opened: nothing was saved."""

    conflicts: list[VersionConflict]

    def __str__(self) -> str:
        refs = [c.action.reference for c in self.conflicts]
        return (f"{_join_words(refs)} {'was' if len(refs) == 1 else 'were'} updated by someone else after you "
                "opened this page, so nothing has been saved yet.")


def _join_words(words: list[str]) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _check_status_and_commentary(status: str, commentary: str) -> None:
    if status not in Status.values:
        raise ValidationError({"status": "Choose a status."})
    if status in STATUSES_NEEDING_COMMENTARY and not commentary:
        raise ValidationError(
            {"commentary": f"Explain why the action is {Status(status).label.split(' –')[0].lower()}: "
                           "red and amber need a commentary."}
        )


@transaction.atomic
def progress_update_bulk(
    *,
    organisation: Organisation,
    author: User | None,
    versions: dict[int, int],
    status: str,
    commentary: str = "",
    next_steps: str = "",
    next_steps_timeframe: str = "",
) -> list[ProgressUpdate]:
    """Set one status with one commentary on several actions of the organisation: each gets its own
    progress update (and audit entry), all or none.

    `versions` maps each action's id to the version the editor saw. If any action changed since, nothing is
    saved and BulkConflict lists them (each with its latest update), as a single update would."""
    commentary, next_steps = commentary.strip(), next_steps.strip()
    if not versions:
        raise ValidationError({"actions": "Choose at least one action to update."})
    _check_status_and_commentary(status, commentary)
    locked = {
        a.pk: a for a in Action.objects.select_for_update().filter(pk__in=list(versions), plan__organisation=organisation)
        .select_related("plan__organisation").order_by("pk")
    }
    missing = sorted(set(versions) - set(locked))
    if missing:
        raise ValidationError({"actions": f"{len(missing)} of the chosen actions {'is' if len(missing) == 1 else 'are'} "
                                          "not in this organisation's plans any more: choose the actions again."})
    conflicts = [
        VersionConflict(action=a, latest=a.updates.select_related("author").first())
        for pk, a in sorted(locked.items(), key=lambda item: (item[1].plan_id, item[1].order, item[0]))
        if versions[pk] is not None and a.version != versions[pk]
    ]
    if conflicts:
        raise BulkConflict(conflicts=conflicts)
    at = timezone.now()
    return [
        progress_update_record(
            action=action, author=author, status=status, commentary=commentary, next_steps=next_steps,
            next_steps_timeframe=next_steps_timeframe, expected_version=versions[action.pk], at=at,
        )
        for action in sorted(locked.values(), key=lambda a: (a.plan_id, a.order, a.pk))
    ]


@dataclass
class ChaseResult:
    """What chase_leads did: the leads emailed with their actions, and the actions whose lead could not be."""

    emailed: list[tuple[User, list[Action]]]
    not_reached: list[tuple[Action, str]]  # (action, why nobody was emailed about it)
    failed: list[tuple[User, list[Action], str]]  # (lead, actions, the mail server's refusal)
    event: AuditEvent | None = None  # the audit entry that records it (the result page reads it back)


def _why_not_reachable(action: Action, member_ids: set[int]) -> str | None:
    lead = action.lead_user
    if lead is None:
        written = f" (the plan names {action.lead_officer})" if action.lead_officer else ""
        return f"It has no lead in EDI Tracker{written}: set one on the action's edit page."
    if lead.pk not in member_ids:
        return f"Its lead, {lead}, is no longer a member of the organisation."
    if not lead.email:
        return f"Its lead, {lead}, has no email address."
    return None


def chase_leads(*, organisation: Organisation, actor: User | None, actions) -> ChaseResult:
    """Email each lead of `actions` (of the organisation) once, listing their actions with links; say which
    actions nobody could be emailed about, and why. Recorded in the audit log.

    The automatic reminder before a quarter closes (reports.services.reminders_send) is separate and stays."""
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string
    from django.urls import reverse

    actions = sorted(
        (a for a in actions if a.plan.organisation_id == organisation.pk),
        key=lambda a: (a.plan.title, a.order, a.pk),
    )
    if not actions:
        raise ValidationError({"actions": "Choose at least one action whose lead to chase."})
    member_ids = set(Membership.objects.filter(organisation=organisation).values_list("user_id", flat=True))
    by_lead: dict[int, list[Action]] = {}
    result = ChaseResult(emailed=[], not_reached=[], failed=[])
    for action in actions:
        why = _why_not_reachable(action, member_ids)
        if why:
            result.not_reached.append((action, why))
        else:
            by_lead.setdefault(action.lead_user_id, []).append(action)
    for lead_actions in by_lead.values():
        lead = lead_actions[0].lead_user
        count = len(lead_actions)
        subject = (f"{actor or organisation.name} asks you to update {count} action{'s' if count != 1 else ''} "
                   f"in EDI Tracker")
        body = render_to_string("plans/email/chase.txt", {
            "lead": lead, "actor": actor, "organisation": organisation, "actions": [
                (a, settings.SITE_URL + reverse("plans:action-detail", args=[organisation.slug, a.pk]))
                for a in lead_actions
            ],
        })
        try:
            EmailMessage(subject=header_safe(subject), body=body, to=[lead.email]).send()
        except Exception as error:  # noqa: BLE001  a mail server's refusal is reported, never hidden
            result.failed.append((lead, lead_actions, str(error) or error.__class__.__name__))
        else:
            result.emailed.append((lead, lead_actions))
    result.event = audit_record(
        organisation=organisation, actor=actor, verb="leads.chased", obj=None,
        summary=f"Chased {len(result.emailed)} lead{'s' if len(result.emailed) != 1 else ''} about "
                f"{sum(len(a) for _, a in result.emailed)} action{'s' if sum(len(a) for _, a in result.emailed) != 1 else ''}",
        changes={
            "emailed": [{"lead": str(lead), "email": lead.email, "actions": [a.reference for a in acts]}
                        for lead, acts in result.emailed],
            "not_reached": [{"action": a.reference, "action_id": a.pk, "why": why} for a, why in result.not_reached],
            "failed": [{"lead": str(lead), "email": lead.email, "actions": [a.reference for a in acts], "why": why}
                       for lead, acts, why in result.failed],
        },
    )
    return result


def header_safe(text: str) -> str:
    """One line for an email header (a name or title may hold a line break)."""
    return " ".join(text.split())
