"""The Celery app, imported only by what needs Celery: the worker and beat (`celery -A edi_tracker`
finds this module), the task modules, and the services that queue a task (they import their tasks
module when they queue). Web processes and management commands that queue nothing never import Celery,
which would otherwise cost every one of them a few hundred milliseconds at start-up
(tests/core/test_startup_imports.py)."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "edi_tracker.settings")

app = Celery("edi_tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.beat_schedule = {
    # Reports: daily, so a missed day is caught up; each task does nothing when nothing is due.
    "reports-schedule-due": {"task": "reports.schedule_due", "schedule": crontab(hour=6, minute=0)},
    "reports-send-reminders": {"task": "reports.send_reminders", "schedule": crontab(hour=8, minute=0)},
    # Raw uploads exist only while they are checked: this deletes any a lost worker left behind.
    "workforce-sweep-staging": {"task": "workforce.sweep_staging", "schedule": crontab(minute=17)},
}
app.autodiscover_tasks()
