"""The one data-gathering layer: the picture of a plan (or an organisation) for a financial quarter.

`plan_picture` and `organisation_picture` return plain JSON-able dicts. The dashboard pages render
them, the PDF renders them, and a report stores one as its frozen snapshot, so what a board read
never changes afterwards.

Everything is evaluated AS AT the quarter's end (or today, for the quarter we are in) from the
append-only progress history: an action's status then is its latest update on or before that day,
so a report for a past quarter shows what was true then. Flags as at that day (design.md §4):
overdue = deadline before that day and not complete; stale = no update in the reported quarter and not
complete; inconsistent = green but overdue. Deadlines are not versioned, so they are today's.

The number of queries does not depend on the number of actions: for each plan, one for its actions, one
each for their themes and leads, two for their history up to the day (each action's latest update before
the quarter, and its updates in it); one for the themes or plans, and the metric results. The dashboards
assemble the organisation's picture from its plans' parts, each cached by its plan's content_version
(`dashboard_picture`), so that a save computes again only its own plan's part.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from edi_tracker import caching
from edi_tracker import status as status_presentation
from edi_tracker.models import Organisation
from edi_tracker.quarters import FinancialQuarter
from metrics import selectors as metric_selectors
from plans import selectors as plan_selectors
from plans.models import STATUS_SHORT, Action, Metric, Plan, PlanStatus, ProgressUpdate, Status, Theme

from .models import Report, ReportRecipient, ReportStatus

# The order of the one table of status presentation (edi_tracker.status): what needs attention first.
STATUS_ORDER = [Status(value) for value in status_presentation.STATUS_ORDER]
EXCEPTION_STATUSES = (Status.RED, Status.AMBER)


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def as_at_day(quarter: FinancialQuarter, today: date | None = None) -> date:
    """The day a quarter is reported as at: its last day, or today while it is still running."""
    today = today or timezone.localdate()
    return min(quarter.end, today)


def metrics_year(quarter: FinancialQuarter) -> int:
    """The SC-WRES reporting year for a quarter: the latest 31 March snapshot on or before its end."""
    end = quarter.end
    return end.year if end >= date(end.year, 3, 31) else end.year - 1


def user_label(first: str, last: str, display: str, username: str) -> str:
    """The same words as edi_tracker.models.User.__str__, from values (no model instance needed)."""
    return display or f"{first} {last}".strip() or username


@dataclass
class _History:
    """One action's updates up to the reported day, oldest first, and what follows from them."""

    updates: list[dict] = field(default_factory=list)

    def status_before(self, moment: datetime) -> str:
        status = Status.NOT_STARTED
        for update in self.updates:
            if update["created_at"] >= moment:
                break
            status = update["status"]
        return status

    def latest_before(self, moment: datetime) -> dict | None:
        latest = None
        for update in self.updates:
            if update["created_at"] >= moment:
                break
            latest = update
        return latest


def _iso(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).date().isoformat()
    return value.isoformat()


def _counts(statuses: list[str]) -> dict[str, int]:
    tally = {s: 0 for s in STATUS_ORDER}
    for status in statuses:
        tally[status] += 1
    return tally


def _quarter_dict(quarter: FinancialQuarter) -> dict:
    return {"label": quarter.label, "slug": quarter.slug, "year": quarter.year, "number": quarter.number,
            "start": quarter.start.isoformat(), "end": quarter.end.isoformat()}


def _signed(number: int) -> str:
    return "no change" if number == 0 else (f"+{number}" if number > 0 else f"\u2212{-number}")


def _pct(part: int, whole: int) -> float | None:
    return round(part * 100 / whole, 1) if whole else None


