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

from django.db.models import Count, Q

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
    # A leaving date before the window is a warning at check time and the row is left out of every
    # figure (metrics.md §1); the uploader does not store such rows, and they never count here either.
    staff = StaffRecord.objects.filter(extract=staff_extract).exclude(leaving_date__lt=start)
    in_post = Q(leaving_date__isnull=True) | Q(leaving_date__gt=end)
    leaver = Q(leaving_date__gte=start, leaving_date__lte=end)
    staff_columns = _columns(staff_extract)

    # One pass over the staff rows for every count that is not split by pay band or pay.
    figures = Figures()
    figures.add("in_post", in_post)
    figures.add("leavers", leaver)
    figures.add("in_year", Q())
    for group in GROUPS:
        figures.add(f"ip_{group}", in_post & Q(wres_group=group))
    rate_metrics = {"metric_8": (leaver, Q())}
    if "casework" in extracts:
        cases = CaseRecord.objects.filter(extract=extracts["casework"], date_opened__gte=start, date_opened__lte=end)
        # Distinct employees with at least one case: membership of the set of employee keys. A case
        # whose employee is not in the staff extract matches no staff row and never counts.
        disciplinary = cases.filter(case_type=CaseType.DISCIPLINARY).values("employee_key")
        ftp = cases.filter(case_type=CaseType.FITNESS_TO_PRACTISE).values("employee_key")
        rate_metrics["metric_3"] = (Q(employee_key__in=disciplinary), Q())
        # Only regulated staff, when the staff extract says who is regulated.
        rate_metrics["metric_4"] = (Q(employee_key__in=ftp), Q(regulated=True) if "regulated" in staff_columns else Q())
    if "cpd" in extracts:
        cpd = CpdRecord.objects.filter(extract=extracts["cpd"], mandatory=False, funded=True, date__gte=start,
                                       date__lte=end).values("employee_key")
        rate_metrics["metric_5"] = (Q(employee_key__in=cpd), Q())
    for key, (numerator, population) in rate_metrics.items():
        figures.add_rates(key, numerator, population)
    senior = "senior_manager" in staff_columns
    if senior:
        figures.add("senior", in_post & Q(senior_manager=True))
        figures.add("senior_bme", in_post & Q(senior_manager=True, wres_group="bme"))
    declaration = _declaration_specs(staff_columns)
    for name, (field, declared) in declaration.items():
        figures.add(f"{name}_declared", in_post & declared)
        figures.add(f"{name}_pnts", in_post & Q(**{field: "prefer_not_to_say"}))
    counts = figures.run(staff)

    document["workforce"] = {"in_post": counts["in_post"], "in_year": counts["in_year"], "leavers": counts["leavers"]}
    workforce = _shares({"headcount": counts["in_post"], **{g: counts[f"ip_{g}"] for g in GROUPS}})
    document["metric_1"] = _metric_1(organisation, staff.filter(in_post), workforce)
    for key in rate_metrics:
        document[key] = figures.rates(key)
    if senior:
        document["metric_9"] = _metric_9(counts["senior"], counts["senior_bme"], workforce)
    pay_population = staff.filter(in_post, hourly_pay__isnull=False)
    if "full_pay_relevant" in staff_columns:
        pay_population = pay_population.filter(full_pay_relevant=True)
    document["pay_gaps"] = _pay_gaps(organisation, pay_population, staff_columns)
    document["declaration_rates"] = {
        name: {"declared": counts[f"{name}_declared"], "prefer_not_to_say": counts[f"{name}_pnts"],
               "not_known": counts["in_post"] - counts[f"{name}_declared"] - counts[f"{name}_pnts"],
               "rate_pct": _pct(counts[f"{name}_declared"], counts["in_post"])}
        for name in declaration
    }
    return document


GROUPS = ("white", "bme", "not_known")


