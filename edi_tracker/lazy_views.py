"""Views named in the URL configuration, imported when first needed.

Resolving a URL imports the URL configuration, and with it every module its patterns name: each gunicorn
worker's first request (and `manage.py check`) paid for importing every page's views, their services,
selectors and forms — 33 ms, about a tenth of a worker's start (design.md §11, bench/startup.py) — whatever
that request was. `views = LazyViews("plans.views")` in a URL module gives views that import plans.views
when one of them is first called, or asked for an attribute of the view itself: what middleware and the
upload handler read from the view matched (`csrf_exempt`, `upload_limit_setting`, `org_capability`) is the
real view's, read once it is the request's. tests/core/test_startup_imports.py checks that every name
given exists and that resolving a URL imports none of them."""

from functools import cache

from django.utils.module_loading import import_string

# Asked of every pattern's view when the URL configuration is checked or reversed (URLPattern.lookup_str):
# answered without importing it. A class-based view named lazily is called through its as_view().
NOT_LOADED_FOR = {"view_class", "view_initkwargs"}


@cache
def loaded_view(dotted: str):
    """The view at `dotted` ("plans.views.plan_detail"), a class as its view (as_view())."""
    view = import_string(dotted)
    return view.as_view() if isinstance(view, type) else view


class LazyView:
    """The view at `dotted`, imported when first called or asked for one of its own attributes."""

    def __init__(self, dotted: str):
        self.lazy_view = dotted
        self.__module__, _, self.__name__ = dotted.rpartition(".")
        self.__qualname__ = self.__name__

    def __call__(self, request, *args, **kwargs):
        return loaded_view(self.lazy_view)(request, *args, **kwargs)

    def __getattr__(self, name: str):  # what the instance does not have itself
        if name.startswith("__") or name in NOT_LOADED_FOR:
            raise AttributeError(name)
        return getattr(loaded_view(self.lazy_view), name)

    def __repr__(self) -> str:
        return f"<LazyView {self.lazy_view}>"


class LazyViews:
    """A views module by name, not imported: its attributes are lazy views."""

    def __init__(self, module: str):
        self.module = module

    def __getattr__(self, name: str) -> LazyView:
        return LazyView(f"{self.module}.{name}")
