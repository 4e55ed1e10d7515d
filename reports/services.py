"""Every state change of reports, recipients and reminders goes through here.

A report is asked for (queued), made by a Celery task (running, then done or failed with its reason) and
never changes after it is done. `report_generate` is safe to run twice: a done report is left alone, a
report another live worker is making is left alone, and a report whose worker died (running for longer
than REPORT_RUNNING_TIMEOUT) can be retried and is then made once.
"""

import hashlib
import logging
import time
from datetime import date, timedelta
from functools import partial

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from edi_tracker.models import Organisation, User
from edi_tracker.quarters import FinancialQuarter
from edi_tracker.queueing import BROKER_DOWN, enqueue
from edi_tracker.services import audit_record
from plans.models import Action, Plan, PlanStatus, ProgressUpdate, Status

from . import selectors
from .models import ReminderSent, Report, ReportKind, ReportRecipient, ReportStatus, SentEmail
from .pdf import render_pdf, report_title

logger = logging.getLogger(__name__)

REMINDER_DAYS_BEFORE_QUARTER_END = 14


# Reports ---------------------------------------------------------------------------------------

class ReportExists(Exception):
    """The plan and quarter's report is already made: making it again needs the editor to confirm it
    (reports/report_confirm_remake.html), and the one there is is then kept as superseded."""

    def __init__(self, report: Report):
        super().__init__(f"The highlight report for {report.quarter.label} of “{report.plan}” is already made.")
        self.report = report


class ReportInProgress(Exception):
    """A report of the same plan and quarter is already queued or being made: nothing new was asked for."""

    def __init__(self, report: Report):
        super().__init__(f"A highlight report for {report.quarter.label} of “{report.plan}” is already being made.")
        self.report = report


def _queue(report: Report) -> None:
    """Queue the report's task when the transaction commits; a broker that cannot take it fails the report."""
    from .tasks import report_generate_task

    enqueue(report_generate_task, report.pk, on_failure=partial(report_mark_not_queued, report_id=report.pk))


