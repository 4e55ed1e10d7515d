"""The disclosure audit (metrics.md §6, metrics.audit) over a network's table: every member's published
document with its own relations, joined by what the network publishes besides (the totals of the pan-network
table, each the sum of the members' counts of its cell). Each member's records are its own, so members'
documents share no person; what could narrow a suppressed count is a network total less the other members'
published counts. The rule that must hold is the organisation's: each suppressed count keeps at least half
its publication's threshold of possible values.
"""

from dataclasses import dataclass

from metrics.audit import Range, audit_relations, needed
from metrics.relations import Ratio, Relations, relations

from .selectors import GROUPS, band_rows


def _prefixed(prefix: str, name: str) -> str:
    return f"{prefix}:{name}"


def _add(combined: Relations, rel: Relations, prefix: str) -> None:
    p = lambda name: _prefixed(prefix, name)  # noqa: E731
    for name, value in rel.counts.items():
        combined.counts[p(name)] = value
    combined.aux |= {p(n) for n in rel.aux}
    combined.insider |= {p(n) for n in rel.insider}
    combined.statutory |= {p(n) for n in rel.statutory}
    combined.lines += [({p(k): v for k, v in terms.items()}, c) for terms, c in rel.lines]
    combined.bounds += [({p(k): v for k, v in terms.items()}, c) for terms, c in rel.bounds]
    combined.ratios += [Ratio(p(r.figure), p(r.numerator), p(r.denominator), r.value, r.scale, r.places)
                        for r in rel.ratios]
    combined.tied += [([p(v) for v in sizes], p(whole)) for sizes, whole in rel.tied]


def _member_place(row_index: int, key: str) -> str:
    """The place in a §8 document of row `row_index` of band_rows (0: the workforce, then national bands)."""
    if row_index == 0:
        return f"metric_1.workforce.{key}"
    return f"metric_1.national_bands[{row_index - 1}].{key}"


def network_relations(table: dict) -> Relations:
    combined = Relations()
    for member in table["members"]:
        _add(combined, relations(member["document"]), member["organisation"])
    for i, total in enumerate(table["totals"] or []):
        for key in ("headcount",) + tuple(g for g, _ in GROUPS):
            if total.get(key) is None:
                continue
            name = combined.count(f"network.totals[{i}].{key}", total[key])
            parts = [_prefixed(m["organisation"], _member_place(i, key)) for m in table["members"]
                     if band_rows(m["document"]) is not None]
            combined.total(parts, name)
    return combined


@dataclass
class NetworkAuditResult:
    ranges: list[tuple[Range, int]]  # each suppressed count's range, with the values it must keep

    @property
    def narrowed(self) -> list[Range]:
        return [r for r, need in self.ranges if r.values < need]

    @property
    def passed(self) -> bool:
        return not self.narrowed


def network_audit(table: dict) -> NetworkAuditResult:
    """Each member's suppressed counts, given everything the network's table publishes."""
    thresholds = {m["organisation"]: m["threshold"] for m in table["members"]}
    result = audit_relations(network_relations(table), min(thresholds.values(), default=10))
    return NetworkAuditResult([(r, needed(thresholds.get(r.place.split(":", 1)[0], 10))) for r in result.ranges])
