"""Reads of metric results: raw (HR), published (everyone else), and one-line summaries per metric."""

from edi_tracker import caching
from edi_tracker.models import Organisation
from plans.models import Action

from . import wording
from .compute import compute, missing_figures, to_jsonable  # noqa: F401  (missing_figures: a read the pages use)
from .disclosure import publish_set
from .models import MetricResult

TITLES = {
    "1": "Black, Asian and minority ethnic staff in each pay band",
    "2": "Appointed from shortlisting",
    "3": "Entering the formal disciplinary process",
    "4": "Entering the fitness to practise process",
    "5": "Accessing funded non-mandatory CPD",
    "6": "Harassment, bullying or abuse from people who use services, their relatives or the public",
    "7a": "Harassment, bullying or abuse from colleagues",
    "7b": "Harassment, bullying or abuse from managers",
    "8": "Leaving the organisation",
    "9": "Senior management compared with the overall workforce",
}
KEYS = list(TITLES)


def metric_title(key: str, bme_label: str) -> str:
    """A metric's name in the organisation's own words for the group (Organisation.bme_label)."""
    return f"{bme_label} staff in each pay band" if key == "1" else TITLES[key]
EXTRACT_FOR = {"1": "staff", "2": "recruitment", "3": "casework", "4": "casework", "5": "cpd", "6": "survey",
               "7a": "survey", "7b": "survey", "8": "staff", "9": "staff"}


def raw_results(organisation: Organisation, year: int, scope: str = "social_care") -> dict | None:
    result = MetricResult.objects.filter(organisation=organisation, year=year, scope=scope).first()
    return result.document if result else None


def raw_or_computed(organisation: Organisation, year: int, scope: str = "social_care") -> dict:
    """The stored raw document of a scope, or one computed from the records now. A read: nothing is
    stored (metrics.services.results_get_or_compute stores). Raises compute.ScopeRefused for adults or
    children when no social care areas are set."""
    stored = raw_results(organisation, year, scope)
    if stored is not None:
        return stored
    return to_jsonable(compute(organisation, year, scope))


def social_care_initial(organisation: Organisation) -> dict:
    """The social care directorates and pay period as the settings form shows them."""
    from .compute import metric_settings

    settings = metric_settings(organisation)
    return {"social_care_adults": "\n".join(settings.social_care_adults),
            "social_care_children": "\n".join(settings.social_care_children), "pay_period_days": settings.pay_period_days}


def stored_scopes(organisation: Organisation, year: int) -> list[str]:
    """The scopes stored for a year, in the order pages offer them."""
    order = ["social_care", "adults", "children", "all"]
    stored = set(MetricResult.objects.filter(organisation=organisation, year=year).values_list("scope", flat=True))
    return [s for s in order if s in stored]


def _published(organisation: Organisation, raws: dict[str, dict], scope: str) -> dict:
    """The published document of `scope`, protected together with the year's other scopes' documents
    (`raws`: {scope: raw document}), which are published beside it (metrics.disclosure.publish_set)."""
    document, suppressed = publish_set(raws, organisation.disclosure_threshold)[scope]
    document["suppressed"] = suppressed
    return document


def raw_set(organisation: Organisation, year: int) -> dict[str, dict]:
    """Every stored raw document of a year, by scope: what is published together."""
    return {r.scope: r.document for r in MetricResult.objects.filter(organisation=organisation, year=year).only("scope", "document")}


def published_document(organisation: Organisation, year: int, scope: str, document: dict,
                       threshold: int | None = None) -> dict:
    """The §8 document of `scope` as it leaves the product (`metrics ORG YEAR --json --published`, the API,
    a network's publication): `document` (the scope's raw document) protected together with the year's
    other stored scopes at `threshold` (the organisation's by default), its missing figures named, in §8's
    order. One function, so that every place that shares figures shares the same ones."""
    import copy

    from .compute import in_section_8_order, with_missing_figures

    raws = {**raw_set(organisation, year), scope: document}
    published, _ = publish_set(raws, organisation.disclosure_threshold if threshold is None else threshold)[scope]
    return in_section_8_order(with_missing_figures(copy.deepcopy(published)))


