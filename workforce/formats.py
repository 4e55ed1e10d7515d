"""The extract formats of metrics.md §7: each kind's columns, their aliases and which are required."""

from edi_tracker.tables import Column, Columns

# Read by edi_tracker.tables' header matcher (case-, space- and punctuation-insensitive); Column is its
# column: Column(name, kind, aliases, required), kind being id, ethnicity, text, yesno, sex, declared, pay,
# money, hours, days, area, date, case_type or characteristic.
NAME_COLUMNS = ("Name", "Full Name", "First Name", "Forename", "Forenames", "Surname", "Last Name", "Given Name",
                "Family Name", "Employee Name", "Preferred Name")

ETHNICITY = Column("ethnicity", "ethnicity", ("Ethnic Origin", "Ethnic Group", "Ethnicity Description", "Ethnic Category"), True)
EMPLOYEE_ID = Column("employee_id", "id", ("Employee Number", "Employee ID", "Emp No", "Person Number", "Staff ID",
                                           "Assignment Number", "Employee No"), True)

FORMATS: dict[str, list[Column]] = {
    "staff": [
        EMPLOYEE_ID, ETHNICITY,
        Column("pay_band", "text", ("Grade", "Pay Band", "Band", "Salary Band"), True),
        Column("directorate", "text", ("Department", "Service", "Division")),
        Column("social_care_area", "area", ("Social Care Area",)),
        Column("senior_manager", "yesno", ("Senior Manager", "SMT")),
        Column("sex", "sex", ("Gender", "Legal Sex")),
        Column("disability", "declared", ("Disabled", "Disability Status")),
        Column("hourly_pay", "pay", ("Hourly Rate", "Ordinary Hourly Pay")),
        Column("ordinary_pay", "money", ("Ordinary Pay", "Period Pay")),
        Column("weekly_hours", "hours", ("Weekly Hours", "Contracted Hours")),
        Column("pay_period_days", "days", ("Pay Period Days", "Days in Pay Period")),
        Column("annual_salary", "money", ("Annual Salary", "FTE Salary", "Basic Salary")),
        Column("full_pay_relevant", "yesno", ("Full Pay Relevant", "FPRE")),
        Column("leaving_date", "date", ("Date Left", "Termination Date", "End Date")),
        Column("start_date", "date", ("Start Date", "Date Started", "Hire Date")),
        Column("regulated", "yesno", ("Registered Social Worker", "Regulated Professional")),
        Column("sexual_orientation", "characteristic", ("Sexual Orientation",)),
        Column("religion", "characteristic", ("Religion", "Religion or Belief")),
        Column("bonus_pay", "money", ("Bonus Pay", "Bonus")),
    ],
    "recruitment": [
        Column("applicant_id", "id", ("Applicant ID", "Candidate ID")),
        Column("vacancy_ref", "text", ("Vacancy Reference", "Job Ref")),
        ETHNICITY,
        Column("shortlisted", "yesno", ("Shortlisted",), True),
        Column("appointed", "yesno", ("Appointed",), True),
        Column("decision_date", "date", ("Decision Date",)),
        Column("directorate", "text", ("Department", "Service", "Division")),
        Column("social_care_area", "area", ("Social Care Area",)),
    ],
    "casework": [
        Column("case_ref", "text", ("Case Ref", "Case Reference")),
        Column("employee_id", "id", EMPLOYEE_ID.aliases, True),
        Column("case_type", "case_type", ("Case Type", "Process"), True),
        Column("date_opened", "date", ("Date Opened", "Start Date"), True),
    ],
    "cpd": [
        Column("employee_id", "id", EMPLOYEE_ID.aliases, True),
        Column("course", "text", ("Course", "Course Title")),
        Column("mandatory", "yesno", ("Mandatory",), True),
        Column("funded", "yesno", ("Funded",)),
        Column("date", "date", ("Date", "Start Date", "Course Date"), True),
    ],
    "survey": [
        ETHNICITY,
        Column("harassment_public", "yesno", ("Harassment from public", "Harassment from the public")),
        Column("harassment_colleagues", "yesno", ("Harassment from colleagues",)),
        Column("harassment_managers", "yesno", ("Harassment from managers",)),
        Column("directorate", "text", ("Department", "Service", "Division")),
        Column("social_care_area", "area", ("Social Care Area",)),
    ],
}
SURVEY_QUESTIONS = ("harassment_public", "harassment_colleagues", "harassment_managers")


