from django.urls import path

from . import views

app_name = "metrics"
urlpatterns = [
    path("", views.index, name="index"),
    path("settings/", views.settings_page, name="settings"),
    path("<int:year>/", views.year_page, name="year"),
    path("<int:year>/charts/<slug:name>.svg", views.chart, name="chart"),
]
