"""An editor opens a plan's details in Chromium and saves them without a change: nothing is lost."""

from datetime import date

from playwright.sync_api import expect

from edi_tracker.models import Role
from plans import services
from plans.models import Plan

from .conftest import assert_accessible, log_in


def test_saving_a_plan_unchanged_keeps_its_dates(page, org, make_member):
    editor = make_member(Role.EDITOR, username="edi-coordinator")
    plan = services.plan_create(
        organisation=org, actor=editor, title="Children's Services EDI Strategy", status="active",
        description="Our strategy.\nThree years.", period_start=date(2022, 4, 1), period_end=date(2025, 3, 31),
        sponsor="Director of Children's Services", approved_by="Corporate board", approved_on=date(2022, 6, 14),
    )
    before = Plan.objects.values().get(pk=plan.pk)
    log_in(page, "edi-coordinator")
    page.goto(f"/o/{org.slug}/plans/{plan.pk}/edit/")
    # What Chromium shows in the GOV.UK date boxes is what it will send.
    for field, (day, month, year) in {"period_start": ("1", "4", "2022"), "period_end": ("31", "3", "2025"),
                                      "approved_on": ("14", "6", "2022")}.items():
        group = page.get_by_role("group", name=field.replace("_", " ").capitalize())
        expect(group.get_by_label("Day")).to_have_value(day)
        expect(group.get_by_label("Month")).to_have_value(month)
        expect(group.get_by_label("Year")).to_have_value(year)
    expect(page.locator('input[type="date"]')).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The plan's details are saved.")).to_be_visible()
    assert Plan.objects.values().get(pk=plan.pk) == before


def test_a_date_that_does_not_exist_is_explained_and_nothing_is_saved(page, org, make_member):
    editor = make_member(Role.EDITOR, username="edi-coordinator")
    plan = services.plan_create(organisation=org, actor=editor, title="EDI Strategy", status="active",
                                approved_on=date(2022, 6, 14))
    before = Plan.objects.values().get(pk=plan.pk)
    log_in(page, "edi-coordinator")
    page.goto(f"/o/{org.slug}/plans/{plan.pk}/edit/")
    approved = page.get_by_role("group", name="Approved on")
    approved.get_by_label("Day").fill("31")
    approved.get_by_label("Month").fill("2")
    page.get_by_role("group", name="Period end").get_by_label("Day").fill("31")
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Approved on must be a real date")
    expect(summary).to_contain_text("Period end must include a month and year")
    expect(page.get_by_role("group", name="Approved on").get_by_label("Day")).to_have_value("31")  # as typed
    assert_accessible(page)
    summary.get_by_role("link", name="Approved on must be a real date").click()
    expect(page.locator("#id_approved_on_day")).to_be_focused()
    assert Plan.objects.values().get(pk=plan.pk) == before
