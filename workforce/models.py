"""Workforce extracts and their pseudonymised records (design.md §7, metrics.md §7).

No record holds a name or a raw employee identifier: identifiers are replaced by an HMAC-SHA256
keyed with settings.PSEUDONYM_KEY before anything is stored. Values are stored normalised to the
controlled vocabularies below. Records belong to one Extract; an organisation has at most one
current extract of each kind for each reporting year.
"""

from django.conf import settings
from django.db import models

from edi_tracker.models import Organisation


class ExtractKind(models.TextChoices):
    STAFF = "staff", "Staff"
    RECRUITMENT = "recruitment", "Recruitment"
    CASEWORK = "casework", "Casework (disciplinary and fitness to practise)"
    CPD = "cpd", "Continuing professional development"
    SURVEY = "survey", "Staff survey"


class ExtractStatus(models.TextChoices):
    CHECKING = "checking", "Being checked"
    CHECKED = "checked", "Checked, waiting for confirmation"
    REFUSED = "refused", "Refused"
    STORING = "storing", "Being stored"
    CURRENT = "current", "Current"
    REPLACED = "replaced", "Replaced by a newer extract"
    FAILED = "failed", "Failed"


class WresGroup(models.TextChoices):
    WHITE = "white", "White"
    BME = "bme", "Black, Asian and minority ethnic"
    NOT_KNOWN = "not_known", "Not known"


class Ethnicity(models.TextChoices):
    """The 19 ONS 2021 categories, plus prefer not to say and not known (metrics.md §2)."""

    WHITE_BRITISH = "white_british", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "white_irish", "White: Irish"
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "white_roma", "White: Roma"
    WHITE_OTHER = "white_other", "White: Other White"
    MIXED_WHITE_BLACK_CARIBBEAN = "mixed_white_black_caribbean", "Mixed or Multiple: White and Black Caribbean"
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african", "Mixed or Multiple: White and Black African"
    MIXED_WHITE_ASIAN = "mixed_white_asian", "Mixed or Multiple: White and Asian"
    MIXED_OTHER = "mixed_other", "Mixed or Multiple: Other Mixed or Multiple ethnic groups"
    ASIAN_INDIAN = "asian_indian", "Asian: Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Asian: Pakistani"
    ASIAN_BANGLADESHI = "asian_bangladeshi", "Asian: Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Asian: Chinese"
    ASIAN_OTHER = "asian_other", "Asian: Other Asian"
    BLACK_AFRICAN = "black_african", "Black: African"
    BLACK_CARIBBEAN = "black_caribbean", "Black: Caribbean"
    BLACK_OTHER = "black_other", "Black: Other Black"
    OTHER_ARAB = "other_arab", "Other ethnic group: Arab"
    OTHER_ANY = "other_any", "Other ethnic group: Any other ethnic group"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"
    NOT_KNOWN = "not_known", "Not known"


class EthnicGroup(models.TextChoices):
    """The 5 ONS 2021 high-level groups, plus not known."""

    WHITE = "white", "White"
    MIXED = "mixed", "Mixed or Multiple ethnic groups"
    ASIAN = "asian", "Asian, Asian British or Asian Welsh"
    BLACK = "black", "Black, Black British, Black Welsh, Caribbean or African"
    OTHER = "other", "Other ethnic group"
    NOT_KNOWN = "not_known", "Not known"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"
    NOT_KNOWN = "not_known", "Not known"


class Declared(models.TextChoices):
    """Disability and other yes/no characteristics, with the two kinds of no answer."""

    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT_TO_SAY = "prefer_not_to_say", "Prefer not to say"
    NOT_KNOWN = "not_known", "Not known"


class SocialCareArea(models.TextChoices):
    """Which part of social care a row belongs to (metrics.md §1); blank when the extract does not say."""

    ADULTS = "adults", "Adults' social care"
    CHILDREN = "children", "Children's social care"
    NONE = "none", "Not social care"


