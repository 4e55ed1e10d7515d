"""The API's documentation page (Swagger UI from drf-spectacular's sidecar) under our strict CSP: the
page_problems fixture fails the test on any CSP violation or console error."""


def test_the_api_docs_render_under_our_csp(page):
    page.goto("/api/v1/docs/")
    page.get_by_text("EDI Tracker API").first.wait_for()
    page.get_by_role("heading", name="actions").wait_for()
    page.get_by_text("/api/v1/o/{org_slug}/updates/").first.wait_for()
    page.get_by_role("button", name="Authorize").click()
    page.get_by_text("bearerAuth").first.wait_for()


def test_the_admin_pages_of_sign_in_and_tokens_are_accessible_and_linked_from_settings(page, org, make_member):
    from edi_tracker.models import Role

    from .conftest import assert_accessible, log_in

    make_member(Role.ADMIN, username="admin-demo")
    log_in(page, "admin-demo")
    page.goto(f"/o/{org.slug}/settings/")
    page.get_by_role("link", name="Single sign-on").click()
    page.get_by_role("heading", name="Single sign-on").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Save settings").click()  # empty: each field says what is missing
    assert "Enter the issuer URL" in page.get_by_role("main").inner_text()
    assert_accessible(page)
    page.goto(f"/o/{org.slug}/settings/")
    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("Name").fill("Power BI board pack")
    page.get_by_label("Expires after (days)").fill("365")
    page.get_by_role("button", name="Create token").click()
    token = page.get_by_label("The new token").input_value()
    assert token.startswith("edi_")
    assert_accessible(page)
    page.get_by_role("button", name="Revoke Power BI board pack").click()
    assert "was revoked" in page.get_by_role("main").inner_text()
    assert token not in page.content()
