"""The one data-gathering layer: the picture of a plan (or an organisation) for a financial quarter.

`plan_picture` and `organisation_picture` return plain JSON-able dicts. The dashboard pages render
them, the PDF renders them, and a report stores one as its frozen snapshot, so what a board read
never changes afterwards.

Everything is evaluated AS AT the quarter's end (or today, for the quarter we are in) from the
append-only progress history: an action's status then is its latest update on or before that day,
so a report for a past quarter shows what was true then. Flags as at that day (design.md §4):
overdue = deadline before that day and not complete; stale = no update in the reported quarter and not
complete; inconsistent = green but overdue. Deadlines are not versioned, so they are today's.

The number of queries does not depend on the number of actions: one for the actions, one each for their
plans, themes and leads, one for their history up to the day, one for the themes or plans, and the metric
results.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core import signing
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


def _picture(*, organisation: Organisation, actions_qs, quarter: FinancialQuarter, today: date | None,
             groups: list[tuple[object, str]], group_of, plan: Plan | None, filters: dict) -> dict:
    as_at = as_at_day(quarter, today)
    start_dt, end_dt = day_start(quarter.start), day_start(as_at + timedelta(days=1))
    # 1. The actions, then their themes, leads and plans, each fetched once (not once per action, as a join
    # would: a dashboard of 500 actions made four times as many model instances, most of its cost).
    actions = list(actions_qs.order_by("plan__title", "order", "id"))
    plan_selectors.attach_related(actions, "plan", "theme", "lead_user")
    # 2. Their whole history up to the end of the reported day, oldest first.
    histories: dict[int, _History] = defaultdict(_History)
    rows = (
        ProgressUpdate.objects.filter(action__in=actions_qs.values("pk"), created_at__lt=end_dt)
        .order_by("action_id", "created_at", "id")
        .values_list("action_id", "created_at", "status", "commentary", "next_steps", "next_steps_timeframe",
                     "author__first_name", "author__last_name", "author__display_name", "author__username")
    )
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
            "plan": action.plan.title, "theme": str(action.theme) if action.theme else "",
            "lead": str(action.lead_user) if action.lead_user else action.lead_officer,
            "deadline": _iso(action.deadline_date), "deadline_text": action.deadline_text,
            "status": item["status"], "word": STATUS_SHORT[item["status"]],
            "last_update": _iso(latest["created_at"]) if latest else "", "flags": flags,
        }

    # Counts by status now and at the end of the previous quarter.
    now_counts = _counts([s["status"] for s in state])
    before_counts = _counts([histories[a.pk].status_before(start_dt) for a in existed_before])
    counts = [{"status": s.value, "word": STATUS_SHORT[s], "count": now_counts[s], "previous": before_counts[s],
               "change": now_counts[s] - before_counts[s], "change_text": _signed(now_counts[s] - before_counts[s])}
              for s in STATUS_ORDER]

    # RAG by theme (or by plan for the organisation).
    by_group: dict[object, list[str]] = defaultdict(list)
    for item in state:
        by_group[group_of(item["action"])].append(item["status"])
    group_rows = []
    for key, label in groups:
        tally = _counts(by_group.get(key, []))
        group_rows.append({"key": key, "label": label, "total": sum(tally.values()),
                           "counts": [{"status": s.value, "word": STATUS_SHORT[s], "count": tally[s]} for s in STATUS_ORDER]})
    if by_group.get(None):
        tally = _counts(by_group[None])
        group_rows.append({"key": None, "label": "No theme", "total": sum(tally.values()),
                           "counts": [{"status": s.value, "word": STATUS_SHORT[s], "count": tally[s]} for s in STATUS_ORDER]})

    exceptions = []
    for item in state:
        if item["status"] in EXCEPTION_STATUSES:
            latest = item["latest"] or {}
            exceptions.append(row(item, commentary=latest.get("commentary", ""), next_steps=latest.get("next_steps", ""),
                                  timeframe=latest.get("timeframe", ""), author=latest.get("author", "")))
    exceptions.sort(key=lambda r: (r["status"] != Status.RED, r["plan"], r["reference"]))

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
                    "reference": action.reference, "title": action.title, "plan": action.plan.title,
                    "on": _iso(update["created_at"]), "from": previous, "from_word": STATUS_SHORT[previous],
                    "to": update["status"], "to_word": STATUS_SHORT[update["status"]], "author": update["author"],
                })
            previous = update["status"]
    changes.sort(key=lambda c: (c["on"], c["plan"], c["reference"]))
    # The same changes counted: how many actions went from each status (at the start) to each (at the end).
    transitions: dict[tuple[str, str], int] = defaultdict(int)
    for item in state:
        before = item["before"]
        if before != item["status"]:
            transitions[(before, item["status"])] += 1
    change_counts = [{"from": f, "from_word": STATUS_SHORT[f], "to": t, "to_word": STATUS_SHORT[t], "count": n}
                     for (f, t), n in sorted(transitions.items(), key=lambda x: (STATUS_ORDER.index(x[0][0]),
                                                                                  STATUS_ORDER.index(x[0][1])))]

    upcoming = [row(item) for item in state
                if item["action"].deadline_date and next_quarter.start <= item["action"].deadline_date <= next_quarter.end
                and item["status"] != Status.COMPLETE]
    upcoming.sort(key=lambda r: (r["deadline"], r["reference"]))

    # SC-WRES metrics linked to the plan's actions and themes, with last year's value and the trend.
    linked = set()
    for item in state:
        linked.update(item["action"].metrics or [])
        if item["action"].theme:
            linked.update(item["action"].theme.metrics or [])
    year = metrics_year(quarter)
    metric_items = []
    if linked:
        # From the published documents cached until the figures change (not computed again after every save).
        documents = metric_selectors.published_by_year(organisation)
        metric_items = [m for m in metric_selectors.metric_summaries(organisation, year, documents) if m["key"] in linked]

    total = len(state)
    red_amber = [s for s in state if s["status"] in EXCEPTION_STATUSES]
    completeness_rows = [
        ("Actions with a named lead", sum(bool(s["action"].lead_user_id or s["action"].lead_officer) for s in state), total),
        ("Actions with a deadline that can be read (a date, ongoing, recurring or complete)",
         sum(not s["action"].deadline_needs_review and bool(s["action"].deadline_date or s["action"].deadline_ongoing
             or s["action"].deadline_recurring or s["action"].deadline_complete) for s in state), total),
        ("Actions updated in the quarter", sum(bool(s["in_quarter"]) for s in state), total),
        ("Red and amber actions with next steps", sum(bool((s["latest"] or {}).get("next_steps")) for s in red_amber),
         len(red_amber)),
    ]
    completeness = [{"label": label, "count": part, "total": whole, "pct": _pct(part, whole)}
                    for label, part, whole in completeness_rows]

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
        "total": total,
        "previous_total": len(existed_before),
        "counts": counts,
        "groups_title": "Theme" if plan else "Plan",
        "groups": group_rows,
        "exceptions": exceptions,
        "completed": completed,
        "overdue": [row(s) for s in state if s["overdue"]],
        "stale": [row(s) for s in state if s["stale"]],
        "inconsistent": [row(s) for s in state if s["inconsistent"]],
        "upcoming": upcoming,
        "changes": changes,
        "change_counts": change_counts,
        "metrics": {"year": year, "linked": [k for k in Metric.values if k in linked], "items": metric_items},
        "completeness": completeness,
        "appendix": [row(s, was=STATUS_SHORT[s["before"]]) for s in state],
    }


def plan_picture(plan: Plan, quarter: FinancialQuarter, *, today: date | None = None,
                 theme: Theme | None = None, lead=None) -> dict:
    """The picture of one plan for a quarter, optionally only one theme's or one lead's actions."""
    actions_qs = Action.objects.filter(plan=plan)
    if theme is not None:
        actions_qs = actions_qs.filter(theme=theme)
    if lead is not None:
        actions_qs = actions_qs.filter(lead_user=lead)
    themes = [(t.pk, str(t)) for t in plan.themes.all()]
    if theme is not None:
        themes = [(k, label) for k, label in themes if k == theme.pk]
    return _picture(
        organisation=plan.organisation, actions_qs=actions_qs, quarter=quarter, today=today, groups=themes,
        group_of=lambda a: a.theme_id, plan=plan,
        filters={"theme": str(theme) if theme else "", "lead": str(lead) if lead else ""},
    )


def organisation_picture(organisation: Organisation, quarter: FinancialQuarter, *, today: date | None = None,
                         theme: Theme | None = None, lead=None) -> dict:
    """The picture of every active plan of the organisation, grouped by plan."""
    plans = Plan.objects.filter(organisation=organisation, status=PlanStatus.ACTIVE)
    actions_qs = Action.objects.filter(plan__in=plans)
    if theme is not None:
        actions_qs = actions_qs.filter(theme=theme)
    if lead is not None:
        actions_qs = actions_qs.filter(lead_user=lead)
    groups = [(p.pk, p.title) for p in plans.order_by("title")]
    return _picture(
        organisation=organisation, actions_qs=actions_qs, quarter=quarter, today=today, groups=groups,
        group_of=lambda a: a.plan_id, plan=None,
        filters={"theme": str(theme) if theme else "", "lead": str(lead) if lead else ""},
    )


def dashboard_picture(organisation: Organisation, quarter: FinancialQuarter, *, plan: Plan | None = None,
                      theme: Theme | None = None, lead=None) -> dict:
    """The picture a dashboard shows: the plan's (or every active plan's), the same for every member, so
    cached until a service changes the organisation's content (edi_tracker.caching)."""
    def compute():
        if plan is not None:
            return plan_picture(plan, quarter, theme=theme, lead=lead)
        return organisation_picture(organisation, quarter, theme=theme, lead=lead)

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