class CaseType(models.TextChoices):
    DISCIPLINARY = "disciplinary", "Disciplinary"
    FITNESS_TO_PRACTISE = "fitness_to_practise", "Fitness to practise"


class Extract(models.Model):
    """One uploaded file of one kind for one organisation and reporting year."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="extracts")
    kind = models.CharField(max_length=12, choices=ExtractKind.choices)
    year = models.PositiveSmallIntegerField(help_text="Reporting year, named by its 31 March snapshot.")
    status = models.CharField(max_length=10, choices=ExtractStatus.choices, default=ExtractStatus.CHECKING)
    filename = models.CharField(max_length=255, help_text="The uploaded file's name; the file itself is not kept.")
    checksum = models.CharField(max_length=64, db_index=True, help_text="SHA-256 of the uploaded bytes.")
    row_count = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True, help_text="The check report: errors, warnings, counts.")
    failure_reason = models.TextField(blank=True)
    progress = models.PositiveSmallIntegerField(default=0, help_text="0–100, for the browser's progress bar.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "year"],
                condition=models.Q(status="current"),
                name="one_current_extract_per_kind_and_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} extract {self.year} ({self.filename})"


# The record tables are loaded in bulk with COPY. Their foreign keys carry no database constraint (a
# per-row trigger would double the load time): rows are only ever written by workforce.services with
# the extract they belong to, and Django's cascade deletes them with it. The indexes in Meta cover
# the lookups, so the foreign keys of the largest table have no index of their own either.
RECORD_FK = {"on_delete": models.CASCADE, "db_constraint": False}


class StaffRecord(models.Model):
    """One employee at the snapshot date, or a leaver in the year."""

    extract = models.ForeignKey(Extract, related_name="staff_records", db_index=False, **RECORD_FK)
    organisation = models.ForeignKey(Organisation, related_name="+", db_index=False, **RECORD_FK)
    year = models.PositiveSmallIntegerField()
    row_number = models.PositiveIntegerField()
    employee_key = models.CharField(max_length=64)
    ethnicity = models.CharField(max_length=32, choices=Ethnicity.choices)
    ethnic_group = models.CharField(max_length=10, choices=EthnicGroup.choices)
    wres_group = models.CharField(max_length=10, choices=WresGroup.choices)
    pay_band = models.CharField(max_length=100)
    directorate = models.CharField(max_length=150, blank=True)
    senior_manager = models.BooleanField(null=True)
    sex = models.CharField(max_length=20, choices=Sex.choices, default=Sex.NOT_KNOWN)
    disability = models.CharField(max_length=20, choices=Declared.choices, default=Declared.NOT_KNOWN)
    hourly_pay = models.DecimalField(max_digits=10, decimal_places=4, null=True)
    full_pay_relevant = models.BooleanField(null=True)
    leaving_date = models.DateField(null=True)
    start_date = models.DateField(null=True)
    regulated = models.BooleanField(null=True)
    # Normalised to "declared:<value>", "prefer_not_to_say" or "not_known"; empty if not in the extract.
    sexual_orientation = models.CharField(max_length=100, blank=True)
    religion = models.CharField(max_length=100, blank=True)
    bonus_pay = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    # Pay as the regulations work it out (metrics.md §4): ordinary pay of the relevant pay period, the days
    # in that period and the weekly hours give the hourly pay when the extract has no hourly rate.
    ordinary_pay = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    weekly_hours = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    pay_period_days = models.PositiveSmallIntegerField(null=True)
    annual_salary = models.DecimalField(max_digits=12, decimal_places=2, null=True)
    social_care_area = models.CharField(max_length=10, choices=SocialCareArea.choices, blank=True)

    class Meta:
        # On the extract alone: a second column of 64 random hex characters made storing 100,000 rows
        # about 0.5 s slower (median 1.54 s against 0.99 s, interleaved runs), and the metrics read an
        # extract's staff rows whole (bench/metrics.py: 521-569 ms before, 500-597 ms after, i.e. noise).
        # Nothing reads staff rows by organisation and year (only by extract), so there is no index on them:
        # PostgreSQL spent about 0.1 s of COPY's 0.44 s for 100,000 rows keeping one up to date.
        indexes = [models.Index(fields=["extract"])]


class RecruitmentRecord(models.Model):
    """One applicant for one vacancy."""

    extract = models.ForeignKey(Extract, related_name="recruitment_records", **RECORD_FK)
    organisation = models.ForeignKey(Organisation, related_name="+", db_index=False, **RECORD_FK)
    year = models.PositiveSmallIntegerField()
    row_number = models.PositiveIntegerField()
    applicant_key = models.CharField(max_length=64, blank=True)
    vacancy_ref = models.CharField(max_length=100, blank=True)
    ethnicity = models.CharField(max_length=32, choices=Ethnicity.choices)
    ethnic_group = models.CharField(max_length=10, choices=EthnicGroup.choices)
    wres_group = models.CharField(max_length=10, choices=WresGroup.choices)
    shortlisted = models.BooleanField()
    appointed = models.BooleanField()
    decision_date = models.DateField(null=True)
    directorate = models.CharField(max_length=150, blank=True)
    social_care_area = models.CharField(max_length=10, choices=SocialCareArea.choices, blank=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "year"])]


class CaseRecord(models.Model):
    """A disciplinary or fitness-to-practise case."""

    extract = models.ForeignKey(Extract, related_name="case_records", **RECORD_FK)
    organisation = models.ForeignKey(Organisation, related_name="+", db_index=False, **RECORD_FK)
    year = models.PositiveSmallIntegerField()
    row_number = models.PositiveIntegerField()
    case_ref = models.CharField(max_length=100, blank=True)
    employee_key = models.CharField(max_length=64)
    case_type = models.CharField(max_length=20, choices=CaseType.choices)
    date_opened = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "year"])]


class CpdRecord(models.Model):
    """A request for continuing professional development."""

    extract = models.ForeignKey(Extract, related_name="cpd_records", **RECORD_FK)
    organisation = models.ForeignKey(Organisation, related_name="+", db_index=False, **RECORD_FK)
    year = models.PositiveSmallIntegerField()
    row_number = models.PositiveIntegerField()
    employee_key = models.CharField(max_length=64)
    course = models.CharField(max_length=250, blank=True)
    mandatory = models.BooleanField()
    funded = models.BooleanField(default=True)
    date = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "year"])]


class SurveyRecord(models.Model):
    """One anonymous staff-survey response."""

    extract = models.ForeignKey(Extract, related_name="survey_records", **RECORD_FK)
    organisation = models.ForeignKey(Organisation, related_name="+", db_index=False, **RECORD_FK)
    year = models.PositiveSmallIntegerField()
    row_number = models.PositiveIntegerField()
    ethnicity = models.CharField(max_length=32, choices=Ethnicity.choices)
    ethnic_group = models.CharField(max_length=10, choices=EthnicGroup.choices)
    wres_group = models.CharField(max_length=10, choices=WresGroup.choices)
    harassment_public = models.BooleanField(null=True)
    harassment_colleagues = models.BooleanField(null=True)
    harassment_managers = models.BooleanField(null=True)
    directorate = models.CharField(max_length=150, blank=True)
    social_care_area = models.CharField(max_length=10, choices=SocialCareArea.choices, blank=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "year"])]


class EthnicityMapping(models.Model):
    """An organisation's own spelling of an ethnicity, mapped by HR to a category."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="ethnicity_mappings")
    value = models.CharField(max_length=200, help_text="The value as it appears in the extract.")
    normalised_value = models.CharField(max_length=200, help_text="Lower case, punctuation removed: the lookup key.")
    ethnicity = models.CharField(max_length=32, choices=Ethnicity.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "normalised_value"], name="one_mapping_per_value")
        ]
