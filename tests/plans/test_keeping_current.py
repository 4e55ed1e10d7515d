"""Keeping actions current (issue 14): bulk updates, chasing leads now, and the status over four quarters."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from edi_tracker.models import AuditEvent, Role
from edi_tracker.quarters import FinancialQuarter
from plans import selectors, services
from plans.models import Action, ProgressUpdate


@pytest.fixture
def second(plan, theme, editor, lead):
    return services.action_create(plan=plan, actor=editor, theme=theme, reference="CP2", title="Publish the pay gap",
                                  lead_officer="Head of HR", lead_user=lead)


@pytest.fixture
def unled(plan, theme, editor):
    return services.action_create(plan=plan, actor=editor, theme=theme, reference="CP3", title="Recruit mentors",
                                  lead_officer="Workforce Development Manager")


# Bulk update: the service ------------------------------------------------------------------------

def test_bulk_update_gives_each_action_its_own_update(org, action, second, editor):
    updates = services.progress_update_bulk(
        organisation=org, author=editor, versions={action.pk: action.version, second.pk: second.version},
        status="amber", commentary="Budget under review", next_steps="Ask the board", next_steps_timeframe="by June",
    )
    assert len(updates) == 2
    for a in (action, second):
        a.refresh_from_db()
        assert a.status == "amber"
        update = a.updates.get()
        assert (update.author, update.commentary, update.next_steps, update.previous_status) == (
            editor, "Budget under review", "Ask the board", "not_started")
    assert AuditEvent.objects.filter(verb="progress.recorded").count() == 2


@pytest.mark.parametrize("status", ["red", "amber"])
def test_bulk_red_or_amber_needs_a_commentary_and_saves_nothing(org, action, second, editor, status):
    with pytest.raises(ValidationError) as error:
        services.progress_update_bulk(organisation=org, author=editor, status=status, commentary="  ",
                                      versions={action.pk: action.version, second.pk: second.version})
    assert "need a commentary" in str(error.value)
    assert ProgressUpdate.objects.count() == 0


def test_bulk_update_with_one_action_changed_since_saves_none_and_names_it(org, action, second, editor, lead):
    versions = {action.pk: action.version, second.pk: second.version}
    services.progress_update_record(action=Action.objects.get(pk=second.pk), author=lead, status="red",
                                    commentary="Data late", expected_version=second.version)
    with pytest.raises(services.BulkConflict) as conflict:
        services.progress_update_bulk(organisation=org, author=editor, versions=versions, status="green",
                                      commentary="All fine")
    assert [c.action.reference for c in conflict.value.conflicts] == ["CP2"]
    assert conflict.value.conflicts[0].latest.commentary == "Data late"
    assert "CP2 was updated by someone else" in str(conflict.value)
    assert Action.objects.get(pk=action.pk).status == "not_started"
    assert Action.objects.get(pk=second.pk).status == "red"
    assert ProgressUpdate.objects.count() == 1


def test_bulk_update_refuses_actions_of_another_organisation(org, other_org, action, editor):
    from tests.factories import PlanFactory

    foreign_plan = PlanFactory(organisation=other_org)
    foreign = services.action_create(plan=foreign_plan, actor=None, reference="X1", title="Elsewhere")
    with pytest.raises(ValidationError) as error:
        services.progress_update_bulk(organisation=org, author=editor, status="green",
                                      versions={action.pk: action.version, foreign.pk: foreign.version})
    assert "not in this organisation" in str(error.value)
    assert ProgressUpdate.objects.count() == 0


def test_bulk_update_needs_at_least_one_action(org, editor):
    with pytest.raises(ValidationError, match="at least one action"):
        services.progress_update_bulk(organisation=org, author=editor, versions={}, status="green")


# Bulk update: the pages --------------------------------------------------------------------------

def test_the_action_list_offers_selection_to_editors_only(client_for, org, action, editor, lead):
    url = reverse("plans:action-list", args=[org.slug])
    page = client_for(editor).get(url).content.decode()
    assert 'form="bulk-select"' in page and f'value="{action.pk}"' in page
    assert 'id="bulk-select"' in page
    page = client_for(lead).get(url).content.decode()
    assert 'form="bulk-select"' not in page


def test_bulk_update_journey_without_javascript(client_for, org, action, second, editor):
    client = client_for(editor)
    url = reverse("plans:action-bulk-update", args=[org.slug])
    form_page = client.get(url, {"action": [action.pk, second.pk], "back": "?plan=1"})
    assert form_page.status_code == 200
    versions = form_page.context["form"]["versions"].value()
    assert versions == f"{action.pk}:{action.version} {second.pk}:{second.version}"
    assert "Update 2 actions" in form_page.content.decode()
    response = client.post(url, {"versions": versions, "status": "complete", "commentary": "Done at last",
                                 "back": "?plan=1"})
    assert response.status_code == 302 and response.url.endswith("/actions/?plan=1")
    assert set(Action.objects.values_list("status", flat=True)) == {"complete"}
    followed = client.get(response.url).content.decode()
    assert "2 actions are now complete" in followed


def test_bulk_update_page_shows_the_missing_commentary(client_for, org, action, editor):
    response = client_for(editor).post(reverse("plans:action-bulk-update", args=[org.slug]),
                                       {"versions": f"{action.pk}:{action.version}", "status": "red"})
    assert response.status_code == 400
    assert "red and amber need a commentary" in response.content.decode()
    assert 'href="#id_commentary"' in response.content.decode()


def test_bulk_update_page_reports_a_conflict_and_a_second_save_goes_through(client_for, org, action, second, editor, lead):
    client = client_for(editor)
    url = reverse("plans:action-bulk-update", args=[org.slug])
    versions = f"{action.pk}:{action.version} {second.pk}:{second.version}"
    services.progress_update_record(action=Action.objects.get(pk=action.pk), author=lead, status="amber",
                                    commentary="Trainer ill")
    response = client.post(url, {"versions": versions, "status": "green", "commentary": "On track"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "CP1 was updated by someone else" in page and "Trainer ill" in page
    assert Action.objects.get(pk=action.pk).status == "amber"
    # The form now carries the versions the editor has seen: saving again is a deliberate choice.
    response = client.post(url, {"versions": response.context["form"]["versions"].value(), "status": "green",
                                 "commentary": "On track"})
    assert response.status_code == 302
    assert set(Action.objects.values_list("status", flat=True)) == {"green"}


def test_bulk_update_with_a_damaged_list_says_so(client_for, org, editor):
    response = client_for(editor).post(reverse("plans:action-bulk-update", args=[org.slug]),
                                       {"versions": "12:x", "status": "green"})
    assert response.status_code == 400
    assert "choose the actions again" in response.content.decode()


def test_a_lead_cannot_bulk_update(client_for, org, action, lead):
    response = client_for(lead).post(reverse("plans:action-bulk-update", args=[org.slug]),
                                     {"versions": f"{action.pk}:{action.version}", "status": "green"})
    assert response.status_code == 403


# Chasing: the service ----------------------------------------------------------------------------

def test_chase_emails_each_lead_once_with_links_and_names_who_could_not_be_reached(
        org, action, second, unled, editor, make_member, plan, theme, settings):
    settings.SITE_URL = "https://edi.example.org"
    no_email = make_member(Role.LEAD, username="no-email-lead")
    no_email.email = ""
    no_email.save(update_fields=["email"])
    fourth = services.action_create(plan=plan, actor=editor, theme=theme, reference="CP4", title="Audit casework",
                                    lead_user=no_email)
    result = services.chase_leads(organisation=org, actor=editor, actions=[action, second, unled, fourth])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [action.lead_user.email]
    assert "2 actions" in message.subject
    assert f"https://edi.example.org/o/{org.slug}/actions/{action.pk}/" in message.body
    assert f"https://edi.example.org/o/{org.slug}/actions/{second.pk}/" in message.body
    assert [(a.reference, why) for a, why in result.not_reached] == [
        ("CP3", "It has no lead in EDI Tracker (the plan names Workforce Development Manager): set one on the "
                "action's edit page."),
        ("CP4", f"Its lead, {no_email}, has no email address."),
    ]
    event = result.event
    assert event.verb == "leads.chased" and event.actor == editor
    assert event.changes["emailed"] == [{"lead": str(action.lead_user), "email": action.lead_user.email,
                                         "actions": ["CP1", "CP2"]}]
    assert [item["action"] for item in event.changes["not_reached"]] == ["CP3", "CP4"]


def test_chase_reports_a_lead_who_left(org, action, editor):
    from edi_tracker.models import Membership

    Membership.objects.filter(user=action.lead_user, organisation=org).delete()
    result = services.chase_leads(organisation=org, actor=editor, actions=[Action.objects.get(pk=action.pk)])
    assert mail.outbox == []
    assert "no longer a member" in result.not_reached[0][1]


def test_chase_reports_an_email_the_server_refused(org, action, editor, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    result = services.chase_leads(organisation=org, actor=editor, actions=[action])
    assert result.emailed == [] and result.failed[0][1] == [action]
    assert result.event.changes["failed"][0]["actions"] == ["CP1"]


def test_chase_with_no_actions_is_refused(org, editor):
    with pytest.raises(ValidationError, match="at least one action"):
        services.chase_leads(organisation=org, actor=editor, actions=[])


def test_chase_candidates_are_stale_actions_or_all_of_a_lead(org, action, second, unled, lead, editor):
    services.progress_update_record(action=second, author=lead, status="green")
    stale = {a.reference for a in selectors.chase_candidates(org)}
    assert stale == {"CP1", "CP3"}
    assert {a.reference for a in selectors.chase_candidates(org, lead=lead)} == {"CP1", "CP2"}


def test_the_automatic_reminder_is_still_scheduled():
    from edi_tracker.celery import app

    assert app.conf.beat_schedule["reports-send-reminders"]["task"] == "reports.send_reminders"


# Chasing: the pages ------------------------------------------------------------------------------

def test_chase_journey_shows_who_was_emailed_and_who_was_not(client_for, org, action, unled, editor):
    client = client_for(editor)
    url = reverse("plans:chase", args=[org.slug])
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "CP1" in text and "CP3" in text and "No lead in EDI Tracker: cannot be emailed" in text
    response = client.post(url, {"actions": [action.pk, unled.pk]})
    assert response.status_code == 302
    result = client.get(response.url).content.decode()
    assert "1 lead emailed" in result
    assert "Actions whose lead could not be emailed" in result and "CP3" in result
    assert len(mail.outbox) == 1


def test_chase_page_for_one_lead_and_an_empty_choice(client_for, org, action, second, lead, editor):
    client = client_for(editor)
    url = reverse("plans:chase", args=[org.slug])
    services.progress_update_record(action=second, author=lead, status="green")
    page = client.get(url, {"lead": lead.pk}).content.decode()
    assert "2 actions led by" in page
    response = client.post(url, {"lead": lead.pk})
    assert response.status_code == 400
    assert "Choose at least one action whose lead to chase." in response.content.decode()
    assert mail.outbox == []
    assert client.get(url, {"lead": "999999"}).status_code == 404


def test_chase_result_of_another_organisation_is_not_found(client_for, org, other_org, editor, outsider):
    event = AuditEvent.objects.create(organisation=other_org, verb="leads.chased", summary="Elsewhere")
    assert client_for(editor).get(reverse("plans:chase-result", args=[org.slug, event.pk])).status_code == 404


def test_chase_command(org, action, editor):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("chase_leads", org.slug, "--dry-run", stdout=out)
    assert "CP1" in out.getvalue() and mail.outbox == []
    call_command("chase_leads", org.slug, stdout=out)
    assert len(mail.outbox) == 1 and "1 lead emailed" in out.getvalue()


# Status over the last four quarters --------------------------------------------------------------

def test_status_strip_reads_each_quarter_end(plan, theme, editor, lead):
    today = timezone.localdate()
    current = FinancialQuarter.containing(today)
    quarters = [current.previous().previous().previous(), current.previous().previous(), current.previous(), current]
    entered = timezone.make_aware(datetime.combine(quarters[1].start, datetime.min.time())) + timedelta(days=3)
    action = services.action_create(plan=plan, actor=editor, theme=theme, reference="Q1", title="Quarterly",
                                     lead_user=lead, at=entered)
    services.progress_update_record(action=action, author=lead, status="amber", commentary="Slow", at=entered)
    services.progress_update_record(action=action, author=lead, status="green",
                                    at=timezone.make_aware(datetime.combine(quarters[2].end, datetime.min.time())))
    action = selectors.action_detail_queryset().get(pk=action.pk)
    strip = selectors.status_strip(action)
    assert [q.quarter for q in strip] == quarters
    assert [q.word for q in strip] == ["Not in the plan yet", "Amber", "Green", "Green"]
    assert [q.so_far for q in strip] == [False, False, False, True]


def test_plan_counts_by_quarter_in_one_query(plan, theme, editor, lead, action, second):
    services.progress_update_record(action=action, author=lead, status="red", commentary="Stuck")
    actions = list(plan.actions.all())
    with CaptureQueriesContext(connection) as queries:
        by_quarter = selectors.plan_status_by_quarter(plan, actions)
    assert len(queries) == 1
    now = dict((status, count) for status, _, count in by_quarter[-1].counts)
    assert now["red"] == 1 and now["not_started"] == 1 and by_quarter[-1].total == 2
    assert by_quarter[0].not_yet == 2  # both entered the plan today


def test_action_and_plan_pages_show_the_strip(client_for, org, plan, action, viewer):
    client = client_for(viewer)
    page = client.get(reverse("plans:action-detail", args=[org.slug, action.pk])).content.decode()
    current = FinancialQuarter.containing(timezone.localdate())
    assert "Status at the end of each of the last four quarters" in page
    assert f"{current.label}<span class=\"app-strip__so-far\"> (so far)</span>" in page
    page = client.get(reverse("plans:plan-detail", args=[org.slug, plan.pk])).content.decode()
    assert "Actions by status at the end of each of the last four quarters" in page


# Evidence errors -----------------------------------------------------------------------------------

def test_an_evidence_error_comes_back_with_the_evidence_section_open(client_for, org, action, lead):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(lead)
    url = reverse("plans:progress-create", args=[org.slug, action.pk])
    response = client.post(url, {"status": "green", "version": action.version,
                                 "evidence_file": SimpleUploadedFile("minutes.pdf", b"not a pdf at all")})
    page = response.content.decode()
    assert response.status_code == 400
    assert '<details class="govuk-details" id="evidence" open>' in page
    assert 'href="#id_evidence_file"' in page
    # Without an evidence error the section stays closed.
    response = client.post(url, {"status": "red", "version": action.version})
    assert '<details class="govuk-details" id="evidence">' in response.content.decode()


def test_the_action_page_strip_costs_no_query_per_update(client_for, org, action, lead):
    """The strip is read from the history the page already fetches: 2 updates or 60, the same queries."""
    client = client_for(lead)
    url = reverse("plans:action-detail", args=[org.slug, action.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    ProgressUpdate.objects.bulk_create(ProgressUpdate(action=action, author=lead, created_at=timezone.now(),
                                                      status="green") for _ in range(2))
    few = queries()
    ProgressUpdate.objects.bulk_create(ProgressUpdate(action=action, author=lead, created_at=timezone.now(),
                                                      status="amber") for _ in range(58))
    assert queries() == few
