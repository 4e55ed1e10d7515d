"""URLs of plan import and export (plans/importers, plans/exports). Included from plans/urls.py."""

from django.urls import path

from edi_tracker.lazy_views import LazyViews

views_io = LazyViews("plans.views_io")

urlpatterns = [
    path("plans/import/", views_io.plan_import, name="plan-import"),
    path("plans/<int:plan_pk>/import/", views_io.plan_import, name="plan-import-into"),
    path("plans/imports/<str:token>/", views_io.plan_import_status, name="plan-import-status"),
    path("plans/<int:plan_pk>/export/", views_io.plan_export, name="plan-export"),
]
