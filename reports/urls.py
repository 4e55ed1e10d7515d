from django.urls import path

from edi_tracker.lazy_views import LazyViews

views = LazyViews("reports.views")

app_name = "reports"
urlpatterns = [
    path("", views.org_dashboard, name="org-dashboard"),
    path("charts/<slug:name>.svg", views.org_chart, name="org-chart"),
    path("plans/<int:plan_pk>/", views.plan_dashboard, name="plan-dashboard"),
    path("plans/<int:plan_pk>/charts/<slug:name>.svg", views.plan_chart, name="plan-chart"),
    path("reports/", views.report_list, name="report-list"),
    path("reports/new/", views.report_create, name="report-create"),
    path("reports/<int:pk>/", views.report_detail, name="report-detail"),
    path("reports/<int:pk>/retry/", views.report_retry, name="report-retry"),
    path("reports/<int:pk>/remake/", views.report_remake, name="report-remake"),
    path("reports/<int:pk>/email/", views.report_email_resend, name="report-email-resend"),
    path("reports/<int:pk>/download/", views.report_download, name="report-download"),
    path("recipients/", views.recipients, name="recipients"),
    path("recipients/<int:pk>/toggle/", views.recipient_toggle, name="recipient-toggle"),
    path("recipients/<int:pk>/remove/", views.recipient_remove, name="recipient-remove"),
]
