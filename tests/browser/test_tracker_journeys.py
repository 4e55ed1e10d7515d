"""Whole journeys of the tracker in real Chromium, each ending with axe-core on the pages it visited."""

import re

import pytest
from playwright.sync_api import expect

from edi_tracker.models import Role
from plans import services
from plans.models import Action

from .conftest import assert_accessible, log_in


@pytest.fixture
def tracker(org, make_member):
    editor = make_member(Role.EDITOR, username="edi-coordinator")
    lead = make_member(Role.LEAD, username="head-of-service")
    plan = services.plan_create(organisation=org, actor=editor, title="Children's Services EDI Strategy", status="active")
    theme = services.theme_create(plan=plan, actor=editor, code="CP", title="Culture and practice")
    action = services.action_create(
        plan=plan, actor=editor, theme=theme, reference="CP1", title="Deliver anti-racist practice training to all social workers",
        lead_officer="Principal Social Worker", lead_user=lead, deadline_text="Dec 22",
        measures=["90% of social workers trained"],
    )
    services.action_create(plan=plan, actor=editor, theme=theme, reference="CP2", title="Someone else's action")
    return {"editor": editor, "lead": lead, "plan": plan, "theme": theme, "action": action}


def tab_until(page, predicate_js: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({predicate_js}); }}"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate_js}")


def test_lead_updates_an_action_from_my_actions_with_the_keyboard_alone(page, tracker, org):
    log_in(page, "head-of-service")
    page.get_by_role("link", name="My actions").first.click()
    expect(page.get_by_role("heading", name="My actions")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Someone else"))).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Deliver anti-racist practice training")).click()
    expect(page.get_by_role("heading", name="Update progress")).to_be_visible()
    assert_accessible(page)

    # From here on, only the keyboard: reach the status radios, choose Amber, write, save.
    tab_until(page, "el.name === 'status'")
    # Arrow keys move through a radio group and select as they go: Not started → Red → Amber.
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.value") == "amber"
    tab_until(page, "el.name === 'commentary'")
    page.keyboard.type("The trainer has withdrawn; two cohorts are postponed.")
    tab_until(page, "el.name === 'next_steps'")
    page.keyboard.type("Commission a new provider through the framework.")
    tab_until(page, "el.name === 'next_steps_timeframe'")
    page.keyboard.type("by end of January")
    tab_until(page, "el.tagName === 'BUTTON' && el.textContent.includes('Save update')")
    page.keyboard.press("Enter")

    history = page.locator(".app-history__item").first
    expect(history).to_contain_text("The trainer has withdrawn; two cohorts are postponed.")
    expect(history).to_contain_text("Commission a new provider through the framework.")
    expect(history).to_contain_text("Amber")
    expect(history).to_contain_text("by end of January")
    expect(page.get_by_text("CP1 is now amber")).to_be_visible()
    assert Action.objects.get(pk=tracker["action"].pk).status == "amber"
    assert_accessible(page)


def test_red_without_commentary_is_explained_in_the_page(page, tracker):
    log_in(page, "head-of-service")
    page.goto(f"/o/{tracker['plan'].organisation.slug}/actions/{tracker['action'].pk}/")
    page.get_by_label("Red – off track").check()
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_contain_text("red and amber need a commentary")
    assert Action.objects.get(pk=tracker["action"].pk).status == "not_started"
    assert_accessible(page)


