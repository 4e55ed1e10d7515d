"""The SC-WRES metrics, pay gaps and declaration rates of metrics.md, from the stored records of an
organisation's current extracts for a year. Counts are database aggregates (conditional counts, one
query per table of figures); the pay gaps' means, medians and quartiles need the pay of the pay-gap
population, which is fetched counted (one row per distinct pay, bonus and combination of values, in one
query) and ranked and summed as NumPy arrays.

`compute` returns the raw document of metrics.md §8 for one scope: counts, fractions for rates,
percentages 0–100, unrounded, with `notes` giving the reason for every null and every caveat.
Disclosure control is applied afterwards (metrics.disclosure).
"""

import copy
import itertools
import math
from collections import Counter, defaultdict
from datetime import date
from decimal import Decimal
from operator import itemgetter

from django.db import connection
from django.db.models import Aggregate, Case, Count, DecimalField, ExpressionWrapper, F, FloatField, Q, Value, When
from django.db.models.functions import Cast, Coalesce, NullIf

from edi_tracker.models import Organisation
from workforce.models import CaseRecord, CaseType, CpdRecord, Extract, RecruitmentRecord, StaffRecord, SurveyRecord
from workforce.vocab import GROUP_OF, wres_group

from .models import MetricSettings

SCOPES = ("social_care", "adults", "children", "all")
GROUPS = ("white", "bme", "not_known")
# The ONS high-level groups that make up BME (metrics.md §2), given in metric 1's workforce row and national
# salary bands: asian + black + mixed + other = bme.
BME_GROUPS = ("asian", "black", "mixed", "other")
STATUTORY_EMPLOYEES = 250  # SI 2017/353: employers with 250 or more relevant employees must publish
WEEKS_PER_YEAR = Decimal("52.143")
NATIONAL_BANDS = (("Less than £30,000", None, 30000), ("£30,000 to £69,999", 30000, 70000), ("£70,000 and over", 70000, None))
NO_AREAS = "all staff: no social care areas are set"


class ScopeRefused(ValueError):
    """A scope that cannot be computed: adults or children for an organisation with no areas set."""


def window(year: int) -> tuple[date, date]:
    return date(year - 1, 4, 1), date(year, 3, 31)


def _ratio(numerator, denominator):
    return None if not denominator else numerator / denominator


def _pct(numerator, denominator):
    return None if not denominator else numerator / denominator * 100


def _inverse(value):
    return None if not value else 1 / value


def relative_likelihood(white: dict, bme: dict):
    """rate(BME) ÷ rate(White); null when either denominator is 0 or the White rate is 0."""
    if not white["denominator"] or not bme["denominator"] or not white["numerator"]:
        return None
    return (bme["numerator"] / bme["denominator"]) / (white["numerator"] / white["denominator"])


def _current(organisation: Organisation, year: int) -> dict[str, Extract]:
    return {e.kind: e for e in Extract.objects.filter(organisation=organisation, year=year, status="current")}


def _columns(extract: Extract | None) -> set[str]:
    return set((extract.report or {}).get("columns", [])) if extract else set()


def metric_settings(organisation: Organisation) -> MetricSettings:
    """The organisation's metric settings, or the defaults (unsaved) when it has none."""
    found = MetricSettings.objects.filter(organisation=organisation).first()
    return found or MetricSettings(organisation=organisation)


# Scope (metrics.md §1) ------------------------------------------------------------------------------------

class Areas:
    """Where a table's rows get their social care area: its own `social_care_area` column, else the
    organisation's mapping of `directorate` values, else nowhere (every row in every scope)."""

    def __init__(self, columns: set[str], settings: MetricSettings, staff: bool = False):
        self.mapping = {"adults": list(settings.social_care_adults), "children": list(settings.social_care_children)}
        if "social_care_area" in columns:
            self.source = "column"
        elif settings.has_areas and (staff or "directorate" in columns):
            self.source = "mapping"
        else:
            self.source = None

    def q(self, scope: str) -> Q:
        if scope == "all" or self.source is None:
            return Q()
        areas = ["adults", "children"] if scope == "social_care" else [scope]
        if self.source == "column":
            return Q(social_care_area__in=areas)
        return Q(directorate__in=[d for area in areas for d in self.mapping[area]])


def areas_are_set(organisation: Organisation, staff_extract: Extract | None, settings: MetricSettings | None = None) -> bool:
    settings = settings or metric_settings(organisation)
    return settings.has_areas or "social_care_area" in _columns(staff_extract)


def every_row_in_every_scope(organisation: Organisation, year: int) -> bool:
    """True when no row of the year's extracts has a social care area (none set, and no extract has a
    social_care_area column): every scope then counts the very same rows, and its document is the
    "all" document but for its "scope"."""
    extracts = _current(organisation, year)
    settings = metric_settings(organisation)
    if areas_are_set(organisation, extracts.get("staff"), settings):
        return False
    return all(Areas(_columns(extract), settings).source is None for extract in extracts.values())


def scopes_with_staff(organisation: Organisation, year: int) -> list[str]:
    """The scopes worth storing for a year: social care and all always; adults and children apart when
    areas are set and both have staff (metrics.md §1)."""
    extracts = _current(organisation, year)
    settings = metric_settings(organisation)
    staff_extract = extracts.get("staff")
    if staff_extract is None or not areas_are_set(organisation, staff_extract, settings):
        return ["social_care", "all"]
    areas = Areas(_columns(staff_extract), settings, staff=True)
    counts = StaffRecord.objects.filter(extract=staff_extract).aggregate(
        adults=Count("id", filter=areas.q("adults")), children=Count("id", filter=areas.q("children")))
    both = counts["adults"] and counts["children"]
    return ["social_care", "all"] + (["adults", "children"] if both else [])


