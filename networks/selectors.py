"""Reads of networks: who may see what, and the side-by-side tables drawn from members' current publications.

Every figure shown comes from a publication's frozen document, as it was published: nothing is recomputed
from records. The network's totals add up members' published counts only, and only where every member's
count of the cell is published, so that a total can never give back a count a member suppressed
(networks.audit proves it). Medians and quartiles are of the members' published values (Python's
`statistics.median`, and `statistics.quantiles(n=4, method="inclusive")`, the spreadsheet QUARTILE.INC).
"""

import statistics
from dataclasses import dataclass

from django.db.models import Q

from edi_tracker.models import Membership, Organisation
from metrics.disclosure import get_path
from metrics.selectors import TITLES

from .models import MembershipStatus, Network, NetworkCoordinator, NetworkMembership, Publication

PARITY = (0.80, 1.25)
# The seed's rule (the regional alliance's pan-London table): a share whose numerator is 3 people or
# fewer is shown as "<10%".
SEED_SMALL = 3
SCOPE_WORDS = {"all": "all staff", "social_care": "social care staff", "adults": "adults' social care",
               "children": "children's social care"}
# The groups of the pan-network table, in the seed's order: BME, then each broad ONS group of it (metric 1 gives
# them in its workforce row and national bands, metrics.md §3), White, and not known.
GROUPS = (("bme", "Black, Asian and minority ethnic"), ("asian", "Asian, Asian British or Asian Welsh"),
          ("black", "Black, Black British, Black Welsh, Caribbean or African"),
          ("mixed", "Mixed or Multiple ethnic groups"), ("other", "Other ethnic group"), ("white", "White"),
          ("not_known", "Not known"))
# The groups with a local population share (an organisation sets its BME share, and may set each broad group's).
LOCAL_POPULATION_GROUPS = tuple(g for g, _ in GROUPS if g != "not_known")


@dataclass(frozen=True)
class Figure:
    key: str  # a short name for URLs and JSON
    path: str  # its place in the §8 document
    title: str
    kind: str  # "rl" (a relative likelihood or ratio, parity 1.00), "pct" (a percentage), "pp" (points)


METRIC_FIGURES = [
    Figure("metric_1", "metric_1.workforce.bme_pct", "Black, Asian and minority ethnic share of the workforce", "pct"),
    *(Figure(f"metric_{k}", f"metric_{k}.relative_likelihood", TITLES[k], "rl") for k in ("2", "3", "4", "5")),
    *(Figure(f"metric_{k}", f"metric_{k}.ratio", TITLES[k], "rl") for k in ("6", "7a", "7b")),
    Figure("metric_8", "metric_8.relative_likelihood", TITLES["8"], "rl"),
    Figure("metric_9", "metric_9.relative_likelihood", TITLES["9"], "rl"),
]
PAY_GAP_FIGURES = [
    Figure("gender_mean", "pay_gaps.gender.mean_pct", "Gender pay gap, mean hourly pay", "pct"),
    Figure("gender_median", "pay_gaps.gender.median_pct", "Gender pay gap, median hourly pay", "pct"),
    Figure("ethnicity_mean", "pay_gaps.ethnicity.comparisons.other_ethnic_groups.mean_pct",
           "Ethnicity pay gap (other ethnic groups against White British), mean", "pct"),
    Figure("ethnicity_median", "pay_gaps.ethnicity.comparisons.other_ethnic_groups.median_pct",
           "Ethnicity pay gap (other ethnic groups against White British), median", "pct"),
    Figure("wres_mean", "pay_gaps.ethnicity_wres.mean_pct", "Ethnicity pay gap (BME against White), mean", "pct"),
    Figure("wres_median", "pay_gaps.ethnicity_wres.median_pct", "Ethnicity pay gap (BME against White), median", "pct"),
    Figure("disability_mean", "pay_gaps.disability.mean_pct", "Disability pay gap, mean hourly pay", "pct"),
    Figure("disability_median", "pay_gaps.disability.median_pct", "Disability pay gap, median hourly pay", "pct"),
]
DECLARATION_FIGURES = [
    Figure("ethnicity_declared", "declaration_rates.ethnicity.rate_pct", "Ethnicity declared", "pct"),
    Figure("disability_declared", "declaration_rates.disability.rate_pct", "Disability declared", "pct"),
    Figure("sex_declared", "declaration_rates.sex.rate_pct", "Sex declared", "pct"),
    Figure("ethnicity_not_known", "metric_1.workforce.not_known_pct", "Ethnicity not known (staff in scope)", "pct"),
]
ALL_FIGURES = {f.key: f for f in METRIC_FIGURES + PAY_GAP_FIGURES + DECLARATION_FIGURES}