def test_editor_adds_an_action(page, tracker, org):
    log_in(page, "edi-coordinator")
    page.goto(f"/o/{org.slug}/plans/{tracker['plan'].pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("Reference").fill("CP3")
    page.get_by_label("Action", exact=True).fill("Publish the workforce race equality data on the intranet")
    page.get_by_label("Theme").select_option(label="CP Culture and practice")
    page.get_by_label("Lead officer, as written in the plan").fill("Head of HR")
    page.get_by_label("Lead in EDI Tracker").select_option(label="Head Of Service")
    page.get_by_label("Deadline").fill("Q1 2023/24")
    page.get_by_label("Success measures").fill("Data published\nStaff network consulted")
    assert_accessible(page)
    page.get_by_role("button", name="Add action").click()

    expect(page.get_by_role("heading", name=re.compile("CP3: Publish the workforce race equality data"))).to_be_visible()
    expect(page.get_by_text("Read as 30 June 2023 (quarter)")).to_be_visible()
    expect(page.get_by_text("Data published")).to_be_visible()
    action = Action.objects.get(reference="CP3")
    assert action.lead_user == tracker["lead"] and action.measures.count() == 2
    assert_accessible(page)


def test_two_browsers_edit_the_same_action_and_the_second_keeps_its_text(new_page, tracker, org, make_member):
    make_member(Role.ADMIN, username="edi-programme-manager")
    first, second = new_page(), new_page()
    log_in(first, "head-of-service")
    log_in(second, "edi-programme-manager")
    url = f"/o/{org.slug}/actions/{tracker['action'].pk}/"
    first.goto(url)
    second.goto(url)

    first.get_by_label("Green – on track").check()
    first.get_by_label("Commentary").fill("First cohort trained.")
    first.get_by_role("button", name="Save update").click()
    expect(first.locator(".app-history__item").first).to_contain_text("First cohort trained.")

    second.get_by_label("Amber – at risk").check()
    second.get_by_label("Commentary").fill("Attendance is low in the north locality.")
    second.get_by_role("button", name="Save update").click()

    expect(second.get_by_role("heading", name="Someone else updated this action")).to_be_visible()
    expect(second.locator(".govuk-error-summary")).to_contain_text("First cohort trained.")
    expect(second.get_by_label("Commentary")).to_have_value("Attendance is low in the north locality.")
    expect(second.get_by_label("Amber – at risk")).to_be_checked()
    assert Action.objects.get(pk=tracker["action"].pk).status == "green"
    assert_accessible(second)

    # Having seen the other update, the second person saves theirs on purpose.
    second.get_by_role("button", name="Save update").click()
    expect(second.locator(".app-history__item").first).to_contain_text("Attendance is low in the north locality.")
    assert Action.objects.get(pk=tracker["action"].pk).status == "amber"


def test_the_update_form_works_without_javascript(chromium, live_server, tracker, org):
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        log_in(page, "head-of-service")
        page.goto(f"/o/{org.slug}/actions/{tracker['action'].pk}/")
        page.get_by_label("Complete").check()
        page.get_by_label("Commentary").fill("All social workers trained.")
        page.get_by_role("button", name="Save update").click()
        expect(page.get_by_text("CP1 is now complete")).to_be_visible()
        expect(page.locator(".app-history__item").first).to_contain_text("All social workers trained.")
        # The action list filters work as a plain form too.
        page.goto(f"/o/{org.slug}/actions/")
        page.get_by_label("Complete").check()
        page.get_by_role("button", name="Apply filters").click()
        expect(page.get_by_role("heading", name="1 action")).to_be_visible()
    finally:
        context.close()


def test_saving_an_update_shows_the_new_status_in_the_header_without_a_reload(page, tracker, org, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    evidence = tmp_path / "Training attendance.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    log_in(page, "head-of-service")
    page.goto(f"/o/{org.slug}/actions/{tracker['action'].pk}/")
    header = page.locator("#action-status")
    expect(header).to_contain_text("Not started")
    page.evaluate("() => { window.noReloadMarker = true; }")

    page.get_by_label("Amber – at risk").check()
    page.get_by_label("Commentary").fill("The trainer has withdrawn.")
    page.get_by_text("Add evidence").click()
    page.get_by_label("Evidence file").set_input_files(str(evidence))
    page.get_by_role("button", name="Save update").click()

    expect(page.locator(".app-history__item").first).to_contain_text("The trainer has withdrawn.")
    expect(page.locator(".app-history__item").first).to_contain_text("Download evidence: Training attendance.pdf")
    expect(header).to_contain_text("Amber")
    expect(header).not_to_contain_text("Not started")
    assert page.evaluate("() => window.noReloadMarker") is True, "the page was reloaded, not swapped by htmx"
    assert Action.objects.get(pk=tracker["action"].pk).status == "amber"
    # No console error or CSP violation (the page_problems fixture fails the test at teardown otherwise).
