"""The data layer: the picture of a plan for a past quarter, worked out by hand from the history in conftest."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from edi_tracker.quarters import FinancialQuarter
from reports import selectors
from tests.factories import ActionFactory, ProgressUpdateFactory, ThemeFactory

from .conftest import Q2, at

LATER = date(2023, 1, 15)  # well after the quarter: later updates (A1's November red) must not count


@pytest.fixture
def picture(history_plan):
    return selectors.plan_picture(history_plan, Q2, today=LATER)


def refs(rows):
    return [r["reference"] for r in rows]


def test_quarter_and_day(picture):
    assert picture["quarter"]["label"] == "2022/23 Q2"
    assert (picture["quarter"]["start"], picture["quarter"]["end"]) == ("2022-07-01", "2022-09-30")
    assert picture["as_at"] == "2022-09-30" and picture["quarter_complete"] is True
    assert picture["next_quarter"]["label"] == "2022/23 Q3"


def test_counts_at_the_quarter_end_and_the_change_since_the_previous_quarter(picture):
    # End of Q2: A5 red, A1 amber, A3 green, A2 complete, A4 not started = 5 (A6 did not exist yet).
    # End of Q1 (30 June): A1 green, A2 amber, A3 green, A4 and A5 not started = 5.
    counts = {c["status"]: (c["count"], c["previous"], c["change"]) for c in picture["counts"]}
    assert counts == {
        "red": (1, 0, 1),           # 1 - 0 = +1
        "amber": (1, 1, 0),         # A1 became amber as A2 stopped being amber
        "green": (1, 2, -1),        # 1 - 2 = -1
        "complete": (1, 0, 1),
        "not_started": (1, 2, -1),  # A5 started
    }
    assert picture["total"] == 5 and picture["previous_total"] == 5
    assert [c["change_text"] for c in picture["counts"]] == ["+1", "no change", "\u22121", "+1", "\u22121"]


def test_rag_by_theme(picture):
    groups = {g["label"]: {c["status"]: c["count"] for c in g["counts"] if c["count"]} for g in picture["groups"]}
    assert groups == {"T1 Culture and people": {"amber": 1, "complete": 1},
                      "T2 Recruitment": {"red": 1, "green": 1, "not_started": 1}}


def test_exceptions_red_first_with_their_latest_commentary_and_next_steps(picture):
    assert refs(picture["exceptions"]) == ["A5", "A1"]
    a5, a1 = picture["exceptions"]
    assert a5["commentary"] == "Still no budget for the traineeships."
    assert (a5["next_steps"], a5["timeframe"]) == ("Bid to the workforce fund", "November 2022")
    # A1's November "Scheme cancelled." came after the quarter: the report shows what was true then.
    assert a1["word"] == "Amber" and a1["commentary"] == "Recruitment of mentors paused."


def test_completed_overdue_stale_inconsistent_and_upcoming(picture):
    assert refs(picture["completed"]) == ["A2"] and picture["completed"][0]["completed_on"] == "2022-09-15"
    # A3: deadline 31 Aug 2022 < 30 Sep and not complete. A2's 1 Sep deadline does not count: complete.
    assert refs(picture["overdue"]) == ["A3"]
    assert refs(picture["inconsistent"]) == ["A3"]  # green but overdue
    # No update between 1 July and 30 September and not complete: A3 (June) and A4 (never).
    assert refs(picture["stale"]) == ["A3", "A4"]
    # Due in Q3 (1 Oct - 31 Dec 2022) and not complete: A4 (December 2022).
    assert refs(picture["upcoming"]) == ["A4"]


def test_status_changes_in_the_quarter(picture):
    changes = [(c["on"], c["reference"], c["from"], c["to"]) for c in picture["changes"]]
    # A5's second red (20 Sep) is not a change.
    assert changes == [("2022-07-05", "A5", "not_started", "red"), ("2022-08-01", "A1", "green", "amber"),
                       ("2022-09-15", "A2", "amber", "complete")]


def test_data_completeness(picture):
    rows = {c["label"]: (c["count"], c["total"], c["pct"]) for c in picture["completeness"]}
    assert rows["Actions updated in the quarter"] == (3, 5, 60.0)  # A1, A2, A5: 3 / 5 = 60.0%
    assert rows["Red and amber actions with next steps"] == (2, 2, 100.0)
    assert rows["Actions with a named lead"] == (5, 5, 100.0)  # A4 has a lead officer's name


def test_appendix_has_every_action_that_existed(picture):
    assert refs(picture["appendix"]) == ["A1", "A2", "A3", "A4", "A5"]
    a3 = picture["appendix"][2]
    assert a3["flags"] == ["Overdue", "Stale", "Inconsistent"] and a3["last_update"] == "2022-06-01"


def test_metrics_linked_to_the_plan_without_results(picture):
    # A1 addresses metric 3, theme T2 metric 2; the reporting year of a quarter ending 30 Sep 2022 is 2022.
    assert picture["metrics"]["year"] == 2022 and picture["metrics"]["linked"] == ["2", "3"]
    items = {m["key"]: m for m in picture["metrics"]["items"]}
    assert set(items) == {"2", "3"}
    assert items["3"]["value"] is None and items["3"]["no_data"] == "No data for 2022: upload a casework extract."


def test_metrics_year_is_the_latest_snapshot_on_or_before_the_quarter_end():
    assert selectors.metrics_year(FinancialQuarter.parse("2022/23-Q2")) == 2022  # ends 30 Sep 2022
    assert selectors.metrics_year(FinancialQuarter.parse("2022/23-Q4")) == 2023  # ends 31 Mar 2023
    assert selectors.metrics_year(FinancialQuarter.parse("2022/23-Q3")) == 2022  # ends 31 Dec 2022


def test_the_previous_quarter_shows_what_was_true_then(history_plan):
    q1 = selectors.plan_picture(history_plan, Q2.previous(), today=LATER)
    counts = {c["status"]: c["count"] for c in q1["counts"]}
    assert counts == {"red": 0, "amber": 1, "green": 2, "complete": 0, "not_started": 2}


def test_the_current_quarter_is_as_at_today(history_plan):
    picture = selectors.plan_picture(history_plan, Q2, today=date(2022, 8, 15))
    assert picture["as_at"] == "2022-08-15" and not picture["quarter_complete"]
    # On 15 August: A3's deadline (31 Aug) has not passed; A2 is still amber; A5 red, A1 amber.
    assert refs(picture["overdue"]) == []
    assert {c["status"]: c["count"] for c in picture["counts"]}["amber"] == 2


def test_filters_by_theme_and_lead(history_plan, lead):
    t2 = history_plan.themes.get(code="T2")
    by_theme = selectors.plan_picture(history_plan, Q2, today=LATER, theme=t2)
    assert refs(by_theme["appendix"]) == ["A3", "A4", "A5"] and [g["label"] for g in by_theme["groups"]] == ["T2 Recruitment"]
    by_lead = selectors.plan_picture(history_plan, Q2, today=LATER, lead=lead)
    assert refs(by_lead["appendix"]) == ["A1", "A3", "A5"]


def test_organisation_picture_groups_by_plan(history_plan, org):
    picture = selectors.organisation_picture(org, Q2, today=LATER)
    assert picture["scope"] == "organisation" and picture["total"] == 5
    assert [g["label"] for g in picture["groups"]] == [history_plan.title]


def test_the_query_count_does_not_grow_with_the_actions(history_plan):
    def count():
        with CaptureQueriesContext(connection) as queries:
            selectors.plan_picture(history_plan, Q2, today=LATER)
        return len(queries)

    few = count()
    theme = ThemeFactory(plan=history_plan)
    for i in range(40):
        action = ActionFactory(plan=history_plan, theme=theme, reference=f"X{i}", metrics=["5"])
        ProgressUpdateFactory(action=action, created_at=at("2022-08-02"), status="amber")
    assert count() == few
