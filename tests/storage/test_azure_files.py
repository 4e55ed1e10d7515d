"""Every kept file goes through the storage API: with Azure Blob Storage (Azurite here) configured,
evidence, staged workforce uploads and rows, and report PDFs live in the container, are served only
through the product's views with their access checks, and nothing in the container is public."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from edi_tracker.models import Role
from edi_tracker.storage import storage_prepare, storage_public_access
from plans import services as plan_services
from reports import services as report_services
from reports.models import Report, ReportStatus
from tests.reports.conftest import Q2, wait_for
from workforce.models import Extract, StaffRecord

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
GOOD = (b"Employee ID,Ethnicity,Grade,Date Left\n"
        b"1,Irish,A,\n2,Indian,B,\n3,Black African,B,\n4,White British,A,2021-06-30\n")
BAD = b"Employee ID,Ethnicity,Grade,Hourly Rate\n1,Irish,A,minus five\n"


@pytest.fixture
def action(org, editor, lead):
    plan = plan_services.plan_create(organisation=org, actor=editor, title="EDI plan", status="active")
    theme = plan_services.theme_create(plan=plan, actor=editor, code="T1", title="Culture")
    return plan_services.action_create(plan=plan, actor=editor, theme=theme, reference="A1", title="Mentoring",
                                       lead_user=lead, deadline_text="March 2023")


def test_evidence_is_uploaded_to_the_container_and_streamed_only_to_members(azure, client_for, action, lead, viewer,
                                                                           outsider, org):
    response = client_for(lead).post(
        reverse("plans:progress-create", args=[org.slug, action.pk]),
        {"status": "green", "commentary": "Board minutes attached.", "version": action.version,
         "evidence_file": SimpleUploadedFile("minutes.pdf", PDF)})
    assert response.status_code == 302, response.content.decode()[:2000]
    update = action.updates.get()
    [name] = azure.names()
    assert name == update.evidence_file.name and name.startswith("evidence/") and "minutes" not in name
    assert azure.client.download_blob(name).readall() == PDF
    url = reverse("plans:evidence", args=[org.slug, update.pk])
    served = client_for(viewer).get(url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF
    assert served["Content-Type"] == "application/pdf" and "minutes.pdf" in served["Content-Disposition"]
    assert served["Cache-Control"] == "private, no-store"
    assert client_for(outsider).get(url).status_code == 404
    assert azure.anonymous_status(name) in (403, 404)  # the blob's own address serves no one without the key


def _upload(client, org, data, name="staff.csv"):
    return client.post(reverse("workforce:index", args=[org.slug]),
                       {"kind": "staff", "year": 2022, "file": SimpleUploadedFile(name, data)})


@pytest.fixture
def queued(settings):
    settings.WORKFORCE_TASK_THRESHOLD_BYTES = 10  # every upload is staged in the container and queued


def test_a_workforce_extract_is_staged_checked_and_confirmed_through_the_container(
        azure, queued, client_for, hr, org, django_capture_on_commit_callbacks):
    client = client_for(hr)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _upload(client, org, GOOD)
    extract = Extract.objects.get()
    assert extract.status == "checking" and azure.names() == [f"staging/extract-{extract.pk}.upload"]
    assert azure.client.download_blob(azure.names()[0]).readall() == GOOD
    assert azure.anonymous_status(azure.names()[0]) in (403, 404)
    for callback in callbacks:  # the worker's check: it reads the raw upload from the container
        callback()
    extract.refresh_from_db()
    assert extract.status == "checked", extract.report
    assert azure.names() == [f"staging/extract-{extract.pk}.json"]  # the raw upload is gone
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("workforce:extract-confirm", args=[org.slug, extract.pk]))
    extract.refresh_from_db()
    assert extract.status == "current" and StaffRecord.objects.filter(extract=extract).count() == 4
    assert azure.names() == []


def test_a_refused_extract_and_discarded_ones_leave_nothing_in_the_container(
        azure, queued, client_for, hr, org, django_capture_on_commit_callbacks):
    client = client_for(hr)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, org, BAD)
    assert Extract.objects.get().status == "refused" and azure.names() == []

    with django_capture_on_commit_callbacks(execute=False):
        _upload(client, org, GOOD)  # waiting for its check
    waiting = Extract.objects.latest("pk")
    assert azure.names() == [f"staging/extract-{waiting.pk}.upload"]
    client.post(reverse("workforce:extract-discard", args=[org.slug, waiting.pk]))
    assert azure.names() == []

    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, org, GOOD.replace(b"Irish", b"White Irish"))
    checked = Extract.objects.latest("pk")
    assert checked.status == "checked" and azure.names() == [f"staging/extract-{checked.pk}.json"]
    client.post(reverse("workforce:extract-discard", args=[org.slug, checked.pk]))
    assert azure.names() == []


def test_the_staging_sweep_reads_the_container(azure, queued, client_for, hr, org, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from workforce.services import staging_sweep

    with django_capture_on_commit_callbacks(execute=True):
        _upload(client_for(hr), org, GOOD)
    checked = Extract.objects.get()
    azure.client.upload_blob("staging/extract-999999.upload", b"left behind by a lost worker")
    assert staging_sweep(older_than=timedelta(0)) == ["extract-999999.upload"]
    assert azure.names() == [f"staging/extract-{checked.pk}.json"]  # waiting for confirmation: kept


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_report_pdf_made_by_a_worker_process_is_downloaded_from_the_container(
        azure, azure_env, start_worker, history_plan, org, editor, make_member, client_for, outsider):
    """The worker is another process (another machine, in production) with no disk in common with the
    web process but the object store: the PDF it makes is served by the web process."""
    worker = start_worker(**azure_env, MEDIA_ROOT="/nonexistent/not-shared")
    report = report_services.report_request(plan=history_plan, quarter=Q2, requested_by=editor)
    wait_for(lambda: Report.objects.get(pk=report.pk).status == ReportStatus.DONE, what="the report", log=worker.log)
    report.refresh_from_db()
    [name] = azure.names()
    assert name == report.pdf.name and name.startswith(f"reports/{org.pk}/")
    assert azure.anonymous_status(name) in (403, 404)
    url = reverse("reports:report-download", args=[org.slug, report.pk])
    response = client_for(make_member(Role.VIEWER, username="reader")).get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF") and body == azure.client.download_blob(name).readall()
    assert client_for(outsider).get(url).status_code == 404


def test_nothing_in_the_container_is_public_and_a_public_one_is_refused(azure):
    from azure.storage.blob import PublicAccess

    assert azure.client.get_container_properties().public_access is None
    assert storage_public_access() is None
    azure.client.upload_blob("evidence/x.pdf", PDF)
    assert azure.anonymous_status("evidence/x.pdf") in (403, 404)
    assert "is there" in storage_prepare()  # run again: nothing to do
    azure.client.set_container_access_policy(signed_identifiers={}, public_access=PublicAccess.BLOB)
    assert azure.anonymous_status("evidence/x.pdf") == 200  # the check below looks at what is really served
    with pytest.raises(ImproperlyConfigured, match="readable by the public"):
        storage_prepare()