def published_results(organisation: Organisation, year: int, scope: str = "social_care") -> dict | None:
    """The §8 document with disclosure control applied (and "suppressed": the places hidden), or None."""
    raws = raw_set(organisation, year)
    return None if scope not in raws else _published(organisation, raws, scope)


def published_by_year(organisation: Organisation, scope: str = "social_care") -> dict[int, dict]:
    """Every stored year's published document of a scope, in one query (for pages showing the trend), each
    protected together with its year's other scopes. The same for every member, and drawn from the figures
    only: cached until they change (edi_tracker.caching, figures_version), not after every progress update.
    The cache hands back a copy each time (it stores values pickled), so a page may add to what it is given."""
    def compute():
        by_year: dict[int, dict[str, dict]] = {}
        for result in (MetricResult.objects.filter(organisation=organisation).order_by("year")
                       .only("year", "scope", "document")):
            by_year.setdefault(result.year, {})[result.scope] = result.document
        return {year: _published(organisation, raws, scope) for year, raws in by_year.items() if scope in raws}

    return caching.shared(organisation, "published-by-year", scope, organisation.disclosure_threshold,
                          figures=True, compute=compute)


def available_years(organisation: Organisation) -> list[int]:
    return sorted(set(MetricResult.objects.filter(organisation=organisation).values_list("year", flat=True)))


def headline(document: dict | None, key: str):
    """The one figure that sums a metric up: RL for 2–5 and 8, the ratio for 6–7b, the senior−workforce
    difference for 9, the workforce BME % for 1."""
    if not document:
        return None
    metric = document.get(f"metric_{key}")
    if metric is None:
        return None
    if key == "1":
        return metric["workforce"]["bme_pct"]
    if key in ("6", "7a", "7b"):
        return metric["ratio"]
    if key == "9":
        return metric["difference_pp"]
    return metric["relative_likelihood"]


def likelihood_words(value, bme_label: str) -> str:
    """Skills for Care's reading of a relative likelihood: 0.80–1.25 inclusive is within parity."""
    if value is None:
        return "Not available (no data, a zero rate, or too few people to publish)."
    if 0.80 <= round(value, 2) <= 1.25:
        return f"{value:.2f}: within the range of parity (0.80 to 1.25)."
    if value > 1:
        return f"{value:.2f}: {bme_label} staff are {value:.2f} times as likely as White staff."
    return f"{value:.2f}: White staff are {1 / value:.2f} times as likely as {bme_label} staff."


def _why_not(key: str, metric: dict, label: str) -> str:
    """Why a metric that has its data has no headline figure: a count too small to publish, nobody in a
    group, or a White rate of zero (a likelihood would divide by it)."""
    if key == "1":
        parts = [metric["workforce"]]
    elif key == "9":
        parts = [metric["senior"], metric["workforce"]]
    else:
        parts = [metric["white"], metric["bme"]]
    if any(v is None for part in parts for k, v in part.items() if k in ("numerator", "denominator", "headcount", "bme")):
        return ("Not published: a count it needs is withheld (fewer people than the threshold, or a number that "
                "would let a small one be worked out).")
    if key == "9" and not metric["senior"]["headcount"]:
        return "Cannot be calculated: the staff extract marks no senior managers in post."
    if key == "1":
        return "Cannot be calculated: nobody is in post."
    if not metric["white"]["denominator"] or not metric["bme"]["denominator"]:
        return f"Cannot be calculated: it needs both White and {label} staff in the group counted."
    return "Cannot be calculated: the White rate is zero, so there is nothing to compare with."


