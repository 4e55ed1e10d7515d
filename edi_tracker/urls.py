from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from api import urls as api_urls
from sso.forms import PasswordSignInForm, WorkAccountForm
from sso.views import allow_sign_in_forms_to_reach_providers

from . import views
from .lazy_views import LazyViews

# Imported when first called (edi_tracker.lazy_views): a request for one page loads no other page's views.
api_admin_views, sso_admin_views = LazyViews("api.admin_views"), LazyViews("sso.admin_views")
report_views = LazyViews("reports.views")

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "accounts/login/",
        allow_sign_in_forms_to_reach_providers(auth_views.LoginView.as_view(
            authentication_form=PasswordSignInForm, redirect_authenticated_user=True,
            extra_context={"work_account_form": WorkAccountForm()})),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Django's password reset, emailed; it never says whether an account has the address.
    path("accounts/password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("accounts/password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("accounts/reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    # The one-time link of an emailed invitation to join an organisation; outside /o/, as the person
    # is not a member yet.
    path("invitations/<str:token>/", views.invitation_accept, name="invitation-accept"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("favicon.ico", views.favicon),
    path("privacy/", views.privacy, name="privacy"),
    path("admin/", admin.site.urls),
    # The read-only API for Power BI and other tools (api/, tokens only) and single sign-on (sso/).
    path(api_urls.PREFIX, include(api_urls)),
    path("sso/", include("sso.urls")),
    # A highlight report emailed as a signed link that expires (too large to attach); outside /o/, as its
    # recipients need not be members.
    path("reports/link/<str:token>/", report_views.report_link, name="report-link"),
    # Everything of an organisation lives under /o/<slug>/ and goes through edi_tracker.access.org_view.
    path("o/<slug:org_slug>/members/", views.members, name="members"),
    path("o/<slug:org_slug>/members/<int:pk>/role/", views.member_role, name="member-role"),
    path("o/<slug:org_slug>/members/<int:pk>/remove/", views.member_remove, name="member-remove"),
    path("o/<slug:org_slug>/members/invitations/<int:pk>/resend/", views.invitation_resend, name="invitation-resend"),
    path("o/<slug:org_slug>/members/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation-revoke"),
    path("o/<slug:org_slug>/audit/", views.audit_log, name="audit-log"),
    path("o/<slug:org_slug>/members/sign-in/", sso_admin_views.settings_page, name="sso-settings"),
    path("o/<slug:org_slug>/members/api-tokens/", api_admin_views.tokens, name="api-tokens"),
    path("o/<slug:org_slug>/members/api-tokens/<int:pk>/revoke/", api_admin_views.token_revoke,
         name="api-token-revoke"),
    path("o/<slug:org_slug>/settings/", views.organisation_settings, name="organisation-settings"),
    path("o/<slug:org_slug>/", include("plans.urls")),
    path("o/<slug:org_slug>/workforce/", include("workforce.urls")),
    path("o/<slug:org_slug>/metrics/", include("metrics.urls")),
    path("o/<slug:org_slug>/reports/", include("reports.urls")),
    path("o/<slug:org_slug>/networks/", include("networks.org_urls")),
    # A network's pages: its coordinators' and its member organisations' (networks.access.network_view).
    path("n/", include("networks.urls")),
]

handler403 = "edi_tracker.views.forbidden"
handler404 = "edi_tracker.views.not_found"
handler500 = "edi_tracker.views.server_error"
