"""The SC-WRES metrics, pay gaps and declaration rates of metrics.md, from the stored records of an
organisation's current extracts for a year. Counts are database aggregates (conditional counts, one
query per table of figures); medians and pay quartiles need the ordered pay of the pay-gap
population, which is fetched as one list of (pay, group) pairs.

The result is the raw document of metrics.md §8: counts, fractions for rates, percentages 0–100,
unrounded. Disclosure control is applied afterwards (metrics.disclosure).
"""

from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from statistics import median

from django.db.models import Count, Exists, OuterRef, Q

from edi_tracker.models import Organisation
from workforce.models import CaseRecord, CaseType, CpdRecord, Extract, RecruitmentRecord, StaffRecord, SurveyRecord


def window(year: int) -> tuple[date, date]:
    return date(year - 1, 4, 1), date(year, 3, 31)


def _ratio(numerator, denominator):
    return None if not denominator else numerator / denominator


def _pct(numerator, denominator):
    return None if not denominator else numerator / denominator * 100


def relative_likelihood(white: dict, bme: dict):
    """rate(BME) ÷ rate(White); null when either denominator is 0 or the White rate is 0."""
    if not white["denominator"] or not bme["denominator"] or not white["numerator"]:
        return None
    return (bme["numerator"] / bme["denominator"]) / (white["numerator"] / white["denominator"])


def _current(organisation: Organisation, year: int) -> dict[str, Extract]:
    return {e.kind: e for e in Extract.objects.filter(organisation=organisation, year=year, status="current")}


def _columns(extract: Extract | None) -> set[str]:
    return set((extract.report or {}).get("columns", [])) if extract else set()


def compute(organisation: Organisation, year: int) -> dict:
    start, end = window(year)
    extracts = _current(organisation, year)
    staff_extract = extracts.get("staff")
    document = {
        "organisation": organisation.slug, "year": year,
        "period": {"start": start.isoformat(), "end": end.isoformat(), "snapshot": end.isoformat()},
        "workforce": None,
        **{f"metric_{k}": None for k in ("1", "2", "3", "4", "5", "6", "7a", "7b", "8", "9")},
        "pay_gaps": None, "declaration_rates": None,
    }
    if "recruitment" in extracts:
        document["metric_2"] = _metric_2(extracts["recruitment"], start, end)
    if "survey" in extracts:
        document.update(_survey(extracts["survey"]))
    if staff_extract is None:
        return document
    staff = StaffRecord.objects.filter(extract=staff_extract)
    in_post = Q(leaving_date__isnull=True) | Q(leaving_date__gt=end)
    leaver = Q(leaving_date__gte=start, leaving_date__lte=end)
    staff_columns = _columns(staff_extract)
    counts = staff.aggregate(in_post=Count("id", filter=in_post), leavers=Count("id", filter=leaver), in_year=Count("id"))
    document["workforce"] = counts
    document["metric_1"] = _metric_1(organisation, staff.filter(in_post))
    document["metric_8"] = _by_group(staff, Q(leaving_date__gte=start, leaving_date__lte=end), Q())
    if "casework" in extracts:
        cases = CaseRecord.objects.filter(extract=extracts["casework"], date_opened__gte=start, date_opened__lte=end)
        disciplinary = cases.filter(case_type=CaseType.DISCIPLINARY, employee_key=OuterRef("employee_key"))
        ftp = cases.filter(case_type=CaseType.FITNESS_TO_PRACTISE, employee_key=OuterRef("employee_key"))
        annotated = staff.annotate(has_disciplinary=Exists(disciplinary), has_ftp=Exists(ftp))
        document["metric_3"] = _by_group(annotated, Q(has_disciplinary=True), Q())
        population = Q(regulated=True) if "regulated" in staff_columns else Q()
        document["metric_4"] = _by_group(annotated, Q(has_ftp=True), population)
    if "cpd" in extracts:
        cpd = CpdRecord.objects.filter(extract=extracts["cpd"], mandatory=False, funded=True, date__gte=start,
                                       date__lte=end, employee_key=OuterRef("employee_key"))
        document["metric_5"] = _by_group(staff.annotate(has_cpd=Exists(cpd)), Q(has_cpd=True), Q())
    if "senior_manager" in staff_columns:
        document["metric_9"] = _metric_9(staff.filter(in_post), document["metric_1"]["workforce"])
    pay_population = staff.filter(in_post, hourly_pay__isnull=False)
    if "full_pay_relevant" in staff_columns:
        pay_population = pay_population.filter(full_pay_relevant=True)
    document["pay_gaps"] = _pay_gaps(organisation, pay_population, staff_columns)
    document["declaration_rates"] = _declaration(staff.filter(in_post), staff_columns, counts["in_post"])
    return document


