from django.urls import path

from edi_tracker.lazy_views import LazyViews

views = LazyViews("workforce.views")

app_name = "workforce"
urlpatterns = [
    path("", views.index, name="index"),
    path("extracts/<int:pk>/", views.extract_detail, name="extract"),
    path("extracts/<int:pk>/errors.csv", views.extract_errors, name="extract-errors"),
    path("extracts/<int:pk>/confirm/", views.extract_confirm, name="extract-confirm"),
    path("extracts/<int:pk>/discard/", views.extract_discard, name="extract-discard"),
    path("extracts/<int:pk>/map-ethnicity/", views.ethnicity_map, name="ethnicity-map"),
    path("extracts/<int:pk>/check-again/", views.extract_recheck, name="extract-recheck"),
    path("templates/<str:extract_kind>.<str:file_format>", views.extract_template, name="extract-template"),
]