# Who may see a network --------------------------------------------------------------------------------------
def is_coordinator(user, network: Network) -> bool:
    return user.is_authenticated and NetworkCoordinator.objects.filter(network=network, user=user).exists()


def member_organisations_of(user, network: Network) -> list[Organisation]:
    """The user's organisations that are members of the network."""
    if not user.is_authenticated:
        return []
    return list(Organisation.objects.filter(
        memberships__user=user, network_memberships__network=network,
        network_memberships__status=MembershipStatus.MEMBER).order_by("name"))


def networks_for_user(user) -> list[Network]:
    """The networks a user coordinates or whose member organisations they belong to."""
    if not user.is_authenticated:
        return []
    orgs = Membership.objects.filter(user=user).values("organisation")
    return list(Network.objects.filter(
        Q(coordinators__user=user)
        | Q(memberships__organisation__in=orgs, memberships__status=MembershipStatus.MEMBER)).distinct().order_by("name"))


def user_has_networks(user) -> bool:
    if not user.is_authenticated:
        return False
    orgs = Membership.objects.filter(user=user).values("organisation")
    return Network.objects.filter(
        Q(coordinators__user=user)
        | Q(memberships__organisation__in=orgs, memberships__status=MembershipStatus.MEMBER)).exists()


def memberships_of(network: Network) -> list[NetworkMembership]:
    return list(network.memberships.select_related("organisation").order_by("organisation__name"))


def organisation_networks(organisation: Organisation) -> list[NetworkMembership]:
    """An organisation's invitations and memberships, with its current publications to each."""
    rows = list(NetworkMembership.objects.filter(organisation=organisation).select_related("network")
                .order_by("network__name"))
    current = {}
    for publication in Publication.objects.filter(organisation=organisation, withdrawn_at=None, replaced_at=None)\
            .order_by("year"):
        current.setdefault(publication.network_id, []).append(publication)
    for row in rows:
        row.current_publications = current.get(row.network_id, []) if row.status == MembershipStatus.MEMBER else []
    return rows


def publishable_years(organisation: Organisation) -> list[int]:
    """The years an organisation has staff figures for (a current staff extract or stored results), newest first."""
    from metrics.selectors import available_years
    from workforce.models import Extract

    years = set(available_years(organisation)) | set(
        Extract.objects.filter(organisation=organisation, kind="staff", status="current").values_list("year", flat=True))
    return sorted(years, reverse=True)


# The publications shown -------------------------------------------------------------------------------------
def current_publications(network: Network, year: int) -> list[Publication]:
    """The publications the network's pages show for a year: current, of organisations that are members."""
    members = NetworkMembership.objects.filter(network=network, status=MembershipStatus.MEMBER).values("organisation")
    return list(Publication.objects.filter(network=network, year=year, withdrawn_at=None, replaced_at=None,
                                           organisation__in=members)
                .select_related("organisation").order_by("organisation__name"))


def years_published(network: Network) -> list[int]:
    members = NetworkMembership.objects.filter(network=network, status=MembershipStatus.MEMBER).values("organisation")
    return sorted(set(Publication.objects.filter(network=network, withdrawn_at=None, replaced_at=None,
                                                 organisation__in=members).values_list("year", flat=True)),
                  reverse=True)


# Statistics -------------------------------------------------------------------------------------------------
def summary(values: list[float]) -> dict:
    """The median and quartiles of members' values (None where there are too few)."""
    values = sorted(v for v in values if v is not None)
    if not values:
        return {"count": 0, "median": None, "lower_quartile": None, "upper_quartile": None}
    if len(values) == 1:
        return {"count": 1, "median": values[0], "lower_quartile": None, "upper_quartile": None}
    lower, middle, upper = statistics.quantiles(values, n=4, method="inclusive")
    return {"count": len(values), "median": statistics.median(values), "lower_quartile": lower, "upper_quartile": upper}


def _round(value, kind: str):
    if value is None:
        return None
    return round(value, 2 if kind == "rl" else 1)


def within_parity(value) -> bool | None:
    return None if value is None else PARITY[0] <= value <= PARITY[1]


