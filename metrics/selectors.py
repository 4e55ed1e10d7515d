"""Reads of metric results: raw (HR), published (everyone else), and one-line summaries per metric."""

from edi_tracker import caching
from edi_tracker.models import Organisation
from plans.models import Action
from workforce.models import Extract

from .compute import compute, to_jsonable
from .disclosure import publish
from .models import MetricResult
from .services import results_recompute

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
EXTRACT_FOR = {"1": "staff", "2": "recruitment", "3": "casework", "4": "casework", "5": "cpd", "6": "survey",
               "7a": "survey", "7b": "survey", "8": "staff", "9": "staff"}


def raw_results(organisation: Organisation, year: int) -> dict | None:
    result = MetricResult.objects.filter(organisation=organisation, year=year).first()
    return result.document if result else None


def raw_or_computed(organisation: Organisation, year: int) -> dict:
    """The stored raw document, or one computed from the records now: stored when the year has a current
    extract, so that a year typed by mistake does not join the list of years with figures."""
    stored = raw_results(organisation, year)
    if stored is not None:
        return stored
    if Extract.objects.filter(organisation=organisation, year=year, status="current").exists():
        return results_recompute(organisation=organisation, year=year).document
    return to_jsonable(compute(organisation, year))


def _published(organisation: Organisation, raw: dict) -> dict:
    document, suppressed = publish(raw, organisation.disclosure_threshold)
    document["suppressed"] = suppressed
    return document


def published_results(organisation: Organisation, year: int) -> dict | None:
    """The §8 document with disclosure control applied (and "suppressed": the places hidden), or None."""
    raw = raw_results(organisation, year)
    return None if raw is None else _published(organisation, raw)


def published_by_year(organisation: Organisation) -> dict[int, dict]:
    """Every stored year's published document, in one query (for pages showing the trend)."""
    results = MetricResult.objects.filter(organisation=organisation).order_by("year").only("year", "document")
    return {result.year: _published(organisation, result.document) for result in results}


def available_years(organisation: Organisation) -> list[int]:
    return sorted(MetricResult.objects.filter(organisation=organisation).values_list("year", flat=True))


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
        return "Not published: too few people to show safely."
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
            no_data = f"No data for {year}: upload a {EXTRACT_FOR[key]} extract."
            if key == "9" and current and current.get("metric_1") is not None:
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
            "key": key, "title": TITLES[key], "value": value, "previous": before, "trend": trend,
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
    in_post = (document.get("workforce") or {}).get("in_post")
    rows = []
    for name, figures in (document.get("declaration_rates") or {}).items():
        unusable = None
        if in_post and figures["not_known"] is not None and figures["prefer_not_to_say"] is not None:
            unusable = round((figures["not_known"] + figures["prefer_not_to_say"]) / in_post * 100, 1)
        rows.append({"name": name, **figures, "not_known_share_pct": unusable})
    return rows


def year_chart(organisation: Organisation, year: int, name: str) -> str | None:
    """A chart of the metrics page as SVG, or None for an unknown chart or a year without figures, cached by
    the published figures and words it is drawn from (edi_tracker.caching.by_content)."""
    from . import charts  # matplotlib: imported when a chart is drawn

    draw = {
        "metric-1": lambda document, label: charts.pay_band_chart(document, label),
        "gender-quartiles": lambda document, label: charts.quartile_chart(document, "gender", label),
        "ethnicity-quartiles": lambda document, label: charts.quartile_chart(document, "ethnicity", label),
    }.get(name)
    document = published_results(organisation, year) if draw else None
    if document is None:
        return None
    label = organisation.bme_label
    return caching.by_content(f"metrics-chart:{name}", [document, label], compute=lambda: draw(document, label))
