"""Faults end in a state a user can act on: a report whose task the broker cannot take is failed at once with
the reason and can be retried; asking twice makes one report; an email that did not go is recorded with the
reason and can be sent again. The broker is a real Redis URL on a closed port; the mail server is real SMTP on
a closed port; a second thread is a second real request."""

import socketserver
import threading
from datetime import date
from html import unescape

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from edi_tracker.models import AuditEvent
from edi_tracker.queueing import BROKER_DOWN
from plans.models import Plan
from reports import services
from reports.models import Report, ReportKind, ReportStatus, SentEmail

from .conftest import Q2

AFTER_Q2 = date(2022, 10, 3)  # beat's day: the quarter that ended last is 2022/23 Q2


def own_client(user) -> Client:
    """A client of the user's own (client_for logs the one shared test client in as someone else)."""
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def page(client, response) -> str:
    assert response.status_code == 302, response.status_code
    return unescape(client.get(response["Location"]).content.decode())


def create(client, org, plan):
    return client.post(reverse("reports:report-create", args=[org.slug]), {"plan": plan.pk, "quarter": Q2.slug})


# A task that cannot be queued ----------------------------------------------------------------------

@pytest.mark.django_db(transaction=True)  # on-commit runs as in production: when the request's write commits
def test_with_the_broker_down_a_report_fails_at_once_says_why_and_can_be_retried(client_for, editor, viewer, org,
                                                                                history_plan, broker_down):
    client = client_for(editor)
    with broker_down():
        response = create(client, org, history_plan)
    report = Report.objects.get()
    assert (report.status, report.failure_reason) == (ReportStatus.FAILED, BROKER_DOWN)
    assert report.finished_at is not None and report.attempts == 0
    assert AuditEvent.objects.filter(verb="report.not_queued", object_id=str(report.pk)).exists()
    html = page(client, response)
    assert "Your report for 2022/23 Q2 could not be started." in html and BROKER_DOWN in html
    assert "Try again" in html and "Try again" not in own_client(viewer).get(response["Location"]).content.decode()
    # At once, not after REPORT_RUNNING_TIMEOUT: trying again while the broker is still down says so again.
    with broker_down():
        retried = client.post(reverse("reports:report-retry", args=[org.slug, report.pk]))
    assert "The report could not be started again." in page(client, retried)
    report.refresh_from_db()
    assert (report.status, report.failure_reason) == (ReportStatus.FAILED, BROKER_DOWN)
    # The broker is back (tasks run in-process here): the same report is made.
    retried = client.post(reverse("reports:report-retry", args=[org.slug, report.pk]))
    assert "The report is being made again." in page(client, retried)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.failure_reason == "" and Report.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_beat_with_the_broker_down_fails_the_scheduled_reports_and_queues_them_the_next_day(org, history_plan,
                                                                                          broker_down):
    services.recipient_add(organisation=org, actor=None, name="Chair", email="chair@example.org")
    with broker_down():
        [report] = services.reports_schedule_due(today=AFTER_Q2)
    assert (report.kind, report.status, report.failure_reason) == (ReportKind.SCHEDULED, ReportStatus.FAILED,
                                                                   BROKER_DOWN)
    assert mail.outbox == []
    # The next day the broker is back: beat queues the same report again; it is made and emailed once.
    [again] = services.reports_schedule_due(today=date(2022, 10, 4))
    assert again.pk == report.pk
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.emailed_at is not None
    assert len(mail.outbox) == 1 and Report.objects.count() == 1
    assert services.reports_schedule_due(today=date(2022, 10, 5)) == []


# Asking twice --------------------------------------------------------------------------------------