def hourly_pay_expression(pay_period_days: int):
    """Hourly pay as the regulations work it out (metrics.md §4): the row's hourly pay, otherwise
    ordinary pay × 7 ÷ days in the pay period ÷ weekly hours."""
    days = Coalesce(F("pay_period_days"), Value(pay_period_days))
    derived = ExpressionWrapper(F("ordinary_pay") * Value(Decimal(7)) / days / NullIf(F("weekly_hours"), Value(Decimal(0))),
                                output_field=DecimalField(max_digits=30, decimal_places=12))
    return Coalesce(F("hourly_pay"), derived, output_field=DecimalField(max_digits=30, decimal_places=12))


FULL_PAY = ~Q(full_pay_relevant=False)  # a blank cell, or no column, counts as full-pay relevant (§4)


def compute(organisation: Organisation, year: int, scope: str = "social_care", whole: dict | None = None) -> dict:
    """The raw §8 document of one scope. Raises ScopeRefused for adults or children when the
    organisation has no social care areas set. Pay gaps are the whole organisation's whatever the scope:
    `whole` (a dict, filled on the first call) lets the scopes of one year share them."""
    if scope not in SCOPES:
        raise ScopeRefused(f"“{scope}” is not a scope: use all, social_care, adults or children.")
    start, end = window(year)
    extracts = _current(organisation, year)
    staff_extract = extracts.get("staff")
    settings = metric_settings(organisation)
    has_areas = areas_are_set(organisation, staff_extract, settings)
    if scope in ("adults", "children") and not has_areas:
        raise ScopeRefused(f"no social care areas are set for {organisation.slug}")
    notes: dict[str, str] = {}
    if not has_areas:
        notes["scope"] = NO_AREAS
    document = {
        "organisation": organisation.slug, "year": year, "scope": scope,
        "period": {"start": start.isoformat(), "end": end.isoformat(), "snapshot": end.isoformat()},
        "workforce": None,
        **{f"metric_{k}": None for k in ("1", "2", "3", "4", "5", "6", "7a", "7b", "8", "9")},
        "pay_gaps": None, "declaration_rates": None, "notes": notes,
    }
    for kind, keys in (("staff", ("workforce", "metric_1", "metric_8", "metric_9", "pay_gaps", "declaration_rates")),
                       ("recruitment", ("metric_2",)), ("casework", ("metric_3", "metric_4")), ("cpd", ("metric_5",)),
                       ("survey", ("metric_6", "metric_7a", "metric_7b"))):
        if kind not in extracts:
            for key in keys:
                notes[key] = f"no data for {year}: upload a{'n' if kind[0] in 'aeiou' else ''} {kind} extract"
    if "recruitment" in extracts:
        document["metric_2"] = _metric_2(extracts["recruitment"], start, end, scope, settings, has_areas, notes)
    if "survey" in extracts:
        document.update(_survey(extracts["survey"], scope, settings, has_areas, notes))
    if staff_extract is None:
        return document
    staff_columns = _columns(staff_extract)
    scoped = Areas(staff_columns, settings, staff=True).q(scope)
    # A leaving date before the window or a start date after the snapshot is a warning at check time and
    # the row is left out of every figure (metrics.md §1); the uploader does not store such rows, and
    # they never count here either.
    staff = (StaffRecord.objects.filter(extract=staff_extract).exclude(leaving_date__lt=start).exclude(start_date__gt=end)
             .annotate(hourly=hourly_pay_expression(settings.pay_period_days)))
    in_post = Q(leaving_date__isnull=True) | Q(leaving_date__gte=end)  # leaving on 31 March: still in post
    leaver = Q(leaving_date__gte=start, leaving_date__lte=end)

    # One pass over the staff rows for every count that is not split by pay band or pay. In each condition
    # the test that rules out most rows comes first (the group, senior manager, prefer not to say):
    # PostgreSQL works out a FILTER's AND from the left and stops at the first false, and with forty counts
    # per row that order took about a third off this query (bench/metrics.py, m11speed).
    figures = Figures()
    figures.add("in_post", scoped & in_post)
    figures.add("leavers", scoped & leaver)
    figures.add("in_year", scoped)
    figures.add("org_in_post", in_post)
    figures.add("org_without_pay", in_post & FULL_PAY & Q(hourly__isnull=True))
    for group in GROUPS:
        figures.add(f"ip_{group}", Q(wres_group=group) & scoped & in_post)
    rate_metrics = {"metric_8": (leaver, scoped)}
    if "casework" in extracts:
        cases = CaseRecord.objects.filter(extract=extracts["casework"], date_opened__gte=start, date_opened__lte=end)
        # Distinct employees with at least one case: membership of the set of employee keys. A case
        # whose employee is not in the staff extract matches no staff row and never counts; casework
        # takes its employee's social care area.
        disciplinary = cases.filter(case_type=CaseType.DISCIPLINARY).values("employee_key")
        rate_metrics["metric_3"] = (Q(employee_key__in=disciplinary), scoped)
        if "regulated" in staff_columns:
            ftp = cases.filter(case_type=CaseType.FITNESS_TO_PRACTISE).values("employee_key")
            rate_metrics["metric_4"] = (Q(employee_key__in=ftp), scoped & Q(regulated=True))
        else:
            notes["metric_4"] = "the staff extract has no regulated column"
    if "cpd" in extracts:
        cpd = CpdRecord.objects.filter(extract=extracts["cpd"], mandatory=False, funded=True, date__gte=start,
                                       date__lte=end).values("employee_key")
        rate_metrics["metric_5"] = (Q(employee_key__in=cpd), scoped)
    for key, (numerator, population) in rate_metrics.items():
        figures.add_rates(key, numerator, population)
    senior = "senior_manager" in staff_columns
    if senior:
        for group in ("white", "bme"):
            figures.add(f"senior_{group}", Q(senior_manager=True, wres_group=group) & scoped & in_post)
        figures.add("senior", Q(senior_manager=True) & scoped & in_post)
    else:
        notes["metric_9"] = "the staff extract has no senior_manager column: add it (Senior Manager, SMT) to get metric 9"
    declaration = _declaration_specs(staff_columns)
    for name, (field, declared) in declaration.items():
        figures.add(f"{name}_declared", in_post & declared)
        figures.add(f"{name}_pnts", Q(**{field: "prefer_not_to_say"}) & in_post)
    counts = figures.run(staff)

    document["workforce"] = {"in_post": counts["in_post"], "in_year": counts["in_year"], "leavers": counts["leavers"]}
    workforce = _shares({"headcount": counts["in_post"], **{g: counts[f"ip_{g}"] for g in GROUPS}})
    document["metric_1"] = _metric_1(organisation, staff.filter(scoped & in_post), workforce)
    document["metric_1"].update(_national_bands(staff.filter(scoped & in_post), settings, workforce, notes))
    for key in rate_metrics:
        document[key] = figures.rates(key)
    if senior:
        document["metric_9"] = _metric_9(counts, workforce)
    if whole is None or "pay_gaps" not in whole:
        pay_notes: dict[str, str] = {}
        gaps = _pay_gaps(organisation, staff.filter(in_post), staff_columns, counts["org_in_post"],
                         counts["org_without_pay"], pay_notes)
        if whole is not None:
            whole.update(pay_gaps=gaps, notes=pay_notes)
    else:
        gaps, pay_notes = whole["pay_gaps"], whole["notes"]
    document["pay_gaps"] = copy.deepcopy(gaps) if whole is not None else gaps
    notes.update(pay_notes)
    document["declaration_rates"] = {
        name: {"declared": counts[f"{name}_declared"], "prefer_not_to_say": counts[f"{name}_pnts"],
               "not_known": counts["org_in_post"] - counts[f"{name}_declared"] - counts[f"{name}_pnts"],
               "rate_pct": _pct(counts[f"{name}_declared"], counts["org_in_post"])}
        for name in declaration
    }
    return document


