"""Reads of plans and actions, with the derived flags computed in the database.

Overdue, stale and inconsistent are never stored: they are expressions over the deadline, the
status and the time of the latest update, relative to a day (today for the live pages).
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import BooleanField, Case, Count, ExpressionWrapper, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from edi_tracker.models import Organisation, User
from edi_tracker.quarters import FinancialQuarter

from .models import Action, Plan, ProgressUpdate, Status, SuccessMeasure, Theme


def quarter_start_as_datetime(day: date) -> datetime:
    start = FinancialQuarter.containing(day).start
    return timezone.make_aware(datetime.combine(start, time.min))


def overdue_q(today: date) -> Q:
    """The deadline has passed and the action is not complete."""
    return Q(deadline_date__lt=today) & ~Q(status=Status.COMPLETE)


def stale_q(today: date) -> Q:
    """No update in the current financial quarter (complete actions are never stale)."""
    return (Q(last_update_at__isnull=True) | Q(last_update_at__lt=quarter_start_as_datetime(today))) & ~Q(
        status=Status.COMPLETE
    )


def inconsistent_q(today: date) -> Q:
    """Reported green but overdue."""
    return Q(status=Status.GREEN, deadline_date__lt=today)


def _flag(q: Q) -> ExpressionWrapper:
    return ExpressionWrapper(Case(When(q, then=Value(True)), default=Value(False)), output_field=BooleanField())


def with_flags(queryset: QuerySet[Action], today: date | None = None) -> QuerySet[Action]:
    today = today or timezone.localdate()
    return queryset.annotate(
        is_overdue=_flag(overdue_q(today)),
        is_stale=_flag(stale_q(today)),
        is_inconsistent=_flag(inconsistent_q(today)),
    )


def actions_for_listing(queryset: QuerySet[Action], today: date | None = None) -> QuerySet[Action]:
    """Everything a list row shows, in a fixed number of queries whatever the number of actions."""
    return with_flags(queryset.select_related("plan", "theme", "lead_user"), today)


def attention_order(queryset: QuerySet[Action], today: date | None = None) -> QuerySet[Action]:
    """What needs attention first: overdue, then red, amber, stale, then by deadline."""
    today = today or timezone.localdate()
    return queryset.annotate(
        attention=Case(
            When(overdue_q(today), then=Value(0)),
            When(status=Status.RED, then=Value(1)),
            When(status=Status.AMBER, then=Value(2)),
            When(stale_q(today), then=Value(3)),
            When(status=Status.COMPLETE, then=Value(9)),
            default=Value(5),
            output_field=IntegerField(),
        )
    ).order_by("attention", "deadline_date", "plan__title", "order", "id")


def plans_for_organisation(organisation: Organisation) -> QuerySet[Plan]:
    counts = {f"count_{s}": Count("actions", filter=Q(actions__status=s)) for s in Status.values}
    return Plan.objects.filter(organisation=organisation).annotate(action_count=Count("actions"), **counts).order_by(
        "status", "title"
    )


@dataclass
class ThemeBlock:
    theme: Theme | None
    actions: list[Action]

    @property
    def counts(self) -> list[tuple[str, str, int]]:
        return status_counts(a.status for a in self.actions)


def status_counts(statuses) -> list[tuple[str, str, int]]:
    """[(status value, word, count)] in BRAG order, for any iterable of status values."""
    tally = {s: 0 for s in Status.values}
    for s in statuses:
        tally[s] += 1
    from .models import STATUS_SHORT

    return [(s, STATUS_SHORT[s], tally[s]) for s in Status.values]


def attach_related(actions: list[Action], *names: str) -> None:
    """Each action's related objects `names` ("plan", "theme", "lead_user"), one query each for all the
    actions, set on them as select_related would, but with one instance per object rather than one per
    action: a page of 500 actions and 20 leads builds 20 users, not 500 (most of such a page's cost)."""
    for name in names:
        model = Action._meta.get_field(name).related_model
        ids = {getattr(action, f"{name}_id") for action in actions} - {None}
        objects = model._base_manager.in_bulk(ids) if ids else {}
        for action in actions:
            value = getattr(action, f"{name}_id")
            if value is not None:
                setattr(action, name, objects[value])


def plan_overview(plan: Plan, today: date | None = None) -> list[ThemeBlock]:
    """The plan page: its themes in order with their actions and their leads (three queries)."""
    themes = list(plan.themes.all())
    actions = list(with_flags(plan.actions.all(), today).order_by("order", "id"))
    attach_related(actions, "lead_user")
    by_theme: dict[int | None, list[Action]] = {}
    for action in actions:
        by_theme.setdefault(action.theme_id, []).append(action)
    blocks = [ThemeBlock(theme, by_theme.get(theme.pk, [])) for theme in themes]
    if by_theme.get(None):
        blocks.append(ThemeBlock(None, by_theme[None]))
    return blocks


def my_actions(user: User, organisation: Organisation, today: date | None = None) -> QuerySet[Action]:
    queryset = Action.objects.filter(plan__organisation=organisation, lead_user=user).exclude(plan__status="closed")
    return attention_order(actions_for_listing(queryset, today), today)


def action_detail_queryset(today: date | None = None) -> QuerySet[Action]:
    """Actions with everything the action page shows; `plans.access.get_action` picks the one."""
    return with_flags(
        Action.objects.select_related("plan__organisation", "theme", "lead_user"), today
    ).prefetch_related(
        "tags",
        Prefetch("measures", queryset=SuccessMeasure.objects.select_related("met_by")),
        Prefetch("updates", queryset=ProgressUpdate.objects.select_related("author").order_by("-created_at", "-id")),
    )


def organisation_summary(organisation: Organisation, today: date | None = None) -> dict:
    """Counts for the organisation's home page, in one query."""
    today = today or timezone.localdate()
    actions = Action.objects.filter(plan__organisation=organisation, plan__status="active")
    return actions.aggregate(
        total=Count("id"),
        overdue=Count("id", filter=overdue_q(today)),
        stale=Count("id", filter=stale_q(today)),
        inconsistent=Count("id", filter=inconsistent_q(today)),
        red=Count("id", filter=Q(status=Status.RED)),
        amber=Count("id", filter=Q(status=Status.AMBER)),
        needs_review=Count("id", filter=Q(deadline_needs_review=True)),
    )


def deadlines_needing_review(plan: Plan) -> QuerySet[Action]:
    return plan.actions.filter(deadline_needs_review=True).select_related("theme").order_by("order", "id")


def lead_choices(organisation: Organisation) -> QuerySet[User]:
    """Members who can lead an action: every member but viewers and HR."""
    return (
        User.objects.filter(memberships__organisation=organisation, memberships__role__in=["lead", "editor", "admin"])
        .order_by("display_name", "username")
        .distinct()
    )


# Keeping actions current ----------------------------------------------------------------------------

def chase_candidates(organisation: Organisation, *, lead: User | None = None,
                     today: date | None = None) -> QuerySet[Action]:
    """The actions an editor may chase: the stale actions of active plans, or every action of one lead
    (in active plans, not complete)."""
    queryset = Action.objects.filter(plan__organisation=organisation, plan__status="active")
    if lead is not None:
        queryset = queryset.filter(lead_user=lead).exclude(status=Status.COMPLETE)
    else:
        queryset = queryset.filter(stale_q(today or timezone.localdate()))
    return actions_for_listing(queryset, today).order_by("lead_user__display_name", "lead_user__username",
                                                         "plan__title", "order", "id")


def actions_chosen(organisation: Organisation, pks) -> QuerySet[Action]:
    """Actions of the organisation among `pks` (ids a form sent), with what a list row shows."""
    ids = [int(pk) for pk in pks if str(pk).isdigit()]
    return actions_for_listing(Action.objects.filter(plan__organisation=organisation, pk__in=ids)).order_by(
        "plan__title", "order", "id")


STRIP_QUARTERS = 4


@dataclass
class QuarterStatus:
    """An action's status at the end of a quarter (or today, for the current quarter)."""

    quarter: FinancialQuarter
    status: str | None  # None: the action was not in the plan yet
    so_far: bool  # the current quarter, not over yet

    @property
    def word(self) -> str:
        from .models import STATUS_SHORT

        return STATUS_SHORT[self.status] if self.status else "Not in the plan yet"

    @property
    def tag_class(self) -> str:
        from .models import STATUS_TAG_CLASS

        return STATUS_TAG_CLASS[self.status] if self.status else "govuk-tag--grey"


def strip_quarters(today: date | None = None) -> list[tuple[FinancialQuarter, datetime, bool]]:
    """The last four quarters, oldest first, ending with the current one: (quarter, the moment its status is
    read at, whether it is still running). A past quarter is read at its end; the current one now."""
    today = today or timezone.localdate()
    current = FinancialQuarter.containing(today)
    quarters = [current]
    while len(quarters) < STRIP_QUARTERS:
        quarters.insert(0, quarters[0].previous())
    now = timezone.now()
    return [(q, now if q == current else quarter_start_as_datetime(q.next().start), q == current) for q in quarters]


def _status_at(action: Action, history: list[tuple[datetime, str]], cutoff: datetime) -> str | None:
    """The status of the latest update before `cutoff` (history oldest first), not started before any,
    or None when the action entered the plan after it."""
    if action.created_at >= cutoff:
        return None
    status = Status.NOT_STARTED
    for at, update_status in history:
        if at >= cutoff:
            break
        status = update_status
    return status


def status_strip(action: Action, today: date | None = None) -> list[QuarterStatus]:
    """The action page's strip, from the updates the page already fetched (action_detail_queryset)."""
    history = sorted(((u.created_at, u.pk, u.status) for u in action.updates.all()))
    history = [(at, status) for at, _, status in history]
    return [QuarterStatus(q, _status_at(action, history, cutoff), so_far) for q, cutoff, so_far in strip_quarters(today)]


@dataclass
class QuarterCounts:
    quarter: FinancialQuarter
    so_far: bool
    counts: list[tuple[str, str, int]]  # status_counts(): (status, word, count) in BRAG order
    not_yet: int  # actions not in the plan yet at that time

    @property
    def total(self) -> int:
        return sum(count for _, _, count in self.counts)


def plan_status_by_quarter(plan: Plan, actions: list[Action], today: date | None = None) -> list[QuarterCounts]:
    """The plan's actions counted by status at the end of each of the last four quarters, in one query
    (the plan's updates); `actions` are the plan's actions the page already has."""
    quarters = strip_quarters(today)
    histories: dict[int, list[tuple[datetime, str]]] = {}
    for action_id, at, status in (ProgressUpdate.objects.filter(action__plan=plan, created_at__lt=quarters[-1][1])
                                  .order_by("action_id", "created_at", "id")
                                  .values_list("action_id", "created_at", "status")):
        histories.setdefault(action_id, []).append((at, status))
    result = []
    for quarter, cutoff, so_far in quarters:
        statuses = [_status_at(a, histories.get(a.pk, []), cutoff) for a in actions]
        result.append(QuarterCounts(quarter, so_far, status_counts(s for s in statuses if s is not None),
                                    sum(s is None for s in statuses)))
    return result


def lead_officer_choices(organisation: Organisation) -> list[str]:
    """The lead officers as written in the organisation's plans (Action.lead_officer), each once, in
    alphabetical order: what the action list's Lead filter offers besides members."""
    names = (
        Action.objects.filter(plan__organisation=organisation).exclude(lead_officer="")
        .values_list("lead_officer", flat=True).distinct()
    )
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(" ".join(name.split()).casefold(), " ".join(name.split()))
    return sorted(seen.values(), key=str.casefold)
