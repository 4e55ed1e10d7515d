from edi_tracker.models import Role

from .conftest import assert_accessible, log_in


def test_sign_in_page_is_accessible_and_signs_a_member_in(page, make_member):
    make_member(Role.VIEWER, username="viewer-demo")
    page.goto("/accounts/login/")
    assert_accessible(page)
    log_in(page, "viewer-demo")
    assert page.get_by_role("link", name="Demo Borough Council").is_visible()
    assert_accessible(page)
    # The header says who is signed in; signing out from it ends the session.
    header = page.get_by_role("banner")
    assert "Signed in as" in header.inner_text()
    header.get_by_role("button", name="Sign out").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/login/**")
    page.goto("/o/lambeth-demo/")
    assert "/accounts/login/" in page.url