class Figures:
    """Conditional counts gathered into one aggregate query: COUNT(*) FILTER (WHERE …) on PostgreSQL,
    COUNT(CASE WHEN …) on SQLite."""

    def __init__(self):
        self.aggregates: dict[str, Count] = {}
        self.annotations: dict = {}
        self.values: dict[str, int] = {}

    def add(self, name: str, condition: Q) -> None:
        self.aggregates[name] = Count("id", filter=condition) if condition else Count("id")

    def add_rates(self, key: str, numerator: Q, population: Q) -> None:
        for group in ("white", "bme"):
            base = Q(wres_group=group) & population  # the group first: most rows stop at the cheapest test
            self.add(f"{key}_{group}_n", base & numerator)
            self.add(f"{key}_{group}_d", base)

    def run(self, queryset) -> dict[str, int]:
        if self.annotations:
            queryset = queryset.annotate(**self.annotations)
        self.values = queryset.aggregate(**self.aggregates)
        return self.values

    def rates(self, key: str) -> dict:
        """Each group's numerator, denominator and rate; the relative likelihood (BME ÷ White, Skills for
        Care's direction) and its inverse for NHS partners."""
        result = {}
        for group in ("white", "bme"):
            n, d = self.values[f"{key}_{group}_n"], self.values[f"{key}_{group}_d"]
            result[group] = {"numerator": n, "denominator": d, "rate": _ratio(n, d)}
        result["relative_likelihood"] = relative_likelihood(result["white"], result["bme"])
        result["relative_likelihood_nhs"] = _inverse(result["relative_likelihood"])
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


def _band_row(row: dict, workforce: dict) -> dict:
    row = _shares(row)
    row["bme_pct_difference"] = (row["bme_pct"] - workforce["bme_pct"]) if row["bme_pct"] is not None and workforce["bme_pct"] is not None else None
    return row


