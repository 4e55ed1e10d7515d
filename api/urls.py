"""The API's URLs. Its views (api.views, Django REST framework and drf-spectacular's parameter types, with
DRF's optional extras: requests, PyYAML, Pygments) are imported when an API URL is first called, not when
the URL configuration is (edi_tracker.lazy_views): every process that resolves a URL (`manage.py check`,
each gunicorn worker's first request) would otherwise pay about 0.1 s for what only an API request uses
(design.md §11, bench/startup.py). The schema is generated from the same ROUTES with the real view classes
(api.schema.urlpatterns), so it is as before."""

from django.urls import path

from edi_tracker.lazy_views import LazyView

from . import docs

app_name = "api"
PREFIX = "api/v1/"  # where edi_tracker/urls.py includes these, and api.schema's patterns for the schema

# (route, the view's class in api.views, URL name): one table for the URL patterns below and the schema's.
ROUTES = [
    ("o/<slug:org_slug>/plans/", "PlanList", "plans"),
    ("o/<slug:org_slug>/themes/", "ThemeList", "themes"),
    ("o/<slug:org_slug>/actions/", "ActionList", "actions"),
    ("o/<slug:org_slug>/updates/", "ProgressUpdateList", "updates"),
    ("o/<slug:org_slug>/metrics/", "MetricDocumentList", "metrics"),
    ("o/<slug:org_slug>/metrics/<int:year>/<str:scope>/", "MetricDocument", "metric-document"),
    ("o/<slug:org_slug>/reports/", "ReportList", "reports"),
    ("o/<slug:org_slug>/reports/<int:pk>/pdf/", "ReportPdf", "report-pdf"),
]

urlpatterns = [
    path("schema/", docs.schema, name="schema"),
    path("docs/", docs.docs, name="docs"),
    # csrf-exempt as DRF's views are (tokens, no cookies): CsrfViewMiddleware reads it from the view loaded.
    *(path(route, LazyView(f"api.views.{view}"), name=name) for route, view, name in ROUTES),
]
