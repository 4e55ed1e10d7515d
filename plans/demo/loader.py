"""Load the demo: the four plans of the seeds with a believable history over the last four quarters.

Deterministic (a seeded random generator and dates relative to `today`) and idempotent: a plan that
already exists by title in the demo organisation is left as it is, and users and memberships are
reused. Everything is written through the services the app uses (plan_create, theme_create,
action_create, progress_update_record, measure_set_met).
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from edi_tracker.demo import (
    DEMO_ORGANISATION,
    DEMO_PASSWORD,
    DEMO_USERS,
    SECOND_ORGANISATION,
    SECOND_ORGANISATION_ADMIN,
)
from edi_tracker.models import Membership, Organisation, User
from edi_tracker.quarters import FinancialQuarter
from edi_tracker.services import membership_set, organisation_create
from edi_tracker.validators import fold_lines

from .. import services
from ..models import Action, Framework, Plan, PlanStatus, Status
from . import eflg, scwres_borough, scwres_trust, strategy

RAG = {"R": Status.RED, "A": Status.AMBER, "G": Status.GREEN}

# The demo lead's actions (about eight, across the plans): what "My actions" shows them.
LEAD_ACTIONS = {
    strategy.TITLE: {"CP1", "HW 3", "THR3"},
    eflg.TITLE: {"4.2", "2.21"},
    scwres_trust.TITLE: {"M2.2", "M6.2"},
    scwres_borough.TITLE: {"W1.3"},
}
# The strategy's resource implications that name a sum.
STRATEGY_COSTS = {"RH 1": Decimal("5000"), "RH 4": Decimal("6000"), "RR1": Decimal("4000")}

COMMENTARY = {
    Status.GREEN: [
        "On track: the working group met this month and the milestones agreed at the EDI board are being met.",
        "Progress as planned. Sessions are booked and attendance so far is good across all service areas.",
        "On track. The draft has been shared with the staff networks for comment before sign-off.",
        "Delivery is under way and the first evaluation returns are positive.",
        "On track: the first quarter's figures were reported to the workforce board, with no concerns raised.",
        "Good progress. The staff network chairs have agreed to co-deliver the next round of sessions.",
    ],
    Status.AMBER: [
        "At risk: staff capacity in the team has been stretched by vacancies, so the timetable has slipped by a month.",
        "At risk while we wait for the HR system report; we cannot evidence the measure until the data is available.",
        "Some delay: the provider has changed and the remaining sessions need rebooking.",
        "Partly delivered. Take-up in two localities is lower than planned and we are looking at why.",
        "At risk: the restructure has moved the officers leading this, and handover is still being agreed.",
    ],
    Status.RED: [
        "Off track: the funding assumed for this action was not confirmed in the budget round.",
        "Off track. The lead post has been vacant since the summer and no work has started on the next phase.",
        "Off track: the survey needed to measure this has been postponed to next year.",
        "Off track: the pilot was paused after the trade union consultation raised concerns we must resolve first.",
    ],
    Status.COMPLETE: [
        "Complete. Evidence of delivery is held by the lead officer and was reported to the EDI board.",
        "Completed and signed off at the EDI board; learning from it has been shared with the staff networks.",
        "Complete: the success measures were reviewed and met.",
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


def _moment(day: date, rng: random.Random) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9 + rng.randrange(8), rng.randrange(60))))


def _history_days(today: date, rng: random.Random, count: int, *, up_to_now: bool) -> list[date]:
    """`count` dates spread over the four quarters before today's and today's own, in order; the last
    one in the current quarter when `up_to_now`, otherwise before it (so the action is stale)."""
    current = FinancialQuarter.containing(today)
    first = current.previous().previous().previous().previous().start
    last = today - timedelta(days=1) if up_to_now else current.start - timedelta(days=7)
    span = max((last - first).days, count)
    days = sorted(first + timedelta(days=rng.randrange(span)) for _ in range(count - 1))
    if up_to_now:
        days.append(max(current.start, today - timedelta(days=1 + rng.randrange(max((today - current.start).days, 1)))))
    else:
        days.append(last - timedelta(days=rng.randrange(20)))
    return sorted(days)


def _story(final: str, length: int) -> list[str]:
    """A plausible sequence of statuses ending in `final`."""
    path = {
        Status.COMPLETE: [Status.GREEN, Status.AMBER, Status.GREEN, Status.COMPLETE],
        Status.GREEN: [Status.AMBER, Status.GREEN, Status.GREEN],
        Status.AMBER: [Status.GREEN, Status.AMBER, Status.AMBER],
        Status.RED: [Status.AMBER, Status.AMBER, Status.RED],
    }[final]
    return path[-length:] if length <= len(path) else [Status.GREEN] * (length - len(path)) + path


def _final_status(rng: random.Random, deadline: date | None, today: date) -> tuple[str, bool]:
    """The status an action has now, and whether it has gone without an update this quarter."""
    roll = rng.random()
    if deadline is not None and deadline < today:
        # Most past-deadline actions are done; some are not, and a few still say green (inconsistent).
        final = (Status.COMPLETE if roll < 0.62 else Status.AMBER if roll < 0.78 else Status.RED if roll < 0.86
                 else Status.GREEN if roll < 0.94 else Status.NOT_STARTED)
    else:
        final = (Status.GREEN if roll < 0.5 else Status.AMBER if roll < 0.7 else Status.COMPLETE if roll < 0.8
                 else Status.RED if roll < 0.87 else Status.NOT_STARTED)
    return final, final not in (Status.COMPLETE, Status.NOT_STARTED) and rng.random() < 0.18


class _History:
    """Writes each new action's history: 2–5 updates in date order, red and amber always explained."""

    def __init__(self, *, organisation: Organisation, today: date, rng: random.Random, users: dict[str, User]):
        self.today, self.rng = today, rng
        self.editor, self.lead = users["demo-editor"], users["demo-lead"]
        self.authors = [users["demo-editor"], users["demo-admin"]]
        # The plans were written before the history begins: their actions entered them then.
        first = FinancialQuarter.containing(today).previous().previous().previous().previous().start
        self.added = timezone.make_aware(datetime.combine(first - timedelta(days=21), time(9, 30)))

    def assign_lead(self, action: Action, plan_title: str) -> None:
        if action.reference in LEAD_ACTIONS.get(plan_title, ()):
            services.action_update(action=action, actor=self.editor, lead_user=self.lead)
            action.refresh_from_db()

    def record(self, action: Action, *, final: str | None = None, stale: bool | None = None,
               first: str | None = None) -> None:
        """The action's updates; `final` and `stale` are drawn from its deadline unless given, and
        `first` (a plan's RAG column) opens the history."""
        rng = self.rng
        drawn_final, drawn_stale = _final_status(rng, action.deadline_date, self.today)
        final = final or drawn_final
        stale = drawn_stale if stale is None else stale
        if final == Status.NOT_STARTED:
            if first is None:
                return
            final = first  # the plan's RAG stands; nothing has changed since
        statuses = _story(final, rng.randint(2, 5))
        if first:
            statuses[0] = first
        authors = [self.lead] if action.lead_user_id else self.authors
        days = _history_days(self.today, rng, len(statuses), up_to_now=not stale)
        for day, status in zip(days, statuses):
            steps, timeframe = rng.choice(NEXT_STEPS)
            services.progress_update_record(
                action=action, author=rng.choice(authors), status=status,
                commentary=rng.choice(COMMENTARY[status]),
                next_steps="" if status == Status.COMPLETE else steps,
                next_steps_timeframe="" if status == Status.COMPLETE else timeframe, at=_moment(day, rng),
            )
        measures = list(action.measures.all())
        if final == Status.COMPLETE:
            met = measures
        elif final == Status.GREEN and len(measures) > 1:
            met = measures[:1]  # on track: the first measure is already met
        else:
            met = []
        for measure in met:  # met when the latest update was made
            services.measure_set_met(measure=measure, met=True, actor=self.editor, on=days[-1])


