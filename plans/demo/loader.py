"""Load the demo: the four plans of the seeds with a believable history over the last four quarters.

Deterministic (a seeded random generator and dates relative to `today`) and idempotent: a plan that
already exists in the demo organisation is left as it is, and users and memberships are reused.
Everything is written through the same services the app uses.
"""

import random
from datetime import date, datetime, time, timedelta

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

from .. import services
from ..models import Action, Framework, Plan, PlanStatus, Status
from . import eflg, scwres, strategy

RAG = {"R": Status.RED, "A": Status.AMBER, "G": Status.GREEN}

COMMENTARY = {
    Status.GREEN: [
        "On track: the working group met this month and the milestones agreed at the EDI board are being met.",
        "Progress as planned. Sessions are booked and attendance so far is good across all service areas.",
        "On track. The draft has been shared with the staff networks for comment before sign-off.",
        "Delivery is under way and the first evaluation returns are positive.",
    ],
    Status.AMBER: [
        "At risk: staff capacity in the team has been stretched by vacancies, so the timetable has slipped by a month.",
        "At risk while we wait for the HR system report; we cannot evidence the measure until the data is available.",
        "Some delay: the provider has changed and the remaining sessions need rebooking.",
        "Partly delivered. Take-up in two localities is lower than planned and we are looking at why.",
    ],
    Status.RED: [
        "Off track: the funding assumed for this action was not confirmed in the budget round.",
        "Off track. The lead post has been vacant since the summer and no work has started on the next phase.",
        "Off track: the survey needed to measure this has been postponed to next year.",
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
    """`count` dates spread over the last four quarters, in order; the last one in the current quarter
    when `up_to_now`, otherwise before it (so the action is stale)."""
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


def _story(rng: random.Random, final: str, length: int) -> list[str]:
    """A plausible sequence of statuses ending in `final`."""
    path = {
        Status.COMPLETE: [Status.GREEN, Status.AMBER, Status.GREEN, Status.COMPLETE],
        Status.GREEN: [Status.AMBER, Status.GREEN, Status.GREEN],
        Status.AMBER: [Status.GREEN, Status.AMBER, Status.AMBER],
        Status.RED: [Status.AMBER, Status.AMBER, Status.RED],
    }[final]
    return path[-length:] if length <= len(path) else [Status.GREEN] * (length - len(path)) + path


def _record_history(action: Action, authors: list[User], final: str, today: date, rng: random.Random,
                    *, stale: bool = False, first: str | None = None) -> None:
    if final == Status.NOT_STARTED:
        return
    length = rng.randint(2, 5)
    statuses = _story(rng, final, length)
    if first:
        statuses = [first, *statuses[1:]] if len(statuses) > 1 else [first]
    for day, status in zip(_history_days(today, rng, len(statuses), up_to_now=not stale), statuses):
        steps, timeframe = rng.choice(NEXT_STEPS)
        services.progress_update_record(
            action=action, author=rng.choice(authors), status=status, commentary=rng.choice(COMMENTARY.get(status, COMMENTARY[Status.GREEN])),
            next_steps="" if status == Status.COMPLETE else steps,
            next_steps_timeframe="" if status == Status.COMPLETE else timeframe, at=_moment(day, rng),
        )


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


@transaction.atomic
def demo_load(*, today: date | None = None) -> Organisation:
    today = today or timezone.localdate()
    rng = random.Random(2026)
    organisation = _organisation(*DEMO_ORGANISATION)
    organisation.local_population_bme_pct = 41
    organisation.bme_label = "Black, Asian and Multi-Ethnic"
    organisation.save(update_fields=["local_population_bme_pct", "bme_label"])
    users = _users(organisation, DEMO_USERS)
    editor, lead, admin = users["demo-editor"], users["demo-lead"], users["demo-admin"]
    authors = [editor, admin]
    existing = set(organisation.plans.values_list("title", flat=True))
    led = iter(range(10_000))
    lead_every = 9  # roughly one action in nine is the demo lead's

    def assign_lead(action: Action) -> None:
        if next(led) % lead_every == 0:
            services.action_update(action=action, actor=editor, lead_user=lead)

    if strategy.TITLE not in existing:
        plan = services.plan_create(
            organisation=organisation, actor=editor, title=strategy.TITLE, framework=Framework.LOCAL,
            status=PlanStatus.ACTIVE, sponsor=strategy.SPONSOR, period_start=date(2022, 4, 1), period_end=date(2025, 3, 31),
            approved_by="Strategic Director, Children's Services", approved_on=date(2022, 4, 28),
            description="Six objectives from the Race and Diversity Report themes, agreed with staff in coproduction "
                        "sessions. Reviewed quarterly by the EDI board; highlight reports go to CSMT monthly.",
        )
        for order, (code, title, sponsor, objective, tags, actions) in enumerate(strategy.THEMES, start=1):
            theme = services.theme_create(plan=plan, actor=editor, code=code, title=title, sponsor=sponsor,
                                          objective=objective, order=order)
            for ref, text, officer, deps, resources, measures, deadline in actions:
                action = services.action_create(
                    plan=plan, actor=editor, theme=theme, reference=ref, title=text, lead_officer=officer,
                    dependencies=deps, resources=resources, measures=measures, deadline_text=deadline, tags=tags,
                )
                assign_lead(action)
                action.refresh_from_db()
                final, stale = _final_status(rng, action.deadline_date, today)
                _record_history(action, [lead] if action.lead_user else authors, final, today, rng, stale=stale)
                if final == Status.COMPLETE:
                    for measure in action.measures.all():
                        services.measure_set_met(measure=measure, met=True, actor=editor)

    if eflg.TITLE not in existing:
        plan = services.plan_create(
            organisation=organisation, actor=editor, title=eflg.TITLE, framework=Framework.EFLG, status=PlanStatus.ACTIVE,
            sponsor="Chief Executive", period_start=date(2022, 9, 1), period_end=date(2023, 12, 31),
            approved_by="Corporate Equality, Diversity and Inclusion Steering Group", approved_on=date(2022, 9, 15),
            description="Measured against the Equality Framework for Local Government. Race equality actions and the "
                        "actions of the gender pay gap report are tagged.",
        )
        for section in eflg.SECTIONS:
            theme = services.theme_create(plan=plan, actor=editor, code=str(section["number"]), title=section["title"],
                                          objective=section["aspirations"], sponsor=section["lead"], order=section["number"])
            for n, row in enumerate(section["rows"], start=1):
                text = row["gap"]
                tags = ["race"] if "race" in (text + row["evidence"]).lower() or "ethnic" in text.lower() else []
                if "gender pay gap" in (text + row["evidence"]).lower() or section["number"] == 4 and row["responsible"] == "HR":
                    tags.append("gender pay gap")
                action = services.action_create(
                    plan=plan, actor=editor, theme=theme, reference=f"{section['number']}.{n}", title=text,
                    lead_officer=row["responsible"], dependencies=f"Evidence: {row['evidence']}" if row["evidence"] else "",
                    deadline_text=row["by_when"], tags=tags,
                )
                assign_lead(action)
                action.refresh_from_db()
                first = RAG.get(row["rag"])
                final, stale = _final_status(rng, action.deadline_date, today)
                if first is None:
                    continue
                # The plan's RAG is the first status; the history goes on from there.
                _record_history(action, [lead] if action.lead_user else authors, final if final != Status.NOT_STARTED else first,
                                today, rng, stale=stale, first=first)

    if scwres.TRUST_TITLE not in existing:
        plan = services.plan_create(
            organisation=organisation, actor=editor, title=scwres.TRUST_TITLE, framework=Framework.SC_WRES,
            status=PlanStatus.ACTIVE, sponsor=scwres.TRUST_SPONSOR, description=scwres.TRUST_DESCRIPTION,
            period_start=date(2022, 5, 1), period_end=date(2023, 5, 31), approved_by=scwres.TRUST_SPONSOR,
            approved_on=date(2022, 5, 20),
        )
        for order, (metrics, title, actions, timescale, how) in enumerate(scwres.TRUST_METRICS, start=1):
            theme = services.theme_create(plan=plan, actor=editor, code=f"M{metrics[0].rstrip('ab')}", title=title,
                                          order=order, metrics=metrics)
            for n, text in enumerate(actions, start=1):
                action = services.action_create(
                    plan=plan, actor=editor, theme=theme, reference=f"M{metrics[0].rstrip('ab')}.{n}", title=text,
                    lead_officer=scwres.TRUST_LEAD, deadline_text=timescale, measures=[how], metrics=metrics, tags=["race"],
                )
                assign_lead(action)
                action.refresh_from_db()
                final, stale = _final_status(rng, action.deadline_date, today)
                _record_history(action, [lead] if action.lead_user else authors, final, today, rng, stale=stale)

    if scwres.BOROUGH_TITLE not in existing:
        plan = services.plan_create(
            organisation=organisation, actor=editor, title=scwres.BOROUGH_TITLE, framework=Framework.SC_WRES,
            status=PlanStatus.ACTIVE, sponsor=scwres.BOROUGH_SPONSOR, description=scwres.BOROUGH_DESCRIPTION,
        )
        for order, (metrics, title, no_data, achieved, working) in enumerate(scwres.BOROUGH_METRICS, start=1):
            theme = services.theme_create(plan=plan, actor=editor, code=f"M{metrics[0].rstrip('ab')}", title=title,
                                          objective=no_data, order=order, metrics=metrics)
            items = [(text, True) for text in achieved] + [(text, False) for text in working]
            for n, (text, done) in enumerate(items, start=1):
                action = services.action_create(
                    plan=plan, actor=editor, theme=theme, reference=f"W{metrics[0].rstrip('ab')}.{n}", title=text,
                    lead_officer="Head of Workforce Development", deadline_text="complete" if done else "Ongoing",
                    metrics=metrics, tags=["race"],
                )
                assign_lead(action)
                action.refresh_from_db()
                final = Status.COMPLETE if done else rng.choice([Status.GREEN, Status.GREEN, Status.AMBER, Status.RED])
                _record_history(action, [lead] if action.lead_user else authors, final, today, rng,
                                stale=not done and rng.random() < 0.2)

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