TABLES: dict[str, Columns] = {kind: Columns(columns) for kind, columns in FORMATS.items()}


def map_headers(kind: str, headers: list[str]) -> tuple[dict[int, Column], list[str], list[str]]:
    """(column index -> Column, unmapped headers, dropped name headers). The first header matching
    a column wins; a later duplicate is reported as unmapped."""
    match = TABLES[kind].match(headers, ignore=NAME_COLUMNS)
    return match.mapped, match.unmapped, match.ignored


# What each column means, for the upload page's list of columns (metrics.md §1–§4, §7).
MEANINGS = {
    "employee_id": "The person's employee or assignment number. Replaced by a keyed code before anything is kept.",
    "applicant_id": "The applicant's or candidate's reference. Replaced by a keyed code before anything is kept.",
    "ethnicity": "The ethnic group as your system records it: ONS 2001, 2011 or 2021 Census wording, NHS codes A to S, Z or 99, or common short forms such as White British.",
    "pay_band": "The grade or pay band of the person's main post.",
    "directorate": "The department, service or division. Used to tell social care staff apart when your settings map directorates to adults' or children's social care.",
    "social_care_area": "Adults, children or none (also “adult social care”, “children's social care”).",
    "senior_manager": "Yes for senior managers (metric 9).",
    "sex": "Female, male, other, prefer not to say or not known (the gender pay gap).",
    "disability": "Yes, no, prefer not to say or not known (the disability pay gap).",
    "hourly_pay": "Ordinary hourly pay in the March pay period, such as 17.59 or £17.59.",
    "ordinary_pay": "Ordinary pay for the pay period (basic pay, allowances, shift premium, pay for leave, after salary sacrifice). With weekly_hours, gives hourly pay when there is no hourly_pay.",
    "weekly_hours": "Contracted weekly hours.",
    "pay_period_days": "Days in the relevant pay period (31 when blank, or your organisation's setting).",
    "annual_salary": "Full-time equivalent annual salary (metric 1 by national salary bands).",
    "full_pay_relevant": "No for someone on reduced or nil pay because of leave in the pay period; yes otherwise.",
    "bonus_pay": "Bonus paid in the 12 months to 31 March (0 or blank: none).",
    "leaving_date": "The last day of employment, if the person has left.",
    "start_date": "The first day of employment. Someone starting after 31 March is left out with a warning.",
    "regulated": "Yes for a registered social worker or other regulated professional (metric 4).",
    "sexual_orientation": "As your system records it (declaration rates only).",
    "religion": "Religion or belief, as your system records it (declaration rates only).",
    "vacancy_ref": "The vacancy's reference.",
    "shortlisted": "Yes if the applicant was shortlisted.",
    "appointed": "Yes if the applicant was appointed (only a shortlisted applicant can be).",
    "decision_date": "The date of the appointment decision.",
    "case_ref": "The case's reference.",
    "case_type": "Disciplinary, or Fitness to Practise (also “Fitness to Practice”, “FtP”).",
    "date_opened": "The date the case was opened.",
    "course": "The course's title.",
    "mandatory": "Yes for mandatory training (metric 5 counts non-mandatory CPD).",
    "funded": "Yes if the organisation funded it (yes when blank).",
    "date": "The date of the course.",
    "harassment_public": "Yes if the respondent experienced harassment, bullying or abuse from people who use services, their relatives or the public.",
    "harassment_colleagues": "Yes if from colleagues.",
    "harassment_managers": "Yes if from managers.",
}


def column_guide(kind: str) -> list[dict]:
    """Each column of `kind` for the upload page: its name, the other headers it is recognised by, whether it is
    required, and what it means."""
    return [{"name": c.name, "aliases": list(c.aliases), "required": c.required, "meaning": MEANINGS.get(c.name, "")}
            for c in FORMATS[kind]]
