"""The same as test_azure_files.py with the S3 backend, against moto's S3 server (a dev dependency)
listening on loopback in this process: evidence, staged workforce uploads and rows, and report PDFs
live in the bucket, are served only through the product's views, and nothing in the bucket is public.
Configured exactly as production is: from the environment through settings.file_storage()."""

import urllib.error
import urllib.request
import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from edi_tracker import settings as edi_settings
from edi_tracker.models import Role
from edi_tracker.storage import storage_prepare, storage_public_access
from reports import services as report_services
from reports.models import Report, ReportStatus
from tests.reports.conftest import Q2, wait_for
from workforce.models import Extract, StaffRecord

from .test_azure_files import GOOD, PDF, SimpleUploadedFile, _upload, action, queued  # noqa: F401


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3, a real HTTP server on 127.0.0.1 (a thread of this process), for the whole run."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_env(s3_server):
    """The environment variables of a deployment on an S3-compatible store, with a new bucket's name."""
    return {"STORAGE_BACKEND": "s3", "S3_BUCKET": f"edi-test-{uuid.uuid4().hex[:16]}", "S3_ENDPOINT_URL": s3_server,
            "S3_REGION": "eu-west-2", "S3_ADDRESSING_STYLE": "path", "S3_ACCESS_KEY_ID": "edi-test",
            "S3_SECRET_ACCESS_KEY": "edi-test-secret"}


class Bucket:
    def __init__(self, storage, endpoint: str):
        self.storage = storage
        self.name = storage.bucket_name
        self.client = storage.connection.meta.client  # boto3's S3 client
        self.endpoint = endpoint

    def names(self) -> list[str]:
        return sorted(item["Key"] for item in self.client.list_objects_v2(Bucket=self.name).get("Contents", []))

    def read(self, name: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=name)["Body"].read()

    def put(self, name: str, data: bytes) -> None:
        self.client.put_object(Bucket=self.name, Key=name, Body=data)

    def anonymous_status(self, name: str) -> int:
        """The HTTP status a stranger without the key gets for the object's address."""
        try:
            with urllib.request.urlopen(f"{self.endpoint}/{self.name}/{name}", timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code


@pytest.fixture
def s3(settings, monkeypatch, s3_env, s3_server):
    """The default storage is an S3 bucket (moto) of this test's own."""
    from django.core.files.storage import storages

    for name, value in s3_env.items():
        monkeypatch.setenv(name, value)
    settings.STORAGES = {**settings.STORAGES, "default": edi_settings.file_storage()}
    assert "Created the private bucket" in storage_prepare()
    bucket = Bucket(storages["default"], s3_server)
    yield bucket
    for name in bucket.names():
        bucket.client.delete_object(Bucket=bucket.name, Key=name)
    bucket.client.delete_bucket(Bucket=bucket.name)


def test_evidence_is_uploaded_to_the_bucket_and_streamed_only_to_members(s3, client_for, action, lead, viewer,
                                                                        outsider, org):
    response = client_for(lead).post(
        reverse("plans:progress-create", args=[org.slug, action.pk]),
        {"status": "green", "commentary": "Board minutes attached.", "version": action.version,
         "evidence_file": SimpleUploadedFile("minutes.pdf", PDF)})
    assert response.status_code == 302, response.content.decode()[:2000]
    update = action.updates.get()
    [name] = s3.names()
    assert name == update.evidence_file.name and name.startswith("evidence/") and "minutes" not in name
    assert s3.read(name) == PDF
    url = reverse("plans:evidence", args=[org.slug, update.pk])
    served = client_for(viewer).get(url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF
    assert served["Content-Type"] == "application/pdf" and served["Cache-Control"] == "private, no-store"
    assert client_for(outsider).get(url).status_code == 404
    assert s3.anonymous_status(name) == 403  # the object's own address serves no one without the key


def test_a_workforce_extract_is_staged_checked_confirmed_and_swept_through_the_bucket(
        s3, queued, client_for, hr, org, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from workforce.services import staging_sweep

    client = client_for(hr)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _upload(client, org, GOOD)
    extract = Extract.objects.get()
    assert extract.status == "checking" and s3.names() == [f"staging/extract-{extract.pk}.upload"]
    assert s3.read(s3.names()[0]) == GOOD and s3.anonymous_status(s3.names()[0]) == 403
    for callback in callbacks:  # the worker's check: it reads the raw upload from the bucket
        callback()
    extract.refresh_from_db()
    assert extract.status == "checked", extract.report
    assert s3.names() == [f"staging/extract-{extract.pk}.json"]  # the raw upload is gone
    s3.put("staging/extract-999999.upload", b"left behind by a lost worker")
    assert staging_sweep(older_than=timedelta(0)) == ["extract-999999.upload"]
    assert s3.names() == [f"staging/extract-{extract.pk}.json"]  # waiting for confirmation: kept
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("workforce:extract-confirm", args=[org.slug, extract.pk]))
    extract.refresh_from_db()
    assert extract.status == "current" and StaffRecord.objects.filter(extract=extract).count() == 4
    assert s3.names() == []


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_report_pdf_made_by_a_worker_process_is_downloaded_from_the_bucket(
        s3, s3_env, start_worker, history_plan, org, editor, make_member, client_for, outsider):
    """The worker is another process with no disk in common with the web process but the bucket."""
    worker = start_worker(**s3_env, MEDIA_ROOT="/nonexistent/not-shared")
    report = report_services.report_request(plan=history_plan, quarter=Q2, requested_by=editor)
    wait_for(lambda: Report.objects.get(pk=report.pk).status == ReportStatus.DONE, what="the report", log=worker.log)
    report.refresh_from_db()
    [name] = s3.names()
    assert name == report.pdf.name and name.startswith(f"reports/{org.pk}/")
    assert s3.anonymous_status(name) == 403
    url = reverse("reports:report-download", args=[org.slug, report.pk])
    response = client_for(make_member(Role.VIEWER, username="reader")).get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF") and body == s3.read(name)
    assert client_for(outsider).get(url).status_code == 404


def test_nothing_in_the_bucket_is_public_and_a_public_one_is_refused(s3):
    assert storage_public_access() is None
    s3.put("evidence/x.pdf", PDF)
    assert s3.anonymous_status("evidence/x.pdf") == 403
    assert "is there" in storage_prepare()  # run again: nothing to do
    s3.client.put_bucket_acl(Bucket=s3.name, ACL="public-read")
    assert storage_public_access() == "bucket ACL"
    with pytest.raises(ImproperlyConfigured, match="readable by the public"):
        storage_prepare()
