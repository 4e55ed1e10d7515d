"""`make run` (DEBUG on) shows the product's own 404 and 500 pages, not Django's debug pages, and still
logs the failure's traceback (edi_tracker.middleware.ProductErrorPagesMiddleware)."""

import logging

from django.test import override_settings


@override_settings(DEBUG=True)
def test_an_unknown_address_gets_the_products_404_page(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and "govuk-template" in html
    assert "Django tried these URL patterns" not in html and "technical" not in html.lower()


@override_settings(DEBUG=True)
def test_a_page_of_an_unknown_object_gets_the_products_404_page(client_for, editor, org):
    response = client_for(editor).get(f"/o/{org.slug}/plans/999999/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Raised by:" not in response.content.decode()


@override_settings(DEBUG=True, ROOT_URLCONF="tests.core.urls_failing")
def test_a_failure_gets_the_products_500_page_and_its_traceback_is_logged(client, db, caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/failing-for-the-test/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Traceback" not in html and "RuntimeError" not in html and "govuk-template" in html
    logged = [r for r in caplog.records if r.name == "django.request" and r.exc_info]
    assert logged and "a deliberate failure for the test" in str(logged[0].exc_info[1])


@override_settings(DEBUG=True, PRODUCT_ERROR_PAGES=False)
def test_djangos_debug_page_can_be_asked_for(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Django tried these URL patterns" in response.content.decode()
