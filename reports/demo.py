"""Load the demo from fixtures/demo/ as a user would: the organisations and people of demo.toml, each plan
document read by the importer (the preview), staged and confirmed by the organisation's editor, its details
filled in on the plan's page, then a year of progress updates; the workforce extracts uploaded and confirmed.

Deterministic (a seeded random generator per plan, dates relative to `today`) and idempotent: a plan that
already exists by title in its organisation is left as it is, and users and memberships are reused.

The one thing a user could not do: the imported actions are dated to the start of their history (as if
the plan had been imported a year ago), so that the history that follows is theirs.
"""

import random
import re
from datetime import date, datetime, time, timedelta
from functools import cache

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from edi_tracker.demo import FIXTURES, demo_config
from edi_tracker.models import Membership, Organisation, User
from edi_tracker.quarters import FinancialQuarter
from edi_tracker.services import membership_set, organisation_create
from plans import services
from plans.importers.reading import read_plan_file
from plans.importers.services import plan_import_confirm_staged, plan_import_stage
from plans.models import Action, Plan, PlanStatus, ProgressUpdate, Status

# Commentary, written from templates filled with the action's own lead, theme and first success measure.
COMMENTARY = {
    Status.NOT_STARTED: [
        "Not started yet: {lead} plans to begin once the {theme} work ahead of it is finished.",
        "Not started. The working group agreed to start this after the summer, when {lead} has capacity.",
        "Not started: waiting for the EDI board to agree who will lead it with {lead}.",
    ],
    Status.GREEN: [
        "On track. {lead} reported to the EDI board in {month}: the milestones agreed for this action are being met.",
        "Progress as planned: the working group met in {month} and work towards “{measure}” is in hand.",
        "On track. The draft has been shared with the staff networks for comment before sign-off.",
        "Delivery is under way and the first evaluation returns are positive; {lead} will share them in {month}.",
        "On track: the quarter's figures went to the workforce board in {month}, with no concerns raised.",
        "Good progress on the {theme} objective. The staff network chairs have agreed to co-deliver the next round.",
    ],
    Status.AMBER: [
        "At risk: vacancies in {lead}'s team have stretched capacity, so the timetable has slipped by a month.",
        "At risk while we wait for the HR system report; we cannot evidence “{measure}” until the data is available.",
        "Some delay: the provider has changed and the remaining sessions need rebooking for {month}.",
        "Partly delivered. Take-up in two localities is lower than planned and {lead} is looking at why.",
        "At risk: the restructure has moved the officers leading this, and the handover is still being agreed.",
    ],
    Status.RED: [
        "Off track: the funding assumed for this action was not confirmed in the budget round.",
        "Off track. The lead post has been vacant since {month} and no work has started on the next phase.",
        "Off track: the survey needed to evidence “{measure}” has been postponed to next year.",
        "Off track: the pilot was paused after the trade union consultation raised concerns we must resolve first.",
    ],
    Status.COMPLETE: [
        "Complete. {lead} presented the evidence to the EDI board in {month}, and it was signed off.",
        "Completed and signed off at the EDI board; the learning from it has been shared with the staff networks.",
        "Complete: the success measures were reviewed in {month} and met. “{measure}” is evidenced in the board papers.",
        "Complete. The {theme} sub-group closed this action in {month}; monitoring continues as business as usual.",
    ],
}
NEXT_STEPS = [
    ("Report progress to the EDI board.", "next board meeting"),
    ("Agree the revised timetable with the sponsor.", "within four weeks"),
    ("Book the remaining sessions and publicise them in News in Brief.", "by the end of the quarter"),
    ("Collect the evaluation returns and summarise them for the working group.", "next month"),
    ("Escalate the resourcing gap to the directorate management team.", "at the next DMT"),
    ("Share the draft with the staff networks for comment.", "by the end of the month"),
]
DONE_WORDS = re.compile(r"^\s*(complete|completed|achieved|done)\b", re.I)


def _moment(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9 + rng.randrange(8), rng.randrange(60))))


def _story(final: str, length: int) -> list[str]:
    """A plausible sequence of statuses ending in `final`."""
    path = {
        Status.COMPLETE: [Status.GREEN, Status.AMBER, Status.GREEN, Status.COMPLETE],
        Status.GREEN: [Status.AMBER, Status.GREEN, Status.GREEN],
        Status.AMBER: [Status.GREEN, Status.AMBER, Status.AMBER],
        Status.RED: [Status.AMBER, Status.AMBER, Status.RED],
    }[final]
    return path[-length:] if length <= len(path) else [Status.GREEN] * (length - len(path)) + path