def _plan_part(plan: Plan, actions_qs, quarter: FinancialQuarter, as_at: date) -> dict:
    """One plan's share of a picture (its actions in `actions_qs`, a theme's or a lead's when filtered): what
    a picture of the plan, or of the organisation, is assembled from (`_assemble`). Plain data, so that it
    can be cached by the plan's content_version (`_cached_part`): after a save, a dashboard of the
    organisation computes again only the plan that changed."""
    start_dt, end_dt = day_start(quarter.start), day_start(as_at + timedelta(days=1))
    # 1. The actions, then their themes and leads, each fetched once (not once per action, as a join
    # would: a dashboard of 500 actions made four times as many model instances, most of its cost).
    actions = list(actions_qs.order_by("order", "id"))
    plan_selectors.attach_related(actions, "theme", "lead_user")
    # 2. Their history up to the end of the reported day, oldest first: of what came before the quarter, only
    # each action's latest update (all the picture reads of it), where the database can pick it (DISTINCT ON).
    histories: dict[int, _History] = defaultdict(_History)
    fields = ("action_id", "created_at", "status", "commentary", "next_steps", "next_steps_timeframe",
              "author__first_name", "author__last_name", "author__display_name", "author__username")
    updates = ProgressUpdate.objects.filter(action__in=actions_qs.values("pk"), created_at__lt=end_dt)
    if connection.features.can_distinct_on_fields:
        earlier = (updates.filter(created_at__lt=start_dt).order_by("action_id", "-created_at", "-id")
                   .distinct("action_id").values_list(*fields))
        during = updates.filter(created_at__gte=start_dt).order_by("action_id", "created_at", "id").values_list(*fields)
        rows = [*earlier, *during]  # each action's earlier update comes before its updates in the quarter
    else:
        rows = updates.order_by("action_id", "created_at", "id").values_list(*fields)
    for action_id, created_at, status, commentary, next_steps, timeframe, first, last, display, username in rows:
        histories[action_id].updates.append({
            "created_at": created_at, "status": status, "commentary": commentary, "next_steps": next_steps,
            "timeframe": timeframe, "author": user_label(first or "", last or "", display or "", username or "")
            if username else "",
        })

    # An action counts from when it existed: created by then, or with history by then.
    included = [a for a in actions if a.created_at < end_dt or histories[a.pk].updates]
    existed_before = [a for a in included if a.created_at < start_dt or histories[a.pk].latest_before(start_dt)]

    next_quarter = quarter.next()
    state = []
    for action in included:
        history = histories[action.pk]
        status = history.status_before(end_dt)
        latest = history.latest_before(end_dt)
        in_quarter = [u for u in history.updates if u["created_at"] >= start_dt]
        overdue = bool(action.deadline_date and action.deadline_date < as_at and status != Status.COMPLETE)
        state.append({
            "action": action, "status": status, "latest": latest, "in_quarter": in_quarter,
            "overdue": overdue, "stale": not in_quarter and status != Status.COMPLETE,
            "inconsistent": status == Status.GREEN and overdue, "history": history,
            "before": history.status_before(start_dt),  # read several times below: worked out once
        })

    def row(item: dict, **extra) -> dict:
        """The action's row (the same for every list it is in, so built once), with `extra`."""
        if "row" not in item:
            item["row"] = base_row(item)
        return {**item["row"], "flags": list(item["row"]["flags"]), **extra}

    def base_row(item: dict) -> dict:
        action, latest = item["action"], item["latest"]
        flags = [word for word, on in (("Overdue", item["overdue"]), ("Stale", item["stale"]),
                                       ("Inconsistent", item["inconsistent"])) if on]
        return {
            "id": action.pk, "reference": action.reference, "title": action.title,
            "plan": plan.title, "theme": str(action.theme) if action.theme else "",
            "lead": str(action.lead_user) if action.lead_user else action.lead_officer,
            "deadline": _iso(action.deadline_date), "deadline_text": action.deadline_text,
            "status": item["status"], "word": STATUS_SHORT[item["status"]],
            "last_update": _iso(latest["created_at"]) if latest else "", "flags": flags,
        }

    by_theme: dict[int | None, list[str]] = defaultdict(list)
    for item in state:
        by_theme[item["action"].theme_id].append(item["status"])

    exceptions = []
    for item in state:
        if item["status"] in EXCEPTION_STATUSES:
            latest = item["latest"] or {}
            exceptions.append(row(item, commentary=latest.get("commentary", ""), next_steps=latest.get("next_steps", ""),
                                  timeframe=latest.get("timeframe", ""), author=latest.get("author", "")))

    completed = []
    for item in state:
        done = [u for u in item["in_quarter"] if u["status"] == Status.COMPLETE]
        if item["status"] == Status.COMPLETE and done:
            completed.append(row(item, completed_on=_iso(done[-1]["created_at"])))

    changes = []
    for item in state:
        previous = item["before"]
        for update in item["history"].updates:
            if update["created_at"] < start_dt:
                continue
            if update["status"] != previous:
                action = item["action"]
                changes.append({
                    "reference": action.reference, "title": action.title, "plan": plan.title,
                    "on": _iso(update["created_at"]), "from": previous, "from_word": STATUS_SHORT[previous],
                    "to": update["status"], "to_word": STATUS_SHORT[update["status"]], "author": update["author"],
                })
            previous = update["status"]
    # How many actions went from each status (at the start) to each (at the end).
    transitions: dict[tuple[str, str], int] = defaultdict(int)
    for item in state:
        before = item["before"]
        if before != item["status"]:
            transitions[(str(before), str(item["status"]))] += 1

    upcoming = [row(item) for item in state
                if item["action"].deadline_date and next_quarter.start <= item["action"].deadline_date <= next_quarter.end
                and item["status"] != Status.COMPLETE]

    linked = set()
    for item in state:
        linked.update(item["action"].metrics or [])
        if item["action"].theme:
            linked.update(item["action"].theme.metrics or [])

    red_amber = [s for s in state if s["status"] in EXCEPTION_STATUSES]
    total = len(state)
    completeness = [
        (sum(bool(s["action"].lead_user_id or s["action"].lead_officer) for s in state), total),
        (sum(not s["action"].deadline_needs_review and bool(s["action"].deadline_date or s["action"].deadline_ongoing
             or s["action"].deadline_recurring or s["action"].deadline_complete) for s in state), total),
        (sum(bool(s["in_quarter"]) for s in state), total),
        (sum(bool((s["latest"] or {}).get("next_steps")) for s in red_amber), len(red_amber)),
    ]
    return {
        "total": total,
        "previous_total": len(existed_before),
        "now": _counts([s["status"] for s in state]),
        "before": _counts([histories[a.pk].status_before(start_dt) for a in existed_before]),
        "by_theme": {key: _counts(statuses) for key, statuses in by_theme.items()},
        "exceptions": exceptions,
        "completed": completed,
        "overdue": [row(s) for s in state if s["overdue"]],
        "stale": [row(s) for s in state if s["stale"]],
        "inconsistent": [row(s) for s in state if s["inconsistent"]],
        "upcoming": upcoming,
        "changes": changes,
        "transitions": dict(transitions),
        "linked": sorted(linked),
        "completeness": completeness,
        "appendix": [row(s, was=STATUS_SHORT[s["before"]]) for s in state],
    }