def report_mark_not_queued(reason: str, *, report_id: int) -> Report | None:
    """The report's task could not be queued: the report is failed with the reason, at once, and can be retried."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().select_related("plan", "organisation").filter(pk=report_id).first()
        if locked is None or locked.status != ReportStatus.QUEUED:
            return locked
        locked.status = ReportStatus.FAILED
        locked.failure_reason = reason[:2000]
        locked.finished_at = timezone.now()
        locked.save(update_fields=["status", "failure_reason", "finished_at"])
        audit_record(organisation=locked.organisation, actor=None, verb="report.not_queued", obj=locked,
                     summary=f"Highlight report {locked.quarter.label} of “{locked.plan}” could not be queued")
    return locked


def report_request(*, plan: Plan, quarter: FinancialQuarter, requested_by: User | None,
                   kind: str = ReportKind.ON_DEMAND, send_email: bool = False, queue: bool = True,
                   remake: Report | None = None) -> Report:
    """Ask for a report; it is made by a task queued when the transaction commits (unless `queue` is False,
    for a caller that makes it in its own process).

    A plan and quarter has one current report:
    - while it is queued or being made (and not lost), asking again raises ReportInProgress, which carries it;
    - once it is made, asking again raises ReportExists, unless the editor confirmed making it again by
      passing it as `remake`: then it is kept, marked superseded by the new one;
    - a failed or lost one is superseded by the new one without asking (nothing is lost).
    The schedule makes its report once per plan and quarter: it returns (and emails) a report made after the
    quarter ended, or one being made, and supersedes one made before the quarter ended (partial).
    If the broker cannot take the task, the report returned is already failed, with the reason, and can be
    retried at once.
    """
    if quarter.start > timezone.localdate():
        raise ValidationError({"quarter": f"{quarter.label} has not started yet: choose a quarter that has."})
    email_existing = None
    try:
        with transaction.atomic():
            # Two requests at once wait for each other here, so the second sees the first's report.
            Plan.objects.select_for_update().filter(pk=plan.pk).first()
            current = (Report.objects.select_for_update().select_related("plan", "organisation")
                       .filter(plan=plan, quarter_year=quarter.year, quarter_number=quarter.number,
                               superseded_at__isnull=True).first())
            busy = current is not None and current.status in (ReportStatus.QUEUED, ReportStatus.RUNNING) \
                and not report_is_lost(current)
            if current is not None and kind == ReportKind.SCHEDULED:
                if current.kind == ReportKind.SCHEDULED or busy or (
                        current.status == ReportStatus.DONE and not current.is_partial):
                    # The quarter's report is made (or being made): the recipients get that one, if they are to.
                    if send_email and not current.send_email:
                        current.send_email = True
                        current.save(update_fields=["send_email"])
                        if current.status == ReportStatus.DONE and current.emailed_at is None:
                            email_existing = current
                    return current
            elif current is not None:
                if busy:
                    raise ReportInProgress(current)
                if current.status == ReportStatus.DONE and (remake is None or remake.pk != current.pk):
                    raise ReportExists(current)
            if current is not None:
                current.superseded_at = timezone.now()
                current.save(update_fields=["superseded_at"])
            report = Report.objects.create(
                organisation=plan.organisation, plan=plan, quarter_year=quarter.year, quarter_number=quarter.number,
                kind=kind, requested_by=requested_by, send_email=send_email,
            )
            if current is not None:
                current.superseded_by = report
                current.save(update_fields=["superseded_by"])
                audit_record(organisation=plan.organisation, actor=requested_by, verb="report.superseded", obj=current,
                             summary=f"Highlight report {quarter.label} of “{plan}” made again: the report asked for "
                                     f"on {timezone.localtime(current.created_at):%-d %B %Y} is kept as superseded")
            audit_record(organisation=plan.organisation, actor=requested_by, verb="report.requested", obj=report,
                         summary=f"Highlight report {quarter.label} of “{plan}” asked for")
            if queue:
                _queue(report)
    except IntegrityError:
        # Two schedulers raced: the other one made it.
        return Report.objects.get(plan=plan, quarter_year=quarter.year, quarter_number=quarter.number,
                                  superseded_at__isnull=True)
    finally:
        if email_existing is not None:
            report_email_send(report=email_existing)
    report.refresh_from_db()  # failed already when the broker could not take its task
    return report


def report_is_lost(report: Report, now=None) -> bool:
    """Running (or queued) for longer than any real report takes: its worker or its message was lost."""
    now = now or timezone.now()
    limit = timedelta(seconds=settings.REPORT_RUNNING_TIMEOUT)
    if report.status == ReportStatus.RUNNING:
        return report.started_at is None or now - report.started_at > limit
    if report.status == ReportStatus.QUEUED:
        return now - report.created_at > limit
    return False


def _claim(report_id: int) -> tuple[Report, int] | None:
    """Mark the report running for this attempt, or None when there is nothing to do."""
    with transaction.atomic():
        report = Report.objects.select_for_update().select_related("plan", "organisation").filter(pk=report_id).first()
        if report is None or report.status in (ReportStatus.DONE, ReportStatus.FAILED):
            return None
        if report.status == ReportStatus.RUNNING and not report_is_lost(report):
            return None  # another worker is making it now
        report.status = ReportStatus.RUNNING
        report.started_at = timezone.now()
        report.attempts += 1
        report.failure_reason = ""
        report.save(update_fields=["status", "started_at", "attempts", "failure_reason"])
        return report, report.attempts


def report_generate(*, report_id: int) -> Report | None:
    """Make the report's snapshot and PDF. Safe to run twice, and after a worker died."""
    claimed = _claim(report_id)
    if claimed is None:
        return Report.objects.filter(pk=report_id).first()
    report, attempt = claimed
    try:
        picture = selectors.plan_picture(report.plan, report.quarter)
        if settings.REPORT_TEST_DELAY_SECONDS:
            time.sleep(settings.REPORT_TEST_DELAY_SECONDS)  # only for the worker-killed test
        rendered = render_pdf(picture, report.started_at)
        with transaction.atomic():
            locked = Report.objects.select_for_update().get(pk=report_id)
            if locked.status != ReportStatus.RUNNING or locked.attempts != attempt:
                return locked  # a later attempt owns the report now
            locked.snapshot = picture
            locked.sha256 = hashlib.sha256(rendered.content).hexdigest()
            locked.pages = rendered.pages
            locked.pdf.save(locked.filename, ContentFile(rendered.content), save=False)
            locked.status = ReportStatus.DONE
            locked.finished_at = timezone.now()
            locked.save(update_fields=["snapshot", "sha256", "pages", "pdf", "status", "finished_at"])
            audit_record(organisation=locked.organisation, actor=None, verb="report.made", obj=locked,
                         summary=f"Highlight report {locked.quarter.label} of “{locked.plan}” made ({rendered.pages} pages)")
    except Exception as error:  # noqa: BLE001 - any failure is recorded with its reason
        logger.exception("Report %s failed", report_id)
        return _finish_failed(report_id, attempt, f"The report could not be made: {type(error).__name__}: {error}")
    if locked.send_email:
        report_email_send(report=locked)
    return locked


