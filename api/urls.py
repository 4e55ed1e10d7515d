from django.urls import path

from . import docs, views

app_name = "api"

urlpatterns = [
    path("schema/", docs.schema, name="schema"),
    path("docs/", docs.docs, name="docs"),
    path("o/<slug:org_slug>/plans/", views.PlanList.as_view(), name="plans"),
    path("o/<slug:org_slug>/themes/", views.ThemeList.as_view(), name="themes"),
    path("o/<slug:org_slug>/actions/", views.ActionList.as_view(), name="actions"),
    path("o/<slug:org_slug>/updates/", views.ProgressUpdateList.as_view(), name="updates"),
    path("o/<slug:org_slug>/metrics/", views.MetricDocumentList.as_view(), name="metrics"),
    path("o/<slug:org_slug>/metrics/<int:year>/<str:scope>/", views.MetricDocument.as_view(), name="metric-document"),
    path("o/<slug:org_slug>/reports/", views.ReportList.as_view(), name="reports"),
    path("o/<slug:org_slug>/reports/<int:pk>/pdf/", views.ReportPdf.as_view(), name="report-pdf"),
]
