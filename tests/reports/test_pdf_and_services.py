"""A report made through the services (tasks run in-process here), its PDF read back with pypdf."""

import hashlib
import io
import re
import time
from datetime import date, timedelta

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from plans import services as plan_services
from reports import selectors, services
from reports.models import Report, ReportKind, ReportRecipient, ReportStatus, SentEmail

from .conftest import Q2


@pytest.fixture
def made(history_plan, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(plan=history_plan, quarter=Q2, requested_by=editor)
    report.refresh_from_db()
    return report


def read(report) -> PdfReader:
    with report.pdf.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def test_report_is_made_and_recorded(made, editor):
    assert made.status == ReportStatus.DONE, made.failure_reason
    assert made.requested_by == editor and made.attempts == 1
    assert made.started_at and made.finished_at and made.finished_at >= made.started_at
    with made.pdf.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == made.sha256
    assert made.snapshot["quarter"]["label"] == "2022/23 Q2" and made.snapshot["total"] == 5


def test_pdf_reads_back_tagged_with_language_title_and_the_exceptions(made):
    pdf = read(made)
    assert len(pdf.pages) == made.pages >= 3  # no section is forced onto a page of its own
    root = pdf.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert pdf.metadata.title == "Highlight report 2022/23 Q2: Children's Services EDI plan"
    text = "\n".join(page.extract_text() for page in pdf.pages)
    flat = re.sub(r"\s+", " ", text)
    assert "Still no budget for the traineeships." in flat and "Bid to the workforce fund" in flat
    assert "Recruitment of mentors paused." in flat
    assert "Scheme cancelled." not in flat  # written in November, after the quarter
    assert "Contents" in flat and "Appendix: every action" in flat


# A4 and the report's @page margins (22 mm top, 20 mm bottom), in points from the foot of the page.
BODY_TOP, BODY_BOTTOM = 841.89 - 22 / 25.4 * 72, 20 / 25.4 * 72


def lines_at(page) -> list[tuple[str, float]]:
    """The page's lines of text with their heights (points from the foot of the page)."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            found.append((text.strip(), tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return found


def test_every_page_names_the_organisation_plan_quarter_time_and_page(made):
    pdf = read(made)
    total = len(pdf.pages)
    generated = timezone.localtime(made.started_at).strftime("%-d %B %Y, %H:%M")
    head, foot = "Demo Borough Council · Children's Services EDI plan · 2022/23 Q2", f"Generated {generated}"
    for number, page in enumerate(pdf.pages, start=1):
        text = re.sub(r"\s+", " ", page.extract_text())
        assert head in text, number
        assert foot in text and f"Page {number} of {total}" in text
        # Once a page, in the margins: the running head and foot are not also printed in the body (they were,
        # on page 1, when they were copied to the margins from paragraphs left in the flow).
        lines = lines_at(page)
        assert [y > BODY_TOP for line, y in lines if head in line] == [True], (number, lines[:6])
        assert [y < BODY_BOTTOM for line, y in lines if line.startswith(foot)] == [True], (number, lines[-6:])


def test_a_section_heading_is_on_the_page_of_its_chart(made):
    """The chart of section 1 is drawn under its heading on the same page: neither a heading over an empty
    half page with the chart on the next (as the first page had), nor a chart without its heading."""
    pages = [[line for line, y in lines_at(page)] for page in read(made).pages]
    for heading in ("1. Summary by status", "2. Status by theme"):
        # Its last appearance: the first is in the contents.
        page = [lines for lines in pages if heading in lines][-1]
        after = page[len(page) - page[::-1].index(heading):]
        assert "Number of actions" in after, (heading, after[:20])  # the chart's axis title, under the heading


def test_the_structure_tree_has_headings_tables_and_figures(made):
    pdf = read(made)
    kinds = set()

    def walk(node, depth=0):
        node = node.get_object()
        if "/S" in node:
            kinds.add(str(node["/S"]))
        kids = node.get("/K")
        if kids is None or depth > 40:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                walk(kid, depth + 1)

    walk(pdf.trailer["/Root"]["/StructTreeRoot"])
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/Figure"} <= kinds


def test_a_done_report_never_changes(made, history_plan, lead):
    before = (made.sha256, made.snapshot, made.pdf.name)
    action = history_plan.actions.get(reference="A3")
    plan_services.progress_update_record(action=action, author=lead, status="red", commentary="Late.",
                                         at=timezone.make_aware(timezone.datetime(2022, 9, 29, 12)))
    again = services.report_generate(report_id=made.pk)  # the same task run twice
    again.refresh_from_db()
    assert (again.sha256, again.snapshot, again.pdf.name) == before and again.attempts == 1
    assert Report.objects.count() == 1


def test_a_failure_is_recorded_with_its_reason_and_can_be_retried(history_plan, editor, settings, tmp_path,
                                                                  django_capture_on_commit_callbacks):
    # A real failure: the media folder cannot be created because a file stands where its parent should be.
    (tmp_path / "not-a-folder").write_text("x")
    good_root, settings.MEDIA_ROOT = settings.MEDIA_ROOT, str(tmp_path / "not-a-folder" / "media")
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(plan=history_plan, quarter=Q2, requested_by=editor)
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED
    assert report.failure_reason.startswith("The report could not be made: NotADirectoryError")
    assert not report.pdf and report.snapshot is None and report.finished_at
    settings.MEDIA_ROOT = good_root
    with django_capture_on_commit_callbacks(execute=True):
        services.report_retry(report=report, actor=editor)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.attempts == 2 and report.failure_reason == ""
    assert Report.objects.count() == 1


def test_retry_is_refused_for_a_done_report_and_one_still_running(made, editor, history_plan):
    with pytest.raises(ValidationError, match="already made"):
        services.report_retry(report=made, actor=editor)
    running = Report.objects.create(organisation=made.organisation, plan=history_plan, quarter_year=2022,
                                    quarter_number=3, status=ReportStatus.RUNNING, started_at=timezone.now())
    with pytest.raises(ValidationError, match="still being made"):
        services.report_retry(report=running, actor=editor)
    running.refresh_from_db()
    assert running.status == ReportStatus.RUNNING


def test_a_report_running_too_long_is_lost_marked_failed_and_retryable(history_plan, editor, settings,
                                                                      django_capture_on_commit_callbacks):
    settings.REPORT_RUNNING_TIMEOUT = 60
    report = Report.objects.create(organisation=history_plan.organisation, plan=history_plan, quarter_year=2022,
                                   quarter_number=2, status=ReportStatus.RUNNING, attempts=1,
                                   started_at=timezone.now() - timedelta(seconds=61))
    assert services.reports_mark_lost() == 1
    report.refresh_from_db()
    assert report.status == ReportStatus.FAILED and "stopped before it finished" in report.failure_reason
    with django_capture_on_commit_callbacks(execute=True):
        services.report_retry(report=report, actor=editor)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.attempts == 2


def test_a_quarter_that_has_not_started_is_refused(history_plan, editor):
    future = Q2.__class__.containing(timezone.localdate()).next()
    with pytest.raises(ValidationError, match="has not started yet"):
        services.report_request(plan=history_plan, quarter=future, requested_by=editor)
    assert Report.objects.count() == 0


# Schedule and email ------------------------------------------------------------------------------

def test_scheduled_reports_are_made_once_per_plan_and_quarter_and_emailed(history_plan, org, editor, other_org,
                                                                          django_capture_on_commit_callbacks):
    services.recipient_add(organisation=org, actor=None, name="Chair of the EDI board", email="chair@example.org")
    paused = services.recipient_add(organisation=org, actor=None, name="Old member", email="old@example.org")
    services.recipient_set_active(recipient=paused, actor=None, active=False)
    plan_services.plan_create(organisation=org, actor=editor, title="Draft plan", status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        made = services.reports_schedule_due(today=date(2022, 10, 3))  # Q2 ended on 30 September
    assert [r.plan for r in made] == [history_plan]  # the draft plan gets none
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reports_schedule_due(today=date(2022, 10, 4)) == []  # the next day: nothing more
    report = Report.objects.get()
    assert (report.kind, report.status, report.quarter.label) == (ReportKind.SCHEDULED, ReportStatus.DONE, "2022/23 Q2")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["chair@example.org"]
    assert message.subject == "Highlight report 2022/23 Q2: Children's Services EDI plan"
    name, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF") and name.endswith(".pdf")
    assert "Red: 1 (+1 since the end of 2022/23 Q1)" in message.body
    assert SentEmail.objects.filter(kind="report", to="chair@example.org", report=report).count() == 1
    # Sending again (a task run twice) sends nothing more.
    assert services.report_email_send(report=report) == 0 and len(mail.outbox) == 1


def test_a_report_too_large_to_attach_is_emailed_as_a_signed_link_that_expires(made, org, settings, client):
    chair = services.recipient_add(organisation=org, actor=None, name="Chair of the EDI board", email="chair@example.org")
    settings.REPORT_ATTACHMENT_MAX_BYTES = made.pdf.size - 1  # one byte too large
    settings.REPORT_LINK_MAX_AGE_DAYS = 14
    assert services.report_email_send(report=made) == 1
    message = mail.outbox[0]
    assert message.attachments == []
    link = re.search(r"http://\S+/reports/link/(\S+)/", message.body)
    assert link and "works for 14 days" in message.body
    path = link.group(0).removeprefix(settings.SITE_URL)
    # The recipient needs no account: the link alone gives the PDF.
    response = client.get(path)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # A tampered link is refused.
    assert client.get(path.replace("/link/", "/link/x")).status_code == 404
    assert client.get(path[:-3] + "AA/").status_code == 404
    # After the recipient is paused the link stops working; once active again it works again.
    services.recipient_set_active(recipient=chair, actor=None, active=False)
    assert client.get(path).status_code == 404
    services.recipient_set_active(recipient=chair, actor=None, active=True)
    assert client.get(path).status_code == 200
    # The same link signed fifteen days ago has expired, and the page says so.
    class FifteenDaysAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 15 * 24 * 3600)

    value = signing.TimestampSigner(salt=selectors.LINK_SALT).unsign(link.group(1))
    old = FifteenDaysAgo(salt=selectors.LINK_SALT).sign(value)
    response = client.get(reverse("report-link", args=[old]))
    assert response.status_code == 410
    assert "This link has expired" in response.content.decode()


def test_the_beat_schedule_runs_the_daily_tasks():
    from edi_tracker.celery import app

    schedule = app.conf.beat_schedule
    assert schedule["reports-schedule-due"]["task"] == "reports.schedule_due"
    assert schedule["reports-send-reminders"]["task"] == "reports.send_reminders"
    for entry in ("reports-schedule-due", "reports-send-reminders"):
        cron = schedule[entry]["schedule"]
        assert cron.day_of_month == set(range(1, 32)) and len(cron.hour) == 1  # every day, once
        assert schedule[entry]["task"] in app.tasks


# Recipients --------------------------------------------------------------------------------------

def test_recipient_bad_input_is_refused_with_a_message(org):
    services.recipient_add(organisation=org, actor=None, name="Chair", email="Chair@Example.org")
    with pytest.raises(ValidationError) as error:
        services.recipient_add(organisation=org, actor=None, name=" ", email="not-an-address")
    assert error.value.message_dict == {
        "name": ["Enter the recipient's name or role title, such as Chair of the EDI board."],
        "email": ["Enter an email address in the right format, like name@example.org."],
    }
    with pytest.raises(ValidationError, match="already receives"):
        services.recipient_add(organisation=org, actor=None, name="Chair again", email="chair@example.org")
    assert ReportRecipient.objects.count() == 1


# Reminders ---------------------------------------------------------------------------------------

def test_reminders_go_once_to_leads_of_stale_actions_two_weeks_before_the_quarter_closes(org, editor, lead):
    plan = plan_services.plan_create(organisation=org, actor=editor, title="Plan", status="active")
    make = plan_services.action_create
    stale1 = make(plan=plan, actor=editor, reference="S1", title="Stale one", lead_user=lead)
    stale2 = make(plan=plan, actor=editor, reference="S2", title="Stale two", lead_user=lead)
    fresh = make(plan=plan, actor=editor, reference="F1", title="Fresh", lead_user=lead)
    done = make(plan=plan, actor=editor, reference="C1", title="Done", lead_user=editor)
    at = lambda day: timezone.make_aware(timezone.datetime.fromisoformat(day))  # noqa: E731
    plan_services.progress_update_record(action=stale1, author=lead, status="green", at=at("2022-06-20 10:00"))
    plan_services.progress_update_record(action=fresh, author=lead, status="green", at=at("2022-08-01 10:00"))
    plan_services.progress_update_record(action=done, author=editor, status="complete", at=at("2022-06-01 10:00"))
    # Q2 closes on 30 September: 14 days before is 16 September.
    assert services.reminders_send(today=date(2022, 9, 15)) == 0
    assert services.reminders_send(today=date(2022, 9, 16)) == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [lead.email]
    assert mail.outbox[0].subject == "Please update 2 actions before 30 September 2022"
    body = mail.outbox[0].body
    assert "S1: Stale one" in body and "S2: Stale two" in body and "Fresh" not in body and "Done" not in body
    assert f"/o/{org.slug}/actions/{stale2.pk}/" in body
    assert services.reminders_send(today=date(2022, 9, 17)) == 0  # once per quarter
    assert len(mail.outbox) == 1