# Metric 1 -------------------------------------------------------------------------------------------------

def _group_counts(prefix: str = "") -> dict:
    return {
        "headcount": Count("id"),
        "white": Count("id", filter=Q(wres_group="white")),
        "bme": Count("id", filter=Q(wres_group="bme")),
        "not_known": Count("id", filter=Q(wres_group="not_known")),
    }


def _shares(row: dict) -> dict:
    for group in ("white", "bme", "not_known"):
        row[f"{group}_pct"] = _pct(row[group], row["headcount"])
    return row


def _metric_1(organisation: Organisation, in_post) -> dict:
    workforce = _shares(in_post.aggregate(**_group_counts()))
    bands = {r["pay_band"]: _shares({"band": r.pop("pay_band"), **r})
             for r in in_post.values("pay_band").annotate(**_group_counts()).order_by()}
    pay: dict[str, list] = defaultdict(list)
    for band, hourly in in_post.filter(hourly_pay__isnull=False).values_list("pay_band", "hourly_pay"):
        pay[band].append(hourly)
    if organisation.pay_band_order:
        order = {name: i for i, name in enumerate(organisation.pay_band_order)}
        ordered = sorted(bands, key=lambda b: (order.get(b, len(order)), b))
    else:
        # Lowest median hourly pay first; bands without pay last; the name breaks ties.
        ordered = sorted(bands, key=lambda b: (not pay[b], median(pay[b]) if pay[b] else 0, b))
    rows = []
    for band in ordered:
        row = bands[band]
        row["bme_pct_difference"] = (row["bme_pct"] - workforce["bme_pct"]) if row["bme_pct"] is not None and workforce["bme_pct"] is not None else None
        rows.append(row)
    return {"bands": rows, "workforce": workforce}


# Metrics 2–5 and 8 ------------------------------------------------------------------------------------

def _by_group(queryset, numerator: Q, population: Q) -> dict:
    """Each group's numerator, denominator and rate over `population`, and the relative likelihood."""
    aggregates = {}
    for group in ("white", "bme"):
        base = population & Q(wres_group=group)
        aggregates[f"{group}_n"] = Count("id", filter=base & numerator)
        aggregates[f"{group}_d"] = Count("id", filter=base)
    figures = queryset.aggregate(**aggregates)
    result = {}
    for group in ("white", "bme"):
        n, d = figures[f"{group}_n"], figures[f"{group}_d"]
        result[group] = {"numerator": n, "denominator": d, "rate": _ratio(n, d)}
    result["relative_likelihood"] = relative_likelihood(result["white"], result["bme"])
    return result


def _metric_2(extract: Extract, start: date, end: date) -> dict:
    records = RecruitmentRecord.objects.filter(extract=extract)
    if "decision_date" in _columns(extract):
        records = records.filter(decision_date__gte=start, decision_date__lte=end)
    # An applicant appointed without being shortlisted is refused at check time; count only the
    # shortlist, so that such a row could never count anyway.
    return _by_group(records, Q(appointed=True), Q(shortlisted=True))


# Metrics 6, 7a, 7b ----------------------------------------------------------------------------------------

