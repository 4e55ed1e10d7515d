"""The demo data: fixtures/demo/ loaded through the importer and the extract upload, a history that holds
together, a user for each role; idempotent."""

import json
import re
import tomllib
import zipfile
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Count, Max, Min
from django.test import Client
from django.utils import timezone

from edi_tracker.demo import DEMO_PASSWORD, DEMO_USERS, FIXTURES
from edi_tracker.models import AuditEvent, Membership, Organisation, User
from edi_tracker.quarters import FinancialQuarter
from plans import selectors
from plans.models import Action, Plan, PlanImport, ProgressUpdate, SuccessMeasure, Theme

TODAY = date(2026, 11, 23)
STRATEGY = "Children's Services EDI Strategy and Action Plan 2022–25"
EFLG = "Equality Improvement Plan, September 2022"
TRUST = "Social Care WRES Final Action Plan, May 2022"
BOROUGH = "Social Care Workforce Race Equality Standard Action Plan, Children's Services"
STRATEGY_REFS = (["CP1", "CP2", "CP3", "CP4"] + ["HW1"] + [f"HW {n}" for n in range(2, 13)]
                 + [f"RH {n}" for n in range(1, 5)] + ["RR1"] + [f"THR{n}" for n in range(1, 6)] + [f"SA{n}" for n in range(1, 5)])


@pytest.fixture
def demo(db):
    from reports.demo import demo_load

    return demo_load(today=TODAY)


def counts():
    from metrics.models import MetricResult
    from reports.models import Report
    from workforce.models import Extract, StaffRecord

    return [m.objects.count() for m in (Organisation, User, Membership, Plan, Theme, Action, SuccessMeasure, ProgressUpdate,
                                        AuditEvent, Extract, StaffRecord, MetricResult, Report, PlanImport)]


def picture():
    """What a second load must leave exactly as it was: plans, actions, updates and figures."""
    from metrics.models import MetricResult

    return (sorted(Plan.objects.values_list("organisation__slug", "title", "status")),
            sorted(Action.objects.values_list("plan__title", "reference", "title", "status", "lead_officer", "deadline_text")),
            sorted(ProgressUpdate.objects.values_list("action__reference", "created_at", "status", "commentary")),
            sorted((year, scope, json.dumps(document, sort_keys=True, default=str))
                   for year, scope, document in MetricResult.objects.values_list("year", "scope", "document")))


