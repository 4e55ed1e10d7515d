"""All metrics of a 100,000-staff year on PostgreSQL, from database aggregates.

Inserts, with COPY and without the uploader, one current extract of each kind for 2022: 100,000 staff
(in post and leavers, 12 pay bands, believable sex, disability, pay and senior-manager columns), 20,000
recruitment rows, 3,000 cases, 40,000 CPD rows and 15,000 survey responses. Staff rows carry the
revised methodology's columns: a social care area (adults, children or none), start dates, hourly pay
for most and ordinary pay with weekly hours for the rest, an annual salary for some, bonuses for some.
Then times metrics.compute.compute (the whole raw document of metrics.md §8) for every scope, and
results_recompute (every scope computed and stored), median of several runs, with the number of SQL
queries each makes; then disclosure control and its audit on their own (audit_timing, metrics.audit). The
peer is the floor: one plain GROUP BY scan of the staff table, measured in the same run. Budget: all
metrics ≤ 1 s per scope, without the audit.

Where a scope's time goes: four scans of the staff table (the conditional counts, metric 1 by pay band
with its medians, the national salary bands, and the pay gaps' one counted query of about 55,000 rows);
the pay gaps are the whole organisation's, so compute repeats them for each scope and results_recompute
works them out once. Their means, medians and quartiles are NumPy array operations: the pay gaps took about
380 ms of CPU in Python as three queries and heap merges over tuples, now about 160 ms with the read.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/edi_bench_metrics .venv/bin/python bench/metrics.py
"""

import os
import random
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal

from pathlib import Path

from _common import setup_django

# Celery's Django fix-up puts the working directory first on sys.path; from bench/ that would make
# this file, not the app, the module "metrics".
os.chdir(Path(__file__).resolve().parents[1])
setup_django()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from edi_tracker.models import Organisation  # noqa: E402
from metrics.compute import SCOPES, compute  # noqa: E402
from metrics.services import results_recompute  # noqa: E402
from workforce.models import (  # noqa: E402
    CaseRecord, CpdRecord, Extract, RecruitmentRecord, StaffRecord, SurveyRecord,
)
from workforce.vocab import GROUP_OF, wres_group  # noqa: E402

STAFF = int(os.environ.get("BENCH_ROWS", "100000"))
RUNS = int(os.environ.get("BENCH_RUNS", "7"))
YEAR = 2022
START, END = date(2021, 4, 1), date(2022, 3, 31)
ETHNICITIES = (["white_british"] * 60 + ["white_other"] * 6 + ["white_irish"] * 2 + ["black_african"] * 7
               + ["black_caribbean"] * 4 + ["asian_indian"] * 5 + ["asian_pakistani"] * 3 + ["mixed_white_asian"] * 2
               + ["other_any"] * 1 + ["prefer_not_to_say"] * 3 + ["not_known"] * 7)
BANDS = [(f"Grade {i:02d}", Decimal(11 + i * 2.5)) for i in range(12)]


def _pay(rng: random.Random, base: Decimal) -> dict:
    """Hourly pay for three in four; ordinary pay of the March period with weekly hours for the rest; an
    annual salary for two in five."""
    hourly = (base + Decimal(rng.randrange(0, 250)) / 100).quantize(Decimal("0.01"))
    hours = rng.choice([Decimal(37), Decimal(30), Decimal("22.5")])
    pay = {"hourly_pay": hourly, "ordinary_pay": None, "weekly_hours": hours, "pay_period_days": None,
           "annual_salary": (hourly * 37 * Decimal("52.143")).quantize(Decimal("1")) if rng.random() < 0.4 else None}
    if rng.random() < 0.25:
        pay["hourly_pay"] = None
        pay["ordinary_pay"] = (hourly * hours * 31 / 7).quantize(Decimal("0.01"))
    return pay


def _day(rng: random.Random) -> date:
    return START + timedelta(days=rng.randrange(365))


def _copy(model, rows: list[dict]) -> None:
    # Text columns the rows leave out (directorate, social care area, …) are blank, as the uploader stores them.
    blank = [f.name for f in model._meta.concrete_fields
             if f.get_internal_type() == "CharField" and not f.null and f.name not in rows[0]]
    rows = [{**row, **dict.fromkeys(blank, "")} for row in rows] if blank else rows
    fields = list(rows[0])
    columns = [model._meta.get_field(f).column for f in fields]
    with connection.cursor() as cursor, cursor.cursor.copy(
        f'COPY "{model._meta.db_table}" ({", ".join(columns)}) FROM STDIN'
    ) as copy:
        for row in rows:
            copy.write_row([row[f] for f in fields])