COMPLETENESS_LABELS = (
    "Actions with a named lead",
    "Actions with a deadline that can be read (a date, ongoing, recurring or complete)",
    "Actions updated in the quarter",
    "Red and amber actions with next steps",
)


def _group_row(key, label: str, tally: dict) -> dict:
    return {"key": key, "label": label, "total": sum(tally.values()),
            "counts": [{"status": s.value, "word": STATUS_SHORT[s], "count": tally[s]} for s in STATUS_ORDER]}


def _assemble(parts: list[dict], *, organisation: Organisation, quarter: FinancialQuarter, as_at: date,
              groups: list[dict], plan: Plan | None, filters: dict) -> dict:
    """The picture made of its plans' parts (in the order of the actions shown: the plans by title)."""
    def every(name: str) -> list:
        return [item for part in parts for item in part[name]]

    def tally(name: str) -> dict:
        out = {s: 0 for s in STATUS_ORDER}
        for part in parts:
            for status, count in part[name].items():
                out[status] += count
        return out

    now_counts, before_counts = tally("now"), tally("before")
    counts = [{"status": s.value, "word": STATUS_SHORT[s], "count": now_counts[s], "previous": before_counts[s],
               "change": now_counts[s] - before_counts[s], "change_text": _signed(now_counts[s] - before_counts[s])}
              for s in STATUS_ORDER]

    # Sorted after the parts are put together; a stable sort keeps the plans' order among equals.
    exceptions = every("exceptions")
    exceptions.sort(key=lambda r: (r["status"] != Status.RED, r["plan"], r["reference"]))
    changes = every("changes")
    changes.sort(key=lambda c: (c["on"], c["plan"], c["reference"]))
    upcoming = every("upcoming")
    upcoming.sort(key=lambda r: (r["deadline"], r["reference"]))
    transitions: dict[tuple[str, str], int] = defaultdict(int)
    for part in parts:
        for pair, number in part["transitions"].items():
            transitions[pair] += number
    change_counts = [{"from": f, "from_word": STATUS_SHORT[f], "to": t, "to_word": STATUS_SHORT[t], "count": n}
                     for (f, t), n in sorted(transitions.items(), key=lambda x: (STATUS_ORDER.index(x[0][0]),
                                                                                  STATUS_ORDER.index(x[0][1])))]

    # SC-WRES metrics linked to the plan's actions and themes, with last year's value and the trend.
    linked = {key for part in parts for key in part["linked"]}
    year = metrics_year(quarter)
    metric_items = []
    if linked:
        # From the published documents cached until the figures change (not computed again after every save).
        documents = metric_selectors.published_by_year(organisation)
        metric_items = [m for m in metric_selectors.metric_summaries(organisation, year, documents) if m["key"] in linked]

    completeness = []
    for i, label in enumerate(COMPLETENESS_LABELS):
        part_count = sum(part["completeness"][i][0] for part in parts)
        whole = sum(part["completeness"][i][1] for part in parts)
        completeness.append({"label": label, "count": part_count, "total": whole, "pct": _pct(part_count, whole)})

    next_quarter = quarter.next()
    return {
        "scope": "plan" if plan else "organisation",
        "organisation": {"name": organisation.name, "slug": organisation.slug},
        "plan": {"id": plan.pk, "title": plan.title, "framework": plan.get_framework_display(),
                 "sponsor": plan.sponsor} if plan else None,
        "quarter": _quarter_dict(quarter),
        "previous_quarter": _quarter_dict(quarter.previous()),
        "next_quarter": _quarter_dict(next_quarter),
        "as_at": as_at.isoformat(),
        "quarter_complete": as_at == quarter.end,
        "filters": filters,
        "total": sum(part["total"] for part in parts),
        "previous_total": sum(part["previous_total"] for part in parts),
        "counts": counts,
        "groups_title": "Theme" if plan else "Plan",
        "groups": groups,
        "exceptions": exceptions,
        "completed": every("completed"),
        "overdue": every("overdue"),
        "stale": every("stale"),
        "inconsistent": every("inconsistent"),
        "upcoming": upcoming,
        "changes": changes,
        "change_counts": change_counts,
        "metrics": {"year": year, "linked": [k for k in Metric.values if k in linked], "items": metric_items},
        "completeness": completeness,
        "appendix": every("appendix"),
    }


