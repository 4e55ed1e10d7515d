"""The API's documentation page (Swagger UI from drf-spectacular's sidecar) under our strict CSP: the
page_problems fixture fails the test on any CSP violation or console error."""


def test_the_api_docs_render_under_our_csp(page):
    page.goto("/api/v1/docs/")
    page.get_by_text("EDI Tracker API").first.wait_for()
    page.get_by_role("heading", name="actions").wait_for()
    page.get_by_text("/api/v1/o/{org_slug}/updates/").first.wait_for()
    page.get_by_role("button", name="Authorize").click()
    page.get_by_text("bearerAuth").first.wait_for()