class History:
    """Writes a plan's history over the four quarters up to `end` (today, or the last day of a plan whose
    period is over): each action's updates in date order, every one with a commentary."""

    def __init__(self, *, end: date, closing: bool, today: date, rng: random.Random, authors: list[User],
                 lead: User, editor: User):
        self.end, self.closing, self.today, self.rng = end, closing, today, rng
        self.authors, self.lead, self.editor = authors, lead, editor
        current = FinancialQuarter.containing(end)
        self.current_start = current.start
        self.first = current.previous().previous().previous().previous().start
        # The plans were imported before the history begins: their actions entered them then.
        self.added = timezone.make_aware(datetime.combine(self.first - timedelta(days=21), time(9, 30)))

    def final_status(self, action: Action, imported: str) -> tuple[str, bool]:
        """The status the action has at the end, and whether it went without an update in the last quarter."""
        rng, roll = self.rng, self.rng.random()
        if imported == Status.COMPLETE or DONE_WORDS.match(action.deadline_text or ""):
            return Status.COMPLETE, False  # never red while its deadline says it is complete
        deadline = action.deadline_date
        if deadline is not None and deadline < self.end:
            # Most past-deadline actions are done; some are not, and a few still say green (inconsistent).
            final = (Status.COMPLETE if roll < 0.62 else Status.AMBER if roll < 0.78 else Status.RED if roll < 0.86
                     else Status.GREEN if roll < 0.94 else Status.NOT_STARTED)
        else:
            final = (Status.GREEN if roll < 0.5 else Status.AMBER if roll < 0.7 else Status.COMPLETE if roll < 0.8
                     else Status.RED if roll < 0.87 else Status.NOT_STARTED)
        if self.closing and final == Status.GREEN:
            final = Status.COMPLETE  # a plan closes with its on-track actions finished
        if final == Status.NOT_STARTED and imported:
            final = imported  # the plan's own RAG stands
        stale = not self.closing and final not in (Status.COMPLETE, Status.NOT_STARTED) and rng.random() < 0.18
        return final, stale

    def _days(self, count: int, final: str, stale: bool) -> list[date]:
        """`count` dates in order across the window. A completed action's last update falls anywhere in the
        year (actions are finished across it, not all at once); an open one's in the last quarter, or
        before it when the action has gone stale."""
        rng = self.rng
        last_possible = min(self.end, self.today - timedelta(days=1))
        if final == Status.COMPLETE:
            last = self.first + timedelta(days=30 + rng.randrange(max((last_possible - self.first).days - 30, 1)))
        elif stale:
            last = self.current_start - timedelta(days=7 + rng.randrange(20))
        else:
            span = max((last_possible - self.current_start).days, 1)
            last = self.current_start + timedelta(days=rng.randrange(span))
        span = max((last - self.first).days, 1)
        earlier = sorted(self.first + timedelta(days=rng.randrange(span)) for _ in range(count - 1))
        return earlier + [last]

    def _commentary(self, status: str, action: Action, theme: str, measure: str, day: date) -> str:
        templates = [t for t in COMMENTARY[status] if measure or "{measure}" not in t]
        template = self.rng.choice(templates)
        return template.format(lead=action.lead_officer or "the lead officer", theme=theme, month=day.strftime("%B %Y"),
                               measure=measure.rstrip("."))

    def record(self, action: Action) -> None:
        rng = self.rng
        imported = action.status if action.last_update_at else ""
        final, stale = self.final_status(action, imported)
        if final == Status.NOT_STARTED:
            statuses = [Status.NOT_STARTED]
        elif imported == Status.COMPLETE:
            statuses = [Status.COMPLETE]  # achieved before the plan was written: its evidence, later
        else:
            statuses = _story(final, rng.randint(2, 5))
            if imported:
                statuses[0] = imported
        measures = list(action.measures.all())
        measure = measures[0].text if measures else ""
        theme = action.theme.title if action.theme_id else "plan"
        authors = [self.lead] if action.lead_user_id else self.authors
        days = self._days(len(statuses), final, stale)
        for day, status in zip(days, statuses):
            steps, timeframe = rng.choice(NEXT_STEPS)
            done = status in (Status.COMPLETE, Status.NOT_STARTED)
            services.progress_update_record(
                action=action, author=rng.choice(authors), status=status,
                commentary=self._commentary(status, action, theme, measure, day),
                next_steps="" if done else steps, next_steps_timeframe="" if done else timeframe, at=_moment(day, rng),
            )
        if final == Status.COMPLETE:
            met = measures
        elif final == Status.GREEN and len(measures) > 1:
            met = measures[:1]  # on track: the first measure is already met
        else:
            met = []
        for item in met:  # met when the latest update was made
            services.measure_set_met(measure=item, met=True, actor=self.editor, on=days[-1])


def _organisation(entry: dict) -> Organisation:
    organisation = Organisation.objects.filter(slug=entry["slug"]).first() or organisation_create(
        slug=entry["slug"], name=entry["name"])
    fields = {k: v for k, v in entry.items() if k not in ("slug", "name", "people")}
    if fields:
        for name, value in fields.items():
            setattr(organisation, name, value)
        organisation.save(update_fields=list(fields))
    return organisation


