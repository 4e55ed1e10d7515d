"""Plans, themes, actions, success measures and the append-only progress history."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from edi_tracker.models import Organisation
from edi_tracker.status import STATUS_LOOKS


class Framework(models.TextChoices):
    SC_WRES = "sc_wres", "Social Care Workforce Race Equality Standard"
    EFLG = "eflg", "Equality Framework for Local Government"
    WRES = "wres", "Workforce Race Equality Standard"
    LOCAL = "local", "Local EDI strategy"
    GENDER_PAY_GAP = "gpg", "Gender pay gap"
    OTHER = "other", "Other"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ACTIVE = "active", "Active"
    CLOSED = "closed", "Closed"


class ReviewFrequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    HALF_YEARLY = "half-yearly", "Half-yearly"
    ANNUAL = "annual", "Annual"


class Status(models.TextChoices):
    """BRAG. The word always travels with the colour."""

    NOT_STARTED = "not_started", "Not started"
    RED = "red", "Red – off track"
    AMBER = "amber", "Amber – at risk"
    GREEN = "green", "Green – on track"
    COMPLETE = "complete", "Complete"


# The word and GOV.UK tag of each status, from the one table of status presentation (edi_tracker.status):
# the colour repeats the word, never replaces it. The full labels above are for forms.
STATUS_TAG_CLASS = {Status(look.value): look.tag_class for look in STATUS_LOOKS}
STATUS_SHORT = {Status(look.value): look.word for look in STATUS_LOOKS}
STATUSES_NEEDING_COMMENTARY = frozenset({Status.RED, Status.AMBER})


class Metric(models.TextChoices):
    """The SC-WRES metrics (metrics.md §3) an action or theme can address."""

    M1 = "1", "Metric 1: share of each pay band"
    M2 = "2", "Metric 2: appointed from shortlisting"
    M3 = "3", "Metric 3: formal disciplinary process"
    M4 = "4", "Metric 4: fitness to practise process"
    M5 = "5", "Metric 5: funded non-mandatory CPD"
    M6 = "6", "Metric 6: harassment from people who use services, relatives or the public"
    M7A = "7a", "Metric 7a: harassment from colleagues"
    M7B = "7b", "Metric 7b: harassment from managers"
    M8 = "8", "Metric 8: leaving the organisation"
    M9 = "9", "Metric 9: senior management vs overall workforce"


class DeadlinePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    QUARTER = "quarter", "Quarter"
    YEAR = "year", "Year"


class Recurrence(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    HALF_YEARLY = "half-yearly", "Half-yearly"
    ANNUAL = "annual", "Annual"


class Plan(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(max_length=250)
    framework = models.CharField(max_length=10, choices=Framework.choices, default=Framework.LOCAL)
    description = models.TextField(blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    sponsor = models.CharField(max_length=200, blank=True)
    approved_by = models.CharField(max_length=200, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    review_frequency = models.CharField(
        max_length=12, choices=ReviewFrequency.choices, default=ReviewFrequency.QUARTERLY
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Bumped with the organisation's content_version by every service that changes what this plan's pages
    # show (plans.services.plan_content_changed): the plan page and dashboard are cached under it
    # (edi_tracker.caching), so a save in one plan leaves the others' cached.
    content_version = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["organisation", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def period_label(self) -> str:
        if self.period_start and self.period_end:
            return f"{self.period_start:%B %Y} to {self.period_end:%B %Y}"
        return ""


class Theme(models.Model):
    """An objective, section or WRES theme of a plan."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="themes")
    code = models.CharField(max_length=20, blank=True)
    title = models.CharField(max_length=250)
    objective = models.TextField(blank=True)
    sponsor = models.CharField(max_length=200, blank=True)
    order = models.PositiveIntegerField(default=0)
    metrics = models.JSONField(default=list, blank=True, help_text="Keys of Metric this theme addresses.")

    class Meta:
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()


class Tag(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(max_length=60)
    slug = models.SlugField(max_length=60)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="tag_slug_per_org")]

    def __str__(self) -> str:
        return self.name


# What an action's `dependencies` hold in a framework's plans, when not dependencies: the EFLG
# self-assessment's "what we can already evidence", stored by its importer and the demo as "Evidence: …".
DEPENDENCIES_LABEL = {Framework.EFLG: "What we can already evidence"}
EVIDENCE_PREFIX = "Evidence: "