def _part(organisation: Organisation, plan: Plan, quarter: FinancialQuarter, as_at: date, theme: Theme | None, lead, cached: bool) -> dict:
    """The plan's part (`_plan_part`), filtered by theme or lead; with `cached`, from the shared cache, keyed
    by the plan's content_version (and today: `cached` only for pictures as at today)."""
    def compute():
        actions_qs = Action.objects.filter(plan=plan)
        if theme is not None:
            actions_qs = actions_qs.filter(theme=theme)
        if lead is not None:
            actions_qs = actions_qs.filter(lead_user=lead)
        return _plan_part(plan, actions_qs, quarter, as_at)

    if not cached:
        return compute()
    return caching.shared(organisation, "dashboard-part", plan.pk, quarter.slug, as_at.isoformat(),
                          theme.pk if theme else "", lead.pk if lead else "", compute=compute, plan=plan)


def plan_picture(plan: Plan, quarter: FinancialQuarter, *, today: date | None = None,
                 theme: Theme | None = None, lead=None, cached: bool = False) -> dict:
    """The picture of one plan for a quarter, optionally only one theme's or one lead's actions. With
    `cached` (the dashboards: as at today), the plan's part comes from the shared cache when it is there."""
    as_at = as_at_day(quarter, today)
    organisation = plan.organisation
    part = _part(organisation, plan, quarter, as_at, theme, lead, cached and today is None)
    themes = [(t.pk, str(t)) for t in plan.themes.all()]
    if theme is not None:
        themes = [(k, label) for k, label in themes if k == theme.pk]
    empty = {s: 0 for s in STATUS_ORDER}
    groups = [_group_row(key, label, part["by_theme"].get(key, empty)) for key, label in themes]
    if sum(part["by_theme"].get(None, empty).values()):
        groups.append(_group_row(None, "No theme", part["by_theme"][None]))
    return _assemble([part], organisation=organisation, quarter=quarter, as_at=as_at, groups=groups, plan=plan,
                     filters={"theme": str(theme) if theme else "", "lead": str(lead) if lead else ""})