@cache
def _hashed(password: str) -> str:
    """The demo password hashed once: every demo login has the same one (hashing takes about a second each)."""
    return make_password(password)


def _people(organisation: Organisation, entries: list[dict], password: str) -> dict[str, User]:
    users = {}
    for entry in entries:
        user = User.objects.filter(username=entry["username"]).first()
        if user is None:
            user = User.objects.create_user(username=entry["username"], password=None, display_name=entry["title"],
                                            email=f"{entry['username']}@example.org")
            user.password = _hashed(password)
            user.save(update_fields=["password"])
        if not Membership.objects.filter(user=user, organisation=organisation).exists():
            membership_set(organisation=organisation, user=user, role=entry["role"], actor=None)
        users[entry["role"]] = users.get(entry["role"], user)
    return users


def _import(organisation: Organisation, editor: User, entry: dict) -> Plan:
    """The importer's preview of the document, staged and confirmed, as on the import pages."""
    path = FIXTURES / entry["file"]
    parsed = read_plan_file(path.name, path.read_bytes())
    if parsed.title != entry["title"]:
        raise RuntimeError(f"{entry['file']} reads as “{parsed.title}”, but demo.toml calls it “{entry['title']}”.")
    staged = plan_import_stage(organisation=organisation, actor=editor, parsed=parsed)
    _, result = plan_import_confirm_staged(plan_import=staged, actor=editor)
    if result is None:
        raise RuntimeError(f"{entry['file']} is too large to import in the demo (it was queued).")
    return result.plan


def plan_load(organisation: Organisation, entry: dict, users: dict[str, User], *, today: date, seed: int) -> Plan:
    editor = users.get("editor") or users["admin"]
    lead = users.get("lead") or users["admin"]
    plan = _import(organisation, editor, entry)
    period_end = entry.get("period_end")
    closing = period_end is not None and period_end < today
    history = History(end=period_end if closing else today, closing=closing, today=today, rng=random.Random(seed),
                      authors=[editor, users.get("admin", editor)], lead=lead, editor=editor)
    with_history = entry.get("history", organisation.slug == demo_config()["organisations"][0]["slug"])
    if with_history:
        Plan.objects.filter(pk=plan.pk).update(created_at=history.added)
        Action.objects.filter(plan=plan).update(created_at=history.added)
        ProgressUpdate.objects.filter(action__plan=plan).update(created_at=history.added)
        Action.objects.filter(plan=plan, last_update_at__isnull=False).update(last_update_at=history.added)
    details = {k: entry[k] for k in ("sponsor", "description", "period_start", "period_end", "approved_by",
                                      "approved_on") if k in entry}
    plan = services.plan_update(plan=plan, actor=editor, status=PlanStatus.ACTIVE, **details)
    tags: dict[str, list[str]] = {}
    for tag, references in entry.get("tags", {}).items():
        for reference in references:
            tags.setdefault(reference, []).append(tag)
    leads = set(entry.get("leads", []))
    unknown = (leads | set(tags)) - set(plan.actions.values_list("reference", flat=True))
    if unknown:
        raise RuntimeError(f"demo.toml names actions that {entry['file']} does not have: {', '.join(sorted(unknown))}.")
    for action in plan.actions.select_related("theme").prefetch_related("tags").order_by("order", "id"):
        changes = {}
        if action.reference in tags:
            changes["tags"] = sorted({t.name for t in action.tags.all()} | set(tags[action.reference]))
        if action.reference in leads:
            changes["lead_user"] = lead
        if changes:
            action = services.action_update(action=action, actor=editor, **changes)
        if with_history:
            action.refresh_from_db()
            history.record(action)
    if closing:
        plan = services.plan_update(plan=plan, actor=editor, status=PlanStatus.CLOSED)
    return plan


@transaction.atomic
def demo_load(*, today: date | None = None) -> Organisation:
    """The organisations of demo.toml with their people and plans; the first organisation is returned."""
    today = today or timezone.localdate()
    config = demo_config()
    organisations, people = {}, {}
    for entry in config["organisations"]:
        organisation = _organisation(entry)
        organisations[entry["slug"]] = organisation
        people[entry["slug"]] = _people(organisation, entry.get("people", []), config["password"])
    for index, entry in enumerate(config["plans"]):
        organisation = organisations[entry["organisation"]]
        if organisation.plans.filter(title=entry["title"]).exists():
            continue
        # One generator per plan, so that a plan's history does not depend on which others were loaded.
        plan_load(organisation, entry, people[entry["organisation"]], today=today, seed=2026 + index)
    return organisations[config["organisations"][0]["slug"]]