class Median(Aggregate):
    """PostgreSQL's median: percentile_cont(0.5), the mean of the two middle values for an even count."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _metric_1(organisation: Organisation, in_post, workforce: dict) -> dict:
    on_postgresql = connection.vendor == "postgresql"
    extra = {"median": Median("hourly")} if on_postgresql and not organisation.pay_band_order else {}
    bands = {r["pay_band"]: {"band": r.pop("pay_band"), **r}
             for r in in_post.values("pay_band").annotate(**_group_counts(), **extra).order_by()}
    medians = {band: row.pop("median") for band, row in bands.items() if "median" in row}
    medians = {band: value for band, value in medians.items() if value is not None}
    if organisation.pay_band_order:
        order = {name: i for i, name in enumerate(organisation.pay_band_order)}
        ordered = sorted(bands, key=lambda b: (order.get(b, len(order)), b))
    else:
        # Lowest median hourly pay first; bands without pay last; the name breaks ties. On PostgreSQL the
        # medians come with the counts; elsewhere from the counted pay, one row per band and distinct pay.
        if not on_postgresql:
            pay: dict[str, list] = defaultdict(list)
            counted = (in_post.filter(hourly__isnull=False).values_list("pay_band", "hourly")
                       .annotate(n=Count("id")).order_by("pay_band", "hourly"))
            for band, hourly, n in counted:
                pay[band].append((hourly, n))
            medians = {band: counted_median(values) for band, values in pay.items()}
        ordered = sorted(bands, key=lambda b: (b not in medians, medians.get(b, 0), b))
    return {"bands": [_band_row(bands[band], workforce) for band in ordered], "workforce": workforce}


def _national_bands(in_post, settings: MetricSettings, workforce: dict, notes: dict) -> dict:
    """Metric 1 by Skills for Care's national salary bands, in one grouped query: the full-time
    equivalent annual salary is the row's annual salary, or, for full-pay relevant staff with an hourly
    pay only, hourly pay × standard weekly hours × 52.143; anyone else is left out."""
    estimated_q = Q(annual_salary__isnull=True, hourly__isnull=False) & FULL_PAY
    factor = Decimal(settings.standard_weekly_hours) * WEEKS_PER_YEAR
    money = DecimalField(max_digits=30, decimal_places=12)
    salary = Case(When(annual_salary__isnull=False, then=F("annual_salary")),
                  When(estimated_q, then=ExpressionWrapper(F("hourly") * Value(factor), output_field=money)),
                  default=None, output_field=money)
    band = Case(When(nb_salary__lt=30000, then=Value(0)), When(nb_salary__lt=70000, then=Value(1)),
                When(nb_salary__isnull=False, then=Value(2)), default=Value(-1))
    basis = Case(When(annual_salary__isnull=False, then=Value("a")), When(estimated_q, then=Value("e")), default=Value("x"))
    # Grouped by ethnicity (at most 21 categories), mapped to the WRES group and the broad ONS group here:
    # every in-post row passes once, so the workforce row's broad groups come from the same query.
    rows = (in_post.annotate(nb_salary=salary).annotate(nb=band, nb_basis=basis).values_list("nb", "nb_basis", "ethnicity")
            .annotate(n=Count("id")).order_by())
    counts = [{g: 0 for g in GROUPS + BME_GROUPS} for _ in NATIONAL_BANDS]
    whole: Counter = Counter()
    by_basis: Counter = Counter()
    for index, how, ethnicity, n in rows:
        by_basis[how] += n
        broad, wres = GROUP_OF[ethnicity], wres_group(ethnicity)
        whole[broad] += n
        if index >= 0:
            counts[index][wres] += n
            if broad in BME_GROUPS:
                counts[index][broad] += n
    for group in BME_GROUPS:  # the workforce row: each broad group of BME, and its share of the headcount
        workforce[group] = whole[group]
    for group in BME_GROUPS:
        workforce[f"{group}_pct"] = _pct(workforce[group], workforce["headcount"])
    annual, estimated, left_out = by_basis["a"], by_basis["e"], by_basis["x"]
    basis_words = ("annual salary and estimated from hourly pay" if annual and estimated
                   else "annual salary" if annual else "estimated from hourly pay" if estimated else None)
    out = []
    for (name, _, _), row in zip(NATIONAL_BANDS, counts):
        row = _band_row({"band": name, **row, "headcount": sum(row[g] for g in GROUPS)}, workforce)
        for group in BME_GROUPS:
            row[f"{group}_pct"] = _pct(row[group], row["headcount"])
        out.append(row)
    if basis_words is None:
        notes["metric_1.national_bands"] = (
            "nobody in post could be placed in a national salary band: add an annual_salary column, or hourly pay "
            "(hourly_pay, or ordinary_pay with weekly_hours)")
    elif estimated:
        notes["metric_1.national_bands_basis"] = (
            f"salaries not in the extract are estimated from hourly pay × {settings.standard_weekly_hours} hours × "
            "52.143 weeks")
    if left_out:
        notes["metric_1.national_bands_left_out"] = (
            "staff in post with neither an annual salary nor (on full pay) an hourly pay are not placed in a national band")
    return {"national_bands": out if basis_words else None, "national_bands_basis": basis_words,
            "national_bands_left_out": left_out}


# Metrics 2–5 and 8 ------------------------------------------------------------------------------------

def _event_scope(extract: Extract, scope: str, settings: MetricSettings, has_areas: bool, key: str, notes: dict) -> Q:
    """Recruitment and survey rows take their area from their own social_care_area or directorate
    column; without either they count in every scope, and the notes say so."""
    areas = Areas(_columns(extract), settings)
    if has_areas and scope != "all" and areas.source is None:
        notes[f"{key}.scope"] = (f"the {extract.kind} extract has no social_care_area or directorate column: "
                                 "its rows count in every scope")
    return areas.q(scope)


def _metric_2(extract: Extract, start: date, end: date, scope: str, settings, has_areas: bool, notes: dict) -> dict:
    records = RecruitmentRecord.objects.filter(extract=extract).filter(
        _event_scope(extract, scope, settings, has_areas, "metric_2", notes))
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


def _survey(extract: Extract, scope: str, settings, has_areas: bool, notes: dict) -> dict:
    columns = _columns(extract)
    asked = [(metric, field) for metric, field in SURVEY_QUESTIONS if field in columns]
    for metric, field in SURVEY_QUESTIONS:
        if field not in columns:
            notes[metric] = f"the survey extract has no {field} column: add that question to get {metric.replace('_', ' ')}"
    figures = Figures()
    for metric, field in asked:
        # Respondents of the group who answered that question; those answering yes.
        figures.add_rates(metric, Q(**{field: True}), Q(**{f"{field}__isnull": False}))
    if asked:
        figures.run(SurveyRecord.objects.filter(extract=extract).filter(
            _event_scope(extract, scope, settings, has_areas, "survey", notes)))
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

def _metric_9(counts: dict, workforce: dict) -> dict:
    """Senior BME % and workforce BME % (not known in both denominators), their difference, and the
    relative likelihood of being a senior manager: (BME senior ÷ BME in post) ÷ (White senior ÷ White
    in post)."""
    senior = {"headcount": counts["senior"], "bme": counts["senior_bme"], "bme_pct": _pct(counts["senior_bme"], counts["senior"])}
    whole = {"headcount": workforce["headcount"], "bme": workforce["bme"], "bme_pct": workforce["bme_pct"]}
    difference = None if senior["bme_pct"] is None or whole["bme_pct"] is None else senior["bme_pct"] - whole["bme_pct"]
    likelihood = relative_likelihood({"numerator": counts["senior_white"], "denominator": workforce["white"]},
                                     {"numerator": counts["senior_bme"], "denominator": workforce["bme"]})
    return {"senior": senior, "workforce": whole, "difference_pp": difference,
            "relative_likelihood": likelihood, "relative_likelihood_nhs": _inverse(likelihood)}


# Pay gaps --------------------------------------------------------------------------------------------------
# Pay comes from the database counted: one row per distinct hourly pay, bonus and combination of sex,
# ethnicity and disability, in one query; the means, medians and quartiles are array operations on those
# rows (100,000 staff of bench/metrics.py: the pay gaps took about 380 ms of CPU in Python as three
# queries and heap merges over tuples, now about 160 ms, most of it reading the rows). counted_median and
# quartiles_of_runs are the plain definitions, which tests/metrics/test_quartiles.py holds the arrays to.

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


def quartile_sizes(n: int) -> list[int]:
    """GOV.UK: q = n // 4, r = n % 4; lower q+(r≥1), lower middle q+(r≥3), upper middle q+(r≥2), upper q."""
    q, r = divmod(n, 4)
    return [q + (r >= 1), q + (r >= 3), q + (r >= 2), q]


