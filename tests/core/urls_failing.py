"""The product's URLs and one view that fails: for the error page tests."""

from django.urls import path

from edi_tracker.urls import handler403, handler404, handler500, urlpatterns as product_urlpatterns  # noqa: F401


def failing(request):
    raise RuntimeError("a deliberate failure for the test")


urlpatterns = [path("failing-for-the-test/", failing), *product_urlpatterns]
