from celery import shared_task

from edi_tracker.celery import app  # noqa: F401  the tasks bind to this app, not to Celery's default

from .importers.services import plan_import_run


@shared_task(acks_late=True)
def plan_import_task(plan_import_id: int) -> None:
    """Store a large confirmed plan import in the background; its page shows the progress."""
    plan_import_run(plan_import_id=plan_import_id)
