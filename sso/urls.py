from django.urls import path

from . import views

app_name = "sso"

urlpatterns = [
    path("", views.choose, name="choose"),
    path("callback/", views.Callback.as_view(), name="callback"),
    path("<slug:org_slug>/start/", views.Start.as_view(), name="start"),
]
