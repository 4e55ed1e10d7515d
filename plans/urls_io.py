"""URLs of plan import and export (plans/importers, plans/exports). Included from plans/urls.py."""

urlpatterns: list = []
