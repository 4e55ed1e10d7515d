"""A raw upload exists only while it is being checked; what HR reviews is what is stored; confirming
(and uploading) twice does nothing the second time and says so; get_extract's three personas."""

import os
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import Http404
from django.urls import reverse

from edi_tracker.models import Capability, Membership, Role
from edi_tracker.queueing import BROKER_DOWN
from tests.factories import OrganisationFactory
from workforce import services
from workforce.access import get_extract
from workforce.checking import window
from workforce.models import Extract, StaffRecord

GOOD = (b"Employee ID,Ethnicity,Grade,Date Left\n"
        b"1,Irish,A,\n2,Indian,B,\n3,Black African,B,\n4,White British,A,2021-06-30\n")
BAD = b"Employee ID,Ethnicity,Grade,Hourly Rate\n1,Irish,A,minus five\n"


@pytest.fixture
def staging(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.WORKFORCE_TASK_THRESHOLD_BYTES = 10  # every upload counts as large: it is staged and queued
    folder = tmp_path / "staging"

    def files():
        return sorted(p.name for p in folder.iterdir()) if folder.exists() else []

    return files


def _upload(client, org, data, name="s.csv"):
    return client.post(reverse("workforce:index", args=[org.slug]),
                       {"kind": "staff", "year": 2022, "file": SimpleUploadedFile(name, data)})


def test_stored_the_raw_upload_goes_after_its_check_and_the_staged_rows_after_confirm(
        client_for, hr, org, staging, django_capture_on_commit_callbacks):
    client = client_for(hr)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _upload(client, org, GOOD)
    extract = Extract.objects.get()
    assert extract.status == "checking" and staging() == [f"extract-{extract.pk}.upload"]
    for callback in callbacks:
        callback()
    extract.refresh_from_db()
    assert extract.status == "checked" and staging() == [f"extract-{extract.pk}.json"]  # pseudonymised rows only
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("workforce:extract-confirm", args=[org.slug, extract.pk]))
    extract.refresh_from_db()
    assert extract.status == "current" and staging() == []


def test_refused_the_raw_upload_is_deleted(client_for, hr, org, staging, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client_for(hr), org, BAD)
    extract = Extract.objects.get()
    assert extract.status == "refused" and staging() == []


def test_discarded_while_waiting_for_its_check_or_after_it_the_files_are_deleted_and_it_says_so(
        client_for, hr, org, staging, django_capture_on_commit_callbacks):
    client = client_for(hr)
    with django_capture_on_commit_callbacks(execute=False):
        _upload(client, org, GOOD)  # the broker has not run it yet: "being checked"
    waiting = Extract.objects.get()
    assert staging() == [f"extract-{waiting.pk}.upload"]
    response = client.post(reverse("workforce:extract-discard", args=[org.slug, waiting.pk]), follow=True)
    assert "The file was discarded and deleted. Nothing was stored." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "refused" and staging() == []
    # The task arriving afterwards finds nothing to do.
    from workforce.tasks import extract_check_task

    extract_check_task(waiting.pk)
    waiting.refresh_from_db()
    assert waiting.status == "refused" and waiting.failure_reason == "Not confirmed: discarded."

    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, org, GOOD.replace(b"Irish", b"White Irish"))
    checked = Extract.objects.latest("pk")
    assert checked.status == "checked" and staging() == [f"extract-{checked.pk}.json"]
    # The check page's Discard asks first, on a page of its own; opening it deletes nothing.
    detail = client.get(reverse("workforce:extract", args=[org.slug, checked.pk])).content.decode()
    discard_url = reverse("workforce:extract-discard", args=[org.slug, checked.pk])
    assert f'href="{discard_url}">Discard</a>' in detail
    asking = client.get(discard_url).content.decode()
    assert f"Are you sure you want to discard {checked.filename}?" in asking
    assert "nothing from it is stored" in asking and "govuk-button--warning" in asking
    assert f'<form method="post" action="{discard_url}"' in asking
    checked.refresh_from_db()
    assert checked.status == "checked" and staging() == [f"extract-{checked.pk}.json"]
    client.post(discard_url)
    assert staging() == []
    again = client.post(reverse("workforce:extract-discard", args=[org.slug, checked.pk]), follow=True)
    assert "There was nothing to discard: this extract is refused." in again.content.decode()
    confirm = client.post(reverse("workforce:extract-confirm", args=[org.slug, checked.pk]), follow=True)
    assert ("This extract cannot be confirmed: it was discarded and its file deleted. Upload the file again to "
            "check it.") in confirm.content.decode()
    assert not StaffRecord.objects.exists()