def test_a_second_request_while_one_is_being_made_makes_nothing_and_says_so(client_for, editor, org, history_plan):
    client = client_for(editor)
    first = create(client, org, history_plan)  # queued: its task runs when the test's transaction commits (never)
    second = create(client, org, history_plan)
    report = Report.objects.get()
    assert first["Location"] == second["Location"] == reverse("reports:report-detail", args=[org.slug, report.pk])
    assert "is already being made. Nothing new was asked for" in page(client, second)
    # Running is the same. A report whose worker died does not block a new one, nor does one that is done.
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.RUNNING, started_at=report.created_at)
    assert create(client, org, history_plan)["Location"] == first["Location"]
    services.reports_mark_lost(now=report.created_at.replace(year=report.created_at.year + 1))
    create(client, org, history_plan)
    assert Report.objects.count() == 2
    # One that is done is made again only when the editor confirms it, on a page of its own.
    Report.objects.update(status=ReportStatus.DONE)
    current = Report.objects.get(superseded_at__isnull=True)
    assert create(client, org, history_plan)["Location"] == reverse("reports:report-remake", args=[org.slug, current.pk])
    assert Report.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_simultaneous_requests_for_the_same_report_make_one(editor, org, history_plan,
                                                            broker_without_worker):
    clients = [own_client(editor) for _ in range(6)]
    barrier = threading.Barrier(len(clients))
    responses, errors = [], []

    def submit(each):
        try:
            barrier.wait(timeout=30)
            responses.append(create(each, org, history_plan))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(each,)) for each in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == [] and len(responses) == len(clients)
    report = Report.objects.get()  # one, queued on the broker nobody reads
    assert report.status == ReportStatus.QUEUED
    assert {r.status_code for r in responses} == {302}
    assert {r["Location"] for r in responses} == {reverse("reports:report-detail", args=[org.slug, report.pk])}


# The report's email --------------------------------------------------------------------------------

