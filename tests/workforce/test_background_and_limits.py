from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from edi_tracker.models import AuditEvent
from metrics.forms import THRESHOLD_MESSAGE
from workforce.models import Extract, StaffRecord
from workforce.services import extract_check

CSV = b"Employee ID,Ethnicity,Grade\n1,Irish,A\n2,Indian,B\n"


def test_a_file_over_the_size_limit_is_refused(org, hr, settings):
    settings.WORKFORCE_MAX_BYTES = 1024
    extract, _ = extract_check(organisation=org, kind="staff", year=2022, filename="s.csv",
                               data=CSV + b"3,Irish,A\n" * 200, uploaded_by=hr)
    assert extract.status == "refused" and extract.failure_reason == "The file is larger than 1.0\xa0KB, the most we accept."


def test_too_many_rows_are_refused(org, hr, settings):
    settings.WORKFORCE_MAX_ROWS = 10
    extract, _ = extract_check(organisation=org, kind="staff", year=2022, filename="s.csv",
                               data=b"Employee ID,Ethnicity,Grade\n" + b"".join(b"%d,Irish,A\n" % i for i in range(11)), uploaded_by=hr)
    assert "the most we accept is 10" in extract.failure_reason


def test_a_large_upload_is_checked_by_a_task_and_the_page_shows_its_progress(client_for, hr, org, settings,
                                                                              django_capture_on_commit_callbacks):
    settings.WORKFORCE_TASK_THRESHOLD_BYTES = 10  # everything counts as large
    client = client_for(hr)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("workforce:index", args=[org.slug]),
                               {"kind": "staff", "year": 2022, "file": SimpleUploadedFile("s.csv", CSV)})
    extract = Extract.objects.get()
    assert extract.status == "checking"
    page = client.get(response["Location"])
    assert "Checking s.csv: 0%" in page.content.decode() and 'hx-trigger="every 1s"' in page.content.decode()
    for callback in callbacks:  # the task, run in-process as it is without Redis
        callback()
    extract.refresh_from_db()
    assert extract.status == "checked" and extract.progress == 100
    partial = client.get(response["Location"] + "?progress=1", HTTP_HX_REQUEST="true")
    assert partial["HX-Refresh"] == "true"
    # Running the task again does no harm, and the raw upload is gone.
    from workforce.tasks import extract_check_task

    extract_check_task(extract.pk)
    extract.refresh_from_db()
    assert extract.status == "checked" and StaffRecord.objects.count() == 0
    assert not (Path(settings.MEDIA_ROOT) / "staging" / f"extract-{extract.pk}.upload").exists()


def test_settings_are_saved_and_bad_values_refused(client_for, admin_member, org):
    client = client_for(admin_member)
    url = reverse("metrics:settings", args=[org.slug])
    bad = client.post(url, {"disclosure_threshold": 2, "bme_label": "Global Majority", "pay_band_order": ""})
    assert bad.status_code == 200 and THRESHOLD_MESSAGE in bad.content.decode()
    ok = client.post(url, {"disclosure_threshold": 5, "bme_label": "Global Majority", "local_population_bme_pct": "41.5",
                           "pay_band_order": "Scale 1-3\nScale 4-6\n"})
    assert ok.status_code == 302
    org.refresh_from_db()
    assert (org.disclosure_threshold, org.bme_label, org.pay_band_order) == (5, "Global Majority", ["Scale 1-3", "Scale 4-6"])
    assert AuditEvent.objects.filter(verb="organisation.metric_settings").exists()