class Figures:
    """Conditional counts gathered into one aggregate query: COUNT(*) FILTER (WHERE …) on PostgreSQL,
    COUNT(CASE WHEN …) on SQLite."""

    def __init__(self):
        self.aggregates: dict[str, Count] = {}
        self.values: dict[str, int] = {}

    def add(self, name: str, condition: Q) -> None:
        self.aggregates[name] = Count("id", filter=condition) if condition else Count("id")

    def add_rates(self, key: str, numerator: Q, population: Q) -> None:
        for group in ("white", "bme"):
            base = population & Q(wres_group=group)
            self.add(f"{key}_{group}_n", base & numerator)
            self.add(f"{key}_{group}_d", base)

    def run(self, queryset) -> dict[str, int]:
        self.values = queryset.aggregate(**self.aggregates)
        return self.values

    def rates(self, key: str) -> dict:
        """Each group's numerator, denominator and rate, and the relative likelihood."""
        result = {}
        for group in ("white", "bme"):
            n, d = self.values[f"{key}_{group}_n"], self.values[f"{key}_{group}_d"]
            result[group] = {"numerator": n, "denominator": d, "rate": _ratio(n, d)}
        result["relative_likelihood"] = relative_likelihood(result["white"], result["bme"])
        return result


# Metric 1 -------------------------------------------------------------------------------------------------

def _group_counts() -> dict:
    return {
        "headcount": Count("id"),
        "white": Count("id", filter=Q(wres_group="white")),
        "bme": Count("id", filter=Q(wres_group="bme")),
        "not_known": Count("id", filter=Q(wres_group="not_known")),
    }


def _shares(row: dict) -> dict:
    for group in GROUPS:
        row[f"{group}_pct"] = _pct(row[group], row["headcount"])
    return row


def _metric_1(organisation: Organisation, in_post, workforce: dict) -> dict:
    bands = {r["pay_band"]: _shares({"band": r.pop("pay_band"), **r})
             for r in in_post.values("pay_band").annotate(**_group_counts()).order_by()}
    if organisation.pay_band_order:
        order = {name: i for i, name in enumerate(organisation.pay_band_order)}
        ordered = sorted(bands, key=lambda b: (order.get(b, len(order)), b))
    else:
        # Lowest median hourly pay first; bands without pay last; the name breaks ties. The pay comes
        # counted: one row per band and distinct hourly pay, in pay order.
        pay: dict[str, list] = defaultdict(list)
        counted = (in_post.filter(hourly_pay__isnull=False).values_list("pay_band", "hourly_pay")
                   .annotate(n=Count("id")).order_by("pay_band", "hourly_pay"))
        for band, hourly, n in counted:
            pay[band].append((hourly, n))
        medians = {band: counted_median(values) for band, values in pay.items()}
        ordered = sorted(bands, key=lambda b: (b not in medians, medians.get(b, 0), b))
    rows = []
    for band in ordered:
        row = bands[band]
        row["bme_pct_difference"] = (row["bme_pct"] - workforce["bme_pct"]) if row["bme_pct"] is not None and workforce["bme_pct"] is not None else None
        rows.append(row)
    return {"bands": rows, "workforce": workforce}


# Metrics 2–5 and 8 ------------------------------------------------------------------------------------

def _metric_2(extract: Extract, start: date, end: date) -> dict:
    records = RecruitmentRecord.objects.filter(extract=extract)
    if "decision_date" in _columns(extract):
        records = records.filter(decision_date__gte=start, decision_date__lte=end)
    # An applicant appointed without being shortlisted is refused at check time; the numerator is
    # counted within the shortlist, so that such a row could never count anyway.
    figures = Figures()
    figures.add_rates("metric_2", Q(appointed=True), Q(shortlisted=True))
    figures.run(records)
    return figures.rates("metric_2")


# Metrics 6, 7a, 7b ----------------------------------------------------------------------------------------

SURVEY_QUESTIONS = (("metric_6", "harassment_public"), ("metric_7a", "harassment_colleagues"),
                    ("metric_7b", "harassment_managers"))


def _survey(extract: Extract) -> dict:
    columns = _columns(extract)
    asked = [(metric, field) for metric, field in SURVEY_QUESTIONS if field in columns]
    figures = Figures()
    for metric, field in asked:
        # Respondents of the group who answered that question; those answering yes.
        figures.add_rates(metric, Q(**{field: True}), Q(**{f"{field}__isnull": False}))
    if asked:
        figures.run(SurveyRecord.objects.filter(extract=extract))
    out = {}
    for metric, _ in asked:
        rates = figures.rates(metric)
        result = {g: {"numerator": rates[g]["numerator"], "denominator": rates[g]["denominator"],
                      "pct": _pct(rates[g]["numerator"], rates[g]["denominator"])} for g in ("white", "bme")}
        white, bme = result["white"]["pct"], result["bme"]["pct"]
        result["ratio"] = None if not white or bme is None else bme / white
        out[metric] = result
    return out