# The network table (what the pages, exports and `network_table --json` show) ---------------------------------
def network_table(network: Network, year: int) -> dict:
    publications = current_publications(network, year)
    members = [{
        "organisation": p.organisation.slug, "name": p.organisation.name, "scope": p.scope, "threshold": p.threshold,
        "publication_id": p.pk, "published_at": p.created_at.isoformat(),
        "local_population_bme_pct": None if p.local_population_bme_pct is None else float(p.local_population_bme_pct),
        "local_population": _local_population(p),
        "document": p.document,
    } for p in publications]
    medians = {}
    for figure in ALL_FIGURES.values():
        values = [get_path(m["document"], figure.path) for m in members]
        stats = summary([v for v in values if isinstance(v, (int, float))])
        medians[figure.key] = {"path": figure.path, **{k: (_round(v, figure.kind) if k != "count" else v)
                                                       for k, v in stats.items()}}
    return {"network": network.slug, "name": network.name, "year": year, "members": members, "medians": medians,
            "totals": pay_band_totals(members)}


def _local_population(publication: Publication) -> dict[str, float]:
    """The local population's shares the member had set when it published ({"bme": 41.0, "asian": 18.4, ...})."""
    shares = {g: float(v) for g, v in (publication.local_population or {}).items() if v is not None}
    if publication.local_population_bme_pct is not None:
        shares["bme"] = float(publication.local_population_bme_pct)
    return {g: shares[g] for g in LOCAL_POPULATION_GROUPS if g in shares}


# The pan-network pay band table --------------------------------------------------------------------------------
def band_rows(document: dict) -> list[dict] | None:
    """A member's workforce and national salary bands of metric 1, as published (None when not published)."""
    m1 = document.get("metric_1") or {}
    bands = m1.get("national_bands")
    if bands is None or m1.get("workforce") is None:
        return None
    return [{"band": "All staff", **m1["workforce"]}] + list(bands)


def pay_band_totals(members: list[dict]) -> list[dict] | None:
    """The network's total of each cell: the sum of members' published counts where every member's count of
    the cell is published; None otherwise (a total must not give back a suppressed count)."""
    per_member = [band_rows(m["document"]) for m in members]
    per_member = [rows for rows in per_member if rows is not None]
    if not per_member:
        return None
    totals = []
    for i, first in enumerate(per_member[0]):
        row = {"band": first["band"]}
        for key in ("headcount",) + tuple(g for g, _ in GROUPS):
            # A member whose document has no such count (published before metric 1 gave the broad groups) leaves
            # the total unknown, as a suppressed count does.
            cells = [rows[i].get(key) if i < len(rows) else None for rows in per_member]
            row[key] = None if any(c is None for c in cells) else sum(cells)
        for group, _ in GROUPS:
            row[f"{group}_pct"] = (None if row[group] is None or not row["headcount"]
                                   else round(row[group] / row["headcount"] * 100, 1))
        totals.append(row)
    return totals


def share_cell(count, pct, threshold: int, given: bool = True) -> dict:
    """How one share is shown: the product's rule for counts (a suppressed count: "withheld", as on the
    organisation's own pages — small or withheld so that a small number cannot be worked out), then the
    seed's rule (a numerator of 1 to 3 people: "<10%"), otherwise the percentage to one place. `given`: False
    where the published document has no such figure at all (published before metric 1 gave the broad groups)."""
    if not given:
        return {"text": "not published", "note": "absent", "value": None}
    if count is None or (pct is None and count):
        return {"text": "withheld", "note": "suppressed", "value": None}
    if 0 < count <= SEED_SMALL:
        return {"text": "<10%", "note": "small", "value": None}
    if pct is None:
        return {"text": "–", "note": "", "value": None}
    return {"text": f"{pct:.1f}%", "note": "", "value": pct}


def _shade(value) -> str:
    """A shading class for a group's share, in steps of 20 points: each step has its own pattern as well as its
    tone (static_src/app.scss), so it reads without colour."""
    if value is None:
        return ""
    return f"app-shade-{min(int(value // 20), 4)}"


