"""parse_deadline on every example of design.md §6, and more."""

from datetime import date

import pytest

from plans.deadlines import parse_deadline

D = date

# text, date, precision, ongoing, recurring, complete, needs_review
CASES = [
    # design.md §6, the seeds' own examples
    ("April 2023", D(2023, 4, 30), "month", False, None, False, False),
    ("December 22", D(2022, 12, 31), "month", False, None, False, False),
    ("Dec 22", D(2022, 12, 31), "month", False, None, False, False),
    ("Sept 22", D(2022, 9, 30), "month", False, None, False, False),
    ("Nov 2022 & Ongoing", D(2022, 11, 30), "month", True, None, False, False),
    ("Oct 22 & Ongoing", D(2022, 10, 31), "month", True, None, False, False),
    ("Ongoing", None, None, True, None, False, False),
    ("TBC", None, None, False, None, False, True),
    ("complete", None, None, False, None, True, False),
    ("Complete", None, None, False, None, True, False),
    ("Published", None, None, False, None, True, False),
    ("Under development", None, None, False, None, False, True),
    ("Bi-annual", None, None, False, "half-yearly", False, False),
    ("2023", D(2023, 12, 31), "year", False, None, False, False),
    ("Q1 2022/23", D(2022, 6, 30), "quarter", False, None, False, False),
    ("Q3 2022", D(2022, 9, 30), "quarter", False, None, False, False),
    ("Q1/2 2022/23", D(2022, 9, 30), "quarter", False, None, False, False),
    ("End April 2022", D(2022, 4, 30), "month", False, None, False, False),
    ("6th June 2022", D(2022, 6, 6), "day", False, None, False, False),
    ("14.03.22", D(2022, 3, 14), "day", False, None, False, False),
    ("November 2023 March 2024", D(2024, 3, 31), "month", False, None, False, False),
    ("May 2022/June 2022", D(2022, 6, 30), "month", False, None, False, False),
    ("Jan 2022", D(2022, 1, 31), "month", False, None, False, False),
    ("Sept 2022 & ongoing", D(2022, 9, 30), "month", True, None, False, False),
    # the rules' own examples
    ("Apr-23", D(2023, 4, 30), "month", False, None, False, False),
    ("31/03/2023", D(2023, 3, 31), "day", False, None, False, False),
    ("2023-03-31", D(2023, 3, 31), "day", False, None, False, False),
    ("Q4 2022/23", D(2023, 3, 31), "quarter", False, None, False, False),
    ("2022/23", D(2023, 3, 31), "year", False, None, False, False),
    ("March 2022 – August 2022", D(2022, 8, 31), "month", False, None, False, False),
    ("", None, None, False, None, False, True),
    # more
    ("by Dec 22", D(2022, 12, 31), "month", False, None, False, False),
    ("Feb 24", D(2024, 2, 29), "month", False, None, False, False),  # leap year: last day is the 29th
    ("Feb 2023", D(2023, 2, 28), "month", False, None, False, False),
    ("Q2 2022/23", D(2022, 9, 30), "quarter", False, None, False, False),
    ("Q3 2022/23", D(2022, 12, 31), "quarter", False, None, False, False),
    ("Q1 2023", D(2023, 3, 31), "quarter", False, None, False, False),
    ("2022/23 Q2", D(2022, 9, 30), "quarter", False, None, False, False),
    ("2024/2025", D(2025, 3, 31), "year", False, None, False, False),
    ("31 March 2024", D(2024, 3, 31), "day", False, None, False, False),
    ("March 31st, 2024", D(2024, 3, 31), "day", False, None, False, False),
    ("1.4.2023", D(2023, 4, 1), "day", False, None, False, False),
    ("03/2023", D(2023, 3, 31), "month", False, None, False, False),
    ("Quarterly", None, None, False, "quarterly", False, False),
    ("Monthly", None, None, False, "monthly", False, False),
    ("Annually", None, None, False, "annual", False, False),
    ("Yearly review", None, None, False, "annual", False, False),
    ("Biannual", None, None, False, "half-yearly", False, False),
    ("Six-monthly", None, None, False, "half-yearly", False, False),
    ("Completed", None, None, False, None, True, False),
    ("Done", None, None, False, None, True, False),
    ("Achieved", None, None, False, None, True, False),
    ("Completed March 2022", D(2022, 3, 31), "month", False, None, True, False),
    ("To be completed by March 2023", D(2023, 3, 31), "month", False, None, False, False),
    ("Complete by Dec 22", D(2022, 12, 31), "month", False, None, False, False),
    ("Quarterly from April 2023", D(2023, 4, 30), "month", False, "quarterly", False, False),
    ("31.02.22", None, None, False, None, False, True),  # no 31 February: kept, flagged
    ("When funding allows", None, None, False, None, False, True),
    ("   Dec 22  ", D(2022, 12, 31), "month", False, None, False, False),
    ("Spring 2023", D(2023, 5, 31), "quarter", False, None, False, False),
]


@pytest.mark.parametrize("text,day,precision,ongoing,recurring,complete,needs_review", CASES, ids=[c[0] or "blank" for c in CASES])
def test_parse_deadline(text, day, precision, ongoing, recurring, complete, needs_review):
    parsed = parse_deadline(text)
    assert (parsed.date, parsed.precision, parsed.ongoing, parsed.recurring, parsed.complete, parsed.needs_review) == (
        day, precision, ongoing, recurring, complete, needs_review
    )


def test_none_is_blank_and_needs_review():
    assert parse_deadline(None).needs_review


def test_an_action_keeps_its_text_and_gets_the_derived_fields(db, org, editor):
    from plans import services

    plan = services.plan_create(organisation=org, actor=editor, title="Plan")
    action = services.action_create(plan=plan, actor=editor, reference="HW 3", title="Review", deadline_text="Nov 2022 & Ongoing")
    action.refresh_from_db()
    assert action.deadline_text == "Nov 2022 & Ongoing"
    assert (action.deadline_date, action.deadline_precision, action.deadline_ongoing) == (D(2022, 11, 30), "month", True)
    updated = services.action_update(action=action, actor=editor, deadline_text="TBC")
    assert (updated.deadline_text, updated.deadline_date, updated.deadline_needs_review) == ("TBC", None, True)