# Metric 9 -----------------------------------------------------------------------------------------------------

def _metric_9(senior_headcount: int, senior_bme: int, workforce: dict) -> dict:
    senior = {"headcount": senior_headcount, "bme": senior_bme, "bme_pct": _pct(senior_bme, senior_headcount)}
    whole = {"headcount": workforce["headcount"], "bme": workforce["bme"], "bme_pct": workforce["bme_pct"]}
    difference = None if senior["bme_pct"] is None or whole["bme_pct"] is None else senior["bme_pct"] - whole["bme_pct"]
    return {"senior": senior, "workforce": whole, "difference_pp": difference}


# Pay gaps --------------------------------------------------------------------------------------------------
# Pay comes from the database counted: one row per distinct hourly pay and group, in pay order, so the
# means, medians and quartiles of 100,000 staff need a few thousand rows, not 100,000.

def counted_mean(values: list[tuple]):
    total = sum(n for _, n in values)
    return sum(pay * n for pay, n in values) / total if total else None


def counted_median(values: list[tuple]):
    """Median of (value, count) pairs in ascending order of value; an even count takes the mean of the
    two middle values."""
    total = sum(n for _, n in values)
    if not total:
        return None
    low, high = (total - 1) // 2, total // 2  # 0-based places of the middle value(s)
    seen, low_value = 0, None
    for value, n in values:
        if low_value is None and seen + n > low:
            low_value = value
        if seen + n > high:
            return (low_value + value) / 2
        seen += n
    raise AssertionError("unreachable")


def _gap(reference: list, comparison: list) -> tuple:
    """(reference − comparison) ÷ reference × 100 for the means and the medians of counted pay."""
    if not reference or not comparison:
        return None, None
    ref_mean, ref_median = counted_mean(reference), counted_median(reference)
    mean_pct = float((ref_mean - counted_mean(comparison)) / ref_mean * 100) if ref_mean else None
    median_pct = float((ref_median - counted_median(comparison)) / ref_median * 100) if ref_median else None
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
    """Quartiles of (pay, group) pairs ranked by pay (GOV.UK method); see quartiles_of_runs."""
    runs: dict = defaultdict(Counter)
    for pay, group in pairs:
        runs[pay][group] += 1
    return quartiles_of_runs(sorted(runs.items()), groups)


def quartiles_of_runs(runs: list[tuple], groups: list[str]) -> list[dict]:
    """Quartiles from runs of equal pay in ascending order, each (pay, {group: members}). Where a run
    crosses a boundary, its members are shared between the quartiles in proportion to the places each
    takes from the run: quartile by quartile, each one's places go to the groups in proportion to the
    run's members not yet placed, largest remainder first, so every quartile keeps its size and every
    group its members."""
    sizes = quartile_sizes(sum(sum(members.values()) for _, members in runs))
    bounds, position = [], 0
    for size in sizes:
        bounds.append((position, position + size))
        position += size
    tallies = [Counter() for _ in sizes]
    i, k0 = 0, 0
    for _, members in runs:
        remaining = {g: n for g, n in members.items() if n}
        j = i + sum(remaining.values())
        while k0 < 3 and i >= bounds[k0][1]:
            k0 += 1
        if j <= bounds[k0][1]:  # the whole run falls in one quartile: no sharing
            tally = tallies[k0]
            for group, n in remaining.items():
                tally[group] += n
            i = j
            continue
        for k, (a, b) in enumerate(bounds):
            places = max(0, min(j, b) - max(i, a))
            if not places:
                continue
            if places == sum(remaining.values()):  # the whole (rest of the) run falls in this quartile
                shares = dict(remaining)
            else:
                shares = _largest_remainder(places, remaining)
            for group, share in shares.items():
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


def _counted(population, *fields) -> list[tuple]:
    """(hourly pay, *fields, count) rows in pay order."""
    return list(population.values_list("hourly_pay", *fields).annotate(n=Count("id")).order_by("hourly_pay", *fields))


def _runs(rows: list[tuple], keep=lambda group: True) -> list[tuple]:
    """(pay, group, n) rows in pay order → runs of equal pay, each (pay, {group: n})."""
    runs: list[tuple] = []
    last, members = None, None
    for pay, group, n in rows:
        if not keep(group):
            continue
        if members is None or pay != last:
            last, members = pay, {}
            runs.append((pay, members))
        members[group] = members.get(group, 0) + n
    return runs