def test_load_demo_twice_changes_nothing(db, capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    first, seen = counts(), picture()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    assert counts() == first
    assert picture() == seen
    assert "4 plans" in capsys.readouterr().out
    from metrics.selectors import available_years, metric_summaries

    organisation = Organisation.objects.get(slug="demo-borough")
    assert available_years(organisation) == [2025, 2026]
    summaries = {s["key"]: s for s in metric_summaries(organisation, 2026)}
    assert summaries["3"]["value"] > 1.25 and summaries["3"]["previous"] is not None  # a disparity, with a trend
    # The extracts were uploaded from the CSV files, checked and confirmed as a user's would be.
    from workforce.models import Extract

    assert sorted(Extract.objects.filter(organisation=organisation).values_list("filename", flat=True)) == sorted(
        p.name for p in (FIXTURES / "workforce").glob("*.csv"))
    # Last quarter's highlight report of each active plan, made once, as the schedule would have, not emailed.
    from django.core import mail

    from reports.models import Report

    reports = Report.objects.filter(organisation=organisation)
    active = organisation.plans.filter(status="active")
    assert reports.count() == active.count() == 3 and {r.status for r in reports} == {"done"} and mail.outbox == []
    assert {r.quarter for r in reports} == {FinancialQuarter.containing(date.today()).previous()}
    # The demo network's pay band table shows each ethnic group of the borough's published figures, beside the
    # local population's shares of demo.toml.
    from networks.models import Network
    from networks.selectors import network_table, pay_band_table

    network = Network.objects.get(slug="northshire-alliance")
    row = next(r for r in pay_band_table(network_table(network, 2026))["rows"] if r["organisation"] == "demo-borough")
    groups = {g["group"]: g for g in row["groups"]}
    assert set(groups) == {"bme", "asian", "black", "mixed", "other", "white", "not_known"}
    assert {g: groups[g]["local"]["text"] for g in ("bme", "asian", "black", "mixed", "other", "white")} == {
        "bme": "41.0%", "asian": "18.5%", "black": "13.2%", "mixed": "5.1%", "other": "4.2%", "white": "59.0%"}
    for group in ("asian", "black", "mixed", "other"):
        assert groups[group]["cells"][0]["text"].endswith("%"), group  # all staff: a share, shown


def _every_plan_came_through_the_importer(demo):
    config = tomllib.loads((FIXTURES / "demo.toml").read_text())
    for entry in config["plans"]:
        plan = Plan.objects.get(title=entry["title"])
        plan_import = PlanImport.objects.get(plan=plan)
        assert plan_import.status == "done" and plan_import.filename == entry["file"].rsplit("/", 1)[1]
        assert plan_import.uploaded_by == plan_import.confirmed_by
        assert plan_import.confirmed_by.username in {"demo-editor", "demo-trust-admin"}
        assert plan_import.action_count == plan.actions.count()


def _the_four_plans_and_their_themes(demo):
    plans = {p.title: p for p in demo.plans.all()}
    assert set(plans) == {STRATEGY, EFLG, TRUST, BOROUGH}
    assert plans[STRATEGY].themes.count() == 6
    assert list(plans[EFLG].themes.values_list("code", flat=True)) == ["1", "2", "3", "4"]  # "SECTION Four" is 4
    assert plans[EFLG].themes.get(code="4").sponsor == "Director People and Policy"
    # One theme per metric (metric 7 covers 7a and 7b), and the trust plan's "other actions".
    assert plans[TRUST].themes.count() == 10
    assert plans[BOROUGH].themes.count() == 9
    assert plans[EFLG].actions.count() == 84
    assert plans[STRATEGY].sponsor == "Strategic Director, Children's Services"
    assert plans[STRATEGY].approved_on == date(2022, 4, 28)


def _every_coded_action_of_the_strategy_with_its_deadline_as_written(demo):
    plan = demo.plans.get(title=STRATEGY)
    actions = {a.reference: a for a in plan.actions.all()}
    assert sorted(actions) == sorted(STRATEGY_REFS)
    assert actions["SA1"].deadline_text == "November 2023 March 2024"
    assert actions["SA1"].deadline_date == date(2024, 3, 31)
    assert actions["SA3"].deadline_text == "December 22"
    assert actions["CP1"].lead_officer == "HR Business Partner"
    assert actions["CP1"].measures.count() == 3
    # HW 11's last measure sits in a row of its own after a page break: it is still HW 11's.
    assert actions["HW 11"].measures.order_by("order").last().text.startswith("Microaggression course to include")
    assert set(actions["CP1"].tags.values_list("name", flat=True)) == {"race", "career progression"}


def _eflg_rows_start_from_their_rag(demo):
    plan = demo.plans.get(title=EFLG)
    last = plan.actions.filter(theme__code="4").order_by("-order", "-id").first()
    assert last.title.startswith("Include H&B incident reporting")
    assert last.deadline_text == "Bi-annual" and last.deadline_recurring == "half-yearly"
    first_update = last.updates.order_by("created_at", "id").first()
    assert first_update.status == "amber" and first_update.commentary == "Status as given in the imported plan."
    # Evidence merged down several rows in Word is each row's.
    assert plan.actions.get(reference="1.1").dependencies == plan.actions.get(reference="1.2").dependencies != ""
    assert set(plan.actions.get(reference="4.19").tags.values_list("name", flat=True)) == {"race", "gender pay gap"}


def _scwres_actions_are_linked_to_their_metrics(demo):
    plan = demo.plans.get(title=TRUST)
    assert set(plan.actions.get(reference="M7.1").metrics) == {"7a", "7b"}
    assert all(a.metrics for a in plan.actions.exclude(theme__title__startswith="Other actions"))
    borough = demo.plans.get(title=BOROUGH)
    assert all(a.metrics for a in borough.actions.all())
    # What the borough has achieved was imported complete ("What we've achieved") and stays complete.
    achieved = borough.actions.filter(updates__commentary__startswith="Status imported from").distinct()
    assert achieved.count() >= 9 and all(a.status == "complete" for a in achieved)


def _history_is_believable(demo):
    actions = Action.objects.filter(plan__organisation=demo)
    # Every action has a commentary of its own; red and amber always carry one.
    assert not actions.annotate(n=Count("updates")).filter(n=0).exists()
    assert not ProgressUpdate.objects.filter(commentary="").exists()
    commentaries = set(ProgressUpdate.objects.filter(action__plan__organisation=demo).values_list("commentary", flat=True))
    assert len(commentaries) > 150  # varied, not a handful of sentences
    # Updates span the last four quarters.
    active = actions.filter(plan__status="active")
    quarters = {FinancialQuarter.containing(u.created_at.date()) for u in ProgressUpdate.objects.filter(action__in=active)}
    assert len(quarters) >= 4
    # Actions were completed across the year, not all at once.
    completed = ProgressUpdate.objects.filter(action__in=active, status="complete").exclude(previous_status="complete")
    assert len({FinancialQuarter.containing(u.created_at.date()) for u in completed}) >= 4
    summary = selectors.organisation_summary(demo, TODAY)
    assert summary["stale"] > 0 and summary["overdue"] > 0 and summary["inconsistent"] > 0
    assert summary["red"] > 0 and summary["amber"] > 0
    # No action says it is complete in its deadline and is red.
    assert not actions.filter(deadline_text__iregex=r"^\s*(complete|completed|achieved)", status="red").exists()
    # Every action was in its plan before its history began, so a report for last quarter counts them all.
    for plan in demo.plans.all():
        first_update = ProgressUpdate.objects.filter(action__plan=plan).aggregate(first=Min("created_at"))["first"]
        assert not plan.actions.filter(created_at__gt=first_update).exists()
    from reports.selectors import organisation_picture

    last_quarter = FinancialQuarter.containing(TODAY).previous()
    assert organisation_picture(demo, last_quarter, today=TODAY)["total"] == active.count()
    # A met measure was met on the day of its action's latest update, not on the day the demo was loaded.
    met = SuccessMeasure.objects.filter(action__plan__organisation=demo, met=True).select_related("action")
    assert met.exists()
    assert all(m.met_on == timezone.localtime(m.action.last_update_at).date() for m in met)
    # The current status is the latest update's.
    for action in actions[:60]:
        assert action.updates.order_by("-created_at", "-id").first().status == action.status


def _a_plan_whose_period_has_ended_is_closed(demo):
    strategy = demo.plans.get(title=STRATEGY)
    assert strategy.status == "closed" and strategy.period_end == date(2025, 3, 31)
    last = ProgressUpdate.objects.filter(action__plan=strategy).aggregate(last=Max("created_at"))["last"]
    assert timezone.localtime(last).date() <= strategy.period_end
    assert strategy.actions.filter(status="complete").count() > strategy.actions.count() * 0.6
    assert set(demo.plans.exclude(pk=strategy.pk).values_list("status", flat=True)) == {"active"}


def _every_role_has_a_user_who_can_sign_in(demo):
    for username, _, role in DEMO_USERS:
        client = Client()
        response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        assert Membership.objects.get(user__username=username, organisation=demo).role == role


def _the_demo_lead_has_actions_to_keep_up_to_date(demo):
    lead = User.objects.get(username="demo-lead")
    assert selectors.my_actions(lead, demo, TODAY).count() >= 8


def _the_second_organisation_is_separate(demo):
    trust = Organisation.objects.get(slug="northshire-trust")
    plan = trust.plans.get()
    assert dict(plan.actions.values_list("reference", "status")) == {"L1": "green", "L2": "amber"}  # from the fills
    admin = User.objects.get(username="demo-trust-admin")
    assert plan.actions.get(reference="L1").lead_user == admin
    assert not Membership.objects.filter(user=admin, organisation=demo).exists()


def test_demo_content(demo):
    """One load of the demo (it takes seconds), every check on it."""
    _every_plan_came_through_the_importer(demo)
    _the_four_plans_and_their_themes(demo)
    _every_coded_action_of_the_strategy_with_its_deadline_as_written(demo)
    _eflg_rows_start_from_their_rag(demo)
    _scwres_actions_are_linked_to_their_metrics(demo)
    _history_is_believable(demo)
    _a_plan_whose_period_has_ended_is_closed(demo)
    _every_role_has_a_user_who_can_sign_in(demo)
    _the_demo_lead_has_actions_to_keep_up_to_date(demo)
    _the_second_organisation_is_separate(demo)


def test_demo_toml_refuses_an_unknown_role(tmp_path, monkeypatch):
    import edi_tracker.demo as demo_module

    text = (FIXTURES / "demo.toml").read_text().replace('role = "viewer"', 'role = "boss"', 1)
    (tmp_path / "demo.toml").write_text(text)
    monkeypatch.setattr(demo_module, "FIXTURES", tmp_path)
    demo_module.demo_config.cache_clear()
    try:
        with pytest.raises(ValueError, match="demo-viewer has the role “boss”"):
            demo_module.demo_config()
    finally:
        demo_module.demo_config.cache_clear()


def test_a_reference_demo_toml_names_must_be_in_the_document(db, monkeypatch):
    import edi_tracker.demo as demo_module
    from reports import demo as loader

    config = tomllib.loads((FIXTURES / "demo.toml").read_text())
    config["plans"] = [dict(config["plans"][-1], leads=["L9"])]  # the trust's plan, with an action it does not have
    monkeypatch.setattr(loader, "demo_config", lambda: config)
    monkeypatch.setattr(demo_module, "demo_config", lambda: config)
    with pytest.raises(RuntimeError, match="does not have: L9"):
        loader.demo_load(today=TODAY)


# Names of people in the seed documents that the demo must never contain.
SEED_NAMES = ["Robert Thatcher", "Ndunge", "Paula Royal", "Will Godfrey", "Christopher Wilford", "Tracey Long",
              "Cherry Bennett", "Dine Romero", "Jason Pegg", "Sarah Crew", "Lee Yale-Helms", "Gordon Latham",
              "Lorraine Donovan", "Andrea McDermott", "Marcus Heron", "Wendy Lowes", "Lara Timms", "Ana Popovici",
              "Nick Pendry", "Kate Stock"]


def _document_text(path) -> str:
    if path.suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(re.sub(r"<[^>]+>", " ", archive.read(name).decode("utf-8", "replace"))
                             for name in archive.namelist() if name.endswith(".xml"))
    return path.read_text()


def test_no_person_is_named_in_the_demo_data():
    files = [p for p in FIXTURES.rglob("*") if p.is_file()]
    assert {p.suffix for p in files} >= {".docx", ".xlsx", ".csv", ".toml"}
    text = "\n".join(_document_text(p) for p in files)
    found = [name for name in SEED_NAMES if re.search(re.escape(name), text, re.I)]
    assert found == []
