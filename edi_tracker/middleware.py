"""Middleware of the whole site."""

from django.http import HttpRequest, HttpResponse

# Everything under these paths is an organisation's own data: its pages, charts and exports (/o/), and a
# highlight report fetched through its signed emailed link.
PRIVATE_PREFIXES = ("/o/", "/reports/link/")


class PrivateNoStoreMiddleware:
    """Organisation pages, the signed report link and every file download are sent with
    `Cache-Control: private, no-store`: no shared cache keeps them, and no browser writes them to its disk,
    where the next person at a shared council computer could open them from the history or the cache.

    One mechanism for every response, so a new view or download cannot forget it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path_info.startswith(PRIVATE_PREFIXES) or is_download(response):
            response["Cache-Control"] = "private, no-store"
        return response


def is_download(response: HttpResponse) -> bool:
    return response.get("Content-Disposition", "").lower().startswith("attachment")


class ProductErrorPagesMiddleware:
    """With DEBUG on (`make run`), the product's own 404 and 500 pages instead of Django's debug pages,
    so that what a user would see can be seen; the traceback of a failure is still logged to the console.
    `PRODUCT_ERROR_PAGES=false` brings Django's debug pages back. With DEBUG off it does nothing: Django
    uses the handlers of edi_tracker.urls itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def _active(self) -> bool:
        from django.conf import settings

        return settings.DEBUG and settings.PRODUCT_ERROR_PAGES

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # An address that matches no URL: Django's debug 404 was made before any view ran.
        if self._active() and response.status_code == 404 and getattr(request, "resolver_match", None) is None:
            from . import views

            return views.not_found(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not self._active():
            return None
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        from . import views

        if isinstance(exception, Http404):
            return views.not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return None  # Django already answers with handler403, DEBUG or not
        import logging

        logging.getLogger("django.request").error(
            "Internal Server Error: %s", request.path, exc_info=exception, extra={"status_code": 500, "request": request},
        )
        return views.server_error(request)
