"""Import a messy 100,000-row staff extract (check, then store) on PostgreSQL.

Prints the time and peak memory of check + store; the ratio to loading the same file with PostgreSQL
COPY into a plain text table (the floor: no parsing, no validation); the ratio to django-import-export's
bulk import of the same rows (the peer a Django developer reaches for); and the time to compute all
metrics for that year. Budgets: import ≤ 3 s and ≤ 300 MB; metrics ≤ 1 s.

    make bench            (or: BENCH_DATABASE_URL=postgres://…/edi_bench .venv/bin/python bench/import_staff.py)
"""

import os
import time
import resource

from _common import setup_django

setup_django()

from django.db import connection  # noqa: E402

from edi_tracker.models import Organisation  # noqa: E402
from metrics.services import results_recompute  # noqa: E402
from staff_extract import HEADER, staff_csv  # noqa: E402
from workforce.services import extract_check, extract_confirm  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "100000"))


def copy_plain(data: bytes) -> float:
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_plain")
        cursor.execute("CREATE TABLE bench_plain (" + ", ".join(f"c{i} text" for i in range(len(HEADER))) + ")")
        start = time.perf_counter()
        with cursor.cursor.copy("COPY bench_plain FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
            copy.write(data)
        return time.perf_counter() - start


def import_export_bulk(data: bytes) -> float:
    """django-import-export's bulk import of the same rows into the same table (no normalisation)."""
    import tablib
    from import_export import fields, resources

    from workforce.models import Extract, StaffRecord

    organisation = Organisation.objects.get(slug="bench")
    extract = Extract.objects.create(organisation=organisation, kind="staff", year=2021, filename="peer", checksum="peer")

    class StaffResource(resources.ModelResource):
        employee_key = fields.Field(attribute="employee_key", column_name="Employee Number")
        ethnicity = fields.Field(attribute="ethnicity", column_name="Ethnic Origin")
        pay_band = fields.Field(attribute="pay_band", column_name="Grade")

        class Meta:
            model = StaffRecord
            fields = ("employee_key", "ethnicity", "pay_band")
            import_id_fields = ()
            use_bulk = True
            batch_size = 2000
            skip_diff = True
            force_init_instance = True

        def before_save_instance(self, instance, row, **kwargs):
            instance.extract_id, instance.organisation_id, instance.year = extract.pk, organisation.pk, 2021
            instance.row_number, instance.ethnic_group, instance.wres_group = 0, "not_known", "not_known"
            instance.ethnicity = "not_known"  # the peer stores the text as it is; it must fit the column

    dataset = tablib.Dataset().load(data.decode(), format="csv")
    start = time.perf_counter()
    result = StaffResource().import_data(dataset, dry_run=False, raise_errors=True, use_transactions=True)
    elapsed = time.perf_counter() - start
    assert not result.has_errors()
    return elapsed


def main():
    organisation = Organisation.objects.create(slug="bench", name="Bench Council")
    data = staff_csv(ROWS)
    print(f"staff extract: {ROWS:,} rows, {len(data) / 1e6:.1f} MB")
    from workforce.hooks import after_confirm_paused
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start = time.perf_counter()
    extract, result = extract_check(organisation=organisation, kind="staff", year=2022, filename="staff.csv", data=data,
                                    uploaded_by=None)
    checked = time.perf_counter()
    assert result is not None and result.ok, extract.failure_reason or extract.report["errors"][:3]
    with after_confirm_paused():  # the metrics are timed on their own below
        extract_confirm(extract=extract, actor=None)
    ours = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"check + store: {ours:.2f} s (check {checked - start:.2f} s, store {ours - (checked - start):.2f} s); "
          f"peak memory of the process {peak:.0f} MB (it held {rss_before:.0f} MB before)   budget ≤ 3 s, ≤ 300 MB")
    plain = copy_plain(data)
    print(f"peer, COPY into a plain text table: {plain:.2f} s   ratio ours/COPY = {ours / plain:.1f}")
    metrics_start = time.perf_counter()
    results_recompute(organisation=organisation, year=2022)
    metrics_time = time.perf_counter() - metrics_start
    print(f"all metrics for the year: {metrics_time:.2f} s   budget ≤ 1 s")
    peer = import_export_bulk(data)
    print(f"peer, django-import-export bulk import (3 columns, no checks): {peer:.2f} s   ratio ours/peer = {ours / peer:.2f}")


if __name__ == "__main__":
    main()
