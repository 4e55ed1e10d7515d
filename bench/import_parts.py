"""The parts of the whole import command this branch changed, each against its peer in the same run:
- the metrics recomputation after confirm (every scope stored) against computing each scope on its own,
  as it was done before (without social care areas, "all" is now computed once and copied);
- staging the checked rows as typed JSON (workforce.staged) against pickling them, written and read back.

    BENCH_DATABASE_URL=postgres://…/edi_perf_parts .venv/bin/python bench/import_parts.py
"""

import os
import pickle
import time

from _common import setup_django

setup_django()

from django.db import transaction  # noqa: E402

from edi_tracker.models import Organisation  # noqa: E402
from metrics.compute import compute, scopes_with_staff, to_jsonable  # noqa: E402
from metrics.services import results_recompute  # noqa: E402
from staff_extract import staff_csv  # noqa: E402
from workforce import staged  # noqa: E402
from workforce.services import extract_check, extract_confirm  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "100000"))
RUNS = 3


def median(fn) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return sorted(samples)[RUNS // 2]


def main():
    organisation = Organisation.objects.create(slug="bench", name="Bench Council")
    from workforce.hooks import after_confirm_paused

    extract, result = extract_check(organisation=organisation, kind="staff", year=2023, filename="staff.csv",
                                    data=staff_csv(ROWS), uploaded_by=None)
    with after_confirm_paused():
        extract_confirm(extract=extract, actor=None)

    def each_scope_alone():
        with transaction.atomic():
            whole = {}
            for scope in scopes_with_staff(organisation, 2023):
                to_jsonable(compute(organisation, 2023, scope, whole=whole))

    ours = median(lambda: results_recompute(organisation=organisation, year=2023))
    peer = median(each_scope_alone)
    print(f"metrics after confirm, {ROWS:,} staff, every scope stored: {ours:.2f} s; peer, each scope computed on its "
          f"own (as before): {peer:.2f} s; ratio {ours / peer:.2f}")

    columns, rows = result.columns, result.row_numbers
    typed = median(lambda: staged.loads(staged.dumps(columns, rows)))
    pickled = median(lambda: pickle.loads(pickle.dumps({"columns": columns, "rows": rows}, protocol=pickle.HIGHEST_PROTOCOL)))
    size = len(staged.dumps(columns, rows)) / 1e6
    print(f"staged rows written and read back: typed JSON {typed:.2f} s ({size:.1f} MB); peer, pickle {pickled:.2f} s; "
          f"ratio {typed / pickled:.1f}")


if __name__ == "__main__":
    main()
