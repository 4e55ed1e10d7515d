"""The demo data: the four plans of the seeds, a history, a user for each role; idempotent."""

import re
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from edi_tracker.demo import DEMO_PASSWORD, DEMO_USERS
from edi_tracker.models import AuditEvent, Membership, Organisation, User
from edi_tracker.quarters import FinancialQuarter
from plans import selectors
from plans.demo import eflg, scwres_borough, scwres_trust, strategy
from plans.models import Action, Plan, ProgressUpdate, SuccessMeasure, Theme

TODAY = date(2026, 11, 23)
STRATEGY_REFS = (["CP1", "CP2", "CP3", "CP4"] + ["HW1"] + [f"HW {n}" for n in range(2, 13)]
                 + [f"RH {n}" for n in range(1, 5)] + ["RR1"] + [f"THR{n}" for n in range(1, 6)] + [f"SA{n}" for n in range(1, 5)])


@pytest.fixture
def demo(db):
    from plans.demo.loader import demo_load

    return demo_load(today=TODAY)


def counts():
    from metrics.models import MetricResult
    from reports.models import Report
    from workforce.models import Extract, StaffRecord

    return [m.objects.count() for m in (Organisation, User, Membership, Plan, Theme, Action, SuccessMeasure, ProgressUpdate,
                                        AuditEvent, Extract, StaffRecord, MetricResult, Report)]