def organisation_picture(organisation: Organisation, quarter: FinancialQuarter, *, today: date | None = None,
                         theme: Theme | None = None, lead=None, cached: bool = False) -> dict:
    """The picture of every active plan of the organisation, grouped by plan: assembled from each plan's
    part (with `cached`, as at today, each from the shared cache by that plan's content_version)."""
    as_at = as_at_day(quarter, today)
    plans = list(Plan.objects.filter(organisation=organisation, status=PlanStatus.ACTIVE).order_by("title", "pk"))
    for plan in plans:
        plan.organisation = organisation  # one instance: its versions are the ones the keys follow
    if theme is not None:
        plans_shown = [p for p in plans if p.pk == theme.plan_id]  # the others have none of its actions
    else:
        plans_shown = plans
    parts = {p.pk: _part(organisation, p, quarter, as_at, theme, lead, cached and today is None) for p in plans_shown}
    empty = {s: 0 for s in STATUS_ORDER}
    groups = [_group_row(p.pk, p.title, parts[p.pk]["now"] if p.pk in parts else empty) for p in plans]
    return _assemble(list(parts.values()), organisation=organisation, quarter=quarter, as_at=as_at, groups=groups,
                     plan=None, filters={"theme": str(theme) if theme else "", "lead": str(lead) if lead else ""})


def dashboard_picture(organisation: Organisation, quarter: FinancialQuarter, *, plan: Plan | None = None,
                      theme: Theme | None = None, lead=None) -> dict:
    """The picture a dashboard shows: the plan's (or every active plan's), the same for every member, so
    cached until a service changes the organisation's content (edi_tracker.caching). The organisation's is
    assembled from its plans' parts, each cached by its plan's content_version, so that after a save only
    the saved plan's part is computed again (and the plan dashboard shares that part)."""
    def compute():
        if plan is not None:
            return plan_picture(plan, quarter, theme=theme, lead=lead, cached=True)
        return organisation_picture(organisation, quarter, theme=theme, lead=lead, cached=True)

    # A plan's picture is drawn from that plan and the figures only: a save in another plan leaves it cached.
    return caching.shared(organisation, *_dashboard_key(quarter, plan, theme, lead), compute=compute,
                          plan=plan, figures=plan is not None)