def share_run(places: list[int], members: dict[str, int], priority: list[str]) -> list[dict[str, int]]:
    """Share a run of equal pay between the quartiles it touches (`places`: how many places each takes
    from the run) in proportion: each cell's exact share is places × members ÷ run size; every cell
    takes the whole part, and the places left go by largest remainder over all the run's cells, so that
    each quartile keeps its places and each group its members. Equal remainders go first to the groups
    in `priority` order (comparison, reference, not known), then to the lower quartile."""
    total = sum(members.values())
    groups = [g for g in priority if g in members] + [g for g in members if g not in priority]
    exact = {(k, g): Decimal(p) * members[g] / total for k, p in enumerate(places) for g in groups}
    cells = {c: int(x) for c, x in exact.items()}
    row_left = [p - sum(cells[(k, g)] for g in groups) for k, p in enumerate(places)]
    col_left = {g: members[g] - sum(cells[(k, g)] for k in range(len(places))) for g in groups}
    order = sorted(exact, key=lambda c: (-(exact[c] - cells[c]), groups.index(c[1]), c[0]))
    for k, g in order:
        if exact[(k, g)] > cells[(k, g)] and row_left[k] > 0 and col_left[g] > 0:
            cells[(k, g)] += 1
            row_left[k] -= 1
            col_left[g] -= 1
    # Whatever the rounding left (rare: the remainders cannot all be honoured), the same order again,
    # without the need of a remainder, so the margins always hold.
    for k, g in order:
        while row_left[k] > 0 and col_left[g] > 0:
            cells[(k, g)] += 1
            row_left[k] -= 1
            col_left[g] -= 1
    return [{g: cells[(k, g)] for g in groups} for k in range(len(places))]


def quartiles(pairs: list[tuple], groups: list[str]) -> list[dict]:
    """Quartiles of (pay, group) pairs ranked by pay (GOV.UK method); see quartiles_of_runs."""
    runs: dict = defaultdict(Counter)
    for pay, group in pairs:
        runs[pay][group] += 1
    return quartiles_of_runs(sorted(runs.items()), groups)


def quartiles_of_runs(runs: list[tuple], groups: list[str]) -> list[dict]:
    """Quartiles from runs of equal pay in ascending order, each (pay, {group: members}); `groups` in
    the order equal remainders are served (comparison, reference, not known). A run that crosses a
    boundary is shared between the quartiles it touches by share_run."""
    sizes = quartile_sizes(sum(sum(members.values()) for _, members in runs))
    bounds, position = [], 0
    for size in sizes:
        bounds.append((position, position + size))
        position += size
    tallies = [Counter() for _ in sizes]
    i = 0
    for _, members in runs:
        members = {g: n for g, n in members.items() if n}
        j = i + sum(members.values())
        touched = [(k, min(j, b) - max(i, a)) for k, (a, b) in enumerate(bounds) if min(j, b) > max(i, a)]
        if len(touched) == 1:
            tallies[touched[0][0]].update(members)
        elif touched:
            shares = share_run([p for _, p in touched], members, groups)
            for (k, _), share in zip(touched, shares):
                tallies[k].update(share)
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


CHARACTERISTICS = ("sex", "ethnicity", "disability")


def pay_data(relevant) -> "PayData":
    """The pay of the whole organisation's relevant employees (in post), read in one query for the three
    characteristics at once: one row per distinct hourly pay, bonus and combination of values, with its
    count. The hourly pay is null for those not full-pay relevant or without one, the bonus null unless
    above 0. Pay is read as float8: the gaps are ratios, and equal pay stays equal."""
    hourly = Case(When(FULL_PAY, then=Cast("hourly", FloatField())), default=None, output_field=FloatField())
    bonus = Case(When(bonus_pay__gt=0, then=Cast("bonus_pay", FloatField())), default=None, output_field=FloatField())
    return PayData(_fetch(relevant.annotate(h=hourly, b=bonus).values_list("h", "b", *CHARACTERISTICS)
                          .annotate(n=Count("id")).order_by()))