def test_load_demo_twice_changes_nothing(db, capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    first = counts()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    assert counts() == first
    assert "4 plans" in capsys.readouterr().out
    from metrics.selectors import available_years, metric_summaries

    organisation = Organisation.objects.get(slug="demo-borough")
    assert available_years(organisation) == [2025, 2026]
    summaries = {s["key"]: s for s in metric_summaries(organisation, 2026)}
    assert summaries["3"]["value"] > 1.25 and summaries["3"]["previous"] is not None  # a disparity, with a trend
    # Last quarter's highlight report of each plan, made once, as the schedule would have, and not emailed.
    from django.core import mail

    from reports.models import Report

    reports = Report.objects.filter(organisation=organisation)
    assert reports.count() == 4 and {r.status for r in reports} == {"done"} and mail.outbox == []
    assert {r.quarter for r in reports} == {FinancialQuarter.containing(date.today()).previous()}


def _the_four_plans_and_their_themes(demo):
    plans = {p.title: p for p in demo.plans.all()}
    assert set(plans) == {strategy.TITLE, eflg.TITLE, scwres_trust.TITLE, scwres_borough.TITLE}
    assert plans[strategy.TITLE].themes.count() == 6
    assert plans[eflg.TITLE].themes.count() == 4
    # One theme per metric (metric 7 covers 7a and 7b), and the trust plan's "other actions".
    assert plans[scwres_trust.TITLE].themes.count() == 10
    assert plans[scwres_borough.TITLE].themes.count() == 9
    assert plans[eflg.TITLE].actions.count() == sum(len(s["rows"]) for s in eflg.SECTIONS) == 84


def _every_coded_action_of_the_strategy_with_its_deadline_as_written(demo):
    plan = demo.plans.get(title=strategy.TITLE)
    actions = {a.reference: a for a in plan.actions.all()}
    assert sorted(actions) == sorted(STRATEGY_REFS)
    assert actions["SA1"].deadline_text == "November 2023 March 2024"
    assert actions["SA1"].deadline_date == date(2024, 3, 31)
    assert actions["SA3"].deadline_text == "December 22"
    assert actions["CP1"].lead_officer == "HR Business Partner"
    assert actions["CP1"].measures.count() == 3


def _eflg_rows_start_from_their_rag(demo):
    plan = demo.plans.get(title=eflg.TITLE)
    first_row = eflg.SECTIONS[3]["rows"][-1]  # "Include H&B incident reporting…", RAG A, "Bi-annual"
    action = plan.actions.get(reference=f"4.{len(eflg.SECTIONS[3]['rows'])}")
    assert action.deadline_text == first_row["by_when"] == "Bi-annual" and action.deadline_recurring == "half-yearly"
    assert action.updates.order_by("created_at").first().status == "amber"


def _scwres_actions_are_linked_to_their_metrics(demo):
    plan = demo.plans.get(title=scwres_trust.TITLE)
    assert set(plan.actions.get(reference="M7.1").metrics) == {"7a", "7b"}
    assert all(a.metrics for a in plan.actions.exclude(theme__code="O"))
    borough = demo.plans.get(title=scwres_borough.TITLE)
    assert all(a.metrics for a in borough.actions.all())
    # What the borough has achieved is complete; what it is working towards is still open.
    achieved = borough.actions.filter(deadline_text="Achieved")
    assert achieved.exists() and all(a.status == "complete" for a in achieved)


def _history_is_believable(demo):
    # Red and amber always carry a commentary.
    assert not ProgressUpdate.objects.filter(status__in=["red", "amber"], commentary="").exists()
    # Updates span the last four quarters.
    quarters = {FinancialQuarter.containing(u.created_at.date()) for u in ProgressUpdate.objects.all()}
    assert len(quarters) >= 4
    summary = selectors.organisation_summary(demo, TODAY)
    assert summary["stale"] > 0 and summary["overdue"] > 0 and summary["inconsistent"] > 0
    assert summary["red"] > 0 and summary["amber"] > 0
    # Every action was in its plan before its history began, so a report for last quarter counts them all.
    from django.db.models import Min

    first_update = ProgressUpdate.objects.aggregate(first=Min("created_at"))["first"]
    assert not Action.objects.filter(plan__organisation=demo, created_at__gte=first_update).exists()
    from reports.selectors import organisation_picture

    last_quarter = FinancialQuarter.containing(TODAY).previous()
    assert organisation_picture(demo, last_quarter, today=TODAY)["total"] == Action.objects.filter(
        plan__organisation=demo).count()
    # A met measure was met on the day of its action's latest update, not on the day the demo was loaded.
    met = SuccessMeasure.objects.filter(action__plan__organisation=demo, met=True).select_related("action")
    assert met.exists()
    assert all(m.met_on == timezone.localtime(m.action.last_update_at).date() for m in met)
    # The current status is the latest update's.
    for action in Action.objects.filter(plan__organisation=demo).exclude(status="not_started")[:40]:
        assert action.updates.order_by("-created_at", "-id").first().status == action.status


def _every_role_has_a_user_who_can_sign_in(demo):
    for username, _, role in DEMO_USERS:
        client = Client()
        response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        assert Membership.objects.get(user__username=username, organisation=demo).role == role


def _the_demo_lead_has_actions_to_keep_up_to_date(demo):
    lead = User.objects.get(username="demo-lead")
    assert selectors.my_actions(lead, demo, TODAY).count() >= 8


def test_demo_content(demo):
    """One load of the demo (it takes seconds), every check on it."""
    _the_four_plans_and_their_themes(demo)
    _every_coded_action_of_the_strategy_with_its_deadline_as_written(demo)
    _eflg_rows_start_from_their_rag(demo)
    _scwres_actions_are_linked_to_their_metrics(demo)
    _history_is_believable(demo)
    _every_role_has_a_user_who_can_sign_in(demo)
    _the_demo_lead_has_actions_to_keep_up_to_date(demo)


# Names of people in the seed documents that the demo must never contain.
SEED_NAMES = ["Robert Thatcher", "Ndunge", "Paula Royal", "Will Godfrey", "Christopher Wilford", "Tracey Long",
              "Cherry Bennett", "Dine Romero", "Jason Pegg", "Sarah Crew", "Lee Yale-Helms", "Gordon Latham",
              "Lorraine Donovan", "Andrea McDermott", "Marcus Heron", "Wendy Lowes", "Lara Timms"]


def test_no_person_is_named_in_the_demo_data():
    folder = Path(__file__).resolve().parents[2] / "plans" / "demo"
    text = "\n".join(p.read_text() for p in folder.glob("*.py"))
    found = [name for name in SEED_NAMES if re.search(re.escape(name), text, re.I)]
    assert found == []
