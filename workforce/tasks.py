from celery import shared_task

from edi_tracker.celery import app  # noqa: F401  the tasks bind to this app, not to Celery's default

from .services import extract_check_queued, staging_sweep


@shared_task(acks_late=True)
def extract_check_task(extract_id: int) -> None:
    """Check a large upload in the background; the page shows its progress."""
    extract_check_queued(extract_id=extract_id)


@shared_task(name="workforce.sweep_staging")
def sweep_staging_task() -> None:
    """Delete raw uploads and staged rows left behind (a worker killed mid-check, a broker lost)."""
    staging_sweep()