def _survey(extract: Extract) -> dict:
    records = SurveyRecord.objects.filter(extract=extract)
    columns = _columns(extract)
    out = {}
    for metric, field in (("metric_6", "harassment_public"), ("metric_7a", "harassment_colleagues"),
                          ("metric_7b", "harassment_managers")):
        if field not in columns:
            continue
        aggregates = {}
        for group in ("white", "bme"):
            aggregates[f"{group}_n"] = Count("id", filter=Q(wres_group=group, **{field: True}))
            aggregates[f"{group}_d"] = Count("id", filter=Q(wres_group=group, **{f"{field}__isnull": False}))
        figures = records.aggregate(**aggregates)
        result = {g: {"numerator": figures[f"{g}_n"], "denominator": figures[f"{g}_d"],
                      "pct": _pct(figures[f"{g}_n"], figures[f"{g}_d"])} for g in ("white", "bme")}
        white, bme = result["white"]["pct"], result["bme"]["pct"]
        result["ratio"] = None if not white or bme is None else bme / white
        out[metric] = result
    return out


# Metric 9 -----------------------------------------------------------------------------------------------------

def _metric_9(in_post, workforce: dict) -> dict:
    senior = in_post.filter(senior_manager=True).aggregate(headcount=Count("id"), bme=Count("id", filter=Q(wres_group="bme")))
    senior["bme_pct"] = _pct(senior["bme"], senior["headcount"])
    whole = {"headcount": workforce["headcount"], "bme": workforce["bme"], "bme_pct": workforce["bme_pct"]}
    difference = None if senior["bme_pct"] is None or whole["bme_pct"] is None else senior["bme_pct"] - whole["bme_pct"]
    return {"senior": senior, "workforce": whole, "difference_pp": difference}


# Pay gaps --------------------------------------------------------------------------------------------------

def _mean(values):
    return sum(values) / len(values) if values else None


def _gap(reference: list, comparison: list) -> tuple:
    if not reference or not comparison:
        return None, None
    ref_mean, ref_median = _mean(reference), median(reference)
    mean_pct = float((ref_mean - _mean(comparison)) / ref_mean * 100) if ref_mean else None
    median_pct = float((ref_median - median(comparison)) / ref_median * 100) if ref_median else None
    return mean_pct, median_pct


def quartile_sizes(n: int) -> list[int]:
    """GOV.UK: q = n // 4, r = n % 4; lower q+(r≥1), lower middle q+(r≥3), upper middle q+(r≥2), upper q."""
    q, r = divmod(n, 4)
    return [q + (r >= 1), q + (r >= 3), q + (r >= 2), q]


def _largest_remainder(places: int, remaining: dict[str, int]) -> dict[str, int]:
    """Share `places` between groups in proportion to the members each has left; the largest
    remainders take the places left over (ties: the group with more members left, then its order)."""
    total = sum(remaining.values())
    exact = {g: places * n / total for g, n in remaining.items()}
    shares = {g: int(x) for g, x in exact.items()}
    order = sorted(remaining, key=lambda g: (-(exact[g] - shares[g]), -remaining[g], list(remaining).index(g)))
    for g in order[: places - sum(shares.values())]:
        shares[g] += 1
    return shares


def quartiles(pairs: list[tuple], groups: list[str]) -> list[dict]:
    """Quartiles of (pay, group) pairs ranked by pay (GOV.UK method). Where a run of equal pay crosses a
    boundary, its members are shared between the quartiles in proportion to the places each takes from
    the run: quartile by quartile, each one's places go to the groups in proportion to the run's members
    not yet placed, largest remainder first, so every quartile keeps its size and every group its
    members."""
    ranked = sorted(pairs, key=lambda p: p[0])
    sizes = quartile_sizes(len(ranked))
    bounds, position = [], 0
    for size in sizes:
        bounds.append((position, position + size))
        position += size
    tallies = [Counter() for _ in sizes]
    i = 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        remaining = dict(Counter(group for _, group in ranked[i:j]))
        for k, (a, b) in enumerate(bounds):
            places = max(0, min(j, b) - max(i, a))
            if not places:
                continue
            for group, share in _largest_remainder(places, remaining).items():
                tallies[k][group] += share
                remaining[group] -= share
        i = j
    out = []
    for number, (size, tally) in enumerate(zip(sizes, tallies), start=1):
        row = {"quartile": number, "count": size}
        for group in groups:
            row[group] = tally[group]
        for group in groups:
            row[f"{group}_pct"] = _pct(tally[group], size)
        out.append(row)
    return out