def _finish_failed(report_id: int, attempt: int, reason: str) -> Report:
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report_id)
        if locked.status == ReportStatus.RUNNING and locked.attempts == attempt:
            locked.status = ReportStatus.FAILED
            locked.failure_reason = reason[:2000]
            locked.finished_at = timezone.now()
            locked.save(update_fields=["status", "failure_reason", "finished_at"])
            audit_record(organisation=locked.organisation, actor=None, verb="report.failed", obj=locked,
                         summary=f"Highlight report {locked.quarter.label} of “{locked.plan}” failed")
    return locked


def report_retry(*, report: Report, actor: User | None) -> Report:
    """Queue a failed (or lost) report again. A report that is done or still being made is refused.

    Returns the report as it is once the task was handed over: failed again, with the reason, if the broker
    still cannot take it."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().select_related("plan", "organisation").get(pk=report.pk)
        if locked.superseded_at is not None:
            raise ValidationError("This report was superseded by a newer one of the same plan and quarter: "
                                  "open that one instead.")
        if locked.status == ReportStatus.DONE:
            raise ValidationError("This report is already made: download it, or ask for a new one.")
        if locked.status in (ReportStatus.RUNNING, ReportStatus.QUEUED) and not report_is_lost(locked):
            raise ValidationError("This report is still being made: wait for it to finish or fail before trying again.")
        reason = locked.failure_reason or f"It was {locked.get_status_display().lower()} for too long."
        locked.status = ReportStatus.QUEUED
        locked.failure_reason = ""
        locked.started_at = None
        locked.finished_at = None
        locked.save(update_fields=["status", "failure_reason", "started_at", "finished_at"])
        audit_record(organisation=locked.organisation, actor=actor, verb="report.retried", obj=locked,
                     summary=f"Highlight report {locked.quarter.label} of “{locked.plan}” tried again",
                     changes={"previous_failure": reason[:300]})
        _queue(locked)
    locked.refresh_from_db()
    return locked


def reports_mark_lost(*, now=None) -> int:
    """Mark failed, with the reason, reports whose worker died while making them."""
    now = now or timezone.now()
    count = 0
    for report in Report.objects.filter(status__in=[ReportStatus.RUNNING, ReportStatus.QUEUED]):
        if report_is_lost(report, now):
            with transaction.atomic():
                locked = Report.objects.select_for_update().get(pk=report.pk)
                if report_is_lost(locked, now):
                    locked.status = ReportStatus.FAILED
                    locked.failure_reason = ("The worker making this report stopped before it finished "
                                             "(it was restarted or ran out of memory). Try again.")
                    locked.finished_at = now
                    locked.save(update_fields=["status", "failure_reason", "finished_at"])
                    count += 1
    return count


def reports_schedule_due(*, today: date | None = None) -> list[Report]:
    """For the quarter that ended last, ask for every active plan's scheduled report not yet asked for, and
    queue again those whose task the broker could not take last time.

    Run daily by beat: a day missed (the beat or the broker was down) is caught up the next day.
    """
    today = today or timezone.localdate()
    quarter = FinancialQuarter.containing(today).previous()
    this_quarter = Report.objects.filter(kind=ReportKind.SCHEDULED, quarter_year=quarter.year,
                                         quarter_number=quarter.number)
    made = set(this_quarter.values_list("plan_id", flat=True))
    requested = []
    for report in this_quarter.filter(status=ReportStatus.FAILED, failure_reason=BROKER_DOWN, superseded_at__isnull=True):
        requested.append(report_retry(report=report, actor=None))
    for plan in Plan.objects.filter(status=PlanStatus.ACTIVE).exclude(pk__in=made).select_related("organisation"):
        requested.append(report_request(plan=plan, quarter=quarter, requested_by=None, kind=ReportKind.SCHEDULED,
                                        send_email=True))
    return requested


# Email -----------------------------------------------------------------------------------------

def report_link_token(report: Report, recipient: ReportRecipient) -> str:
    """A signed token for one recipient's link to one report; it expires after REPORT_LINK_MAX_AGE_DAYS
    (checked by `selectors.report_for_link`) and stops working when the recipient is removed or paused."""
    return signing.TimestampSigner(salt=selectors.LINK_SALT).sign(f"{report.pk}.{recipient.pk}")


def header_text(text: str) -> str:
    """Text users wrote, made fit for an email header: every line break and run of spaces is one space."""
    return " ".join(str(text).split())


NO_RECIPIENTS = ("It was not emailed: the organisation has no active report recipients. Add a recipient, "
                 "then send it again from this page.")


def report_email_send(*, report: Report) -> int:
    """Email a done report, once, to the organisation's active recipients who have not had it: the PDF
    attached, or, when it is larger than REPORT_ATTACHMENT_MAX_BYTES, a signed link for each recipient
    that expires. Returns the number of emails sent now.

    Never raises for an email that could not go: the report records the outcome, `emailed_at` when every
    active recipient has it, or `email_failure` with the reason (which addresses, and why) and when it was
    tried, so that an editor can send it again (`report_email_resend`) to those who did not get it."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().select_related("plan", "organisation").get(pk=report.pk)
        if locked.status != ReportStatus.DONE or locked.emailed_at is not None:
            return 0
        now = timezone.now()
        recipients = list(ReportRecipient.objects.filter(organisation=locked.organisation, active=True))
        had_it = set(SentEmail.objects.filter(report=locked, kind="report").values_list("to", flat=True))
        due = [r for r in recipients if r.email not in had_it]
        failures: list[str] = []
        sent = 0
        if not recipients:
            failures.append(NO_RECIPIENTS)
        elif due:
            try:
                sent, failures = _send_report_emails(locked, due)
            except Exception as error:  # noqa: BLE001 - the PDF could not be read, or the mail server reached
                logger.exception("Report %s could not be emailed", locked.pk)
                failures = [f"It could not be emailed: {type(error).__name__}: {error}"]
        locked.email_tried_at = now
        locked.email_failure = " ".join(failures)[:2000]
        locked.emailed_at = None if failures else now
        locked.save(update_fields=["email_tried_at", "email_failure", "emailed_at"])
        if failures:
            audit_record(organisation=locked.organisation, actor=None, verb="report.email_failed", obj=locked,
                         summary=f"Highlight report {locked.quarter.label} of “{locked.plan}” was not emailed to "
                                 f"every recipient", changes={"reason": locked.email_failure[:300]})
    return sent