def _fetch(queryset) -> list[tuple]:
    """A values_list query's rows straight from the cursor (no per-row converters: the columns are
    float8, text and counts)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class PayData:
    """(hourly pay or None, bonus or None, sex, ethnicity, disability, count) rows, in any order, as
    arrays: each value of a characteristic is a small integer code; the hourly pay (and the bonus) of
    those who have one in ascending order of pay, each with its count and codes; and each value's number
    of relevant employees. NumPy, imported when first needed (as SciPy is for the audit): the means,
    medians and quartiles of 100,000 staff are array operations, not Python loops."""

    def __init__(self, rows: list[tuple]):
        import numpy as np

        columns = [list(map(itemgetter(i), rows)) for i in range(len(CHARACTERISTICS) + 3)]  # not zip(*rows): 5× slower
        counts = np.array(columns[-1], dtype=np.int64)
        self.index, codes, self.relevant = {}, {}, {}
        for i, field in enumerate(CHARACTERISTICS, start=2):
            index = self.index[field] = {value: code for code, value in enumerate(dict.fromkeys(columns[i]))}
            codes[field] = np.array(list(map(index.__getitem__, columns[i])), dtype=np.intp)
            headcounts = np.bincount(codes[field], weights=counts, minlength=len(index)).round().astype(np.int64)
            self.relevant[field] = Counter(dict(zip(index, headcounts.tolist())))

        def ranked(column):
            pay = np.array(column, dtype=np.float64)  # None becomes NaN: nobody with that pay
            present = np.flatnonzero(~np.isnan(pay))
            order = present[np.argsort(pay[present], kind="stable")]
            return pay[order], counts[order], {field: codes[field][order] for field in CHARACTERISTICS}

        self.hourly, self.bonus = ranked(columns[0]), ranked(columns[1])

    def of(self, field: str) -> "Characteristic":
        pick = lambda data: (data[0], data[1], data[2][field])  # noqa: E731
        return Characteristic(pick(self.hourly), pick(self.bonus), self.relevant[field], self.index[field])


class Characteristic:
    """One characteristic's pay: (pay ascending, count, value code) arrays for the hourly pay and the
    bonus, each value's number of relevant employees, and each value's code."""

    def __init__(self, hourly: tuple, bonus: tuple, relevant: Counter, index: dict[str, int]):
        self.hourly, self.bonus, self.relevant, self.index = hourly, bonus, relevant, index
        self._stats: dict = {}

    def _codes(self, values) -> list[int]:
        return [self.index[v] for v in values if v in self.index]

    def stats(self, values: set, kind: str = "hourly") -> tuple[int, float | None, float | None]:
        """(count, mean, median) of the hourly or bonus pay of the staff with one of `values`. The mean is
        the correctly rounded sum of pay × count (math.fsum) ÷ count; the median the middle value, or the
        mean of the two middle values for an even count (as counted_median)."""
        import numpy as np

        key = (kind, frozenset(values))
        if key in self._stats:
            return self._stats[key]
        pay, counts, codes = self.hourly if kind == "hourly" else self.bonus
        wanted = np.zeros(len(self.index) + 1, dtype=bool)
        wanted[self._codes(values)] = True
        chosen = wanted[codes]
        pay, counts = pay[chosen], counts[chosen]
        count = int(counts.sum())
        if not count:
            result = (0, None, None)
        else:
            mean = math.fsum((pay * counts).tolist()) / count
            low, high = np.searchsorted(np.cumsum(counts), [(count - 1) // 2, count // 2], side="right").tolist()
            result = (count, mean, (float(pay[low]) + float(pay[high])) / 2)
        self._stats[key] = result
        return result

    def relevant_count(self, values: set) -> int:
        return sum(self.relevant[v] for v in values)

    def quartiles(self, groups: dict[str, set]) -> list[dict] | None:
        """Quartiles of the staff whose value falls in one of `groups` (key -> values, no value in two
        groups), the groups in the order equal remainders are served (comparison, reference, not known)."""
        import numpy as np

        keys = list(groups)
        group_of = np.full(len(self.index) + 1, -1, dtype=np.intp)
        for g, key in enumerate(keys):
            codes = self._codes(groups[key])
            if (group_of[codes] >= 0).any():
                raise ValueError("a value is in two groups of one quartile table")
            group_of[codes] = g
        pay, counts, codes = self.hourly
        group = group_of[codes]
        chosen = group >= 0
        if not chosen.any():
            return None
        return quartiles_of_ranked(pay[chosen], group[chosen], counts[chosen], keys)


def quartiles_of_ranked(pay, group, counts, groups: list[str]) -> list[dict]:
    """Quartiles from arrays in ascending order of pay: each row's pay, group (index into `groups`) and
    count. Runs of equal pay are found at once; a run that falls in one quartile is added to it, and one
    that crosses a boundary (at most three) is shared by share_run: the same result as
    quartiles_of_runs, which tests/metrics/test_quartiles.py checks on generated pay."""
    import numpy as np

    width = len(groups)
    sizes = quartile_sizes(int(counts.sum()))
    ends = list(itertools.accumulate(sizes))
    new_run = np.empty(len(pay), dtype=bool)
    new_run[0] = True
    np.not_equal(pay[1:], pay[:-1], out=new_run[1:])
    first_rows = np.flatnonzero(new_run)
    run_of_row = np.cumsum(new_run) - 1
    run_stops = np.cumsum(np.add.reduceat(counts, first_rows))
    run_starts = np.concatenate(([0], run_stops[:-1]))
    # The quartile a run starts in: the first whose end lies beyond the run's start (the last at most).
    quartile = np.searchsorted(np.array(ends[:3]), run_starts, side="right")
    fits = run_stops <= np.array(ends)[quartile]
    whole = fits[run_of_row]
    tallies = (np.bincount(quartile[run_of_row][whole] * width + group[whole], weights=counts[whole], minlength=4 * width)
               .round().astype(np.int64).reshape(4, width).tolist())
    begins = [0] + ends[:-1]
    for run in np.flatnonzero(~fits).tolist():
        start, stop = int(run_starts[run]), int(run_stops[run])
        rows = run_of_row == run
        members = np.bincount(group[rows], weights=counts[rows], minlength=width).round().astype(np.int64).tolist()
        touched = [(q, min(stop, ends[q]) - max(start, begins[q])) for q in range(4)
                   if min(stop, ends[q]) > max(start, begins[q])]
        present = {groups[g]: members[g] for g in range(width) if members[g]}
        for (q, _), share in zip(touched, share_run([p for _, p in touched], present, groups)):
            for g in range(width):
                tallies[q][g] += share.get(groups[g], 0)
    out = []
    for number, (size, tally) in enumerate(zip(sizes, tallies), start=1):
        row = {"quartile": number, "count": size}
        for g, group_name in enumerate(groups):
            row[group_name] = tally[g]
        for g, group_name in enumerate(groups):
            row[f"{group_name}_pct"] = _pct(tally[g], size)
        out.append(row)
    return out


def _gap_of(reference: tuple, comparison: tuple) -> tuple:
    """(reference − comparison) ÷ reference × 100 for the means and the medians, from (count, mean, median)."""
    if not reference[0] or not comparison[0]:
        return None, None
    mean_pct = (reference[1] - comparison[1]) / reference[1] * 100 if reference[1] else None
    median_pct = (reference[2] - comparison[2]) / reference[2] * 100 if reference[2] else None
    return mean_pct, median_pct


def _measures(data: "Characteristic", reference: tuple[str, set], comparison: tuple[str, set], bonus: bool, left_out: set) -> dict:
    """The six measures of metrics.md §4 for one comparison (quartiles added by the caller)."""
    (ref_key, ref_values), (cmp_key, cmp_values) = reference, comparison
    ref, cmp = data.stats(ref_values), data.stats(cmp_values)
    mean_pct, median_pct = _gap_of(ref, cmp)
    out = {"mean_pct": mean_pct, "median_pct": median_pct, "bonus_mean_pct": None, "bonus_median_pct": None,
           "bonus_received_pct": None,
           "employees": {cmp_key: cmp[0], ref_key: ref[0], "left_out": data.stats(left_out)[0]},
           "relevant_employees": {cmp_key: data.relevant_count(cmp_values), ref_key: data.relevant_count(ref_values)}}
    if bonus:
        ref_bonus, cmp_bonus = data.stats(ref_values, "bonus"), data.stats(cmp_values, "bonus")
        out["bonus_mean_pct"], out["bonus_median_pct"] = _gap_of(ref_bonus, cmp_bonus)
        out["bonus_received_pct"] = {cmp_key: _pct(cmp_bonus[0], out["relevant_employees"][cmp_key]),
                                     ref_key: _pct(ref_bonus[0], out["relevant_employees"][ref_key])}
    return out


WHITE_BRITISH = "white_british"
WHITE_OTHER = {"white_irish", "white_gypsy_traveller", "white_roma", "white_other"}
NOT_KNOWN_ETHNICITY = {"prefer_not_to_say", "not_known"}
HIGH_LEVEL = {
    "mixed": {"mixed_white_black_caribbean", "mixed_white_black_african", "mixed_white_asian", "mixed_other"},
    "asian": {"asian_indian", "asian_pakistani", "asian_bangladeshi", "asian_chinese", "asian_other"},
    "black": {"black_african", "black_caribbean", "black_other"},
    "other": {"other_arab", "other_any"},
    "white_other": WHITE_OTHER,
}
OTHER_ETHNIC_GROUPS = set().union(*HIGH_LEVEL.values())
WHITE = {WHITE_BRITISH} | WHITE_OTHER
BME = OTHER_ETHNIC_GROUPS - WHITE_OTHER


def _pay_gaps(organisation: Organisation, relevant, columns: set[str], relevant_total: int, without_pay: int,
              notes: dict) -> dict:
    """Gender, ethnicity (White British reference, and the SC-WRES White vs BME view) and disability pay
    gaps of the whole organisation's relevant employees (metrics.md §4)."""
    bonus = "bonus_pay" in columns
    pay_columns = "hourly_pay" in columns or {"ordinary_pay", "weekly_hours"} <= columns
    if not pay_columns:
        notes["pay_gaps.hourly"] = ("the staff extract has no hourly_pay column, nor ordinary_pay with weekly_hours: "
                                    "add them to get the hourly pay gaps and the pay quartiles")
    if not bonus:
        notes["pay_gaps.bonus"] = ("the staff extract has no bonus_pay column: add it to get the bonus gaps and the "
                                   "proportion receiving a bonus")
    if "full_pay_relevant" not in columns:
        notes["pay_gaps.full_pay_relevant"] = ("the staff extract has no full_pay_relevant column: everyone in post "
                                               "counts as full-pay relevant")
    out = {"gender": None, "ethnicity": None, "ethnicity_wres": None, "disability": None}

    paid = pay_data(relevant)
    ethnic = paid.of("ethnicity")
    if pay_columns and without_pay > 0:
        # Words only: a note is published as it is, so it never carries a count (disclosure control, §6).
        notes["pay_gaps.hourly_left_out"] = ("full-pay relevant employees with no hourly pay (nor ordinary pay with weekly "
                                             "hours) are left out of the hourly figures")

    if "sex" in columns:
        sexes = paid.of("sex")
        gender = _measures(sexes, ("male", {"male"}), ("female", {"female"}), bonus, {"other", "prefer_not_to_say", "not_known"})
        gender["statutory"] = relevant_total >= STATUTORY_EMPLOYEES
        gender["quartiles"] = sexes.quartiles({"female": {"female"}, "male": {"male"}})
        out["gender"] = gender
    else:
        notes["pay_gaps.gender"] = "the staff extract has no sex column: add it (Gender, Legal Sex) to get the gender pay gap"

    reference = (WHITE_BRITISH, {WHITE_BRITISH})
    comparisons = {"other_ethnic_groups": _measures(ethnic, reference, ("other_ethnic_groups", OTHER_ETHNIC_GROUPS), bonus,
                                                    NOT_KNOWN_ETHNICITY)}
    threshold = organisation.disclosure_threshold
    white_british = ethnic.relevant_count({WHITE_BRITISH})
    for group, values in HIGH_LEVEL.items():
        size = ethnic.relevant_count(values)
        if size >= threshold and white_british >= threshold:
            comparisons[group] = _measures(ethnic, reference, (group, values), bonus, NOT_KNOWN_ETHNICITY)
        elif size:
            notes[f"pay_gaps.ethnicity.comparisons.{group}"] = (
                f"not compared on its own: the group and White British each need at least {threshold} relevant employees")
    out["ethnicity"] = {
        "reference": WHITE_BRITISH, "comparisons": comparisons,
        "employees": {WHITE_BRITISH: ethnic.stats({WHITE_BRITISH})[0],
                      "other_ethnic_groups": ethnic.stats(OTHER_ETHNIC_GROUPS)[0],
                      "not_known": ethnic.stats(NOT_KNOWN_ETHNICITY)[0]},
        # Not known is left out of the gaps but kept in the ranking (DBT guidance, 2023).
        "quartiles": ethnic.quartiles({"other_ethnic_groups": OTHER_ETHNIC_GROUPS, WHITE_BRITISH: {WHITE_BRITISH},
                                       "not_known": NOT_KNOWN_ETHNICITY}),
    }
    wres = _measures(ethnic, ("white", WHITE), ("bme", BME), bonus, NOT_KNOWN_ETHNICITY)
    wres["employees"]["not_known"] = wres["employees"].pop("left_out")
    wres["quartiles"] = ethnic.quartiles({"bme": BME, "white": WHITE, "not_known": NOT_KNOWN_ETHNICITY})
    out["ethnicity_wres"] = wres

    if "disability" in columns:
        disability = paid.of("disability")
        gap = _measures(disability, ("not_disabled", {"no"}), ("disabled", {"yes"}), bonus, {"prefer_not_to_say", "not_known"})
        gap["quartiles"] = disability.quartiles({"disabled": {"yes"}, "not_disabled": {"no"}})
        out["disability"] = gap
    else:
        notes["pay_gaps.disability"] = ("the staff extract has no disability column: add it (Disabled, Disability Status) "
                                        "to get the disability pay gap")
    return out


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


