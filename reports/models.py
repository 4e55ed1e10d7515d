"""Quarterly highlight reports (stored records with a frozen snapshot), their recipients, and reminders."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import slugify

from edi_tracker.models import Organisation
from edi_tracker.quarters import FinancialQuarter
from plans.models import Action, Plan


class ReportStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Being made"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


class ReportKind(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled (after the quarter ended)"
    ON_DEMAND = "on_demand", "Asked for by an editor"


def report_path(instance: "Report", filename: str) -> str:
    # Never served from a public URL: the download view checks membership.
    return f"reports/{instance.organisation_id}/{uuid.uuid4().hex}.pdf"


class Report(models.Model):
    """One highlight report of a plan for a financial quarter. Once done it never changes."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="reports")
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reports")
    quarter_year = models.PositiveSmallIntegerField()  # 2022 for 2022/23
    quarter_number = models.PositiveSmallIntegerField()  # 1–4
    kind = models.CharField(max_length=10, choices=ReportKind.choices, default=ReportKind.ON_DEMAND)
    status = models.CharField(max_length=8, choices=ReportStatus.choices, default=ReportStatus.QUEUED)
    failure_reason = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # Whether this report goes by email to the organisation's recipients when it is done.
    send_email = models.BooleanField(default=False)
    # Its email to the recipients: when it last went to every active recipient, or, when it did not, the
    # reason and when it was tried. An editor can send it again to those who did not get it.
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_failure = models.TextField(blank=True)
    email_tried_at = models.DateTimeField(null=True, blank=True)
    snapshot = models.JSONField(null=True, blank=True)
    pdf = models.FileField(upload_to=report_path, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    # A plan and quarter has one current report; an editor who makes it again on purpose (or the schedule,
    # after a report made before the quarter ended) supersedes it: the old one is kept, listed as superseded.
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # The beat schedule and a task run twice still make one scheduled report per plan and quarter.
            models.UniqueConstraint(
                fields=["plan", "quarter_year", "quarter_number"],
                condition=models.Q(kind="scheduled"),
                name="one_scheduled_report_per_plan_quarter",
            ),
            models.UniqueConstraint(
                fields=["plan", "quarter_year", "quarter_number"],
                condition=models.Q(superseded_at__isnull=True),
                name="one_current_report_per_plan_quarter",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.plan} – {self.quarter.label} ({self.get_status_display()})"

    @property
    def quarter(self) -> FinancialQuarter:
        return FinancialQuarter(self.quarter_year, self.quarter_number)

    @property
    def is_finished(self) -> bool:
        return self.status in (ReportStatus.DONE, ReportStatus.FAILED)

    @property
    def email_state(self) -> str:
        """"sent", "not_sent" (with email_failure), "pending" (to be emailed when done) or "" (not emailed)."""
        if self.email_failure:
            return "not_sent"
        if self.emailed_at:
            return "sent"
        if self.send_email and self.status != ReportStatus.FAILED:
            return "pending"
        return ""

    @property
    def is_superseded(self) -> bool:
        return self.superseded_at is not None

    @property
    def is_partial(self) -> bool:
        """Made (or asked for) before its quarter ended: it shows the quarter so far."""
        made = self.started_at or self.created_at
        return made is not None and timezone.localdate(made) <= self.quarter.end

    @property
    def filename(self) -> str:
        """Named after the organisation, the plan and the quarter: demo-borough-council-eflg-plan-2026-27-q2.pdf."""
        organisation = slugify(self.organisation.name.replace("–", "-"))[:60].strip("-") or "organisation"
        plan = slugify(self.plan.title.replace("–", "-"))[:60].strip("-") or f"plan-{self.plan_id}"
        return f"{organisation}-{plan}-{self.quarter.slug}.pdf"


class ReportRecipient(models.Model):
    """Someone (a board member, say) who receives the quarterly reports by email without logging in."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="report_recipients")
    name = models.CharField(max_length=200, help_text="A name or a role title, such as Chair of the EDI board.")
    email = models.EmailField()
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "email"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "email"], name="one_recipient_per_email_per_org")
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class ReminderSent(models.Model):
    """A stale-action reminder went to the action's lead for this quarter: it goes once."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="+")
    quarter_year = models.PositiveSmallIntegerField()
    quarter_number = models.PositiveSmallIntegerField()
    email = models.EmailField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action", "quarter_year", "quarter_number"], name="one_reminder_per_action_quarter"
            )
        ]


class SentEmail(models.Model):
    """A record of every email the reports app sent (what, to whom, when): the audit trail of delivery."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="emails")
    kind = models.CharField(max_length=20)  # "report" or "reminder"
    to = models.EmailField()
    subject = models.CharField(max_length=300)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