def metric_summaries(organisation: Organisation, year: int, documents: dict[int, dict] | None = None) -> list[dict]:
    """One summary per metric key. `documents` (from published_by_year) saves the queries when the caller
    has them already."""
    if documents is None:
        current, previous = published_results(organisation, year), published_results(organisation, year - 1)
    else:
        current, previous = documents.get(year), documents.get(year - 1)
    label = organisation.bme_label
    out = []
    for key in KEYS:
        value, before = headline(current, key), headline(previous, key)
        no_data = None
        if current is None or current.get(f"metric_{key}") is None:
            note = ((current or {}).get("notes") or {}).get(f"metric_{key}")
            if note:
                no_data = note[0].upper() + note[1:] + "."
            else:
                no_data = f"No data for {year}: upload a {EXTRACT_FOR[key]} extract."
            if key == "9" and current and current.get("metric_1") is not None and not note:
                no_data = f"No data for {year}: the staff extract has no senior manager column."
        trend = None
        if value is not None and before is not None:
            trend = "same" if round(value, 2) == round(before, 2) else ("up" if value > before else "down")
        is_ratio = key not in ("1", "9")
        if value is None:
            words = no_data or _why_not(key, current.get(f"metric_{key}"), label)
        elif is_ratio:
            words = likelihood_words(value, label)
        elif key == "1":
            words = f"{value:.1f}% of staff in post are {label}."
        else:
            words = (f"The {label} share of senior managers is {abs(value):.1f} percentage points "
                     f"{'above' if value > 0 else 'below'} that of the whole workforce.")
        out.append({
            "key": key, "title": metric_title(key, label), "value": value, "previous": before, "trend": trend,
            "figure": wording.figure_text(key, value), "previous_figure": wording.figure_text(key, before),
            "change": wording.change(key, value, before),
            "within_parity": (0.80 <= round(value, 2) <= 1.25) if is_ratio and value is not None else None,
            "words": words, "no_data": no_data,
        })
    return out


def linked_actions(organisation: Organisation) -> dict[str, list[Action]]:
    """The organisation's actions linked to each metric key, by reference (one query)."""
    linked: dict[str, list[Action]] = {}
    actions = (Action.objects.filter(plan__organisation=organisation).exclude(metrics=[])
               .select_related("plan").order_by("reference", "pk"))
    for action in actions:
        for key in action.metrics or []:
            linked.setdefault(str(key), []).append(action)
    return linked


def local_population_differences(organisation: Organisation, document: dict) -> dict | None:
    """Metric 9 against the local population's BME % when the organisation has set it: senior managers'
    and the whole workforce's BME % minus the local one, in percentage points (null where not published)."""
    local = organisation.local_population_bme_pct
    m9 = document.get("metric_9")
    if local is None or not m9:
        return None
    local = float(local)

    def minus(value):
        return None if value is None else round(value - local, 1)

    return {"local_pct": local, "senior": minus(m9["senior"]["bme_pct"]), "workforce": minus(m9["workforce"]["bme_pct"])}


def data_quality(document: dict) -> list[dict]:
    """Each characteristic's published declaration figures with the not-known share of staff in post
    (prefer not to say and not known together: the staff whose answer cannot be used), or null where a
    count it needs is suppressed."""
    rows = []
    for name, figures in (document.get("declaration_rates") or {}).items():
        unusable = None
        # Declaration rates are the whole organisation's (every scope): its staff in post are the row's own
        # total, not the scope's workforce.
        parts = [figures.get(k) for k in ("declared", "prefer_not_to_say", "not_known")]
        in_post = sum(parts) if all(isinstance(v, int) for v in parts) else None
        if in_post and figures["not_known"] is not None and figures["prefer_not_to_say"] is not None:
            unusable = round((figures["not_known"] + figures["prefer_not_to_say"]) / in_post * 100, 1)
        rows.append({"name": name, **figures, "not_known_share_pct": unusable})
    return rows


def year_chart(document: dict, name: str, bme_label: str) -> str | None:
    """A chart of the metrics page drawn from a published document, as SVG (None for an unknown chart or
    one without its figures), cached by the figures and words it is drawn from (edi_tracker.caching)."""
    from edi_tracker import charts  # matplotlib: imported when a chart is drawn

    draw = {
        "metric-1": lambda: charts.pay_band_chart(document, bme_label),
        "gender-quartiles": lambda: charts.quartile_chart(document, "gender", bme_label),
        "ethnicity-quartiles": lambda: charts.quartile_chart(document, "ethnicity", bme_label),
    }.get(name)
    if draw is None:
        return None
    return caching.by_content(f"metrics-chart:{name}", [document, bme_label], compute=draw)