def _send_report_emails(report: Report, recipients: list[ReportRecipient]) -> tuple[int, list[str]]:
    """Send the report to each recipient, recording each email that went; returns (sent, failures)."""
    subject = header_text(report_title(report.snapshot))
    attach = report.pdf.size <= settings.REPORT_ATTACHMENT_MAX_BYTES
    content = b""
    if attach:
        with report.pdf.open("rb") as handle:
            content = handle.read()
    connection = get_connection()
    sent, failed = 0, []
    for recipient in recipients:
        link = "" if attach else settings.SITE_URL + reverse("report-link", args=[report_link_token(report, recipient)])
        body = render_to_string("reports/email/report.txt", {
            "report": report, "p": report.snapshot, "site_url": settings.SITE_URL, "link": link,
            "link_days": settings.REPORT_LINK_MAX_AGE_DAYS,
        })
        message = EmailMessage(subject=subject, body=body, to=[recipient.email], connection=connection)
        if attach:
            message.attach(report.filename, content, "application/pdf")
        try:
            message.send()
        except Exception as error:  # noqa: BLE001 - smtplib, sockets and header errors: each one is recorded
            logger.exception("Report %s could not be emailed to %s", report.pk, recipient.email)
            failed.append(f"{recipient.email} ({type(error).__name__}: {error})")
            continue
        SentEmail.objects.create(organisation=report.organisation, report=report, kind="report",
                                 to=recipient.email, subject=subject[:300])
        sent += 1
    if not failed:
        return sent, []
    others = " The other recipients have it." if sent else ""
    return sent, [f"It could not be emailed to {'; '.join(failed)}.{others}"]


def report_email_resend(*, report: Report, actor: User | None) -> Report:
    """Send a done report that was not emailed to everyone again, to the recipients who did not get it.
    The email goes from a task; if the broker cannot take it, the reason is recorded at once."""
    from .tasks import report_email_task

    with transaction.atomic():
        locked = Report.objects.select_for_update().select_related("plan", "organisation").get(pk=report.pk)
        if locked.status != ReportStatus.DONE:
            raise ValidationError("This report is not made yet, so it cannot be emailed: wait until it is ready.")
        if locked.emailed_at is not None:
            raise ValidationError(
                f"This report was already emailed to every recipient on {timezone.localtime(locked.emailed_at):%-d %B %Y at %H:%M}.")
        previous = locked.email_failure
        locked.send_email = True
        locked.email_failure = ""
        locked.save(update_fields=["send_email", "email_failure"])
        audit_record(organisation=locked.organisation, actor=actor, verb="report.email_resent", obj=locked,
                     summary=f"Highlight report {locked.quarter.label} of “{locked.plan}” sent to its recipients again",
                     changes={"previous_failure": previous[:300]})
        enqueue(report_email_task, locked.pk, on_failure=partial(report_mark_email_not_queued, report_id=locked.pk))
    locked.refresh_from_db()
    return locked