def _users(organisation: Organisation, entries) -> dict[str, User]:
    users = {}
    for username, title, role in entries:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, password=DEMO_PASSWORD, display_name=title,
                                            email=f"{username}@example.org")
        if not Membership.objects.filter(user=user, organisation=organisation).exists():
            membership_set(organisation=organisation, user=user, role=role, actor=None)
        users[username] = user
    return users


def _organisation(slug: str, name: str) -> Organisation:
    return Organisation.objects.filter(slug=slug).first() or organisation_create(slug=slug, name=name)


def _load_strategy(organisation: Organisation, history: _History) -> None:
    editor = history.editor
    plan = services.plan_create(
        organisation=organisation, actor=editor, title=strategy.TITLE, framework=Framework.LOCAL,
        status=PlanStatus.ACTIVE, sponsor=strategy.SPONSOR, period_start=date(2022, 4, 1), period_end=date(2025, 3, 31),
        approved_by="Children's Services Management Team", approved_on=date(2022, 4, 28),
        description="Six objectives from the Race and Diversity Report themes, agreed with staff in coproduction "
                    "sessions. Reviewed quarterly by the EDI board; highlight reports go to CSMT monthly.",
    )
    for order, (code, title, sponsor, objective, tags, actions) in enumerate(strategy.THEMES, start=1):
        theme = services.theme_create(plan=plan, actor=editor, code=code, title=title, sponsor=sponsor,
                                      objective=objective, order=order)
        for ref, text, officer, deps, resources, measures, deadline in actions:
            action = services.action_create(
                plan=plan, actor=editor, at=history.added, theme=theme, reference=ref, title=text, lead_officer=officer,
                dependencies=deps, resources=resources, resource_cost=STRATEGY_COSTS.get(ref), measures=measures,
                deadline_text=deadline, tags=tags,
            )
            history.assign_lead(action, plan.title)
            history.record(action)


