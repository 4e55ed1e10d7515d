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
    # What Chromium shows in the date inputs is what it will send.
    expect(page.locator("#id_period_start")).to_have_value("2022-04-01")
    expect(page.locator("#id_period_end")).to_have_value("2025-03-31")
    expect(page.locator("#id_approved_on")).to_have_value("2022-06-14")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The plan's details are saved.")).to_be_visible()
    assert Plan.objects.values().get(pk=plan.pk) == before
