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
