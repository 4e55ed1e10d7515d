"""Every field's length and format limits give a message, in the forms and in the importer, and
titles are one line (they become email subjects, page titles and file names)."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from plans import services
from plans.importers.reading import read_plan_file
from plans.importers.rows import ImportRefused
from plans.models import Action, Plan, PlanImport, Tag

HEADER = ["reference", "theme_code", "theme", "title", "lead_officer", "deadline", "tags", "status"]


def plan_csv(*rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode()


@pytest.fixture
def plan(org, editor):
    return services.plan_create(organisation=org, actor=editor, title="EDI plan")


def action_data(**changes):
    return {"reference": "CP9", "title": "An action", "lead_officer": "", "deadline_text": "", "measures": "",
            "tags": "", "dependencies": "", "resources": "", "resource_cost": "", **changes}


def test_a_tag_longer_than_60_characters_is_a_message_in_the_form(client_for, editor, org, plan):
    long_tag = "a" * 61
    response = client_for(editor).post(reverse("plans:action-create", args=[org.slug, plan.pk]),
                                       action_data(tags=f"race, {long_tag}"))
    assert response.status_code == 200
    assert f"The tag “{'a' * 30}…” is 61 characters long: a tag can be at most 60." in response.content.decode()
    assert Action.objects.count() == 0 and Tag.objects.count() == 0


def test_a_tag_of_60_characters_is_kept(client_for, editor, org, plan):
    response = client_for(editor).post(reverse("plans:action-create", args=[org.slug, plan.pk]),
                                       action_data(tags="b" * 60))
    assert response.status_code == 302 and Tag.objects.get().name == "b" * 60


@pytest.mark.parametrize("url_name, data, message", [
    ("plans:plan-create", {"title": "Our plan\nfor 2024", "framework": "local", "status": "draft",
                           "review_frequency": "quarterly"}, "The title must be on one line: remove its line breaks."),
    ("plans:theme-create", {"title": "Culture\r\nand people"}, "The title must be on one line: remove its line breaks."),
    ("plans:action-create", action_data(title="Train\nthe managers"), "The title must be on one line: remove its line breaks."),
])
def test_a_title_with_a_line_break_is_refused_with_a_message(client_for, editor, org, plan, url_name, data, message):
    args = [org.slug] if url_name == "plans:plan-create" else [org.slug, plan.pk]
    before = (Plan.objects.count(), plan.themes.count(), Action.objects.count())
    response = client_for(editor).post(reverse(url_name, args=args), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert (Plan.objects.count(), plan.themes.count(), Action.objects.count()) == before


def test_services_refuse_a_title_on_two_lines_whoever_calls_them(editor, plan):
    with pytest.raises(ValidationError, match="one line"):
        services.plan_update(plan=plan, actor=editor, title="EDI plan\n2024")
    action = services.action_create(plan=plan, actor=editor, reference="A1", title="One line")
    with pytest.raises(ValidationError, match="one line"):
        services.action_update(action=action, actor=editor, title="Two\u2028lines")
    plan.refresh_from_db()
    action.refresh_from_db()
    assert plan.title == "EDI plan" and action.title == "One line"


def test_too_long_fields_of_a_service_call_are_a_validation_error_not_a_database_error(editor, plan):
    with pytest.raises(ValidationError) as error:
        services.action_create(plan=plan, actor=editor, reference="A1", title="T", lead_officer="L" * 251)
    assert "lead_officer" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.theme_create(plan=plan, actor=editor, title="T", code="C" * 21)
    assert "code" in error.value.message_dict
    assert Action.objects.count() == 0 and plan.themes.count() == 0


# The importer ---------------------------------------------------------------------------------------

def test_an_imported_tag_longer_than_60_characters_is_refused_naming_its_row(client_for, editor, org):
    data = plan_csv(["A1", "T1", "Culture", "First", "", "", "race"],
                    ["A2", "T1", "Culture", "Second", "", "", "race, " + "t" * 61])
    response = client_for(editor).post(reverse("plans:plan-import", args=[org.slug]),
                                       {"file": SimpleUploadedFile("plan.csv", data)})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing can be imported until these are shortened:" in html
    assert "row 3: the tag “" in html and "is 61 characters long; a tag can be at most 60" in html
    assert PlanImport.objects.count() == 0 and Plan.objects.count() == 0


def test_an_imported_reference_too_long_is_refused_naming_its_row():
    with pytest.raises(ImportRefused, match=r"row 2: the reference is 31 characters long; the most is 30"):
        read_plan_file("plan.csv", plan_csv(["R" * 31, "T1", "Culture", "First", "", "", ""]))


def test_imported_titles_are_folded_to_one_line_and_the_editor_is_told():
    parsed = read_plan_file("plan.csv", plan_csv(["A1", "T1", "Culture\nand people", "Train\nthe managers", "", "", ""]))
    [action] = parsed.actions
    assert action.title == "Train the managers" and parsed.themes[0].title == "Culture and people"
    assert any("line breaks in" in w and "row 2" in w for w in parsed.warnings)


def test_a_null_character_deep_in_a_csv_is_refused_naming_its_row():
    rows = [[f"A{n}", "T1", "Culture", f"Action {n}", "", "", "", ""] for n in range(1, 200)]
    rows.append(["B1", "T1", "Culture", "Bad", "", "Dec 22\x00", "", ""])
    with pytest.raises(ImportRefused, match=r"row 201: a cell holds a null character"):
        read_plan_file("plan.csv", plan_csv(*rows))
