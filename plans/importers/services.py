"""Store an imported plan: everything in one transaction, or nothing."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from edi_tracker.models import Organisation, User
from edi_tracker.services import audit_record, organisation_content_changed

from .. import services
from ..models import Plan, PlanStatus, Theme
from .parsed import ParsedPlan
from .rows import ImportRefused


@dataclass
class ImportResult:
    plan: Plan
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    status_changes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # in the plan but not in the file: kept, listed


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


@transaction.atomic
def plan_import_confirm(*, organisation: Organisation, actor: User, parsed: ParsedPlan, plan: Plan | None = None) -> ImportResult:
    """Create a plan from `parsed`, or update `plan` from it: actions matched by reference are updated,
    new ones added, none deleted (those missing from the file are listed), and a changed status is
    recorded as a progress update by the importing editor."""
    references = [a.reference.lower() for a in parsed.actions]
    if len(references) != len(set(references)):
        raise ImportRefused("The file has a duplicate reference: check it again before confirming.")
    if plan is None:
        plan = services.plan_create(organisation=organisation, actor=actor, title=parsed.title[:250],
                                    framework=parsed.framework, status=PlanStatus.DRAFT)
    elif plan.organisation_id != organisation.pk:
        raise ValidationError("That plan belongs to another organisation.")
    result = ImportResult(plan=plan)
    existing = {a.reference.lower(): a for a in plan.actions.select_related("theme").prefetch_related("measures", "tags")}
    themes = {(t.code, t.title): t for t in plan.themes.all()}
    next_order = plan.themes.count() + 1
    seen = set()
    try:
        for parsed_theme in parsed.themes:
            theme = _theme_for(plan, parsed_theme, next_order, actor, themes)
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
    except ValidationError as error:
        raise ImportRefused(f"Action {item.reference} ({item.source.lower()}): {' '.join(error.messages)}") from None
    result.missing = sorted((a.reference for k, a in existing.items() if k not in seen), key=str.lower)
    organisation_content_changed(organisation=organisation)
    audit_record(
        organisation=organisation, actor=actor, verb="plan.imported", obj=plan,
        summary=f"“{plan}” imported from {parsed.filename}: {len(result.created)} added, {len(result.updated)} updated",
        changes={"file": parsed.filename, "created": result.created, "updated": result.updated,
                 "status_changes": result.status_changes, "missing_from_file": result.missing},
    )
    return result
