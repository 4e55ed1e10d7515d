"""Disclosure control (metrics.md §6), applied to the raw document to make the published one.

Primary: a count from 1 to threshold − 1 is suppressed (zero is shown). A percentage, rate or ratio
whose numerator or denominator is suppressed is suppressed. Secondary: in a table that shows its
totals, no row or column may hold exactly one suppressed cell: the next smallest cell of that row or
column is suppressed as well, until none does. Suppressed numbers become null, and every suppressed
place is listed so pages and files can say "<threshold" with a footnote.
"""

import copy

GROUPS = ("white", "bme", "not_known")


def is_small(count, threshold: int) -> bool:
    return count is not None and 0 < count < threshold


def secondary(matrix: list[list[int | None]], suppressed: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """Extend `suppressed` so that no row or column of `matrix` has exactly one suppressed cell.
    The extra cell is the smallest non-zero one left (a suppressed zero would protect nothing)."""
    suppressed = set(suppressed)
    rows, cols = len(matrix), len(matrix[0]) if matrix else 0
    changed = True
    while changed:
        changed = False
        lines = [[(i, j) for j in range(cols)] for i in range(rows)] + [[(i, j) for i in range(rows)] for j in range(cols)]
        for line in lines:
            hidden = [c for c in line if c in suppressed]
            if len(hidden) != 1:
                continue
            candidates = [c for c in line if c not in suppressed and matrix[c[0]][c[1]]]
            if not candidates:
                continue
            smallest = min(candidates, key=lambda c: (matrix[c[0]][c[1]], c))
            suppressed.add(smallest)
            changed = True
    return suppressed


class Publisher:
    def __init__(self, threshold: int):
        self.threshold = threshold
        self.suppressed: list[str] = []

    def count(self, value, path: str):
        if is_small(value, self.threshold):
            self.suppressed.append(path)
            return None
        return value

    def mark(self, path: str):
        self.suppressed.append(path)
        return None

    # A table of counts with totals: rows × groups, each row's total, and the totals row.
    def table(self, rows: list[dict], total_row: dict | None, groups, total_key: str, path: str) -> None:
        matrix = [[row[g] for g in groups] for row in rows]
        primary = {(i, j) for i, r in enumerate(matrix) for j, v in enumerate(r) if is_small(v, self.threshold)}
        hidden = secondary(matrix, primary)
        for i, row in enumerate(rows):
            for j, group in enumerate(groups):
                if (i, j) in hidden:
                    row[group] = self.mark(f"{path}[{i}].{group}")
            alone = sum((i, j) in hidden for j in range(len(groups))) == 1
            # A line left with one hidden cell (the rest zeros) would give it away from its total: hide the total.
            row[total_key] = self.mark(f"{path}[{i}].{total_key}") if alone else self.count(row[total_key], f"{path}[{i}].{total_key}")
            for group in groups:
                if f"{group}_pct" in row and (row[group] is None or row[total_key] is None):
                    row[f"{group}_pct"] = None
        if total_row is not None:
            for j, group in enumerate(groups):
                alone = sum((i, j) in hidden for i in range(len(rows))) == 1
                total_row[group] = self.mark(f"{path}.total.{group}") if alone else self.count(total_row[group], f"{path}.total.{group}")
            total_row[total_key] = self.count(total_row[total_key], f"{path}.total.{total_key}")
            for group in groups:
                if f"{group}_pct" in total_row and (total_row[group] is None or total_row[total_key] is None):
                    total_row[f"{group}_pct"] = None


def publish(document: dict, threshold: int) -> tuple[dict, list[str]]:
    """The published document (suppressed numbers null) and the list of suppressed places."""
    doc = copy.deepcopy(document)
    p = Publisher(threshold)
    if doc.get("workforce"):
        for name in ("in_post", "in_year", "leavers"):
            doc["workforce"][name] = p.count(doc["workforce"][name], f"workforce.{name}")
    m1 = doc.get("metric_1")
    if m1:
        p.table(m1["bands"], m1["workforce"], GROUPS, "headcount", "metric_1.bands")
        for band in m1["bands"]:
            if band["bme_pct"] is None or m1["workforce"]["bme_pct"] is None:
                band["bme_pct_difference"] = None
    for key in ("metric_2", "metric_3", "metric_4", "metric_5", "metric_8"):
        _rates(p, doc.get(key), key, "rate", "relative_likelihood")
    for key in ("metric_6", "metric_7a", "metric_7b"):
        _rates(p, doc.get(key), key, "pct", "ratio")
    m9 = doc.get("metric_9")
    if m9:
        for part in ("senior", "workforce"):
            for name in ("headcount", "bme"):
                m9[part][name] = p.count(m9[part][name], f"metric_9.{part}.{name}")
            if m9[part]["headcount"] is None or m9[part]["bme"] is None:
                m9[part]["bme_pct"] = None
        if m9["senior"]["bme_pct"] is None or m9["workforce"]["bme_pct"] is None:
            m9["difference_pp"] = None
    gaps = doc.get("pay_gaps") or {}
    for name, groups in (("gender", ("female", "male")), ("ethnicity", ("white", "bme", "not_known")),
                         ("disability", ("disabled", "not_disabled"))):
        gap = gaps.get(name)
        if not gap:
            continue
        employees = gap["employees"]
        compared = [g for g in groups if g != "not_known"]
        if any(is_small(employees[g], threshold) for g in compared):
            gap["mean_pct"] = gap["median_pct"] = None
            p.mark(f"pay_gaps.{name}.gap")
        for group in list(employees):
            employees[group] = p.count(employees[group], f"pay_gaps.{name}.employees.{group}")
        if gap.get("quartiles"):
            p.table(gap["quartiles"], None, groups, "count", f"pay_gaps.{name}.quartiles")
        for group, figures in (gap.get("groups") or {}).items():
            figures["employees"] = p.count(figures["employees"], f"pay_gaps.{name}.groups.{group}.employees")
            if figures["employees"] is None:
                figures["mean_pct"] = figures["median_pct"] = None
        bonus = gap.get("bonus")
        if bonus:
            for sex in ("male", "female"):
                bonus[f"{sex}_receiving"] = p.count(bonus.get(f"{sex}_receiving"), f"pay_gaps.{name}.bonus.{sex}_receiving")
                if bonus[f"{sex}_receiving"] is None:
                    bonus[f"{sex}_receiving_pct"] = None
            if bonus["male_receiving"] is None or bonus["female_receiving"] is None:
                bonus["mean_pct"] = bonus["median_pct"] = None
    declaration = doc.get("declaration_rates") or {}
    for name, row in declaration.items():
        # One row whose total (the in-post headcount) is shown: secondary suppression along it.
        cells = [row["declared"], row["prefer_not_to_say"], row["not_known"]]
        hidden = secondary([cells], {(0, j) for j, v in enumerate(cells) if is_small(v, threshold)})
        for (_, j) in hidden:
            field = ("declared", "prefer_not_to_say", "not_known")[j]
            row[field] = p.mark(f"declaration_rates.{name}.{field}")
        if row["declared"] is None:
            row["rate_pct"] = None
    return rounded(doc), p.suppressed


# Percentages are published to one decimal place and ratios to two (§6). A rate is a fraction: three
# places, the precision of a percentage to one decimal place.
PLACES = {"relative_likelihood": 2, "ratio": 2, "rate": 3}


def _places(key: str) -> int | None:
    if key in PLACES:
        return PLACES[key]
    if key.endswith("pct") or key.endswith("_pct_difference") or key == "difference_pp":
        return 1
    return None


def rounded(value, key: str = ""):
    """The document with every percentage, rate and ratio rounded for publication."""
    if isinstance(value, dict):
        return {k: rounded(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [rounded(v, key) for v in value]
    if isinstance(value, float):
        places = _places(key)
        return round(value, places) if places is not None else value
    return value


def _rates(p: Publisher, metric: dict | None, key: str, rate: str, likelihood: str) -> None:
    if not metric:
        return
    hidden = False
    for group in ("white", "bme"):
        figures = metric[group]
        figures["numerator"] = p.count(figures["numerator"], f"{key}.{group}.numerator")
        figures["denominator"] = p.count(figures["denominator"], f"{key}.{group}.denominator")
        if figures["numerator"] is None or figures["denominator"] is None:
            figures[rate] = None
            hidden = True
    if hidden:
        metric[likelihood] = None