def dashboard_chart(organisation: Organisation, quarter: FinancialQuarter, name: str, *, plan: Plan | None = None,
                    theme: Theme | None = None, lead=None) -> str:
    """A dashboard chart's SVG (edi_tracker.charts.DASHBOARD_CHARTS[name]), cached by the figures it is drawn from."""
    return picture_chart(dashboard_picture(organisation, quarter, plan=plan, theme=theme, lead=lead), name)


def picture_chart(picture: dict, name: str) -> str:
    """A chart of a picture (edi_tracker.charts.DASHBOARD_CHARTS[name]), cached by the figures it is drawn
    from: the dashboard and the PDF of the same figures share one drawing (a worker or command with the
    shared cache does not import matplotlib for a chart a page has drawn)."""
    from edi_tracker import charts

    drawn_from = {key: picture[key] for key in ("counts", "groups", "groups_title", "as_at")}  # what the charts read
    return caching.by_content(f"dashboard-chart:{name}", drawn_from,
                              compute=lambda: charts.DASHBOARD_CHARTS[name](drawn_from))


def _dashboard_key(quarter, plan, theme, lead) -> tuple:
    return ("dashboard", plan.pk if plan else "all", quarter.slug, theme.pk if theme else "", lead.pk if lead else "")


def filter_choices(organisation: Organisation, plan: Plan | None = None) -> dict:
    """Themes and leads to filter a dashboard by (two querysets, one query each when shown)."""
    from edi_tracker.models import User

    themes = Theme.objects.filter(plan=plan) if plan else Theme.objects.filter(
        plan__organisation=organisation, plan__status=PlanStatus.ACTIVE).select_related("plan")
    action_filter = Q(led_actions__plan=plan) if plan else Q(led_actions__plan__organisation=organisation)
    leads = User.objects.filter(action_filter).distinct().order_by("display_name", "username")
    return {"themes": themes, "leads": leads}


def recent_quarters(today: date | None = None, count: int = 8, since: date | None = None) -> list[FinancialQuarter]:
    """The quarter we are in and the ones before it, newest first, back to `since` (at least `count`)."""
    quarter = FinancialQuarter.containing(today or timezone.localdate())
    first = FinancialQuarter.containing(since) if since else None
    out = []
    while len(out) < count or (first is not None and quarter >= first and len(out) < 60):
        out.append(quarter)
        quarter = quarter.previous()
    return out


def earliest_activity(organisation: Organisation) -> date | None:
    """The day of the organisation's first progress update (one query), for the quarter picker."""
    from django.db.models import Min

    first = ProgressUpdate.objects.filter(action__plan__organisation=organisation).aggregate(first=Min("created_at"))
    return timezone.localtime(first["first"]).date() if first["first"] else None


# The salt of the signed links emailed for reports too large to attach (reports.services.report_link_token).
LINK_SALT = "reports.emailed-link"


class LinkExpired(Exception):
    """The link was genuine but is older than REPORT_LINK_MAX_AGE_DAYS."""


def report_for_link(token: str) -> Report | None:
    """The done report a signed emailed link points to, or None when the token is not genuine, the report
    has no PDF, or the recipient it was sent to has since been paused or removed. Raises LinkExpired."""
    signer = signing.TimestampSigner(salt=LINK_SALT)
    try:
        value = signer.unsign(token, max_age=timedelta(days=settings.REPORT_LINK_MAX_AGE_DAYS))
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature:
        return None
    report_pk, recipient_pk = (int(part) for part in value.split("."))
    report = Report.objects.filter(pk=report_pk, status=ReportStatus.DONE).exclude(pdf="").first()
    if report is None or not ReportRecipient.objects.filter(pk=recipient_pk, organisation_id=report.organisation_id,
                                                            active=True).exists():
        return None
    return report