def _load_eflg(organisation: Organisation, history: _History) -> None:
    editor = history.editor
    plan = services.plan_create(
        organisation=organisation, actor=editor, title=eflg.TITLE, framework=Framework.EFLG, status=PlanStatus.ACTIVE,
        sponsor="Chief Executive", period_start=date(2022, 9, 1), period_end=date(2023, 12, 31),
        approved_by="Corporate Equality, Diversity and Inclusion Steering Group (CEDIS)", approved_on=date(2021, 11, 24),
        description="The council measures its equality progress against the Equality Framework for Local Government. "
                    "Four sections, one for each equality objective. The plan incorporates specific race equality "
                    "issues and actions, and the actions set out in our Gender Pay Gap report; both are tagged.",
    )
    for section in eflg.SECTIONS:
        theme = services.theme_create(plan=plan, actor=editor, code=str(section["number"]), title=section["title"],
                                      objective=section["aspirations"], sponsor=section["lead"], order=section["number"])
        for n, row in enumerate(section["rows"], start=1):
            # The evidence the council already has is kept in the action's dependencies, labelled.
            action = services.action_create(
                plan=plan, actor=editor, at=history.added, theme=theme, reference=f"{section['number']}.{n}",
                title=fold_lines(row["gap"] or row["evidence"]), lead_officer=row["responsible"],
                dependencies=f"Evidence: {row['evidence']}" if row["gap"] and row["evidence"] else "",
                deadline_text=row["by_when"], tags=row["tags"],
            )
            history.assign_lead(action, plan.title)
            if row["rag"]:  # the plan's RAG is the first status; a row without one has not started
                history.record(action, first=RAG[row["rag"]])


def _load_scwres_trust(organisation: Organisation, history: _History) -> None:
    editor = history.editor
    plan = services.plan_create(
        organisation=organisation, actor=editor, title=scwres_trust.TITLE, framework=Framework.SC_WRES,
        status=PlanStatus.ACTIVE, sponsor=scwres_trust.SPONSOR, description=scwres_trust.DESCRIPTION,
        period_start=date(2022, 6, 1), period_end=date(2023, 5, 31), approved_by=scwres_trust.APPROVED_BY,
        approved_on=date(2022, 6, 1),  # "June 2022"
    )
    for order, metric in enumerate(scwres_trust.METRICS, start=1):
        keys = metric["keys"]
        code = f"M{keys[0].rstrip('ab')}"
        wres_theme, objective, lead = metric["theme"]
        theme = services.theme_create(plan=plan, actor=editor, code=code, title=metric["title"], order=order,
                                      objective=f"{wres_theme}: {objective}", sponsor=lead, metrics=keys)
        for n, text in enumerate(metric["actions"], start=1):
            action = services.action_create(
                plan=plan, actor=editor, at=history.added, theme=theme, reference=f"{code}.{n}", title=text, lead_officer=lead,
                deadline_text=metric["timescale"], measures=metric["how"], metrics=keys, tags=["race"],
            )
            history.assign_lead(action, plan.title)
            history.record(action)
    theme = services.theme_create(plan=plan, actor=editor, code="O", title=scwres_trust.OTHER_TITLE,
                                  order=len(scwres_trust.METRICS) + 1)
    for n, text in enumerate(scwres_trust.OTHER_ACTIONS, start=1):
        action = services.action_create(plan=plan, actor=editor, at=history.added, theme=theme, reference=f"O.{n}", title=text,
                                        lead_officer=scwres_trust.PROGRAMME_LEAD, tags=["race"])
        history.record(action, final=Status.GREEN)


