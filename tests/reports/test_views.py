"""The pages: dashboards, reports, recipients. Works / wrong role 403 / outsider 404 / bad input's message."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from edi_tracker.models import Role
from reports import services
from reports.models import Report, ReportRecipient, ReportStatus
from tests.factories import ActionFactory, ProgressUpdateFactory, ThemeFactory

from .conftest import Q2, at

ALL_ROLES = [Role.VIEWER, Role.LEAD, Role.EDITOR, Role.HR, Role.ADMIN]
EDITORS = {Role.EDITOR, Role.ADMIN}


@pytest.fixture
def made(history_plan, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(plan=history_plan, quarter=Q2, requested_by=editor)
    report.refresh_from_db()
    return report


def urls(org, plan, report, recipient):
    s = org.slug
    return {
        "org-dashboard": (reverse("reports:org-dashboard", args=[s]), "get", ALL_ROLES),
        "org-chart": (reverse("reports:org-chart", args=[s, "status"]), "get", ALL_ROLES),
        "plan-dashboard": (reverse("reports:plan-dashboard", args=[s, plan.pk]), "get", ALL_ROLES),
        "plan-chart": (reverse("reports:plan-chart", args=[s, plan.pk, "groups"]), "get", ALL_ROLES),
        "report-list": (reverse("reports:report-list", args=[s]), "get", ALL_ROLES),
        "report-detail": (reverse("reports:report-detail", args=[s, report.pk]), "get", ALL_ROLES),
        "report-download": (reverse("reports:report-download", args=[s, report.pk]), "get", ALL_ROLES),
        "report-create": (reverse("reports:report-create", args=[s]), "post", EDITORS),
        "report-retry": (reverse("reports:report-retry", args=[s, report.pk]), "post", EDITORS),
        "report-email-resend": (reverse("reports:report-email-resend", args=[s, report.pk]), "post", EDITORS),
        "recipients": (reverse("reports:recipients", args=[s]), "get", {Role.ADMIN}),
        "recipient-toggle": (reverse("reports:recipient-toggle", args=[s, recipient.pk]), "post", {Role.ADMIN}),
        "recipient-remove": (reverse("reports:recipient-remove", args=[s, recipient.pk]), "post", {Role.ADMIN}),
    }


# Which role may do what on these pages is tested for every app at once by tests/core/test_permissions.py.


def test_outsider_gets_404_everywhere(client_for, outsider, org, history_plan, made):
    recipient = ReportRecipient.objects.create(organisation=org, name="Chair", email="chair@example.org")
    client = client_for(outsider)
    for name, (url, method, _allowed) in urls(org, history_plan, made, recipient).items():
        response = getattr(client, method)(url)
        assert response.status_code == 404, name
    assert ReportRecipient.objects.get().active and Report.objects.count() == 1


def test_a_report_of_another_organisation_is_not_found_through_ones_own(client_for, make_member, other_org, made):
    member = make_member(Role.ADMIN, organisation=other_org, username="elsewhere-admin")
    response = client_for(member).get(reverse("reports:report-download", args=[other_org.slug, made.pk]))
    assert response.status_code == 404


def test_plan_dashboard_shows_the_quarter_in_words_and_numbers(client_for, viewer, org, history_plan):
    response = client_for(viewer).get(reverse("reports:plan-dashboard", args=[org.slug, history_plan.pk]),
                                      {"quarter": Q2.slug})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2022/23 Q2 · at the end of the quarter, 30 September 2022" in html
    assert "Still no budget for the traineeships." in html and "Scheme cancelled." not in html
    # The charts are inlined, drawn for the quarter asked for, with their text as text.
    assert '<svg' in html and 'role="img"' in html and ">Actions by status at 30 September 2022</title>" in html
    assert "charts/status.svg" not in html
    assert "Exceptions: red and amber actions (2)" in html and "Stale: no update in the quarter (2)" in html


def test_dashboard_filters_by_theme_and_lead(client_for, viewer, lead, org, history_plan):
    t1 = history_plan.themes.get(code="T1")
    url = reverse("reports:plan-dashboard", args=[org.slug, history_plan.pk])
    html = client_for(viewer).get(url, {"quarter": Q2.slug, "theme": t1.pk}).content.decode()
    assert "2 actions by status" in html  # A1 and A2
    html = client_for(viewer).get(url, {"quarter": Q2.slug, "lead": lead.pk}).content.decode()
    assert "3 actions by status" in html  # A1, A3, A5


def test_dashboard_bad_filters_say_what_is_wrong_and_show_the_default(client_for, viewer, org, history_plan):
    url = reverse("reports:plan-dashboard", args=[org.slug, history_plan.pk])
    response = client_for(viewer).get(url, {"quarter": "1999-00-q9", "theme": "99999"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Choose a quarter from the list: 1999-00-q9 is not a quarter of this organisation&#x27;s plans." in html
    assert "Choose a theme from the list." in html


def test_organisation_dashboard_links_each_plan(client_for, viewer, org, history_plan):
    html = client_for(viewer).get(reverse("reports:org-dashboard", args=[org.slug]), {"quarter": Q2.slug}).content.decode()
    assert reverse("reports:plan-dashboard", args=[org.slug, history_plan.pk]) in html
    assert "Dashboard: all active plans" in html


def test_chart_is_svg_with_its_title_and_numbers(client_for, viewer, org, history_plan):
    response = client_for(viewer).get(reverse("reports:plan-chart", args=[org.slug, history_plan.pk, "status"]),
                                      {"quarter": Q2.slug})
    assert response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert svg.startswith("<svg") and ">Actions by status at 30 September 2022</title>" in svg
    assert ">Red: 1; Amber: 1; Green: 1; Complete: 1; Not started: 1.</desc>" in svg
    again = client_for(viewer).get(reverse("reports:plan-chart", args=[org.slug, history_plan.pk, "status"]),
                                   {"quarter": Q2.slug}).content.decode()
    assert again == svg  # deterministic
    missing = client_for(viewer).get(reverse("reports:plan-chart", args=[org.slug, history_plan.pk, "pie"]))
    assert missing.status_code == 404


def _dashboard_queries(client, url) -> int:
    cache.clear()  # the picture computed, not read from the cache (the factories below bypass the services)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, {"quarter": Q2.slug}).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["plan-dashboard", "org-dashboard"])
def test_dashboard_queries_do_not_grow_with_the_actions(name, client_for, viewer, org, history_plan):
    client = client_for(viewer)
    url = reverse(f"reports:{name}", args=[org.slug, history_plan.pk] if name == "plan-dashboard" else [org.slug])
    few = _dashboard_queries(client, url)
    theme = ThemeFactory(plan=history_plan)
    for i in range(60):
        action = ActionFactory(plan=history_plan, theme=theme, reference=f"X{i}", lead_user=viewer)
        ProgressUpdateFactory(action=action, created_at=at("2022-08-02"), status="red", commentary="Blocked.")
    # session, user, membership, (plan), actions, history, themes or plans, 2 metric results,
    # filter themes and leads, and the savepoints around the request: the same for 5 and 65 actions.
    assert _dashboard_queries(client, url) == few


def test_editor_makes_a_report_and_is_sent_to_its_progress(client_for, editor, org, history_plan,
                                                           django_capture_on_commit_callbacks):
    client = client_for(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:report-create", args=[org.slug]),
                               {"plan": history_plan.pk, "quarter": Q2.slug})
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:report-detail", args=[org.slug, report.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Download the PDF" in page and 'hx-trigger="every 2s"' not in page  # done: no more polling
    download = client.get(reverse("reports:report-download", args=[org.slug, report.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["Content-Disposition"] == 'attachment; filename="demo-borough-council-childrens-services-edi-plan-2022-23-q2.pdf"'


def test_report_status_polls_while_queued_and_htmx_gets_the_fragment(client_for, viewer, org, history_plan):
    report = Report.objects.create(organisation=org, plan=history_plan, quarter_year=2022, quarter_number=2)
    url = reverse("reports:report-detail", args=[org.slug, report.pk])
    page = client_for(viewer).get(url).content.decode()
    assert 'hx-trigger="every 2s"' in page and "Refresh to see the progress" in page
    fragment = client_for(viewer).get(url, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith("{#") is False and "<html" not in fragment and 'id="report-status"' in fragment
    assert client_for(viewer).get(reverse("reports:report-download", args=[org.slug, report.pk])).status_code == 404


def test_report_request_bad_input(client_for, editor, org, history_plan):
    response = client_for(editor).post(reverse("reports:report-create", args=[org.slug]), {"quarter": "2030-31-q1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose the plan to report on." in html
    assert "Choose a quarter from the list: 2030-31-q1 is not a quarter of this organisation&#x27;s plans." in html
    assert Report.objects.count() == 0


def test_retry_of_a_running_report_is_refused_with_a_message(client_for, editor, org, history_plan):
    from django.utils import timezone

    report = Report.objects.create(organisation=org, plan=history_plan, quarter_year=2022, quarter_number=2,
                                   status=ReportStatus.RUNNING, started_at=timezone.now())
    response = client_for(editor).post(reverse("reports:report-retry", args=[org.slug, report.pk]), follow=True)
    assert "This report is still being made" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.RUNNING


def test_admin_manages_recipients(client_for, admin_member, org):
    client = client_for(admin_member)
    url = reverse("reports:recipients", args=[org.slug])
    response = client.post(url, {"name": "Chair of the EDI board", "email": "chair@example.org"})
    assert response.status_code == 302
    recipient = ReportRecipient.objects.get()
    bad = client.post(url, {"name": "", "email": "chair.example.org"})
    assert bad.status_code == 400
    html = bad.content.decode()
    assert "Enter the recipient&#x27;s name or role title, such as Chair of the EDI board." in html
    duplicate = client.post(url, {"name": "Chair", "email": "CHAIR@example.org"})
    assert "chair@example.org already receives the reports." in duplicate.content.decode()
    assert ReportRecipient.objects.count() == 1
    client.post(reverse("reports:recipient-toggle", args=[org.slug, recipient.pk]))
    recipient.refresh_from_db()
    assert not recipient.active
    client.post(reverse("reports:recipient-remove", args=[org.slug, recipient.pk]))
    assert ReportRecipient.objects.count() == 0
    assert len(mail.outbox) == 0
