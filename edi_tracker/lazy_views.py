"""Views named in the URL configuration, imported when first called.

Resolving a URL imports the URL configuration, and with it every module its patterns name: each gunicorn
worker's first request (and `manage.py check`) paid for importing every page's views, their services,
selectors and forms — about a tenth of a worker's start (design.md §11, bench/startup.py) — whatever that
request was. `views = LazyViews("plans.views")` in a URL module gives views that import plans.views the
first time one of them is called. What middleware reads from a view itself (Django's `csrf_exempt`) would
not be seen on these: a view that needs it is named directly (api/urls.py marks its own).
tests/core/test_startup_imports.py checks that every name given exists and that none is imported early."""

from functools import cache

from django.utils.module_loading import import_string


@cache
def loaded_view(dotted: str):
    """The view at `dotted` ("plans.views.plan_detail"), a class as its view (as_view())."""
    view = import_string(dotted)
    return view.as_view() if isinstance(view, type) else view


def lazy_view(dotted: str):
    """A view that imports the one at `dotted` when first called, and calls it."""

    def view(request, *args, **kwargs):
        return loaded_view(dotted)(request, *args, **kwargs)

    view.__module__, _, view.__name__ = dotted.rpartition(".")
    view.__qualname__ = view.__name__
    view.lazy_view = dotted  # what it stands for (tests/core/test_startup_imports.py)
    return view


class LazyViews:
    """A views module by name, not imported: its attributes are lazy views."""

    def __init__(self, module: str):
        self.module = module

    def __getattr__(self, name: str):
        return lazy_view(f"{self.module}.{name}")