def _pay_gaps(organisation: Organisation, population, columns: set[str]) -> dict:
    rows = list(population.values_list("hourly_pay", "sex", "wres_group", "ethnic_group", "disability", "bonus_pay"))
    if not rows:
        return {"gender": None, "ethnicity": None, "disability": None}
    by_sex = defaultdict(list)
    by_group = defaultdict(list)
    by_ethnic = defaultdict(list)
    by_disability = defaultdict(list)
    for pay, sex, group, ethnic, disability, _bonus in rows:
        by_sex[sex].append(pay)
        by_group[group].append(pay)
        by_ethnic[ethnic].append(pay)
        by_disability[disability].append(pay)
    men, women = by_sex["male"], by_sex["female"]
    mean_pct, median_pct = _gap(men, women)
    gender = {
        "mean_pct": mean_pct, "median_pct": median_pct,
        "employees": {"female": len(women), "male": len(men), "left_out": len(rows) - len(men) - len(women)},
        "quartiles": quartiles([(p, s) for p, s, *_ in rows if s in ("female", "male")], ["female", "male"]),
    }
    if "bonus_pay" in columns:
        gender["bonus"] = _bonus(rows)
    mean_pct, median_pct = _gap(by_group["white"], by_group["bme"])
    threshold = organisation.disclosure_threshold
    ethnicity = {
        "mean_pct": mean_pct, "median_pct": median_pct,
        "employees": {"white": len(by_group["white"]), "bme": len(by_group["bme"]), "not_known": len(by_group["not_known"])},
        # Not known is left out of the gap but kept in the ranking (DBT guidance, 2023).
        "quartiles": quartiles([(p, g) for p, _, g, *_ in rows], ["white", "bme", "not_known"]),
        "groups": {
            group: dict(zip(("mean_pct", "median_pct"), _gap(by_group["white"], by_ethnic[group])), employees=len(by_ethnic[group]))
            for group in ("mixed", "asian", "black", "other")
            if len(by_ethnic[group]) >= threshold and len(by_group["white"]) >= threshold
        },
    }
    mean_pct, median_pct = _gap(by_disability["no"], by_disability["yes"])
    disability = {"mean_pct": mean_pct, "median_pct": median_pct,
                  "employees": {"disabled": len(by_disability["yes"]), "not_disabled": len(by_disability["no"])}}
    return {"gender": gender, "ethnicity": ethnicity, "disability": disability}


def _bonus(rows) -> dict:
    men = [b for _, s, *_, b in rows if s == "male" and b]
    women = [b for _, s, *_, b in rows if s == "female" and b]
    all_men = sum(1 for _, s, *_ in rows if s == "male")
    all_women = sum(1 for _, s, *_ in rows if s == "female")
    mean_pct, median_pct = _gap(men, women)
    return {"mean_pct": mean_pct, "median_pct": median_pct,
            "male_receiving_pct": _pct(len(men), all_men), "female_receiving_pct": _pct(len(women), all_women)}


# Declaration rates ----------------------------------------------------------------------------------------------

def _declaration(in_post, columns: set[str], headcount: int) -> dict:
    specs = {
        "ethnicity": ("ethnicity", ~Q(ethnicity__in=["prefer_not_to_say", "not_known"])),
        "disability": ("disability", Q(disability__in=["yes", "no"])),
        "sex": ("sex", Q(sex__in=["female", "male", "other"])),
        "sexual_orientation": ("sexual_orientation", Q(sexual_orientation__startswith="declared:")),
        "religion": ("religion", Q(religion__startswith="declared:")),
    }
    aggregates = {}
    present = [name for name in specs if name == "ethnicity" or name in columns]
    for name in present:
        field, declared = specs[name]
        aggregates[f"{name}_declared"] = Count("id", filter=declared)
        aggregates[f"{name}_pnts"] = Count("id", filter=Q(**{field: "prefer_not_to_say"}))
    figures = in_post.aggregate(**aggregates) if aggregates else {}
    out = {}
    for name in present:
        declared, pnts = figures[f"{name}_declared"], figures[f"{name}_pnts"]
        out[name] = {"declared": declared, "prefer_not_to_say": pnts, "not_known": headcount - declared - pnts,
                     "rate_pct": _pct(declared, headcount)}
    return out


def to_jsonable(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_jsonable(v) for v in value]
    return value
