"""Queue a Celery task so that a broker that is down never leaves work stuck.

Every task the product queues goes through `enqueue`: it sends the task when the current transaction
commits and, if the broker cannot take it, calls `on_failure(reason)` at once so the object the task
was for is marked failed with a reason the user can read, and can be retried. With no broker
configured (the embedded default) tasks run in-process, and their own errors propagate as usual.
"""

import logging
from collections.abc import Callable

from django.db import transaction

logger = logging.getLogger(__name__)

BROKER_DOWN = (
    "The background worker could not be reached, so this was not started. Nothing was lost: try again "
    "in a few minutes, and tell your administrator if it keeps happening."
)


def enqueue(task, *args, on_failure: Callable[[str], None], **kwargs) -> None:
    """Send `task(*args, **kwargs)` on commit; on a broker failure call `on_failure(BROKER_DOWN)`."""

    from .celery import app  # noqa: F401  every task binds to the product's app, whoever imported it first

    def send() -> None:
        if task.app.conf.task_always_eager:
            task.apply(args=args, kwargs=kwargs).get()
            return
        try:
            task.apply_async(args=args, kwargs=kwargs, retry=False)
        except Exception:  # kombu and redis raise many kinds; any of them means "not queued"
            logger.exception("Could not queue %s%r", task.name, args)
            on_failure(BROKER_DOWN)

    transaction.on_commit(send)