def _by(rows: list[tuple]) -> dict[str, list[tuple]]:
    """(pay, group, n) rows in pay order → each group's counted pay."""
    out: dict[str, list[tuple]] = defaultdict(list)
    for pay, group, n in rows:
        out[group].append((pay, n))
    return out


def _size(values: list[tuple]) -> int:
    return sum(n for _, n in values)


def _pay_gaps(organisation: Organisation, population, columns: set[str]) -> dict:
    sexes = _counted(population, "sex")
    if not sexes:
        return {"gender": None, "ethnicity": None, "disability": None}
    by_sex = _by(sexes)
    men, women = by_sex["male"], by_sex["female"]
    mean_pct, median_pct = _gap(men, women)
    everyone = sum(n for *_, n in sexes)
    gender = {
        "mean_pct": mean_pct, "median_pct": median_pct,
        "employees": {"female": _size(women), "male": _size(men), "left_out": everyone - _size(men) - _size(women)},
        "quartiles": quartiles_of_runs(_runs(sexes, lambda s: s in ("female", "male")), ["female", "male"]),
    }
    if "bonus_pay" in columns:
        gender["bonus"] = _bonus(population)

    ethnic = _counted(population, "wres_group", "ethnic_group")
    by_group = _by([(pay, group, n) for pay, group, _, n in ethnic])
    by_ethnic = _by([(pay, group, n) for pay, _, group, n in ethnic])
    white = by_group["white"]
    mean_pct, median_pct = _gap(white, by_group["bme"])
    threshold = organisation.disclosure_threshold
    ethnicity = {
        "mean_pct": mean_pct, "median_pct": median_pct,
        "employees": {"white": _size(white), "bme": _size(by_group["bme"]), "not_known": _size(by_group["not_known"])},
        # Not known is left out of the gap but kept in the ranking (DBT guidance, 2023).
        "quartiles": quartiles_of_runs(_runs([(pay, group, n) for pay, group, _, n in ethnic]), list(GROUPS)),
        "groups": {
            group: dict(zip(("mean_pct", "median_pct"), _gap(white, by_ethnic[group])), employees=_size(by_ethnic[group]))
            for group in ("mixed", "asian", "black", "other")
            if _size(by_ethnic[group]) >= threshold and _size(white) >= threshold
        },
    }

    by_disability = _by(_counted(population, "disability"))
    mean_pct, median_pct = _gap(by_disability["no"], by_disability["yes"])
    disability = {"mean_pct": mean_pct, "median_pct": median_pct,
                  "employees": {"disabled": _size(by_disability["yes"]), "not_disabled": _size(by_disability["no"])}}
    return {"gender": gender, "ethnicity": ethnicity, "disability": disability}


def _bonus(population) -> dict:
    rows = list(population.filter(sex__in=["female", "male"]).values_list("sex", "bonus_pay"))
    men = sorted(b for s, b in rows if s == "male" and b)
    women = sorted(b for s, b in rows if s == "female" and b)
    all_men = sum(1 for s, _ in rows if s == "male")
    all_women = sum(1 for s, _ in rows if s == "female")
    mean_pct, median_pct = _gap([(b, 1) for b in men], [(b, 1) for b in women])
    return {"mean_pct": mean_pct, "median_pct": median_pct, "male_receiving": len(men), "female_receiving": len(women),
            "male_receiving_pct": _pct(len(men), all_men), "female_receiving_pct": _pct(len(women), all_women)}


# Declaration rates ----------------------------------------------------------------------------------------------

def _declaration_specs(columns: set[str]) -> dict[str, tuple[str, Q]]:
    """For each characteristic in the extract (ethnicity always): its field and what counts as declared.
    "Prefer not to say" is an answer but not a declaration."""
    specs = {
        "ethnicity": ("ethnicity", ~Q(ethnicity__in=["prefer_not_to_say", "not_known"])),
        "disability": ("disability", Q(disability__in=["yes", "no"])),
        "sex": ("sex", Q(sex__in=["female", "male", "other"])),
        "sexual_orientation": ("sexual_orientation", Q(sexual_orientation__startswith="declared:")),
        "religion": ("religion", Q(religion__startswith="declared:")),
    }
    return {name: spec for name, spec in specs.items() if name == "ethnicity" or name in columns}


def to_jsonable(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_jsonable(v) for v in value]
    return value
