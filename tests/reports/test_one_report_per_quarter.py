"""A plan and quarter has one report, unless an editor makes it again on purpose (confirmed on a page of its
own); the old one is kept as superseded. A report made before its quarter ended is partial, in the list and on
its page alike. A direct visit to the "new report" address gets the form."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from edi_tracker.quarters import FinancialQuarter
from reports import services
from reports.models import Report, ReportKind, ReportStatus

from .conftest import Q2, at


@pytest.fixture
def request_report(history_plan, editor, django_capture_on_commit_callbacks):
    def ask(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            report = services.report_request(plan=history_plan, quarter=Q2, requested_by=editor, **kwargs)
        report.refresh_from_db()
        return report
    return ask


def test_asking_again_for_a_made_report_needs_the_editor_to_confirm(request_report):
    first = request_report()
    assert first.status == ReportStatus.DONE and not first.is_superseded
    with pytest.raises(services.ReportExists) as exists:
        request_report()
    assert exists.value.report == first
    assert Report.objects.count() == 1


def test_making_it_again_keeps_the_old_one_as_superseded(request_report, history_plan):
    first = request_report()
    second = request_report(remake=first)
    first.refresh_from_db()
    assert second.status == ReportStatus.DONE and not second.is_superseded
    assert first.is_superseded and first.superseded_by == second and first.pdf  # kept, still downloadable
    current = Report.objects.filter(plan=history_plan, superseded_at__isnull=True)
    assert list(current) == [second]
    # Confirming on the old (superseded) report does not make a third: the current one is asked again.
    with pytest.raises(services.ReportExists):
        request_report(remake=first)
    with pytest.raises(ValidationError, match="superseded"):
        services.report_retry(report=first, actor=None)


def test_a_failed_report_is_superseded_without_asking(request_report, history_plan):
    failed = Report.objects.create(organisation=history_plan.organisation, plan=history_plan, quarter_year=Q2.year,
                                   quarter_number=Q2.number, status=ReportStatus.FAILED, failure_reason="Broken.")
    made = request_report()
    failed.refresh_from_db()
    assert made.status == ReportStatus.DONE and failed.superseded_by == made


def test_a_report_being_made_is_not_asked_for_twice(history_plan, editor):
    busy = Report.objects.create(organisation=history_plan.organisation, plan=history_plan, quarter_year=Q2.year,
                                 quarter_number=Q2.number, status=ReportStatus.RUNNING, started_at=timezone.now())
    with pytest.raises(services.ReportInProgress):
        services.report_request(plan=history_plan, quarter=Q2, requested_by=editor)
    with pytest.raises(services.ReportInProgress):
        services.report_request(plan=history_plan, quarter=Q2, requested_by=editor, remake=busy)


def test_the_schedule_keeps_a_complete_report_and_supersedes_a_partial_one(history_plan, editor,
                                                                           django_capture_on_commit_callbacks):
    complete = Report.objects.create(organisation=history_plan.organisation, plan=history_plan, quarter_year=Q2.year,
                                     quarter_number=Q2.number, status=ReportStatus.DONE,
                                     started_at=timezone.now(), finished_at=timezone.now())
    assert not complete.is_partial  # 2022/23 Q2 ended long ago
    again = services.report_request(plan=history_plan, quarter=Q2, requested_by=None, kind=ReportKind.SCHEDULED,
                                    send_email=True, queue=False)
    assert again == complete
    complete.refresh_from_db()
    assert complete.send_email
    # One made while the quarter was still running is partial: the schedule makes the quarter's report.
    Report.objects.filter(pk=complete.pk).update(started_at=at("2022-09-01"), created_at=at("2022-09-01"))
    complete.refresh_from_db()
    assert complete.is_partial
    scheduled = services.report_request(plan=history_plan, quarter=Q2, requested_by=None, kind=ReportKind.SCHEDULED,
                                        queue=False)
    complete.refresh_from_db()
    assert scheduled != complete and complete.superseded_by == scheduled


def test_partial_is_said_in_the_list_and_on_the_page(history_plan, editor, client_for, org):
    this_quarter = FinancialQuarter.containing(timezone.localdate())
    report = Report.objects.create(organisation=org, plan=history_plan, quarter_year=this_quarter.year,
                                   quarter_number=this_quarter.number, status=ReportStatus.DONE,
                                   started_at=timezone.now(), finished_at=timezone.now(), pages=3)
    assert report.is_partial
    client = client_for(editor)
    listing = client.get(reverse("reports:report-list", args=[org.slug])).content.decode()
    page = client.get(reverse("reports:report-detail", args=[org.slug, report.pk])).content.decode()
    for html in (listing, page):
        assert '<strong class="govuk-tag govuk-tag--yellow">Partial</strong>' in html
        assert 'govuk-tag--grey">Superseded<' not in html
    assert f"before {this_quarter.label} ended on" in page


def test_remaking_through_the_pages(request_report, client_for, editor, viewer, org, history_plan,
                                    django_capture_on_commit_callbacks):
    first = request_report()
    client = client_for(editor)
    new_url = reverse("reports:report-create", args=[org.slug])
    # A direct visit to the "new report" address gets the form on a page of its own.
    page = client.get(new_url)
    assert page.status_code == 200 and "Make a highlight report" in page.content.decode()
    assert 'name="plan"' in page.content.decode() and 'name="quarter"' in page.content.decode()
    assert client_for(viewer).get(new_url).status_code == 403
    client = client_for(editor)
    # Asking for the same plan and quarter goes to the confirmation page, which spells out the consequence.
    response = client.post(new_url, {"plan": history_plan.pk, "quarter": Q2.slug})
    confirm_url = reverse("reports:report-remake", args=[org.slug, first.pk])
    assert response.status_code == 302 and response["Location"] == confirm_url
    html = client.get(confirm_url).content.decode()
    assert "Make the 2022/23 Q2 report again?" in html and "listed as superseded" in html
    assert "No, keep the report there is" in html
    assert Report.objects.count() == 1  # nothing was made by asking
    assert client_for(viewer).get(confirm_url).status_code == 403
    assert client_for(viewer).post(confirm_url).status_code == 403
    client = client_for(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_url)
    second = Report.objects.exclude(pk=first.pk).get()
    assert response["Location"] == reverse("reports:report-detail", args=[org.slug, second.pk])
    first.refresh_from_db()
    assert first.superseded_by == second
    listing = client.get(reverse("reports:report-list", args=[org.slug])).content.decode()
    assert listing.count('<strong class="govuk-tag govuk-tag--grey">Superseded</strong>') == 1
    old_page = client.get(reverse("reports:report-detail", args=[org.slug, first.pk])).content.decode()
    assert "This report was made again on" in old_page and "Open the current report" in old_page
    assert "Make the report again</a>" not in old_page  # only the current one can be made again
    # The confirmation page of a superseded report sends the editor to the current one.
    response = client.get(confirm_url)
    assert response["Location"] == reverse("reports:report-detail", args=[org.slug, second.pk])


def test_a_quarter_not_started_is_refused_with_its_reason(client_for, editor, org, history_plan):
    future = FinancialQuarter.containing(timezone.localdate() + timedelta(days=200))
    response = client_for(editor).post(reverse("reports:report-create", args=[org.slug]),
                                       {"plan": history_plan.pk, "quarter": future.slug})
    assert response.status_code == 400
    assert "Choose a quarter from the list" in response.content.decode()
