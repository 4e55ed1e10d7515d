"""Build current extracts with records directly, for hand-worked examples."""

from datetime import date
from decimal import Decimal

from workforce.models import CaseRecord, CpdRecord, Extract, RecruitmentRecord, StaffRecord, SurveyRecord
from workforce.vocab import GROUP_OF, wres_group

ETHNICITY_OF = {"white": "white_british", "bme": "black_african", "not_known": "not_known", "asian": "asian_indian"}


def extract(org, kind, year, columns, status="current"):
    return Extract.objects.create(organisation=org, kind=kind, year=year, status=status, filename=f"{kind}.csv",
                                  checksum=f"{kind}{year}{status}", report={"columns": columns})


def staff(org, year, people, columns=None):
    """people: dicts with id, group (or an ethnicity category) and any StaffRecord field."""
    columns = columns or ["employee_id", "ethnicity", "pay_band", "sex", "disability", "hourly_pay", "full_pay_relevant",
                          "leaving_date", "regulated", "senior_manager"]
    e = extract(org, "staff", year, columns)
    rows = []
    for n, person in enumerate(people, start=2):
        person = dict(person)
        group = person.pop("group", None)
        ethnicity = person.pop("ethnicity", None) or ETHNICITY_OF[group]
        pay = person.pop("pay", None)
        rows.append(StaffRecord(
            extract=e, organisation=org, year=year, row_number=n, employee_key=person.pop("id"), ethnicity=ethnicity,
            ethnic_group=GROUP_OF[ethnicity], wres_group=wres_group(ethnicity),
            pay_band=person.pop("band", "Band A"), hourly_pay=Decimal(str(pay)) if pay is not None else None,
            full_pay_relevant=person.pop("fpr", True), **person,
        ))
    StaffRecord.objects.bulk_create(rows)
    return e


def cases(org, year, items):
    e = extract(org, "casework", year, ["employee_id", "case_type", "date_opened"])
    CaseRecord.objects.bulk_create(
        CaseRecord(extract=e, organisation=org, year=year, row_number=n, employee_key=who, case_type=kind, date_opened=when)
        for n, (who, kind, when) in enumerate(items, start=2))


def cpd(org, year, items):
    e = extract(org, "cpd", year, ["employee_id", "mandatory", "funded", "date"])
    CpdRecord.objects.bulk_create(
        CpdRecord(extract=e, organisation=org, year=year, row_number=n, employee_key=who, mandatory=mandatory,
                  funded=funded, date=when)
        for n, (who, mandatory, funded, when) in enumerate(items, start=2))


def recruitment(org, year, items, columns=("ethnicity", "shortlisted", "appointed", "decision_date")):
    e = extract(org, "recruitment", year, list(columns))
    RecruitmentRecord.objects.bulk_create(
        RecruitmentRecord(extract=e, organisation=org, year=year, row_number=n, ethnicity=ETHNICITY_OF[g],
                          ethnic_group=GROUP_OF[ETHNICITY_OF[g]], wres_group=wres_group(ETHNICITY_OF[g]),
                          shortlisted=s, appointed=a, decision_date=d)
        for n, (g, s, a, d) in enumerate(items, start=2))


def survey(org, year, items, columns=("ethnicity", "harassment_public", "harassment_colleagues")):
    e = extract(org, "survey", year, list(columns))
    SurveyRecord.objects.bulk_create(
        SurveyRecord(extract=e, organisation=org, year=year, row_number=n, ethnicity=ETHNICITY_OF[g],
                     ethnic_group=GROUP_OF[ETHNICITY_OF[g]], wres_group=wres_group(ETHNICITY_OF[g]),
                     harassment_public=public, harassment_colleagues=colleagues)
        for n, (g, public, colleagues) in enumerate(items, start=2))


D = date
