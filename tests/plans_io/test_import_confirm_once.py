"""A plan import is confirmed once, whatever the clicks and tabs; a large one is stored by a Celery
task with a progress bar, and a broker that is down leaves an import that says so and can be retried."""

import csv
import io
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from edi_tracker.celery import app as celery_app
from plans.models import Action, Plan, PlanImport, PlanImportStatus
from tests.reports.conftest import _reset_connections, media_root, start_worker, wait_for  # noqa: F401

from . import docx_fixtures as fx

HEADER = ["reference", "theme_code", "theme", "title", "lead_officer", "deadline", "status", "tags"]


def plan_csv(count: int, prefix: str = "A") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for n in range(1, count + 1):
        writer.writerow([f"{prefix}{n}", "T1", "Culture", f"Action number {n}", "Head of HR", "March 2024", "", "race"])
    return out.getvalue().encode()


def stage(client, url, data: bytes, name: str = "plan.csv") -> str:
    response = client.post(url, {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.context["token"]


def in_threads(count: int, work) -> list:
    """Run work(i) in `count` threads released together; each thread closes its own connection."""
    barrier, results, errors = threading.Barrier(count), [None] * count, []

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    return results


def test_a_second_confirm_does_nothing_and_says_so(client_for, editor, org):
    client = client_for(editor)
    url = reverse("plans:plan-import", args=[org.slug])
    token = stage(client, url, fx.eflg_docx(), "eflg.docx")
    assert client.post(url, {"token": token}).status_code == 302
    again = client.post(url, {"token": token})
    status_url = reverse("plans:plan-import-status", args=[org.slug, token])
    assert again.status_code == 302 and again["Location"] == status_url
    page = client.get(status_url).content.decode()
    plan = Plan.objects.get()
    assert "This import was already confirmed" in page and f"/o/{org.slug}/plans/{plan.pk}/" in page
    assert Plan.objects.count() == 1 and plan.actions.count() == 5


def test_a_viewer_cannot_see_or_confirm_an_import_and_an_outsider_is_not_told_it_exists(client_for, editor, viewer,
                                                                                      outsider, org):
    url = reverse("plans:plan-import", args=[org.slug])
    token = stage(client_for(editor), url, plan_csv(2))
    status_url = reverse("plans:plan-import-status", args=[org.slug, token])
    assert client_for(viewer).get(status_url).status_code == 403
    assert client_for(viewer).post(url, {"token": token}).status_code == 403
    assert client_for(outsider).get(status_url).status_code == 404
    assert client_for(outsider).post(url, {"token": token}).status_code == 404
    assert Plan.objects.count() == 0 and PlanImport.objects.get().status == PlanImportStatus.STAGED


@pytest.mark.django_db(transaction=True)
def test_eight_confirms_at_once_make_one_plan(org, editor):
    client = Client()
    client.force_login(editor)
    url = reverse("plans:plan-import", args=[org.slug])
    token = stage(client, url, plan_csv(12))
    cookies = client.cookies

    def confirm(_):
        other = Client()
        other.cookies = cookies  # the same session, as two tabs or a double click
        return other.post(url, {"token": token}).status_code

    assert in_threads(8, confirm) == [302] * 8
    assert Plan.objects.count() == 1 and Action.objects.count() == 12
    assert PlanImport.objects.get().status == PlanImportStatus.DONE


@pytest.mark.django_db(transaction=True)
def test_two_tabs_importing_into_one_plan_at_once_never_fail(org, editor):
    """Two uploads of the same file into one plan, confirmed at the same moment: no IntegrityError;
    one adds the actions, the other finds them there."""
    client = Client()
    client.force_login(editor)
    plan = Plan.objects.create(organisation=org, title="Existing plan")
    url = reverse("plans:plan-import-into", args=[org.slug, plan.pk])
    tokens = [stage(client, url, plan_csv(15)) for _ in range(4)]
    cookies = client.cookies

    def confirm(i):
        other = Client()
        other.cookies = cookies
        return other.post(url, {"token": tokens[i]}).status_code

    assert in_threads(4, confirm) == [302] * 4
    assert plan.actions.count() == 15
    assert sorted(PlanImport.objects.values_list("summary", flat=True)) == (
        ["Imported plan.csv: 0 actions added, 0 updated."] * 3 + ["Imported plan.csv: 15 actions added, 0 updated."]
    )


def test_a_large_import_runs_as_a_task_with_a_progress_page(client_for, editor, org, settings,
                                                           django_capture_on_commit_callbacks):
    settings.PLAN_IMPORT_TASK_THRESHOLD_ACTIONS = 10
    client = client_for(editor)
    url = reverse("plans:plan-import", args=[org.slug])
    token = stage(client, url, plan_csv(40))
    status_url = reverse("plans:plan-import-status", args=[org.slug, token])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url, {"token": token})
    assert response.status_code == 302 and response["Location"] == status_url
    # Queued, not yet run: the page shows the progress bar and polls for it.
    queued = client.get(status_url).content.decode()
    assert "<progress" in queued and 'hx-get="' in queued and "stored in the background" in queued
    assert PlanImport.objects.get().status == PlanImportStatus.QUEUED and Plan.objects.count() == 0
    # Confirming again while it is queued starts nothing more.
    again = client.post(url, {"token": token}, follow=True).content.decode()
    assert "This import is already under way: nothing more was started." in again
    for callback in callbacks:  # the (eager) task runs, as when the transaction commits
        callback()
    done = PlanImport.objects.get()
    assert done.status == PlanImportStatus.DONE and done.progress == 100
    assert done.plan.actions.count() == 40 and Plan.objects.count() == 1
    poll = client.get(status_url + "?progress=1", headers={"HX-Request": "true"})
    assert poll["HX-Refresh"] == "true"
    assert "Imported plan.csv: 40 actions added, 0 updated." in client.get(status_url).content.decode()


def test_with_the_broker_down_the_import_is_marked_failed_and_can_be_retried(client_for, editor, org, settings,
                                                                           django_capture_on_commit_callbacks):
    settings.PLAN_IMPORT_TASK_THRESHOLD_ACTIONS = 10
    client = client_for(editor)
    url = reverse("plans:plan-import", args=[org.slug])
    token = stage(client, url, plan_csv(30))
    status_url = reverse("plans:plan-import-status", args=[org.slug, token])
    saved = {key: celery_app.conf[key] for key in ("task_always_eager", "broker_url", "broker_connection_timeout")}
    celery_app.conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:1/0", broker_connection_timeout=1)
    _reset_connections(celery_app)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(url, {"token": token})
    finally:
        celery_app.conf.update(saved)
        _reset_connections(celery_app)
    assert response["Location"] == status_url
    failed = PlanImport.objects.get()
    assert failed.status == PlanImportStatus.FAILED and "background worker could not be reached" in failed.failure_reason
    page = client.get(status_url).content.decode()
    assert "The import did not finish" in page and "background worker could not be reached" in page
    assert "Try the import again" in page and Plan.objects.count() == 0
    # The broker is back (here: tasks run in-process): the same import is retried from its page.
    with django_capture_on_commit_callbacks(execute=True):
        retried = client.post(url, {"token": token})
    assert retried["Location"] == status_url
    done = PlanImport.objects.get()
    assert done.status == PlanImportStatus.DONE and done.failure_reason == "" and done.plan.actions.count() == 30


def test_a_refused_large_import_is_marked_failed_with_its_reason_and_nothing_stored(editor, org, settings):
    from plans.importers.parsed import ParsedPlan
    from plans.importers.reading import read_plan_file
    from plans.importers.services import plan_import_run, plan_import_stage

    plan = Plan.objects.create(organisation=org, title="Existing plan")
    parsed = read_plan_file("plan.csv", plan_csv(3))
    staged = plan_import_stage(organisation=org, actor=editor, parsed=parsed, plan=plan)
    data = ParsedPlan.from_dict(staged.parsed)
    data.themes[0].actions[2].tags = ["x" * 61]  # as if the file had got past the check
    PlanImport.objects.filter(pk=staged.pk).update(parsed=data.to_dict(), status=PlanImportStatus.QUEUED)
    plan_import_run(plan_import_id=staged.pk)
    staged.refresh_from_db()
    assert staged.status == PlanImportStatus.FAILED
    assert staged.failure_reason.startswith("Nothing was imported. Action A3 (")
    assert "Tags: The tag “xxxxxxxxxx" in staged.failure_reason and "a tag can be at most 60" in staged.failure_reason
    assert plan.actions.count() == 0


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_large_import_through_a_real_worker(start_worker, client_for, editor, org, settings):  # noqa: F811
    settings.PLAN_IMPORT_TASK_THRESHOLD_ACTIONS = 10
    worker = start_worker()
    client = client_for(editor)
    url = reverse("plans:plan-import", args=[org.slug])
    token = stage(client, url, plan_csv(400))
    response = client.post(url, {"token": token})
    status_url = reverse("plans:plan-import-status", args=[org.slug, token])
    assert response["Location"] == status_url
    seen = set()

    def finished():
        seen.add(PlanImport.objects.get().progress)
        return PlanImport.objects.get().status == PlanImportStatus.DONE

    wait_for(finished, what="the import", log=worker.log)
    plan_import = PlanImport.objects.get()
    assert plan_import.plan.actions.count() == 400 and Plan.objects.count() == 1
    assert "Imported plan.csv: 400 actions added, 0 updated." in client.get(status_url).content.decode()
    assert any(0 < p < 100 for p in seen), f"no progress between 0 and 100 was seen: {sorted(seen)}"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_during_an_import_leaves_it_stopped_and_retried_it_is_stored_once(
        start_worker, client_for, editor, org, settings):  # noqa: F811
    settings.PLAN_IMPORT_TASK_THRESHOLD_ACTIONS = 10
    doomed = start_worker()
    client = client_for(editor)
    url = reverse("plans:plan-import", args=[org.slug])
    token = stage(client, url, plan_csv(1000))
    client.post(url, {"token": token})
    status_url = reverse("plans:plan-import-status", args=[org.slug, token])
    wait_for(lambda: PlanImport.objects.get().progress >= 5, what="the import to start", log=doomed.log)
    doomed.kill()
    # Its transaction died with it: nothing stored, and the page says so and offers to try again.
    wait_for(lambda: "The background worker storing it stopped" in client.get(status_url).content.decode(),
             timeout=30, what="the import to be seen as stopped")
    assert PlanImport.objects.get().status == PlanImportStatus.RUNNING and Plan.objects.count() == 0
    assert client.get(status_url + "?progress=1", headers={"HX-Request": "true"})["HX-Refresh"] == "true"
    client.post(url, {"token": token})
    assert PlanImport.objects.get().status == PlanImportStatus.QUEUED
    fresh = start_worker()
    wait_for(lambda: PlanImport.objects.get().status == PlanImportStatus.DONE, timeout=300, what="the retried import",
             log=fresh.log)
    assert Plan.objects.count() == 1 and Action.objects.count() == 1000
