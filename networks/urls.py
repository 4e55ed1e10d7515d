from django.urls import path

from edi_tracker.lazy_views import LazyViews

views = LazyViews("networks.views")

app_name = "networks"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:network_slug>/", views.overview, name="overview"),
    path("<slug:network_slug>/invite/", views.invite, name="invite"),
    path("<slug:network_slug>/audit/", views.audit, name="audit"),
    path("<slug:network_slug>/<int:year>/", views.pay_bands, name="pay-bands"),
    path("<slug:network_slug>/<int:year>/metrics/", views.metrics_page, name="metrics"),
    path("<slug:network_slug>/<int:year>/pay-gaps/", views.pay_gaps, name="pay-gaps"),
    path("<slug:network_slug>/<int:year>/declaration/", views.declaration, name="declaration"),
    path("<slug:network_slug>/<int:year>/standing/", views.standing, name="standing"),
    path("<slug:network_slug>/<int:year>/charts/<slug:name>.svg", views.chart, name="chart"),
    path("<slug:network_slug>/<int:year>/tables.xlsx", views.xlsx, name="xlsx"),
    path("<slug:network_slug>/<int:year>/report/", views.report, name="report"),
    path("<slug:network_slug>/reports/<int:pk>/pdf/", views.report_pdf, name="report-pdf"),
]
