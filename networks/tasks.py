"""Celery tasks of networks: each takes ids, re-fetches, and calls one service. Safe to run twice."""

from celery import shared_task

from edi_tracker.celery import app  # noqa: F401  the tasks bind to this app, not to Celery's default

from . import services


@shared_task(name="networks.report_generate")
def network_report_generate_task(report_id: int) -> str:
    report = services.network_report_generate(report_id=report_id)
    return report.status if report else "missing"
