"""The staff extract's columns and warnings of the revised metrics.md §7: start dates, ordinary pay,
weekly hours, pay-period days, annual salary, bonus, social care area, a blank full-pay-relevant cell,
a missing regulated column."""

from decimal import Decimal

from workforce.models import StaffRecord
from workforce.services import extract_check, extract_confirm

STAFF = (
    "Employee Number,Ethnic Origin,Grade,Gender,Start Date,Date Left,Ordinary Pay,Weekly Hours,Pay Period Days,"
    "Annual Salary,Bonus,Social Care Area,FPRE\n"
    "1,White British,A,F,2015-01-01,,\"£2,450.00\",37,31,\"£31,250\",£1200,Adult Social Care,Y\n"
    "2,Indian,B,M,2022-04-01,,2000,37,,,,children,Y\n"            # starts after the snapshot: left out
    "3,African,B,M,2019-05-01,31/03/2022,2000,37,,,0,none,\n"      # leaves on 31 March: in post; FPR blank
    "4,Irish,A,F,2018-05-01,,,,,,,Children's Social Care,N\n"      # no hourly pay, no ordinary pay
)


def test_the_new_columns_are_read_normalised_and_stored(org, hr, django_capture_on_commit_callbacks):
    extract, result = extract_check(organisation=org, kind="staff", year=2022, filename="staff.csv",
                                    data=STAFF.encode(), uploaded_by=hr)
    assert extract.status == "checked", extract.report
    report = extract.report
    for column in ("start_date", "ordinary_pay", "weekly_hours", "pay_period_days", "annual_salary", "bonus_pay",
                   "social_care_area", "full_pay_relevant"):
        assert column in report["columns"], column
    warnings = " ".join(report["warnings"])
    assert "1 row starts after the snapshot on 31 March 2022 and is left out of every figure (row 3)" in warnings
    assert "1 row has a blank full_pay_relevant cell and counts as full-pay relevant (row 4)" in warnings
    assert "no regulated column" in warnings and "metric 4 (fitness to practise) will show no data" in warnings
    # Row 5 is not full-pay relevant but is still warned about: it has no pay to rank at all.
    assert "neither an hourly pay nor an ordinary pay with weekly hours" in warnings and "(row 5)" in warnings
    # In post on 31 March 2022: rows 2, 4 (leaving that day) and 5; row 3 is left out.
    assert report["declaration_rates"]["ethnicity"]["declared"] == 3
    assert report["counts"]["social_care_area"] == {"adults": 1, "none": 1, "children": 1}
    with django_capture_on_commit_callbacks(execute=True):
        extract_confirm(extract=extract, actor=hr)
    records = {r.row_number: r for r in StaffRecord.objects.all()}
    assert sorted(records) == [2, 4, 5]
    first = records[2]
    assert (first.ordinary_pay, first.weekly_hours, first.pay_period_days) == (Decimal("2450.00"), Decimal("37"), 31)
    assert (first.annual_salary, first.bonus_pay, first.social_care_area) == (Decimal("31250"), Decimal("1200"), "adults")
    assert records[4].full_pay_relevant is None and records[4].pay_period_days is None
    assert records[5].social_care_area == "children" and records[5].full_pay_relevant is False


def test_bad_values_in_the_new_columns_are_errors_naming_row_column_and_value(org, hr):
    data = ("Employee Number,Ethnic Origin,Grade,Weekly Hours,Pay Period Days,Social Care Area,Annual Salary\n"
            "1,White British,A,200,31,adults,30000\n"
            "2,White British,A,37,31.5,adults,30000\n"
            "3,White British,A,37,31,elderly,30000\n"
            "4,White British,A,37,31,adults,lots\n")
    extract, _ = extract_check(organisation=org, kind="staff", year=2022, filename="s.csv", data=data.encode(), uploaded_by=hr)
    errors = {(e["row"], e["column"]): e["why"] for e in extract.report["errors"]}
    assert errors[(2, "weekly_hours")] == "is not a number of weekly hours between 0 and 168"
    assert errors[(3, "pay_period_days")] == "is not a whole number of days from 1 to 366"
    assert errors[(4, "social_care_area")] == "is not a social care area (adults, children or none)"
    assert errors[(5, "annual_salary")].startswith("is not an amount of money")


def test_a_staff_extract_without_full_pay_relevant_says_everyone_counts(org, hr):
    data = "Employee Number,Ethnic Origin,Grade,Hourly Rate,Registered Social Worker\n1,White British,A,12,Y\n"
    extract, _ = extract_check(organisation=org, kind="staff", year=2022, filename="s.csv", data=data.encode(), uploaded_by=hr)
    warnings = " ".join(extract.report["warnings"])
    assert "no full_pay_relevant column, so everyone in post counts as full-pay relevant" in warnings
    assert "regulated" not in warnings  # the regulated column is there
