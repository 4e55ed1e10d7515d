"""A plan with a known history around 2022/23 Q2 (1 July – 30 September 2022), built through the services.

    ref  theme  deadline        history (date: status)                          at 30 Jun   at 30 Sep
    A1   T1     March 2023      10 May green; 1 Aug amber; 1 Nov red (later)    green       amber
    A2   T1     1/9/2022        20 Apr amber; 15 Sep complete                   amber       complete
    A3   T2     August 2022     1 Jun green                                     green       green (overdue, stale, inconsistent)
    A4   T2     December 2022   none                                            not started not started (stale, due next quarter)
    A5   T2     Ongoing         5 Jul red; 20 Sep red                           not started red
    A6   T1     -               created 15 Oct 2022, no history                 -           - (did not exist yet)
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from edi_tracker.quarters import FinancialQuarter
from plans import services as plan_services
from plans.models import Action

LONDON = ZoneInfo("Europe/London")
Q2 = FinancialQuarter.parse("2022/23-Q2")


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(hour=12, tzinfo=LONDON)


@pytest.fixture
def history_plan(org, editor, lead):
    plan = plan_services.plan_create(organisation=org, actor=editor, title="Children's Services EDI plan",
                                     status="active")
    t1 = plan_services.theme_create(plan=plan, actor=editor, code="T1", title="Culture and people")
    t2 = plan_services.theme_create(plan=plan, actor=editor, code="T2", title="Recruitment", metrics=["2"])
    make = plan_services.action_create
    a1 = make(plan=plan, actor=editor, theme=t1, reference="A1", title="Reverse mentoring scheme", lead_user=lead,
              deadline_text="March 2023", metrics=["3"])
    a2 = make(plan=plan, actor=editor, theme=t1, reference="A2", title="Publish the pay gap", lead_user=editor,
              deadline_text="1/9/2022")
    a3 = make(plan=plan, actor=editor, theme=t2, reference="A3", title="Diverse interview panels", lead_user=lead,
              deadline_text="August 2022")
    make(plan=plan, actor=editor, theme=t2, reference="A4", title="Anonymised shortlisting",
              lead_officer="Head of HR", deadline_text="December 2022")
    a5 = make(plan=plan, actor=editor, theme=t2, reference="A5", title="Positive action traineeships",
              lead_user=lead, deadline_text="Ongoing")
    a6 = make(plan=plan, actor=editor, theme=t1, reference="A6", title="Added later", deadline_text="TBC")
    Action.objects.filter(plan=plan).update(created_at=at("2022-01-01"))
    Action.objects.filter(pk=a6.pk).update(created_at=at("2022-10-15"))
    record = plan_services.progress_update_record
    record(action=a1, author=lead, status="green", at=at("2022-05-10"))
    record(action=a1, author=lead, status="amber", commentary="Recruitment of mentors paused.",
           next_steps="Restart recruitment", next_steps_timeframe="October 2022", at=at("2022-08-01"))
    record(action=a1, author=lead, status="red", commentary="Scheme cancelled.", at=at("2022-11-01"))
    record(action=a2, author=editor, status="amber", commentary="Data late from payroll.", at=at("2022-04-20"))
    record(action=a2, author=editor, status="complete", commentary="Published on the website.", at=at("2022-09-15"))
    record(action=a3, author=lead, status="green", at=at("2022-06-01"))
    record(action=a5, author=lead, status="red", commentary="Budget cut.", at=at("2022-07-05"))
    record(action=a5, author=lead, status="red", commentary="Still no budget for the traineeships.",
           next_steps="Bid to the workforce fund", next_steps_timeframe="November 2022", at=at("2022-09-20"))
    return plan


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Reports' PDFs go to a folder of the test's own, not the working copy's var/media."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return settings.MEDIA_ROOT


# A real Celery worker ------------------------------------------------------------------------------

import os  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    assert db["ENGINE"].endswith("postgresql"), "the worker tests need PostgreSQL: run them with `make test`"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """`celery worker` in its own process group, on this run's queue, against the test database."""

    def __init__(self, log: Path, env: dict):
        self.log = log
        self.process = subprocess.Popen(
            [str(ROOT / ".venv/bin/celery"), "-A", "edi_tracker", "worker", "--pool=prefork", "--concurrency=1",
             "-Q", env["CELERY_QUEUE"], "--without-gossip", "--without-mingle", "-l", "info",
             "-n", f"reports-test-{os.getpid()}-{time.monotonic_ns()}@%h"],
            cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while "ready." not in log.read_text(errors="replace"):
            assert self.process.poll() is None, f"the worker stopped at start:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"the worker did not start in 60 s:\n{log.read_text()}"
            time.sleep(0.2)

    def kill(self) -> None:
        """kill -9 the worker and its pool child, as an out-of-memory kill or a power cut would."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def start_worker(settings, tmp_path, media_root):
    """start_worker(**extra_env) -> a running Worker; the test process sends its tasks to the same Redis."""
    from edi_tracker.celery import app

    redis_url = os.environ.get("EDI_TEST_REDIS_URL")
    queue = os.environ.get("CELERY_QUEUE")
    assert redis_url and queue, "the worker tests need Redis and a queue of their own: run them with `make test`"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "task_default_queue")}
    app.conf.update(task_always_eager=False, broker_url=redis_url, task_default_queue=queue)
    _reset_connections(app)
    workers = []

    def start(**extra_env):
        env = {**os.environ, "REDIS_URL": redis_url, "DATABASE_URL": database_url(), "EDI_TESTING": "1",
               "CELERY_QUEUE": queue, "MEDIA_ROOT": media_root,
               "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
               "EMAIL_FILE_PATH": str(mail_dir), **{k: str(v) for k, v in extra_env.items()}}
        worker = Worker(tmp_path / f"worker-{len(workers)}.log", env)
        workers.append(worker)
        return worker

    start.mail_dir = mail_dir
    yield start
    for worker in workers:
        worker.stop()
    app.conf.update(saved)
    _reset_connections(app)


def _reset_connections(app) -> None:
    """Forget the app's broker connections, so the next task is sent to the broker now configured."""
    from kombu import pools

    pools.reset()  # kombu's process-wide producer pools, keyed by connection
    app._pool = None
    app.amqp._producer_pool = None


def wait_for(predicate, timeout: float = 90, what: str = "the condition", log: Path | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}" + (f"\n{log.read_text()}" if log else ""))


# A broker that is down ----------------------------------------------------------------------------

from contextlib import contextmanager  # noqa: E402

CLOSED_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1: every send is refused


@pytest.fixture
def broker_down():
    """`with broker_down():` sends this process's tasks to a broker that refuses them, then puts back what
    was configured before (eager, or the real Redis of `start_worker`)."""
    from edi_tracker.celery import app

    @contextmanager
    def down():
        saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
        app.conf.update(task_always_eager=False, broker_url=CLOSED_BROKER)
        _reset_connections(app)
        try:
            yield
        finally:
            app.conf.update(saved)
            _reset_connections(app)

    return down


@pytest.fixture
def broker_without_worker(settings):
    """Tasks go to the real Redis, on a queue of this test's own that no worker reads: what was asked for
    stays queued. The queue is emptied afterwards."""
    from edi_tracker.celery import app

    redis_url = os.environ.get("EDI_TEST_REDIS_URL")
    assert redis_url, "this test needs Redis: run it with `make test`"
    queue = f"edi_test_unread_{os.getpid()}_{time.monotonic_ns()}"
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "task_default_queue")}
    app.conf.update(task_always_eager=False, broker_url=redis_url, task_default_queue=queue)
    _reset_connections(app)
    yield queue
    with app.connection_for_write() as connection:
        connection.default_channel.client.delete(queue)
    app.conf.update(saved)
    _reset_connections(app)
