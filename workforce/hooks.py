"""What runs after an extract is confirmed, registered by name by the apps above workforce.

workforce cannot import metrics (dependencies point one way), so metrics registers its recomputation
here from MetricsConfig.ready(): `workforce.hooks.register_after_confirm(results_recompute_for_extract)`.
Both ends name the link; nothing is looked up from a dotted path in a setting.
"""

from collections.abc import Callable
from contextlib import contextmanager

_after_confirm: list[Callable] = []
_paused = False


def register_after_confirm(callback: Callable) -> Callable:
    """Call `callback(extract=...)` after each extract is confirmed, once the transaction has committed.
    Registering the same function twice keeps one registration."""
    if callback not in _after_confirm:
        _after_confirm.append(callback)
    return callback


def after_confirm_callbacks() -> list[Callable]:
    return [] if _paused else list(_after_confirm)


@contextmanager
def after_confirm_paused():
    """Confirm extracts without running the registered callbacks (a benchmark timing the import alone)."""
    global _paused
    before, _paused = _paused, True
    try:
        yield
    finally:
        _paused = before
