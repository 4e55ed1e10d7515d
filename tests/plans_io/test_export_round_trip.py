"""A plan with every field filled, tricky text included, exported and imported back unchanged; and an
unchanged export imported into its own plan changes nothing and says so."""

import csv
import io

import pytest
from openpyxl import load_workbook

from plans import services
from plans.exports import plan_export_csv, plan_export_xlsx
from plans.importers.reading import read_plan_file
from plans.importers.services import plan_import_confirm
from plans.models import Action, ProgressUpdate

MEASURES = ["=100% of panels trained", "+5 points in the staff survey", "-10% fewer complaints", "@mentions in reports",
            "Tab\tseparated figures", "Staff say it is “fair” — 😊 ok"]


def full_plan(org, editor):
    plan = services.plan_create(organisation=org, actor=editor, title="Équipe plan 2024–25")
    theme = services.theme_create(plan=plan, actor=editor, title="=Workforce – fairness", code="1")
    other = services.theme_create(plan=plan, actor=editor, title="Community voice", code="2")
    first = services.action_create(
        plan=plan, actor=editor, theme=theme, reference="1.1", title="=SUM(A1) review of café pay",
        lead_officer="+44 Zoë O’Brien", dependencies="-1 budget line\n\tHR system\tcut-over",
        resources="@finance team\n£20,000 – ring-fenced", deadline_text="March 2025", measures=MEASURES,
        tags=["race", "disability"], metrics=["7a", "9"],
    )
    services.progress_update_record(action=first, author=editor, status="amber", commentary="=delayed\nby the restructure",
                                    next_steps="+ escalate\n- then review in May")
    second = services.action_create(plan=plan, actor=editor, theme=other, reference="C-2", title="'=quoted already",
                                    lead_officer="Head of Comms", deadline_text="Q3 2024/25", measures=["One"])
    services.progress_update_record(action=second, author=editor, status="complete", commentary="Done.")
    services.action_create(plan=plan, actor=editor, theme=other, reference="C-3", title="Not started yet")
    return plan


def snapshot(plan):
    latest = {}
    for update in ProgressUpdate.objects.filter(action__plan=plan).order_by("action_id", "-created_at", "-id"):
        latest.setdefault(update.action_id, update)
    return [
        (a.reference, a.theme.code, a.theme.title, a.title, a.lead_officer, a.dependencies, a.resources,
         [m.text for m in a.measures.all()], a.deadline_text, a.deadline_date, a.status, a.metrics,
         sorted(t.name for t in a.tags.all()),
         latest[a.pk].commentary if a.pk in latest else "", latest[a.pk].next_steps if a.pk in latest else "")
        for a in Action.objects.filter(plan=plan).select_related("theme").order_by("reference")
    ]


EXPORTS = {"csv": plan_export_csv, "xlsx": plan_export_xlsx}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_plan_with_every_field_filled_comes_back_unchanged(org, editor, kind):
    plan = full_plan(org, editor)
    exported = EXPORTS[kind](plan)
    copy = plan_import_confirm(organisation=org, actor=editor, parsed=read_plan_file(f"plan.{kind}", exported)).plan
    assert snapshot(copy) == snapshot(plan)
    assert snapshot(plan)[0][7] == MEASURES  # the tricky measures really were there


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_reimporting_an_unchanged_export_changes_nothing_and_says_so(org, editor, kind):
    plan = full_plan(org, editor)
    before = snapshot(plan)
    versions = sorted(plan.actions.values_list("reference", "version"))
    updates = ProgressUpdate.objects.count()
    result = plan_import_confirm(organisation=org, actor=editor, plan=plan,
                                 parsed=read_plan_file(f"plan.{kind}", EXPORTS[kind](plan)))
    assert result.created == result.updated == result.status_changes == result.missing == []
    assert result.summary(f"plan.{kind}") == f"Nothing changed: the 3 actions in plan.{kind} are the same as in the plan."
    assert snapshot(plan) == before and sorted(plan.actions.values_list("reference", "version")) == versions
    assert ProgressUpdate.objects.count() == updates


def test_exports_use_the_names_people_read_and_size_their_columns(org, editor):
    plan = full_plan(org, editor)
    rows = list(csv.reader(io.StringIO(plan_export_csv(plan).decode("utf-8-sig"))))
    assert rows[0][:5] == ["Reference", "Theme code", "Theme", "Action", "Lead officer"]
    by_ref = {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}
    assert [by_ref[r]["Status"] for r in ("1.1", "C-2", "C-3")] == ["Amber", "Complete", "Not started"]
    assert by_ref["1.1"]["Deadline date"] == "2025-03-31" and by_ref["1.1"]["Theme"] == "'=Workforce – fairness"
    sheet = load_workbook(io.BytesIO(plan_export_xlsx(plan))).active
    assert [c.value for c in sheet[1]][:4] == ["Reference", "Theme code", "Theme", "Action"]
    assert sheet["J2"].is_date and sheet["J2"].number_format == "d mmm yyyy"
    assert sheet.column_dimensions["A"].width == len("Reference") + 2
    assert sheet.column_dimensions["H"].width > sheet.column_dimensions["A"].width  # success measures are wider


def test_an_export_from_before_the_readable_names_still_imports(org, editor):
    data = ("reference,theme_code,theme,title,lead_officer,success_measures,deadline,status,latest_commentary\n"
            "X1,1,People,Do the thing,Ann,\"One\nTwo\",March 2025,amber,Slow\n").encode()
    [action] = read_plan_file("old.csv", data).actions
    assert (action.reference, action.title, action.lead_officer, action.measures, action.status, action.commentary) == (
        "X1", "Do the thing", "Ann", ["One", "Two"], "amber", "Slow")
