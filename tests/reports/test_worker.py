"""With a real Redis and a real Celery worker in another process (make test provides both)."""

from pathlib import Path

import pytest
from django.utils import timezone

from reports import services
from reports.models import Report, ReportStatus, SentEmail
from reports.tasks import report_generate_task

from .conftest import Q2, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def status_of(report_id):
    return Report.objects.get(pk=report_id).status


def test_a_report_is_queued_made_by_the_worker_and_emailed(start_worker, history_plan, org, editor, media_root):
    services.recipient_add(organisation=org, actor=None, name="Chair of the EDI board", email="chair@example.org")
    worker = start_worker()
    # As beat would: the quarter that ended before 3 October 2022 is Q2. Queued when the transaction commits.
    [report] = services.reports_schedule_due(today=timezone.datetime(2022, 10, 3).date())
    wait_for(lambda: status_of(report.pk) == ReportStatus.DONE, what="the report", log=worker.log)
    report.refresh_from_db()
    assert report.attempts == 1 and report.pages >= 3
    # The report records its email once the message has been written (the file exists a moment before).
    wait_for(lambda: Report.objects.get(pk=report.pk).emailed_at is not None, what="the email", log=worker.log)
    [mail_file] = list(start_worker.mail_dir.iterdir())
    message = mail_file.read_text()
    assert "To: chair@example.org" in message
    assert "Subject: Highlight report 2022/23 Q2: Children's Services EDI plan" in message
    assert "Content-Type: application/pdf" in message
    assert SentEmail.objects.filter(report=report, to="chair@example.org").count() == 1
    # The same task sent twice more does nothing: still one report, one PDF, one email.
    report_generate_task.delay(report.pk)
    report_generate_task.delay(report.pk)
    wait_for(lambda: worker.log.read_text().count("succeeded") >= 3, what="the repeated tasks", log=worker.log)
    report.refresh_from_db()
    assert report.attempts == 1 and Report.objects.count() == 1
    assert len(list(Path(media_root).rglob("*.pdf"))) == 1 and len(list(start_worker.mail_dir.iterdir())) == 1


def test_a_worker_killed_during_a_report_leaves_a_record_that_can_be_retried(start_worker, history_plan, editor,
                                                                             settings, media_root):
    slow = start_worker(EDI_REPORT_TEST_DELAY_SECONDS=60)
    report = services.report_request(plan=history_plan, quarter=Q2, requested_by=editor)
    wait_for(lambda: status_of(report.pk) == ReportStatus.RUNNING, what="the report to start", log=slow.log)
    slow.kill()
    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING and report.attempts == 1 and not report.pdf
    # Within the time a report may take, a retry is refused: another worker might still be making it.
    with pytest.raises(Exception, match="still being made"):
        services.report_retry(report=report, actor=editor)
    settings.REPORT_RUNNING_TIMEOUT = 1
    wait_for(lambda: services.report_is_lost(Report.objects.get(pk=report.pk)), what="the report to be lost")
    services.report_retry(report=report, actor=editor)
    fresh = start_worker()
    wait_for(lambda: status_of(report.pk) == ReportStatus.DONE, what="the retried report", log=fresh.log)
    report.refresh_from_db()
    assert report.attempts == 2 and report.failure_reason == ""
    assert Report.objects.count() == 1 and len(list(Path(media_root).rglob("*.pdf"))) == 1


def test_a_report_the_broker_could_not_take_is_failed_at_once_and_made_when_retried(start_worker, broker_down,
                                                                                    history_plan, editor):
    worker = start_worker()
    with broker_down():
        report = services.report_request(plan=history_plan, quarter=Q2, requested_by=editor)
    assert report.status == ReportStatus.FAILED and "could not be reached" in report.failure_reason
    # Retried at once (no waiting for REPORT_RUNNING_TIMEOUT), through the real broker, by the real worker.
    assert services.report_retry(report=report, actor=editor).status in (ReportStatus.QUEUED, ReportStatus.RUNNING,
                                                                          ReportStatus.DONE)
    wait_for(lambda: status_of(report.pk) == ReportStatus.DONE, what="the retried report", log=worker.log)
    report.refresh_from_db()
    assert report.attempts == 1 and report.failure_reason == "" and Report.objects.count() == 1
