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


@pytest.fixture
def list_world(tracker, org):
    editor, plan, theme = tracker["editor"], tracker["plan"], tracker["theme"]
    services.progress_update_record(action=tracker["action"], author=editor, status="red", commentary="Late")
    long_lead = services.action_create(
        plan=plan, actor=editor, theme=theme, reference="CP3", title="Review the recruitment panel guidance " * 6,
        lead_officer="Assistant Director for Quality Assurance and Practice Improvement (Children's Social Care)",
        deadline_text="31 March 2023",
    )
    services.progress_update_record(action=long_lead, author=editor, status="amber", commentary="Slipping")
    other = services.plan_create(organisation=org, actor=editor, title="Workforce Race Equality Plan", status="active")
    other_theme = services.theme_create(plan=other, actor=editor, code="CP", title="Culture and practice")
    for n in range(1, 6):
        action = services.action_create(plan=other, actor=editor, theme=other_theme, reference=f"W{n}",
                                        title=f"Workforce action {n}", lead_officer="Head of HR", deadline_text="Q4 2023/24")
        services.progress_update_record(action=action, author=editor, status="red" if n % 2 else "green", commentary="As it is")
    return {**tracker, "other": other}


def assert_status_visible_in_every_row(page, width: int, within: str = "#action-results") -> int:
    rows = page.locator(f"{within} tbody tr.app-action-table__row")
    count = rows.count()
    assert count > 0
    for i in range(count):
        status = rows.nth(i).locator(".app-action-table__status .app-status")
        expect(status).to_be_visible()
        box = status.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, f"row {i}: Status at {box}, page {width} px"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    return count


@pytest.mark.parametrize("width", [1280, 390])
def test_filtering_the_action_list_keeps_status_in_view(new_page, list_world, org, width):
    page = new_page()
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, "edi-coordinator")
    page.get_by_role("link", name="All actions", exact=True).click()
    expect(page.get_by_role("heading", name="All actions", level=1)).to_be_visible()
    expect(page.locator('a[aria-current="page"]', has_text="All actions")).to_be_visible()
    assert assert_status_visible_in_every_row(page, width) == 8
    if width < 769:  # on a phone the filter panel starts closed: the results come first
        expect(page.get_by_label("Search")).to_be_hidden()
        page.locator("summary", has_text="Show filters").click()
    # No plan chosen: no list of every plan's themes, a hint instead.
    expect(page.get_by_text("To filter by theme, choose a plan first.")).to_be_visible()

    # Status is a set of checkboxes: two can be chosen.
    page.get_by_role("checkbox", name="Red – off track").check()
    expect(page.locator(".app-filter-tag", has_text="Status: Red")).to_be_visible()
    page.get_by_role("checkbox", name="Amber – at risk").check()
    expect(page.locator(".app-filter-tag", has_text="Status: Amber")).to_be_visible()
    expect(page.get_by_role("heading", name="5 actions")).to_be_visible()  # CP1, CP3 and W1, W3, W5

    # Choosing a plan offers its themes only.
    page.get_by_label("Plan", exact=True).select_option(label="Children's Services EDI Strategy")
    expect(page.get_by_role("heading", name="2 actions")).to_be_visible()
    theme = page.get_by_label("Theme")
    expect(theme.locator("option")).to_have_count(2)  # "All themes" and the plan's one theme
    # The lead filter offers the lead officers as written in the plans.
    lead_options = page.get_by_label("Lead", exact=True).locator("option").all_inner_texts()
    assert "Principal Social Worker" in lead_options and "Head of HR" in lead_options
    assert_status_visible_in_every_row(page, width)
    assert_accessible(page)

    # Each chosen filter is a tag above the results; following it removes that filter only.
    page.get_by_role("link", name="Remove this filter: Status: Red – off track").click()
    expect(page.get_by_role("heading", name="1 action", exact=True)).to_be_visible()
    expect(page.locator(".app-filter-tag")).to_have_count(2)  # Amber and the plan
    if width < 769:
        page.locator("summary", has_text="Show filters").click()
    expect(page.get_by_role("checkbox", name="Red – off track")).not_to_be_checked()
    expect(page.get_by_role("checkbox", name="Amber – at risk")).to_be_checked()
    assert_status_visible_in_every_row(page, width)
    assert_accessible(page)

    # Printed, the page is the results: no menu, filters or footer.
    page.emulate_media(media="print")
    for hidden in (".govuk-service-navigation", ".app-filter-panel", ".app-chosen-filters", ".govuk-footer"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator(".app-action-table")).to_be_visible()
    page.emulate_media(media="screen")

    # My actions: the same table, Status in view at this width.
    lead = new_page()
    lead.set_viewport_size({"width": width, "height": 900})
    log_in(lead, "head-of-service")
    lead.get_by_role("link", name="My actions").first.click()
    expect(lead.locator('a[aria-current="page"]', has_text="My actions")).to_be_visible()
    assert assert_status_visible_in_every_row(lead, width, within="main") == 1
    assert_accessible(lead)


@pytest.mark.parametrize("role", [Role.ADMIN, Role.EDITOR, Role.LEAD, Role.HR, Role.VIEWER])
def test_the_menu_fits_one_line_and_shows_the_current_page(new_page, org, make_member, role):
    make_member(role, username="member-" + role)
    page = new_page()
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, "member-" + role)
    page.goto(f"/o/{org.slug}/")  # a page of the usual width (lists are wider)
    items = page.locator("#navigation > li")
    tops = {round(items.nth(i).bounding_box()["y"]) for i in range(items.count())}
    assert len(tops) == 1, f"the menu of {role} takes {len(tops)} lines"
    current = page.locator('#navigation a[aria-current="page"]')
    expect(current).to_have_count(1)
    expect(current).to_have_text("Overview")
    page.get_by_role("link", name="My actions", exact=True).click()
    expect(page.locator('#navigation a[aria-current="page"]')).to_have_text("My actions")
    if role == Role.ADMIN:
        page.get_by_role("link", name="Settings").click()
        expect(page.locator('#navigation a[aria-current="page"]')).to_have_text("Settings")
        page.get_by_role("link", name="Audit log").click()
        expect(page.locator('#navigation a[aria-current="true"]')).to_have_text("Settings")
        assert_accessible(page)