def test_a_check_that_breaks_off_fails_with_a_reason_and_deletes_the_raw_upload(
        client_for, hr, org, staging, django_capture_on_commit_callbacks, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("the checker broke")  # a fault on our side, in the middle of the check

    monkeypatch.setattr(services, "check_table", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client_for(hr), org, GOOD)
    extract = Extract.objects.get()
    assert extract.status == "failed" and extract.failure_reason == services.CHECK_FAILED
    assert staging() == []
    page = client_for(hr).get(response["Location"]).content.decode()
    assert "The file could not be checked" in page and "Nothing was stored and the file was deleted" in page
    confirm = client_for(hr).post(reverse("workforce:extract-confirm", args=[org.slug, extract.pk]), follow=True)
    assert "This extract cannot be confirmed: its file was failed" in confirm.content.decode()


@pytest.fixture
def broker_down():
    from edi_tracker.celery import app
    from tests.reports.conftest import _reset_connections

    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:1/0")  # a closed port
    _reset_connections(app)
    yield
    app.conf.update(saved)
    _reset_connections(app)


def test_with_the_broker_down_the_upload_fails_at_once_with_a_message_and_the_raw_file_goes(
        client_for, hr, org, staging, broker_down, django_capture_on_commit_callbacks):
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client_for(hr), org, GOOD)
    assert response.status_code == 302 and time.monotonic() - started < 30
    extract = Extract.objects.get()
    assert extract.status == "failed" and extract.failure_reason == BROKER_DOWN
    assert staging() == []
    page = client_for(hr).get(response["Location"]).content.decode()
    assert "The background worker could not be reached" in page and "Being checked" not in page


def test_the_sweep_deletes_leftovers_and_keeps_what_is_waiting(org, hr, staging, settings):
    from edi_tracker.celery import app
    from workforce.tasks import sweep_staging_task

    assert app.conf.beat_schedule["workforce-sweep-staging"]["task"] == sweep_staging_task.name
    folder = Path(settings.MEDIA_ROOT) / "staging"
    folder.mkdir()
    make = Extract.objects.create
    refused = make(organisation=org, kind="staff", year=2022, filename="a.csv", checksum="a", status="refused")
    checked = make(organisation=org, kind="staff", year=2022, filename="b.csv", checksum="b", status="checked")
    checking = make(organisation=org, kind="staff", year=2022, filename="c.csv", checksum="c", status="checking")
    stuck = make(organisation=org, kind="staff", year=2022, filename="d.csv", checksum="d", status="checking")
    hours = {f"extract-{refused.pk}.upload": 2, f"extract-{refused.pk}.json": 2, f"extract-{checked.pk}.json": 30,
             f"extract-{checking.pk}.upload": 1.5, f"extract-{stuck.pk}.upload": 3, "extract-999999.upload": 2,
             "stray.tmp": 2, f"extract-{checked.pk}.upload": 0.1}
    for name, age in hours.items():
        (folder / name).write_bytes(b"Employee ID\n1\n")
        then = time.time() - age * 3600
        os.utime(folder / name, (then, then))
    sweep_staging_task()
    assert staging() == sorted([f"extract-{checked.pk}.json", f"extract-{checking.pk}.upload",
                                f"extract-{checked.pk}.upload"])  # waiting, being checked, too recent
    stuck.refresh_from_db()
    assert stuck.status == "failed" and stuck.failure_reason == services.CHECK_TIMED_OUT


# What HR reviews is exactly what is stored ---------------------------------------------------------------

def _staff_file(*, with_error: bool) -> bytes:
    start, end = window(2022)
    rows = ["Employee ID,Ethnicity,Grade,Disabled,Date Left,Hourly Rate"]
    rows.append("1,Irish,A,Yes,2020-05-31,10")  # left before the year: warned about and left out
    for number in range(2, 40):
        ethnicity = ("White British", "Indian", "Black African", "Prefer not to say")[number % 4]
        left = "2021-09-30" if number % 7 == 0 else ("2019-12-31" if number % 11 == 0 else "")
        rows.append(f"{number},{ethnicity},{'AB'[number % 2]},{('Yes', 'No', '')[number % 3]},{left},12")
    if with_error:
        rows[5] = rows[5].rsplit(",", 1)[0] + ",twelve pounds"  # an error in a column that is not counted
    return ("\n".join(rows) + "\n").encode()


