from django.urls import include, path

from edi_tracker.lazy_views import LazyViews

views, views_current = LazyViews("plans.views"), LazyViews("plans.views_current")

app_name = "plans"
urlpatterns = [
    path("", views.org_home, name="org-home"),
    path("my-actions/", views.my_actions, name="my-actions"),
    path("actions/", views.action_list, name="action-list"),
    path("plans/new/", views.plan_create, name="plan-create"),
    path("plans/<int:plan_pk>/", views.plan_detail, name="plan-detail"),
    path("plans/<int:plan_pk>/edit/", views.plan_edit, name="plan-edit"),
    path("plans/<int:plan_pk>/themes/new/", views.theme_create, name="theme-create"),
    path("plans/<int:plan_pk>/themes/<int:pk>/edit/", views.theme_edit, name="theme-edit"),
    path("plans/<int:plan_pk>/actions/new/", views.action_create, name="action-create"),
    path("plans/<int:plan_pk>/deadlines/", views.deadline_review, name="deadline-review"),
    path("deadline-preview/", views.deadline_preview, name="deadline-preview"),
    # Keeping actions current (issue 14): several at once, and chasing their leads now.
    path("actions/bulk-update/", views_current.bulk_update, name="action-bulk-update"),
    path("actions/chase/", views_current.chase, name="chase"),
    path("actions/chase/<int:pk>/", views_current.chase_result, name="chase-result"),
    path("actions/<int:pk>/", views.action_detail, name="action-detail"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action-edit"),
    path("actions/<int:pk>/progress/", views.progress_create, name="progress-create"),
    path("actions/<int:pk>/measures/<int:measure_pk>/", views.measure_toggle, name="measure-toggle"),
    path("evidence/<int:update_pk>/", views.evidence_download, name="evidence"),
    # Import from Word/Excel/CSV and export (issue 5) live in plans/urls_io.py.
    path("", include("plans.urls_io")),
]