def test_a_title_with_a_line_break_is_emailed_with_a_one_line_subject(org, history_plan,
                                                                      django_capture_on_commit_callbacks):
    Plan.objects.filter(pk=history_plan.pk).update(title="Children's Services\r\nEDI plan\n")
    services.recipient_add(organisation=org, actor=None, name="Chair", email="chair@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        [report] = services.reports_schedule_due(today=AFTER_Q2)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.email_failure == "" and report.emailed_at is not None
    [message] = mail.outbox
    assert message.subject == "Highlight report 2022/23 Q2: Children's Services EDI plan"
    assert "\n" not in message.message()["Subject"]
    assert SentEmail.objects.get(report=report).subject == message.subject


def test_an_email_that_cannot_go_is_recorded_shown_and_sent_again(org, history_plan, settings, client_for, editor,
                                                                  viewer, django_capture_on_commit_callbacks):
    services.recipient_add(organisation=org, actor=None, name="Chair", email="chair@example.org")
    # A real SMTP backend, with no mail server listening.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 5
    with django_capture_on_commit_callbacks(execute=True):
        [report] = services.reports_schedule_due(today=AFTER_Q2)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE  # the report is made; its email is what failed
    assert report.emailed_at is None and report.email_tried_at is not None
    assert report.email_failure.startswith("It could not be emailed to chair@example.org (ConnectionRefusedError")
    assert not SentEmail.objects.exists()
    assert AuditEvent.objects.filter(verb="report.email_failed", object_id=str(report.pk)).exists()
    # The list and the page say so; an editor can send it again, a viewer cannot.
    listing = own_client(viewer).get(reverse("reports:report-list", args=[org.slug])).content.decode()
    assert "Not sent" in listing and "ConnectionRefusedError" in listing
    detail_url = reverse("reports:report-detail", args=[org.slug, report.pk])
    assert "Send the email again" not in own_client(viewer).get(detail_url).content.decode()
    client = client_for(editor)
    html = unescape(client.get(detail_url).content.decode())
    assert "Not emailed to every recipient" in html and report.email_failure in html
    assert "Send the email again" in html
    resend_url = reverse("reports:report-email-resend", args=[org.slug, report.pk])
    assert own_client(viewer).post(resend_url).status_code == 403
    # The mail server is back.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend_url)
    report.refresh_from_db()
    assert report.emailed_at is not None and report.email_failure == ""
    assert [m.to for m in mail.outbox] == [["chair@example.org"]]
    html = page(client, response)
    assert "Emailed to the report recipients on" in html and "Send the email again" not in html
    # Sending again once it went to everyone is refused, and sends nothing.
    assert "already emailed to every recipient" in page(client, client.post(resend_url))
    assert len(mail.outbox) == 1 and SentEmail.objects.filter(report=report).count() == 1


def test_a_report_with_no_recipients_records_why_and_goes_once_one_is_added(org, history_plan, editor, client_for,
                                                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [report] = services.reports_schedule_due(today=AFTER_Q2)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.email_failure == services.NO_RECIPIENTS
    services.recipient_add(organisation=org, actor=None, name="Chair", email="chair@example.org")
    services.recipient_add(organisation=org, actor=None, name="Vice-chair", email="vice@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.report_email_resend(report=report, actor=editor)
    report.refresh_from_db()
    assert report.emailed_at is not None and report.email_failure == ""
    assert sorted(m.to[0] for m in mail.outbox) == ["chair@example.org", "vice@example.org"]


@pytest.mark.django_db(transaction=True)
def test_sending_again_with_the_broker_down_records_why(org, history_plan, editor, broker_down):
    [report] = services.reports_schedule_due(today=AFTER_Q2)  # made in-process; no recipients yet
    services.recipient_add(organisation=org, actor=None, name="Chair", email="chair@example.org")
    with broker_down():
        report = services.report_email_resend(report=report, actor=editor)
    assert report.email_failure == f"It was not emailed. {BROKER_DOWN}" and report.email_state == "not_sent"
    assert mail.outbox == []
    services.report_email_resend(report=report, actor=editor)
    report.refresh_from_db()
    assert report.email_state == "sent" and len(mail.outbox) == 1


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough SMTP for Django's backend: it accepts every recipient but the refused ones."""

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 localhost test SMTP")
        while line := self.rfile.readline().decode(errors="replace"):
            verb = line[:4].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 localhost")
            elif verb == "RCPT" and any(addr in line for addr in self.server.refused):
                self.reply("550 No such mailbox here")
            elif verb == "DATA":
                self.reply("354 Go on")
                body = []
                while (data := self.rfile.readline()) not in (b".\r\n", b""):
                    body.append(data)
                self.server.delivered.append(b"".join(body))
                self.reply("250 Delivered")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                self.reply("250 OK")


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback, and Django's real SMTP backend pointed at it."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.daemon_threads = True
    server.refused, server.delivered = set(), []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.server_address[1], 10
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    yield server
    server.shutdown()
    server.server_close()


def test_an_email_refused_for_one_recipient_is_recorded_and_sent_again_only_to_them(
        org, history_plan, editor, smtp_server, django_capture_on_commit_callbacks):
    services.recipient_add(organisation=org, actor=None, name="Chair", email="chair@example.org")
    services.recipient_add(organisation=org, actor=None, name="Vice-chair", email="vice@example.org")
    smtp_server.refused.add("vice@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        [report] = services.reports_schedule_due(today=AFTER_Q2)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.emailed_at is None
    assert report.email_failure.startswith("It could not be emailed to vice@example.org (SMTPRecipientsRefused")
    assert report.email_failure.endswith("The other recipients have it.")
    assert list(SentEmail.objects.filter(report=report).values_list("to", flat=True)) == ["chair@example.org"]
    assert len(smtp_server.delivered) == 1
    # The mailbox is fixed: sending again goes to the vice-chair only; the chair does not get it twice.
    smtp_server.refused.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.report_email_resend(report=report, actor=editor)
    report.refresh_from_db()
    assert report.emailed_at is not None and report.email_failure == ""
    assert sorted(SentEmail.objects.filter(report=report).values_list("to", flat=True)) == [
        "chair@example.org", "vice@example.org"]
    assert len(smtp_server.delivered) == 2 and b"To: vice@example.org" in smtp_server.delivered[1]
