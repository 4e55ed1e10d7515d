"""An organisation's networks: under /o/<slug>/networks/, through edi_tracker.access.org_view."""

from django.urls import path

from edi_tracker.lazy_views import LazyViews

views = LazyViews("networks.views")

app_name = "org_networks"

urlpatterns = [
    path("", views.org_networks, name="index"),
    path("<slug:network_slug>/accept/", views.accept, name="accept"),
    path("<slug:network_slug>/decline/", views.decline, name="decline"),
    path("<slug:network_slug>/leave/", views.leave, name="leave"),
    path("<slug:network_slug>/publish/", views.publish, name="publish"),
    path("publications/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