# Pay gap pages (HR and admins: raw figures, metrics.md §4) ------------------------------------------------

QUARTER_NAMES = ["Lower hourly pay quarter", "Lower middle hourly pay quarter", "Upper middle hourly pay quarter",
                 "Upper hourly pay quarter"]
ETHNIC_LABELS = {"other_ethnic_groups": "All other ethnic groups", "mixed": "Mixed or Multiple ethnic groups",
                 "asian": "Asian, Asian British or Asian Welsh",
                 "black": "Black, Black British, Black Welsh, Caribbean or African", "other": "Other ethnic group",
                 "white_other": "White other than White British", "white_british": "White British",
                 "not_known": "Not known"}
EXPLANATIONS = [
    "The mean pay gap is the difference between the average hourly pay of the two groups, as a percentage of "
    "the first group's. The median pay gap is the same for the middle earner of each group: half earn more, half "
    "less. A positive gap means the second group is paid less per hour; a negative one, more.",
    "A pay gap is not unequal pay for the same work (which is unlawful): it shows how the two groups are spread "
    "across jobs and grades. A large gap usually means one group holds more of the lower-paid posts.",
    "The bonus gaps compare the bonuses of everyone paid one in the 12 months to 31 March; the proportion "
    "receiving a bonus is of all relevant employees of the group.",
    "The quarters rank everyone counted from the lowest to the highest hourly pay and split them into four equal "
    "groups; each shows the share of each group in it. Equal pay across a boundary is shared between the quarters.",
]


def _one_decimal(value) -> str:
    return "Not available" if value is None else f"{value:.1f}%"


def _measure_rows(gap: dict, word: str, comparison: str, reference: str, labels: dict) -> list[tuple[str, str]]:
    bonus = gap.get("bonus_received_pct") or {}
    return [
        (f"Mean {word} pay gap in hourly pay", _one_decimal(gap["mean_pct"])),
        (f"Median {word} pay gap in hourly pay", _one_decimal(gap["median_pct"])),
        (f"Mean {word} pay gap in bonus pay", _one_decimal(gap["bonus_mean_pct"])),
        (f"Median {word} pay gap in bonus pay", _one_decimal(gap["bonus_median_pct"])),
        (f"Percentage of {labels[comparison]} who received bonus pay", _one_decimal(bonus.get(comparison))),
        (f"Percentage of {labels[reference]} who received bonus pay", _one_decimal(bonus.get(reference))),
    ]


def _quartile_rows(quartiles: list[dict] | None, columns: list[str]) -> list[dict] | None:
    if not quartiles:
        return None
    return [{"name": QUARTER_NAMES[q["quartile"] - 1], "count": q["count"],
             "cells": [_one_decimal(q.get(f"{c}_pct")) for c in columns]} for q in quartiles]


def _counted_sentence(gap: dict, comparison: str, reference: str, labels: dict, left_out_words: str) -> str:
    employees, relevant = gap["employees"], gap["relevant_employees"]
    sentence = (f"Counted for hourly pay (full-pay relevant employees with an hourly pay): {employees[comparison]:,} "
                f"{labels[comparison]} and {employees[reference]:,} {labels[reference]}. Counted for bonus pay (all "
                f"relevant employees, including those on reduced pay because of leave): {relevant[comparison]:,} "
                f"{labels[comparison]} and {relevant[reference]:,} {labels[reference]}.")
    if employees.get("left_out"):
        sentence += f" Left out: {employees['left_out']:,} {left_out_words}."
    return sentence