def _extract(organisation, kind: str, columns: list[str], rows: int) -> Extract:
    return Extract.objects.create(organisation=organisation, kind=kind, year=YEAR, status="current", row_count=rows,
                                  filename=f"{kind}.csv", checksum=f"bench-{kind}", report={"columns": columns})


def populate(organisation) -> None:
    rng = random.Random(2022)
    common = {"organisation_id": organisation.pk, "year": YEAR}
    staff_extract = _extract(organisation, "staff", ["employee_id", "ethnicity", "pay_band", "sex", "disability", "hourly_pay",
                                                     "full_pay_relevant", "leaving_date", "regulated", "senior_manager",
                                                     "sexual_orientation", "religion", "social_care_area", "directorate",
                                                     "start_date", "ordinary_pay", "weekly_hours", "pay_period_days",
                                                     "annual_salary", "bonus_pay"], STAFF)
    people, keys = [], []
    for n in range(STAFF):
        ethnicity = rng.choice(ETHNICITIES)
        band, base = BANDS[min(11, int(rng.triangular(0, 12, 2)))]
        leaver = rng.random() < 0.12
        key = f"E{n:07d}"
        keys.append((key, ethnicity))
        people.append({
            **common, "extract_id": staff_extract.pk, "row_number": n + 2, "employee_key": key, "ethnicity": ethnicity,
            "ethnic_group": GROUP_OF[ethnicity], "wres_group": wres_group(ethnicity), "pay_band": band,
            "directorate": "", "senior_manager": band >= "Grade 10" and rng.random() < 0.5,
            "sex": rng.choices(["female", "male", "other", "not_known"], [78, 20, 0.5, 1.5])[0],
            "disability": rng.choices(["yes", "no", "prefer_not_to_say", "not_known"], [9, 70, 4, 17])[0],
            **_pay(rng, base),
            "full_pay_relevant": rng.random() < 0.96, "leaving_date": _day(rng) if leaver else None,
            "start_date": date(2010, 1, 1) + timedelta(days=rng.randrange(0, 4500)), "regulated": rng.random() < 0.3,
            "bonus_pay": Decimal(rng.randrange(100, 2000)) if rng.random() < 0.1 else None,
            "social_care_area": rng.choices(["adults", "children", "none"], [45, 35, 20])[0],
            "sexual_orientation": rng.choice(["declared:heterosexual", "declared:gay", "prefer_not_to_say", "not_known"]),
            "religion": rng.choice(["declared:christian", "declared:none", "declared:muslim", "prefer_not_to_say", "not_known"]),
        })
    _copy(StaffRecord, people)

    def applicant(n, extract):
        ethnicity = rng.choice(ETHNICITIES)
        shortlisted = rng.random() < 0.3
        return {**common, "extract_id": extract.pk, "row_number": n + 2, "applicant_key": f"A{n}", "vacancy_ref": f"V{n // 25}",
                "ethnicity": ethnicity, "ethnic_group": GROUP_OF[ethnicity], "wres_group": wres_group(ethnicity),
                "shortlisted": shortlisted, "appointed": shortlisted and rng.random() < 0.25, "decision_date": _day(rng),
                "directorate": "", "social_care_area": rng.choice(["adults", "children", "none"])}

    extract = _extract(organisation, "recruitment", ["applicant_id", "vacancy_ref", "ethnicity", "shortlisted", "appointed",
                                                     "decision_date", "social_care_area"], 20_000)
    _copy(RecruitmentRecord, [applicant(n, extract) for n in range(20_000)])
    extract = _extract(organisation, "casework", ["case_ref", "employee_id", "case_type", "date_opened"], 3_000)
    _copy(CaseRecord, [{**common, "extract_id": extract.pk, "row_number": n + 2, "case_ref": f"C{n}",
                        "employee_key": rng.choice(keys)[0] if rng.random() < 0.98 else f"GONE{n}",
                        "case_type": rng.choices(["disciplinary", "fitness_to_practise"], [85, 15])[0],
                        "date_opened": _day(rng) - timedelta(days=30)} for n in range(3_000)])
    extract = _extract(organisation, "cpd", ["employee_id", "course", "mandatory", "funded", "date"], 40_000)
    _copy(CpdRecord, [{**common, "extract_id": extract.pk, "row_number": n + 2, "employee_key": rng.choice(keys)[0],
                       "course": "Course", "mandatory": rng.random() < 0.5, "funded": rng.random() < 0.8, "date": _day(rng)}
                      for n in range(40_000)])
    extract = _extract(organisation, "survey", ["ethnicity", "harassment_public", "harassment_colleagues",
                                                "harassment_managers", "social_care_area"], 15_000)

    def answer():
        return None if rng.random() < 0.05 else rng.random() < 0.2

    rows = []
    for n in range(15_000):
        ethnicity = rng.choice(ETHNICITIES)
        rows.append({**common, "extract_id": extract.pk, "row_number": n + 2, "ethnicity": ethnicity,
                     "ethnic_group": GROUP_OF[ethnicity], "wres_group": wres_group(ethnicity),
                     "harassment_public": answer(), "harassment_colleagues": answer(), "harassment_managers": answer(),
                     "directorate": "", "social_care_area": rng.choice(["adults", "children", "none"])})
    _copy(SurveyRecord, rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def timed(fn) -> tuple[float, int]:
    """Median milliseconds over RUNS runs (after one warm-up) and the query count of one run."""
    fn()
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        fn()
    return statistics.median(samples), len(queries)


def floor_scan(extract_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT wres_group, pay_band, count(*) FROM {StaffRecord._meta.db_table} WHERE extract_id = %s "
                       "GROUP BY 1, 2", [extract_id])
        cursor.fetchall()


def main():
    organisation = Organisation.objects.create(slug="bench-metrics", name="Bench Metrics Council")
    start = time.perf_counter()
    populate(organisation)
    print(f"inserted with COPY: {STAFF:,} staff, 20,000 recruitment, 3,000 cases, 40,000 CPD, 15,000 survey rows "
          f"in {time.perf_counter() - start:.1f} s")
    document = compute(organisation, YEAR)
    assert all(document[f"metric_{k}"] is not None for k in ("1", "2", "3", "4", "5", "6", "7a", "7b", "8", "9"))
    print(f"workforce (social care): {document['workforce']}; metric 3 RL {document['metric_3']['relative_likelihood']:.2f}; "
          f"median gender gap {document['pay_gaps']['gender']['median_pct']:.1f}%; national bands basis: "
          f"{document['metric_1']['national_bands_basis']}")
    times = {}
    for scope in SCOPES:
        ours, queries = timed(lambda scope=scope: compute(organisation, YEAR, scope))
        times[scope] = ours
        in_post = compute(organisation, YEAR, scope)["workforce"]["in_post"]
        print(f"all metrics, scope {scope} ({in_post:,} in post): {ours:.0f} ms median of {RUNS}, {queries} queries   "
              "budget ≤ 1000 ms")
    stored, stored_queries = timed(lambda: results_recompute(organisation=organisation, year=YEAR))
    print(f"compute and store every scope (results_recompute): {stored:.0f} ms median of {RUNS}, {stored_queries} queries")
    ours = max(times.values())
    staff_extract = Extract.objects.get(organisation=organisation, kind="staff")
    floor, _ = timed(lambda: floor_scan(staff_extract.pk))
    print(f"peer, one GROUP BY scan of the staff table: {floor:.0f} ms   ratio ours/scan = {ours / floor:.1f}")
    audit_timing(organisation)


def audit_timing(organisation) -> None:
    """Disclosure control and its audit (metrics.md §6), timed apart from the metrics and not in their
    budget: publish (the protection, pure Python) and audit (HiGHS, each suppressed count's range by
    integer programming), every scope; SciPy's first import is timed once, separately."""
    from metrics.disclosure import publish
    from metrics.selectors import raw_results

    threshold = organisation.disclosure_threshold
    start = time.perf_counter()
    from metrics.audit import audit
    import scipy.optimize  # noqa: F401
    print(f"audit: SciPy imported in {(time.perf_counter() - start) * 1000:.0f} ms (once, when an audit first runs)")
    for scope in SCOPES:
        raw = raw_results(organisation, YEAR, scope)
        published_ms, _ = timed(lambda: publish(raw, threshold))
        published, suppressed = publish(raw, threshold)
        start = time.perf_counter()
        result = audit(published, threshold, raw=raw)
        print(f"scope {scope}: disclosure control (publish) {published_ms:.0f} ms median of {RUNS}, "
              f"{len(suppressed)} places suppressed; audit (HiGHS) {(time.perf_counter() - start) * 1000:.0f} ms for "
              f"{len(result.ranges)} suppressed counts, {len(result.narrowed)} narrowed below {result.needed} values")


if __name__ == "__main__":
    main()
