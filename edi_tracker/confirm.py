"""Pages that ask before something is removed, withdrawn or made again (GOV.UK confirmation pattern)."""

from django.shortcuts import render


def confirm_page(request, *, heading: str, consequences: list[str], button: str, cancel_url: str,
                 warning: str = "", caption: str = ""):
    """The page that asks before a removal (templates/includes/confirm_page.html); the change itself is the
    POST to the same address."""
    return render(request, "includes/confirm_page.html", {"confirm": {
        "heading": heading, "consequences": consequences, "button": button, "cancel_url": cancel_url,
        "warning": warning, "caption": caption, "action_url": request.path,
    }, "page_title": heading})
