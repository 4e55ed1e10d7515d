"""Keeping actions current (issue 14), in real Chromium at 1280 px and on a 390 px phone, each page checked
with axe-core: chasing the leads of stale actions, a bulk update, and the evidence error that opens its section."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from edi_tracker.models import AuditEvent, Role
from plans import services
from plans.models import Action

from .conftest import assert_accessible, log_in

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def tracker(org, make_member):
    editor = make_member(Role.EDITOR, username="edi-coordinator")
    lead = make_member(Role.LEAD, username="head-of-service")
    plan = services.plan_create(organisation=org, actor=editor, title="Children's Services EDI Strategy", status="active")
    theme = services.theme_create(plan=plan, actor=editor, code="CP", title="Culture and practice")
    actions = [
        services.action_create(plan=plan, actor=editor, theme=theme, reference="CP1", lead_user=lead,
                               title="Deliver anti-racist practice training to all social workers",
                               lead_officer="Principal Social Worker", deadline_text="Dec 22"),
        services.action_create(plan=plan, actor=editor, theme=theme, reference="CP2", lead_user=lead,
                               title="Publish the ethnicity pay gap", lead_officer="Head of HR"),
        services.action_create(plan=plan, actor=editor, theme=theme, reference="CP3",
                               title="Recruit reverse mentors", lead_officer="Workforce Development Manager"),
    ]
    return {"editor": editor, "lead": lead, "plan": plan, "actions": actions}


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_editor_chases_the_leads_of_stale_actions(page, tracker, org, width):
    page.set_viewport_size(WIDTHS[width])
    log_in(page, "edi-coordinator")
    page.goto(f"/o/{org.slug}/actions/")
    page.get_by_role("link", name="Chase the leads of actions not updated this quarter").click()
    expect(page.get_by_role("heading", name="Chase action leads")).to_be_visible()
    expect(page.get_by_text("No lead in EDI Tracker: cannot be emailed")).to_be_visible()
    assert_accessible(page)

    # Every stale action is ticked; leave CP2 out this time.
    expect(page.get_by_label("Chase CP1")).to_be_checked()
    page.get_by_label("Chase CP2").uncheck()
    page.get_by_role("button", name="Email the leads now").click()

    expect(page.get_by_role("heading", name="1 lead emailed")).to_be_visible()
    expect(page.get_by_role("heading", name="Actions whose lead could not be emailed")).to_be_visible()
    expect(page.get_by_text(re.compile("CP3: It has no lead in EDI Tracker"))).to_be_visible()
    assert_accessible(page)

    assert len(mail.outbox) == 1 and mail.outbox[0].to == [tracker["lead"].email]
    body = mail.outbox[0].body
    assert f"/o/{org.slug}/actions/{tracker['actions'][0].pk}/" in body and "CP2" not in body
    assert AuditEvent.objects.filter(verb="leads.chased", actor=tracker["editor"]).count() == 1


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_editor_gives_several_actions_one_status_with_one_commentary(page, tracker, org, width):
    page.set_viewport_size(WIDTHS[width])
    log_in(page, "edi-coordinator")
    page.goto(f"/o/{org.slug}/actions/")
    page.get_by_label("Select CP1").check()
    page.get_by_label("Select CP3").check()
    assert_accessible(page)
    page.get_by_role("button", name="Update the chosen actions").click()

    expect(page.get_by_role("heading", name="Update 2 actions")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Amber – at risk").check()
    page.get_by_role("button", name="Save 2 updates").click()

    # Amber needs a commentary, as for a single update: the summary link takes focus to the field.
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    page.locator(".govuk-error-summary a", has_text="need a commentary").click()
    expect(page.locator("#id_commentary")).to_be_focused()
    assert_accessible(page)
    page.locator("#id_commentary").fill("The training budget is under review until the March board.")
    page.get_by_role("button", name="Save 2 updates").click()

    expect(page.get_by_text("2 actions are now amber. Each has your update in its history.")).to_be_visible()
    assert_accessible(page)
    for action in (tracker["actions"][0], tracker["actions"][2]):
        action = Action.objects.get(pk=action.pk)
        assert action.status == "amber"
        assert action.updates.get().commentary == "The training budget is under review until the March board."
    assert Action.objects.get(pk=tracker["actions"][1].pk).status == "not_started"

    # Each action's page shows it in its history and in the strip of the last four quarters.
    page.goto(f"/o/{org.slug}/actions/{tracker['actions'][0].pk}/")
    expect(page.locator(".app-strip td").last).to_have_text("Amber")
    expect(page.locator(".app-history__item").first).to_contain_text("The training budget is under review")
    assert_accessible(page)


def test_a_bulk_update_of_an_action_changed_meanwhile_is_reported_not_overwritten(page, tracker, org):
    log_in(page, "edi-coordinator")
    page.goto(f"/o/{org.slug}/actions/")
    page.get_by_label("Select CP1").check()
    page.get_by_label("Select CP2").check()
    page.get_by_role("button", name="Update the chosen actions").click()
    expect(page.get_by_role("heading", name="Update 2 actions")).to_be_visible()
    # Meanwhile the lead records CP2 as red.
    services.progress_update_record(action=tracker["actions"][1], author=tracker["lead"], status="red",
                                    commentary="The payroll extract is late.")
    page.get_by_label("Green – on track").check()
    page.get_by_role("button", name="Save 2 updates").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("CP2 was updated by someone else")
    expect(summary).to_contain_text("The payroll extract is late.")
    assert_accessible(page)
    assert Action.objects.get(pk=tracker["actions"][1].pk).status == "red"
    assert Action.objects.get(pk=tracker["actions"][0].pk).status == "not_started"


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_an_evidence_error_link_opens_the_evidence_section_and_focuses_the_field(page, tracker, org, width, tmp_path):
    page.set_viewport_size(WIDTHS[width])
    log_in(page, "head-of-service")
    page.goto(f"/o/{org.slug}/actions/{tracker['actions'][0].pk}/")
    bad = tmp_path / "minutes.pdf"
    bad.write_text("These are not the minutes you are looking for.")
    page.get_by_label("Green – on track").check()
    page.get_by_text("Add evidence").click()
    page.get_by_label("Evidence file").set_input_files(str(bad))
    page.get_by_role("button", name="Save update").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The evidence file must be a")
    # The section comes back open; closed again (as a user might), the summary link still opens it.
    page.locator("#evidence").evaluate("details => { details.open = false; }")
    summary.get_by_role("link", name=re.compile("The evidence file must be")).click()
    expect(page.locator("#evidence")).to_have_attribute("open", "")
    expect(page.locator("#id_evidence_file")).to_be_focused()
    assert_accessible(page)
    assert Action.objects.get(pk=tracker["actions"][0].pk).updates.count() == 0
