"""A report's PDF, downloaded by a member or through its signed emailed link, is sent with
`Cache-Control: private, no-store` (edi_tracker.middleware.PrivateNoStoreMiddleware)."""

from django.urls import reverse

from reports import services
from reports.models import ReportStatus

from .conftest import Q2


def test_report_pdf_and_its_signed_link_are_private_and_not_stored(client, client_for, viewer, editor, org, history_plan,
                                                                   django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_request(plan=history_plan, quarter=Q2, requested_by=editor)
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE

    download = client_for(viewer).get(reverse("reports:report-download", args=[org.slug, report.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["Cache-Control"] == "private, no-store"

    recipient = services.recipient_add(organisation=org, actor=None, name="Chair", email="chair@example.org")
    client.logout()
    link = client.get(reverse("report-link", args=[services.report_link_token(report, recipient)]))
    assert link.status_code == 200 and link["Content-Type"] == "application/pdf"
    assert link["Cache-Control"] == "private, no-store"
    # The charts of the dashboards are organisation data too.
    chart = client_for(viewer).get(reverse("reports:plan-chart", args=[org.slug, history_plan.pk, "groups"]))
    assert chart.status_code == 200 and chart["Cache-Control"] == "private, no-store"