def _load_scwres_borough(organisation: Organisation, history: _History) -> None:
    editor = history.editor
    plan = services.plan_create(
        organisation=organisation, actor=editor, title=scwres_borough.TITLE, framework=Framework.SC_WRES,
        status=PlanStatus.ACTIVE, sponsor=scwres_borough.SPONSOR, description=scwres_borough.DESCRIPTION,
    )
    for order, metric in enumerate(scwres_borough.METRICS, start=1):
        keys = metric["keys"]
        code = f"W{keys[0].rstrip('ab')}"
        theme = services.theme_create(plan=plan, actor=editor, code=code, title=metric["title"],
                                      objective=metric["data"], order=order, metrics=keys)
        items = [(text, "Achieved") for text in metric["achieved"]] + list(metric["working_towards"])
        for n, (text, deadline) in enumerate(items, start=1):
            action = services.action_create(plan=plan, actor=editor, at=history.added, theme=theme, reference=f"{code}.{n}", title=text,
                                            deadline_text=deadline, metrics=keys, tags=["race"])
            history.assign_lead(action, plan.title)
            if deadline == "Achieved":
                history.record(action, final=Status.COMPLETE, stale=False)
            else:
                history.record(action)


PLANS = [
    (strategy.TITLE, _load_strategy),
    (eflg.TITLE, _load_eflg),
    (scwres_trust.TITLE, _load_scwres_trust),
    (scwres_borough.TITLE, _load_scwres_borough),
]


@transaction.atomic
def demo_load(*, today: date | None = None) -> Organisation:
    """The demo organisation with its users and four plans, and a second, separate organisation."""
    today = today or timezone.localdate()
    organisation = _organisation(*DEMO_ORGANISATION)
    organisation.local_population_bme_pct = 41
    organisation.bme_label = "Black, Asian and Multi-Ethnic"
    organisation.save(update_fields=["local_population_bme_pct", "bme_label"])
    users = _users(organisation, DEMO_USERS)
    existing = set(organisation.plans.values_list("title", flat=True))
    for index, (title, load) in enumerate(PLANS):
        if title not in existing:
            # One generator per plan, so a plan's history does not depend on which others were loaded.
            history = _History(organisation=organisation, today=today, rng=random.Random(2026 + index), users=users)
            load(organisation, history)
    _second_organisation(today)
    return organisation


def _second_organisation(today: date) -> None:
    """A second, separate organisation: its members see nothing of the demo borough, and vice versa."""
    organisation = _organisation(*SECOND_ORGANISATION)
    admin = _users(organisation, [SECOND_ORGANISATION_ADMIN])[SECOND_ORGANISATION_ADMIN[0]]
    if Plan.objects.filter(organisation=organisation).exists():
        return
    plan = services.plan_create(organisation=organisation, actor=admin, title="Workforce Race Equality Standard plan 2026–27",
                                framework=Framework.SC_WRES, status=PlanStatus.ACTIVE)
    theme = services.theme_create(plan=plan, actor=admin, code="L", title="Leadership", metrics=["1", "9"])
    action = services.action_create(plan=plan, actor=admin, theme=theme, reference="L1", lead_user=admin,
                                    title="Launch a reverse mentoring programme for the senior leadership team",
                                    lead_officer="Head of Workforce Development", deadline_text="Q4 2026/27", metrics=["9"])
    services.progress_update_record(action=action, author=admin, status=Status.GREEN,
                                    commentary="First cohort of mentors recruited.",
                                    at=timezone.make_aware(datetime.combine(today - timedelta(days=3), time(10))))