TOP_LEVEL = ("organisation", "year", "scope", "period", "workforce", "metric_1", "metric_2", "metric_3", "metric_4",
             "metric_5", "metric_6", "metric_7a", "metric_7b", "metric_8", "metric_9", "pay_gaps", "declaration_rates",
             "notes")


def in_section_8_order(document: dict) -> dict:
    """The document's keys in the order of metrics.md §8 (a stored document comes back from PostgreSQL's
    jsonb with its keys sorted); keys it does not name follow, as they were."""
    ordered = {key: document[key] for key in TOP_LEVEL if key in document}
    ordered.update((key, value) for key, value in document.items() if key not in ordered)
    return ordered


def to_jsonable(value):
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_jsonable(v) for v in value]
    return value


# Figures a year lacks, and the column that would bring each (issue 11: a year whose stored extract lacks a
# column now needed says so exactly). Keyed by the note that says the figure is missing.
MISSING = {
    "scope": ("the SC-WRES metrics for social care staff, adults' and children's social care apart",
              "a social_care_area column (Social Care Area) in the staff extract, or the directorates of each area "
              "in the organisation's settings"),
    "metric_1.national_bands": ("metric 1 by national salary bands",
                                "annual_salary (Annual Salary, FTE Salary, Basic Salary), or hourly pay"),
    "metric_4": ("metric 4 (entering the fitness to practise process)",
                 "regulated (Registered Social Worker, Regulated Professional)"),
    "metric_9": ("metric 9 (senior management)", "senior_manager (Senior Manager, SMT)"),
    "pay_gaps.hourly": ("the mean and median hourly pay gaps and the pay quartiles",
                        "hourly_pay (Hourly Rate, Ordinary Hourly Pay), or ordinary_pay with weekly_hours"),
    "pay_gaps.bonus": ("the mean and median bonus gaps and the proportion receiving a bonus", "bonus_pay (Bonus, Bonus Pay)"),
    "pay_gaps.gender": ("the gender pay gap", "sex (Gender, Legal Sex)"),
    "pay_gaps.disability": ("the disability pay gap", "disability (Disabled, Disability Status)"),
    "pay_gaps.full_pay_relevant": ("full-pay relevant employees told apart from those on reduced-pay leave (everyone "
                                   "counts as full-pay relevant)", "full_pay_relevant (Full Pay Relevant, FPRE)"),
}


def missing_figures(document: dict) -> list[dict]:
    """Each figure the document lacks because its staff extract lacks a column, with the column that would
    bring it: [{"key", "figure", "column"}], in the order of MISSING."""
    notes = document.get("notes") or {}
    # Metrics 4 and 9 also have a note when their extract is missing altogether ("no data for 2022: …").
    return [{"key": key, "figure": figure, "column": column} for key, (figure, column) in MISSING.items()
            if key in notes and not notes[key].startswith("no data for")]


def with_missing_figures(document: dict) -> dict:
    """The document with `notes["missing_figures"]`: one sentence naming each missing figure and the column
    that would bring it (none when nothing is missing)."""
    missing = missing_figures(document)
    if missing and isinstance(document.get("notes"), dict):
        document["notes"]["missing_figures"] = "; ".join(f"{m['figure']}: add {m['column']}" for m in missing)
    return document
