"""The extract formats of metrics.md §7: each kind's columns, their aliases and which are required."""

from dataclasses import dataclass

from .vocab import key


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # id, ethnicity, text, yesno, sex, declared, pay, money, hours, days, area, date, case_type, characteristic
    aliases: tuple[str, ...] = ()
    required: bool = False

    @property
    def keys(self) -> set[str]:
        return {key(self.name), *(key(a) for a in self.aliases)}


NAME_COLUMNS = {key(n) for n in ("Name", "Full Name", "First Name", "Forename", "Forenames", "Surname", "Last Name",
                                 "Given Name", "Family Name", "Employee Name", "Preferred Name")}

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


def map_headers(kind: str, headers: list[str]) -> tuple[dict[int, Column], list[str], list[str]]:
    """(column index -> Column, unmapped headers, dropped name headers). The first header matching
    a column wins; a later duplicate is reported as unmapped."""
    mapped: dict[int, Column] = {}
    unmapped, names = [], []
    taken = set()
    for index, header in enumerate(headers):
        k = key(header)
        if not k:
            continue
        if k in NAME_COLUMNS:
            names.append(header)
            continue
        column = next((c for c in FORMATS[kind] if k in c.keys and c.name not in taken), None)
        if column is None:
            unmapped.append(header)
        else:
            mapped[index] = column
            taken.add(column.name)
    return mapped, unmapped, names