class Action(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    reference = models.CharField(max_length=30)
    title = models.TextField()
    order = models.PositiveIntegerField(default=0)
    lead_officer = models.CharField(max_length=250, blank=True, help_text="As written in the plan.")
    lead_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="led_actions"
    )
    dependencies = models.TextField(blank=True)
    resources = models.TextField(blank=True)
    resource_cost = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="actions")
    metrics = models.JSONField(default=list, blank=True, help_text="Keys of Metric this action addresses.")

    # The deadline as written, and what plans.deadlines.parse_deadline derived from it. The derived
    # fields are only ever written by plans.services from the text.
    deadline_text = models.CharField(max_length=200, blank=True)
    deadline_date = models.DateField(null=True, blank=True)
    deadline_precision = models.CharField(max_length=8, choices=DeadlinePrecision.choices, blank=True)
    deadline_ongoing = models.BooleanField(default=False)
    deadline_recurring = models.CharField(max_length=12, choices=Recurrence.choices, blank=True)
    deadline_complete = models.BooleanField(default=False)
    deadline_needs_review = models.BooleanField(default=False)

    # The latest progress update's status and time, kept by plans.services.progress_update_record in
    # the same transaction as the update, so lists can filter and sort without a subquery.
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    last_update_at = models.DateTimeField(null=True, blank=True)
    # Optimistic concurrency: every save compares and bumps this.
    version = models.PositiveIntegerField(default=1)
    # When the action entered the plan (a report for an earlier quarter leaves it out); now, unless a
    # loader of an older plan says otherwise.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "order", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "reference"], name="action_reference_per_plan")]
        indexes = [
            models.Index(fields=["plan", "status"]),
            models.Index(fields=["lead_user", "status"]),
            models.Index(fields=["plan", "deadline_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title[:60]}"

    @property
    def status_short(self) -> str:
        return STATUS_SHORT[self.status]

    @property
    def status_tag_class(self) -> str:
        return STATUS_TAG_CLASS[self.status]

    @property
    def title_short(self) -> str:
        """The title cut at a word near 220 characters, for long lists (cheaper than a template filter)."""
        if len(self.title) <= 220:
            return self.title
        return self.title[:217].rsplit(" ", 1)[0] + "…"

    @property
    def dependencies_label(self) -> str:
        """The label of `dependencies` on the action's page and form, by its plan's framework."""
        return DEPENDENCIES_LABEL.get(self.plan.framework, "Dependencies")

    @property
    def dependencies_shown(self) -> str:
        if self.plan.framework in DEPENDENCIES_LABEL:
            return self.dependencies.removeprefix(EVIDENCE_PREFIX)
        return self.dependencies

    @property
    def deadline_date_label(self) -> str:
        return f"{self.deadline_date.day} {self.deadline_date:%B %Y}" if self.deadline_date else ""


class SuccessMeasure(models.Model):
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="measures")
    text = models.TextField()
    order = models.PositiveIntegerField(default=0)
    met = models.BooleanField(default=False)
    met_on = models.DateField(null=True, blank=True)
    met_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["action", "order", "id"]

    def __str__(self) -> str:
        return self.text[:80]


def evidence_path(instance: "ProgressUpdate", filename: str) -> str:
    # Never the user's file name on disk: an opaque name under the organisation.
    return f"evidence/{instance.action.plan.organisation_id}/{uuid.uuid4().hex}"


class ProgressUpdate(models.Model):
    """One entry of an action's history. Append-only: never edited or deleted by the app."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="progress_updates"
    )
    created_at = models.DateTimeField(db_index=True)
    previous_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices)
    commentary = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    next_steps_timeframe = models.CharField(max_length=100, blank=True)
    evidence_link = models.URLField(max_length=500, blank=True)
    evidence_file = models.FileField(upload_to=evidence_path, blank=True)
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["action", "-created_at", "-id"]
        indexes = [models.Index(fields=["action", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.action.reference}: {self.previous_status or '—'} → {self.status}"

    @property
    def status_short(self) -> str:
        return STATUS_SHORT[self.status]

    @property
    def previous_status_short(self) -> str:
        return STATUS_SHORT.get(self.previous_status, "")


class PlanImportStatus(models.TextChoices):
    STAGED = "staged", "Checked, waiting to be confirmed"
    QUEUED = "queued", "Waiting for the background worker"
    RUNNING = "running", "Being imported"
    DONE = "done", "Imported"
    FAILED = "failed", "Failed"


class PlanImport(models.Model):
    """A checked plan file waiting to be confirmed, and what became of it.

    Its identity is what makes a confirm idempotent: `plans.importers.services.plan_import_confirm_staged`
    confirms it once, under a row lock, and a second confirm (a double click, another tab) is told so."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="plan_imports")
    # The plan imported into; for an import that creates a plan, the plan it created (once done).
    plan = models.ForeignKey(Plan, null=True, blank=True, on_delete=models.CASCADE, related_name="imports")
    creates_plan = models.BooleanField(default=True)
    token = models.CharField(max_length=32, unique=True)
    filename = models.CharField(max_length=255)
    parsed = models.JSONField(help_text="plans.importers.parsed.ParsedPlan.to_dict()")
    action_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=PlanImportStatus.choices, default=PlanImportStatus.STAGED)
    progress = models.PositiveSmallIntegerField(default=0)
    summary = models.TextField(blank=True)
    failure_reason = models.TextField(blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import of {self.filename}"

    @property
    def in_progress(self) -> bool:
        return self.status in (PlanImportStatus.QUEUED, PlanImportStatus.RUNNING)
