from django.urls import path

from edi_tracker.lazy_views import LazyViews

views = LazyViews("metrics.views")

app_name = "metrics"
urlpatterns = [
    path("", views.index, name="index"),
    path("settings/", views.settings_page, name="settings"),
    path("<int:year>/", views.year_page, name="year"),
    path("<int:year>/charts/<slug:name>.svg", views.chart, name="chart"),
    path("<int:year>/pay-gaps/<str:kind>/", views.pay_gap, name="pay-gap"),
    path("<int:year>/pay-gaps/<str:kind>.csv", views.pay_gap_csv, name="pay-gap-csv"),
]
