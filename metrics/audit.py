"""The disclosure audit (metrics.md §6): for a published document, the range of values each suppressed
count could take given everything else published and the relations among the figures
(metrics.relations), computed by integer linear programming (SciPy's HiGHS, `scipy.optimize.milp`).

A suppressed count is narrowed when fewer than half the threshold of whole numbers remain possible
(ceil(threshold ÷ 2): 5 at the default of 10). The statutory gender pay gap figures are published as the
law asks and are not audited; nor are quartile sizes, which are places fixed by the number ranked.

The audit is strict when it is given the raw document as well: the quantities an insider can be taken
to know (staff whose last day is the snapshot date itself, relevant staff with no hourly pay for a
reason other than reduced-pay leave; usually none) are then fixed at their true values, as a reader who
assumes them to be zero would have them.

An implied count (metrics.relations: a count of people never printed, such as the White staff on reduced-pay
leave or the staff of a group outside social care) is audited, given the raw document, when it is small.
`audit_set` audits the documents of a year's scopes, published together, over the relations within and
across them; places are then named `scope:place`.

SciPy is imported when an audit runs, never when the product starts.
"""

import math
from dataclasses import dataclass

from .disclosure import solved
from .relations import Relations, relations, relations_of_set

TOLERANCE = 1e-9
# HiGHS's presolve has been seen to cut off feasible whole-number points of these programmes (a range of
# 58–58 where 60, the true value, fits every constraint); without it the answers are exact.
OPTIONS = {"presolve": False}


@dataclass(frozen=True)
class Range:
    place: str
    low: int
    high: float  # math.inf when nothing published bounds it from above
    true_value: int | None = None

    @property
    def values(self) -> float:
        return self.high - self.low + 1


@dataclass
class AuditResult:
    threshold: int
    ranges: list[Range]

    @property
    def needed(self) -> int:
        return needed(self.threshold)

    @property
    def narrowed(self) -> list[Range]:
        return [r for r in self.ranges if r.values < self.needed]

    @property
    def passed(self) -> bool:
        return not self.narrowed

    def describe(self) -> str:
        lines = [f"{len(self.ranges)} suppressed counts audited; each must keep at least {self.needed} possible values."]
        for r in self.narrowed:
            high = "∞" if r.high == math.inf else str(int(r.high))
            lines.append(f"{r.place} is narrowed to {r.low}–{high} ({int(r.values)} values)"
                         + (f"; it is {r.true_value}" if r.true_value is not None else "") + ".")
        return "\n".join(lines)


def needed(threshold: int) -> int:
    """Half the threshold, in whole numbers (rounded up)."""
    return (threshold + 1) // 2


def insider_values(raw: dict | Relations) -> dict[str, int]:
    """The insider's quantities of a raw document, worked out from its relations (every count known)."""
    rel = raw if isinstance(raw, Relations) else relations(raw)
    known = solved(rel)
    return {name: int(round(known[name])) for name in rel.insider if name in known}


def audit(published: dict, threshold: int, raw: dict | None = None) -> AuditResult:
    """Each suppressed count's feasible range in one published document (see the module docstring)."""
    rel = relations(published, raw=False)
    raw_rel = relations(raw) if raw is not None else None
    return _audit(rel, threshold, raw_rel)


def audit_set(published: dict[str, dict], threshold: int, raw: dict[str, dict] | None = None) -> AuditResult:
    """The audit of the documents of one organisation and year published together ({scope: document}),
    over every relation within and across them (metrics.relations.relations_of_set). Places are named
    `scope:place`."""
    rel = relations_of_set(published, raw=False)
    raw_rel = relations_of_set(raw) if raw is not None else None
    return _audit(rel, threshold, raw_rel)


def audit_relations(rel: Relations, threshold: int, raw_rel: Relations | None = None) -> AuditResult:
    """The audit over relations already built (networks.audit joins several organisations' documents):
    each suppressed count's feasible range; `raw_rel`, when given, holds the true values (the strict audit)."""
    return _audit(rel, threshold, raw_rel)


def _audit(rel: Relations, threshold: int, raw_rel: Relations | None) -> AuditResult:
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import lil_matrix

    raw = raw_rel
    raw_counts = raw_rel.counts if raw_rel is not None else {}
    pinned = insider_values(raw_rel) if raw_rel is not None else {}
    names = rel.names()
    index = {name: i for i, name in enumerate(names)}
    n = len(names)
    lower, upper = np.zeros(n), np.full(n, np.inf)
    for name, value in rel.counts.items():
        if value is not None:
            lower[index[name]] = upper[index[name]] = value
    for name, value in pinned.items():
        if name in index:
            lower[index[name]] = upper[index[name]] = value

    rows, low_b, high_b = [], [], []
    for terms, constant in rel.lines:
        rows.append(terms)
        low_b.append(constant)
        high_b.append(constant)
    for terms, constant in rel.bounds:
        rows.append(terms)
        low_b.append(-np.inf)
        high_b.append(constant)
    for ratio in rel.ratios:
        if ratio.value is None or ratio.numerator not in index or ratio.denominator not in index:
            continue
        half = 0.5 * 10 ** -ratio.places + TOLERANCE
        # low ≤ scale × numerator ÷ denominator ≤ high, times the denominator (≥ 0)
        rows.append({ratio.numerator: ratio.scale, ratio.denominator: -(ratio.value + half)})
        low_b.append(-np.inf)
        high_b.append(TOLERANCE)
        rows.append({ratio.numerator: ratio.scale, ratio.denominator: -(ratio.value - half)})
        low_b.append(-TOLERANCE)
        high_b.append(np.inf)
        # a share of nobody is not printed: the denominator is at least 1
        rows.append({ratio.denominator: 1})
        low_b.append(1)
        high_b.append(np.inf)
    matrix = lil_matrix((len(rows), n))
    for i, terms in enumerate(rows):
        for name, coefficient in terms.items():
            matrix[i, index[name]] += coefficient
    constraints = [LinearConstraint(matrix.tocsr(), np.array(low_b), np.array(high_b))] if rows else []
    bounds = Bounds(lower, upper)
    integrality = np.ones(n)

    # Quartile sizes are places, fixed by the number ranked (GOV.UK method): withheld with it, but not
    # counts of people to protect.
    skipped = rel.statutory | {v for sizes, _ in rel.tied for v in sizes}
    ranges = []
    for name, value in rel.counts.items():
        if value is not None or name in skipped or (raw is not None and raw_counts.get(name) is None):
            continue
        if name in rel.implied and not (raw is not None and 0 < raw_counts[name] < threshold):
            continue  # an implied count (never printed) is protected only when it is small
        c = np.zeros(n)
        c[index[name]] = 1
        low = milp(c, constraints=constraints, bounds=bounds, integrality=integrality, options=OPTIONS)
        if low.status == 2:
            raise ValueError(f"The published figures contradict each other (no value of {name} fits them).")
        high = milp(-c, constraints=constraints, bounds=bounds, integrality=integrality, options=OPTIONS)
        high_value = math.inf if high.status == 3 or high.x is None else round(-high.fun)
        ranges.append(Range(name, round(low.fun), high_value, raw_counts.get(name)))
    return AuditResult(threshold, ranges)