def report_mark_email_not_queued(reason: str, *, report_id: int) -> None:
    """The email task could not be queued: recorded on the report as the reason it was not emailed."""
    Report.objects.filter(pk=report_id, emailed_at__isnull=True).update(
        email_failure=f"It was not emailed. {reason}"[:2000], email_tried_at=timezone.now())


# Recipients ------------------------------------------------------------------------------------

def _clean_recipient(organisation: Organisation, name: str, email: str, exclude_pk: int | None = None) -> tuple[str, str]:
    name, email = (name or "").strip(), (email or "").strip().lower()
    errors = {}
    if not name:
        errors["name"] = "Enter the recipient's name or role title, such as Chair of the EDI board."
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = "Enter an email address in the right format, like name@example.org."
    else:
        clash = ReportRecipient.objects.filter(organisation=organisation, email=email).exclude(pk=exclude_pk)
        if clash.exists():
            errors["email"] = f"{email} already receives the reports."
    if errors:
        raise ValidationError(errors)
    return name, email


@transaction.atomic
def recipient_add(*, organisation: Organisation, actor: User | None, name: str, email: str) -> ReportRecipient:
    name, email = _clean_recipient(organisation, name, email)
    recipient = ReportRecipient.objects.create(organisation=organisation, name=name, email=email)
    audit_record(organisation=organisation, actor=actor, verb="recipient.added", obj=recipient,
                 summary=f"{recipient} will receive the highlight reports")
    return recipient


@transaction.atomic
def recipient_set_active(*, recipient: ReportRecipient, actor: User | None, active: bool) -> ReportRecipient:
    if recipient.active != active:
        recipient.active = active
        recipient.save(update_fields=["active"])
        audit_record(organisation=recipient.organisation, actor=actor, obj=recipient,
                     verb="recipient.resumed" if active else "recipient.paused",
                     summary=f"{recipient} {'will receive' if active else 'will no longer receive'} the reports",
                     changes={"active": [not active, active]})
    return recipient


@transaction.atomic
def recipient_remove(*, recipient: ReportRecipient, actor: User | None) -> None:
    organisation, label = recipient.organisation, str(recipient)
    recipient.delete()
    audit_record(organisation=organisation, actor=actor, verb="recipient.removed",
                 summary=f"{label} removed from the report recipients")


# Reminders -------------------------------------------------------------------------------------

def reminders_send(*, today: date | None = None) -> int:
    """Two weeks (or less) before the quarter closes, email each lead of stale actions once.

    Stale: no update in the current quarter and not complete. One email per lead lists all their
    stale actions; an action is reminded about once per quarter. Returns the number of emails sent.
    """
    today = today or timezone.localdate()
    quarter = FinancialQuarter.containing(today)
    if today < quarter.end - timedelta(days=REMINDER_DAYS_BEFORE_QUARTER_END):
        return 0
    start = selectors.day_start(quarter.start)
    updated = ProgressUpdate.objects.filter(created_at__gte=start).values("action_id")
    already = ReminderSent.objects.filter(quarter_year=quarter.year, quarter_number=quarter.number).values("action_id")
    stale = (
        Action.objects.filter(plan__status=PlanStatus.ACTIVE, lead_user__isnull=False)
        .exclude(lead_user__email="").exclude(status=Status.COMPLETE)
        .exclude(pk__in=updated).exclude(pk__in=already)
        .select_related("plan", "plan__organisation", "lead_user").order_by("lead_user_id", "plan__title", "order")
    )
    by_lead: dict[int, list[Action]] = {}
    for action in stale:
        by_lead.setdefault(action.lead_user_id, []).append(action)
    sent = 0
    for actions in by_lead.values():
        lead = actions[0].lead_user
        with transaction.atomic():
            for action in actions:
                ReminderSent.objects.create(action=action, quarter_year=quarter.year, quarter_number=quarter.number,
                                            email=lead.email)
            subject = f"Please update {len(actions)} action{'s' if len(actions) != 1 else ''} before {quarter.end:%-d %B %Y}"
            body = render_to_string("reports/email/reminder.txt", {
                "lead": lead, "actions": actions, "quarter": quarter, "site_url": settings.SITE_URL})
            EmailMessage(subject=subject, body=body, to=[lead.email]).send()
            SentEmail.objects.create(organisation=actions[0].plan.organisation, kind="reminder", to=lead.email,
                                     subject=subject[:300])
        sent += 1
    return sent
