import re

from playwright.sync_api import expect

from edi_tracker.models import Role
from plans.models import Plan
from tests.plans_io import docx_fixtures as fx
from tests.plans_io import real_world_files as rw

from .conftest import assert_accessible, log_in


def test_editor_imports_a_word_plan(page, org, make_member, tmp_path):
    make_member(Role.EDITOR, username="edi-coordinator")
    path = tmp_path / "Equality Improvement Plan.docx"
    path.write_bytes(fx.eflg_docx())
    log_in(page, "edi-coordinator")
    page.get_by_role("link", name="Import a plan from Word, Excel or CSV").click()
    assert_accessible(page)
    page.get_by_label("Plan file").set_input_files(str(path))
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_role("heading", name=re.compile("Check what we read"))).to_be_visible()
    expect(page.get_by_text("Nothing has been saved yet.")).to_be_visible()
    expect(page.get_by_role("cell", name="Put the Gender Pay Gap report on the CEDIS agenda.")).to_be_visible()
    assert_accessible(page)
    assert Plan.objects.count() == 0
    page.get_by_role("button", name="Confirm and import").click()

    expect(page.get_by_text(re.compile("Imported Equality Improvement Plan.docx: 5 actions added"))).to_be_visible()
    expect(page.get_by_role("heading", name="4: Employing a diverse and engaged workforce")).to_be_visible()
    page.get_by_role("link", name="Share the plan across the organisation.").click()
    expect(page.get_by_role("heading", name=re.compile("1.3: Share the plan"))).to_be_visible()
    expect(page.locator(".app-history__item").first).to_contain_text("Red")
    assert_accessible(page)


def test_editor_imports_a_spreadsheet_tracker_with_a_title_row_and_colour_rag(page, org, make_member, tmp_path):
    make_member(Role.EDITOR, username="edi-coordinator")
    path = tmp_path / "Equality tracker.xlsx"
    path.write_bytes(rw.tracker_xlsx())
    log_in(page, "edi-coordinator")
    page.get_by_role("link", name="Import a plan from Word, Excel or CSV").click()
    page.get_by_label("Plan file").set_input_files(str(path))
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_role("heading", name=re.compile("Check what we read"))).to_be_visible()
    expect(page.get_by_text("the headers are on row 3")).to_be_visible()
    expect(page.get_by_text("“Read me” has no plan table and was not read")).to_be_visible()
    red_row = page.get_by_role("row").filter(has_text="Publish the ethnicity pay gap")
    expect(red_row).to_contain_text("from the red fill of the “RAG status” cell")
    expect(red_row).to_contain_text("read as 30 April 2023")
    expect(page.get_by_role("row").filter(has_text="Train managers in inclusive recruitment")).to_contain_text(
        "from the “RAG status” column")
    assert_accessible(page)
    page.get_by_role("button", name="Confirm and import").click()

    expect(page.get_by_text(re.compile("Imported Equality tracker.xlsx: 6 actions added"))).to_be_visible()
    plan = Plan.objects.get()
    assert dict(plan.actions.values_list("reference", "status")) == {
        "W1": "red", "W2": "amber", "C1": "green", "C2": "amber", "C3": "complete", "C4": "not_started"}
    page.get_by_role("link", name="Publish the ethnicity pay gap").click()
    expect(page.locator(".app-history__item").first).to_contain_text("Red")
    assert_accessible(page)