def test_the_counts_are_the_same_whether_the_file_is_refused_or_accepted_and_match_what_is_stored(org, hr, staging):
    refused, _ = services.extract_check(organisation=org, kind="staff", year=2022, filename="s.csv",
                                        data=_staff_file(with_error=True), uploaded_by=hr)
    accepted, _ = services.extract_check(organisation=org, kind="staff", year=2022, filename="s.csv",
                                         data=_staff_file(with_error=False), uploaded_by=hr)
    assert refused.status == "refused" and accepted.status == "checked"
    assert "4 rows left before the reporting year" in accepted.report["warnings"][0]
    for part in ("counts", "declaration_rates", "rows_to_count"):
        assert refused.report[part] == accepted.report[part], part
    stored = services.extract_confirm(extract=accepted, actor=hr)
    records = StaffRecord.objects.filter(extract=stored)
    assert records.count() == stored.row_count == accepted.report["stored_rows"] == accepted.report["rows_to_count"] == 35
    for name in ("wres_group", "ethnicity", "disability", "pay_band"):
        assert accepted.report["counts"][name] == {k: v for k, v in Counter(records.values_list(name, flat=True)).most_common()}, name
    end = window(2022)[1]
    in_post = [r for r in records if r.leaving_date is None or r.leaving_date > end]
    ethnicity = accepted.report["declaration_rates"]["ethnicity"]
    assert ethnicity["declared"] + ethnicity["prefer_not_to_say"] + ethnicity["not_known"] == len(in_post) == 30
    assert ethnicity["declared"] == sum(1 for r in in_post if r.ethnicity not in ("prefer_not_to_say", "not_known"))


# Twice is once -------------------------------------------------------------------------------------------

def test_confirming_twice_stores_once_and_says_so(client_for, hr, org, staging):
    extract, _ = services.extract_check(organisation=org, kind="staff", year=2022, filename="s.csv", data=GOOD,
                                        uploaded_by=hr)
    client = client_for(hr)
    url = reverse("workforce:extract-confirm", args=[org.slug, extract.pk])
    first = client.post(url, follow=True).content.decode()
    second = client.post(url, follow=True).content.decode()
    assert "is stored: 4 rows" in first
    assert "The staff extract for 2022 was already stored: confirming it again changed nothing." in second
    assert StaffRecord.objects.count() == 4


def test_the_same_file_sent_twice_within_seconds_is_one_upload_and_says_so(client_for, hr, org, staging,
                                                                           django_capture_on_commit_callbacks):
    client = client_for(hr)
    with django_capture_on_commit_callbacks(execute=True):
        first = _upload(client, org, GOOD)
        second = _upload(client, org, GOOD)
    assert first["Location"] == second["Location"] and Extract.objects.count() == 1
    page = client.get(second["Location"]).content.decode()
    assert "You sent s.csv again while its first upload is being checked: it is the same file, so it was not checked twice." in page


def _in_threads(count, work):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    return results


@pytest.mark.django_db(transaction=True)
def test_concurrent_confirms_store_the_rows_once(org, hr, staging):
    extract, _ = services.extract_check(organisation=org, kind="staff", year=2022, filename="s.csv", data=GOOD,
                                        uploaded_by=hr)
    results = _in_threads(4, lambda: services.extract_confirm(extract=Extract.objects.get(pk=extract.pk), actor=hr))
    assert sorted(r.already_confirmed for r in results) == [False, True, True, True]
    assert StaffRecord.objects.count() == 4 and staging() == []


@pytest.mark.django_db(transaction=True)
def test_concurrent_uploads_of_the_same_file_make_one_extract(org, hr, staging, settings):
    settings.WORKFORCE_TASK_THRESHOLD_BYTES = 10 ** 9  # checked at once, in the request
    outcomes = _in_threads(4, lambda: services.extract_upload(organisation=org, kind="staff", year=2022,
                                                              filename="s.csv", data=GOOD, uploaded_by=hr))
    assert Extract.objects.count() == 1 and sorted(o.is_new for o in outcomes) == [False, False, False, True]
    assert Extract.objects.get().status == "checked"


# get_extract: three personas ------------------------------------------------------------------------------

def test_get_extract_gives_hr_their_extract_403_to_other_roles_and_404_for_other_organisations(org, hr, make_member):
    extract, _ = services.extract_check(organisation=org, kind="staff", year=2022, filename="s.csv", data=BAD,
                                        uploaded_by=hr)
    elsewhere = OrganisationFactory(slug="far-away")
    theirs = Extract.objects.create(organisation=elsewhere, kind="staff", year=2022, filename="x.csv", checksum="x")
    membership = Membership.objects.get(user=hr, organisation=org)
    assert get_extract(membership, extract.pk) == extract
    with pytest.raises(Http404):
        get_extract(membership, theirs.pk)
    viewer = Membership.objects.get(user=make_member(Role.VIEWER), organisation=org)
    with pytest.raises(PermissionDenied):
        get_extract(viewer, extract.pk)
    with pytest.raises(Http404):
        get_extract(viewer, theirs.pk)
    assert get_extract(viewer, extract.pk, need=Capability.VIEW) == extract