def pay_band_table(table: dict) -> dict:
    """The pan-network table of the seed: per member, each ethnic group's share of its staff and of each
    national salary band (BME, its broad groups, White, and the share not known), each beside the member's
    local population share where it set one; and the network total."""
    members = table["members"]
    header = None
    rows = []
    for m in members:
        bands = band_rows(m["document"])
        if bands is not None and header is None:
            header = [b["band"] for b in bands]
        rows.append(_pay_band_row(m["name"], m["organisation"], m["scope"], bands, m["threshold"],
                                  m.get("local_population") or _bme_only(m.get("local_population_bme_pct"))))
    totals = table["totals"]
    total_row = None
    if totals:
        threshold = max((m["threshold"] for m in members), default=10)
        total_row = _pay_band_row("Network total", "", "", totals, threshold, {}, total=True)
    header = header or ["All staff", "Less than £30,000", "£30,000 to £69,999", "£70,000 and over"]
    groups = [{"group": g, "label": label, "local": g in LOCAL_POPULATION_GROUPS,
               "span": len(header) + (g in LOCAL_POPULATION_GROUPS)} for g, label in GROUPS]
    return {"bands": header, "groups": GROUPS, "columns": groups, "rows": rows, "total": total_row,
            "span": sum(g["span"] for g in groups)}


def _bme_only(local) -> dict:
    return {} if local is None else {"bme": local}


def _pay_band_row(name, slug, scope, bands, threshold, local: dict, total=False) -> dict:
    groups = []
    for group, label in GROUPS:
        cells = []
        for band in bands or []:
            count = band.get(group)
            if total and count is None:
                cells.append({"text": "not shown", "note": "total", "value": None, "shade": ""})
                continue
            cell = share_cell(count, band.get(f"{group}_pct"), threshold, given=group in band)
            cell["shade"] = _shade(cell["value"]) if group != "not_known" else ""
            cells.append(cell)
        population = None
        if group in LOCAL_POPULATION_GROUPS:
            value = local.get(group)
            population = {"value": value, "text": "" if total else ("not set" if value is None else f"{value:.1f}%")}
        groups.append({"group": group, "label": label, "cells": cells, "local": population})
    return {"name": name, "organisation": slug, "scope": scope, "scope_words": SCOPE_WORDS.get(scope, ""),
            "published": bands is not None, "groups": groups, "local_population": local,
            "local_population_bme_pct": local.get("bme"), "total": total}


# Side by side --------------------------------------------------------------------------------------------------
def side_by_side(table: dict, figures: list[Figure], *, sort: str = "name", only: str = "") -> list[dict]:
    """For each figure: each member's value (sorted by name or value, optionally only those outside the
    range of parity), with the network's median and quartiles."""
    out = []
    for figure in figures:
        rows = []
        for m in table["members"]:
            value = get_path(m["document"], figure.path)
            value = value if isinstance(value, (int, float)) else None
            rows.append({"name": m["name"], "organisation": m["organisation"], "scope": m["scope"],
                         "scope_words": SCOPE_WORDS.get(m["scope"], ""),
                         "value": _round(value, figure.kind),
                         "within": within_parity(value) if figure.kind == "rl" else None})
        if only == "outside" and figure.kind == "rl":
            rows = [r for r in rows if r["within"] is False]
        if sort == "value":
            rows.sort(key=lambda r: (r["value"] is None, r["value"] if r["value"] is not None else 0, r["name"]))
        elif sort == "value-desc":
            rows.sort(key=lambda r: (r["value"] is None, -(r["value"] or 0), r["name"]))
        out.append({"figure": figure, "rows": rows, "stats": table["medians"][figure.key]})
    return out


def standing(table: dict, organisation_slug: str) -> list[dict]:
    """Where one member stands on each figure: its value, its place among the members with a value (1 is the
    lowest), and the network's median and quartiles."""
    out = []
    for figure in METRIC_FIGURES + PAY_GAP_FIGURES + DECLARATION_FIGURES:
        values = []
        own = None
        for m in table["members"]:
            value = get_path(m["document"], figure.path)
            if isinstance(value, (int, float)):
                values.append(value)
                if m["organisation"] == organisation_slug:
                    own = value
        stats = table["medians"][figure.key]
        place = None if own is None else 1 + sum(1 for v in values if v < own)
        relation = None
        if own is not None and stats["median"] is not None:
            rounded = _round(own, figure.kind)
            relation = "at" if rounded == stats["median"] else ("above" if rounded > stats["median"] else "below")
        out.append({"figure": figure, "value": _round(own, figure.kind), "place": place, "of": len(values),
                    "stats": stats, "relation": relation,
                    "within": within_parity(own) if figure.kind == "rl" else None})
    return out
