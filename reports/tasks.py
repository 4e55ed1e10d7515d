"""Celery tasks: each takes ids, re-fetches, and calls one service. All are safe to run twice."""

from celery import shared_task

from edi_tracker.celery import app  # noqa: F401  the tasks bind to this app, not to Celery's default

from . import services
from .models import Report


@shared_task(name="reports.generate")
def report_generate_task(report_id: int) -> str:
    report = services.report_generate(report_id=report_id)
    return report.status if report else "missing"


@shared_task(name="reports.schedule_due")
def reports_schedule_due_task() -> int:
    """Daily: mark reports whose worker died as failed, then ask for the reports of the quarter that ended."""
    services.reports_mark_lost()
    return len(services.reports_schedule_due())


@shared_task(name="reports.send_reminders")
def reminders_send_task() -> int:
    """Daily: acts only in the last 14 days of a quarter, and reminds about each action once."""
    return services.reminders_send()


@shared_task(name="reports.email")
def report_email_task(report_id: int) -> int:
    """Send a done report to the recipients who have not had it (once each); the outcome is recorded."""
    report = Report.objects.filter(pk=report_id).first()
    return services.report_email_send(report=report) if report else 0