def pay_gap_view(organisation: Organisation, year: int, kind: str) -> dict | None:
    """The gender, ethnicity or disability pay gap of a stored year, ready for its page and its CSV:
    the six measures to one decimal place in the GOV.UK service's order, the quarters, and who was
    counted and left out. None when there is no such figure."""
    document = raw_results(organisation, year, "social_care")
    gaps = (document or {}).get("pay_gaps") or {}
    if kind not in ("gender", "ethnicity", "disability") or not gaps.get(kind):
        return None
    gap, notes = gaps[kind], (document.get("notes") or {})
    caveats = [text[0].upper() + text[1:] + "." for key, text in notes.items() if key.startswith("pay_gaps")]
    comparisons = []
    if kind == "gender":
        labels = {"female": "women", "male": "men"}
        comparisons.append({
            "heading": "Women compared with men", "rows": _measure_rows(gap, "gender", "female", "male", labels),
            "quartile_columns": ["Women", "Men"], "quartiles": _quartile_rows(gap["quartiles"], ["female", "male"]),
            "counted": _counted_sentence(gap, "female", "male", labels, "employees whose sex is neither female nor male, or not known"),
        })
        title = "Gender pay gap"
        statutory = bool(gap.get("statutory"))
    elif kind == "disability":
        labels = {"disabled": "disabled employees", "not_disabled": "employees who are not disabled"}
        comparisons.append({
            "heading": "Disabled employees compared with employees who are not disabled",
            "rows": _measure_rows(gap, "disability", "disabled", "not_disabled", labels),
            "quartile_columns": ["Disabled", "Not disabled"],
            "quartiles": _quartile_rows(gap["quartiles"], ["disabled", "not_disabled"]),
            "counted": _counted_sentence(gap, "disabled", "not_disabled", labels,
                                         "employees who did not declare whether they are disabled (prefer not to say or not known)"),
        })
        title, statutory = "Disability pay gap", False
    else:
        labels = {k: v for k, v in ETHNIC_LABELS.items()}
        for group, comparison in gap["comparisons"].items():
            comparisons.append({
                "heading": f"{ETHNIC_LABELS[group]} compared with White British",
                "rows": _measure_rows(comparison, "ethnicity", group, "white_british", labels),
                "quartile_columns": None, "quartiles": None,
                "counted": _counted_sentence(comparison, group, "white_british", labels,
                                             "employees whose ethnicity is not known or who preferred not to say"),
            })
        comparisons.append({
            "heading": "The ethnicity quarters",
            "rows": [], "quartile_columns": ["All other ethnic groups", "White British", "Not known"],
            "quartiles": _quartile_rows(gap["quartiles"], ["other_ethnic_groups", "white_british", "not_known"]),
            "counted": "Everyone full-pay relevant with an hourly pay is ranked, not known included.",
        })
        wres = gaps.get("ethnicity_wres")
        if wres:
            wres_labels = {"bme": f"{organisation.bme_label} employees", "white": "White employees"}
            comparisons.append({
                "heading": f"{organisation.bme_label} compared with White (the SC-WRES view)",
                "rows": _measure_rows(wres, "ethnicity", "bme", "white", wres_labels),
                "quartile_columns": [organisation.bme_label, "White", "Not known"],
                "quartiles": _quartile_rows(wres["quartiles"], ["bme", "white", "not_known"]),
                "counted": _counted_sentence({**wres, "employees": {**wres["employees"], "left_out": wres["employees"]["not_known"]}},
                                             "bme", "white", wres_labels, "employees whose ethnicity is not known (ranked, not compared)"),
            })
        title, statutory = "Ethnicity pay gap", False
    return {"title": title, "statutory": statutory, "comparisons": comparisons, "caveats": caveats,
            "explanations": EXPLANATIONS, "snapshot": document["period"]["snapshot"]}


def pay_gap_csv(view: dict) -> str:
    """The page's figures as CSV: one row per figure (comparison, figure, value), values to one decimal
    place as on the page. Every cell is text the product wrote (a negative gap is a number such as -5.0%)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Comparison", "Figure", "Value"])
    for comparison in view["comparisons"]:
        for figure, value in comparison["rows"]:
            writer.writerow([comparison["heading"], figure, value])
        for quarter in comparison["quartiles"] or []:
            for column, cell in zip(comparison["quartile_columns"], quarter["cells"]):
                writer.writerow([comparison["heading"], f"{quarter['name']}: {column}", cell])
    return out.getvalue()
