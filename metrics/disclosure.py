"""Disclosure control (metrics.md §6), applied to the raw document to make the published one.

Primary: a count from 1 to threshold − 1 is suppressed (zero is shown). A percentage, rate or ratio
whose numerator or denominator is suppressed is suppressed. Secondary: in a table that shows its
totals, no row or column may hold exactly one suppressed cell: the next smallest cell of that row or
column is suppressed as well, until none does. A table's totals are cells of its lines like any other
(a row's total closes the row, the totals row closes each column), so a hidden cell can never be worked
back from the totals shown; zeros are shown and never chosen to protect another cell. Suppressed
numbers become null, and every suppressed place is listed so pages and files can say "<threshold"
with a footnote.
"""

import copy

GROUPS = ("white", "bme", "not_known")


def is_small(count, threshold: int) -> bool:
    return count is not None and 0 < count < threshold


def secondary(matrix: list[list[int | None]], suppressed: set[tuple[int, int]],
              known: frozenset[tuple[int, int]] = frozenset()) -> set[tuple[int, int]]:
    """Extend `suppressed` so that no row or column of `matrix` has exactly one suppressed cell.
    The extra cell is the smallest non-zero one left. `known` cells are public whatever is shown (a
    pay quartile's size follows from the number of staff): they are never chosen, and hidden (when small)
    they protect nothing. Where a line has nothing else left to hide, one of its zeros is hidden instead
    (shown as "<threshold", which is true of 0)."""
    suppressed = set(suppressed)
    rows, cols = len(matrix), len(matrix[0]) if matrix else 0
    changed = True
    while changed:
        changed = False
        lines = [[(i, j) for j in range(cols)] for i in range(rows)] + [[(i, j) for i in range(rows)] for j in range(cols)]
        for line in lines:
            hidden = [c for c in line if c in suppressed and c not in known]  # a public cell protects nothing
            if len(hidden) != 1:
                continue
            free = [c for c in line if c not in suppressed and c not in known]
            candidates = [c for c in free if matrix[c[0]][c[1]]] or (free if known else [])
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

    def table(self, rows: list[dict], total_row: dict | None, groups, total_key: str, path: str,
              known_row_totals: bool = False) -> None:
        """Rows × groups, each row with its total (`total_key`), and the totals row when given. The
        suppression works on the table with its margins: a total is a cell of its row or column like any
        other, so no line (totals included) is left with exactly one hidden cell, and no hidden cell can
        be worked back from the totals shown."""
        lines = rows + ([total_row] if total_row is not None else [])
        names = list(groups) + [total_key]
        matrix = [[line[name] for name in names] for line in lines]
        known = frozenset((i, len(groups)) for i in range(len(lines))) if known_row_totals else frozenset()
        primary = {(i, j) for i, r in enumerate(matrix) for j, v in enumerate(r) if is_small(v, self.threshold)}
        hidden = secondary(matrix, primary, known)
        for i, line in enumerate(lines):
            place = f"{path}[{i}]" if i < len(rows) else f"{path}.total"
            for j, name in enumerate(names):
                if (i, j) in hidden:
                    line[name] = self.mark(f"{place}.{name}")
            for group in groups:
                if f"{group}_pct" in line and (line[group] is None or line[total_key] is None):
                    line[f"{group}_pct"] = None


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
        if m1.get("national_bands"):
            p.table(m1["national_bands"], None, GROUPS, "headcount", "metric_1.national_bands")
        if "national_bands_left_out" in m1:
            m1["national_bands_left_out"] = p.count(m1["national_bands_left_out"], "metric_1.national_bands_left_out")
        for band in m1["bands"] + (m1.get("national_bands") or []):
            if band["bme_pct"] is None or m1["workforce"]["bme_pct"] is None:
                band["bme_pct_difference"] = None
        # The same in-post totals appear in the workforce counts and in metric 9: publish them alike.
        if doc.get("workforce") and m1["workforce"]["headcount"] is None:
            doc["workforce"]["in_post"] = None
    for key in ("metric_2", "metric_3", "metric_4", "metric_5", "metric_8"):
        _rates(p, doc.get(key), key, "rate", "relative_likelihood")
        if doc.get(key) and doc[key]["relative_likelihood"] is None:
            doc[key]["relative_likelihood_nhs"] = None
    for key in ("metric_6", "metric_7a", "metric_7b"):
        _rates(p, doc.get(key), key, "pct", "ratio")
    m9 = doc.get("metric_9")
    if m9:
        if m1:
            for name in ("headcount", "bme", "bme_pct"):
                m9["workforce"][name] = m1["workforce"][name]
        for part in ("senior", "workforce"):
            for name in ("headcount", "bme"):
                m9[part][name] = p.count(m9[part][name], f"metric_9.{part}.{name}")
            if m9[part]["headcount"] is None or m9[part]["bme"] is None:
                m9[part]["bme_pct"] = None
        if m9["senior"]["bme_pct"] is None or m9["workforce"]["bme_pct"] is None:
            m9["difference_pp"] = None
        if m9["senior"]["bme"] is None or m9["senior"]["headcount"] is None or m9["workforce"]["bme"] is None:
            m9["relative_likelihood"] = m9["relative_likelihood_nhs"] = None
    gaps = doc.get("pay_gaps") or {}
    for name, compared, quartile_groups in (
            ("gender", ("female", "male"), ("female", "male")),
            ("ethnicity_wres", ("bme", "white"), ("bme", "white", "not_known")),
            ("disability", ("disabled", "not_disabled"), ("disabled", "not_disabled"))):
        gap = gaps.get(name)
        if not gap:
            continue
        if name == "gender" and gap.get("statutory"):
            continue  # the statutory gender figures are published as the law asks (metrics.md §4)
        _comparison(p, gap, compared, f"pay_gaps.{name}", quartile_groups)
    ethnicity = gaps.get("ethnicity")
    if ethnicity:
        for group, comparison in ethnicity["comparisons"].items():
            _comparison(p, comparison, (group, "white_british"), f"pay_gaps.ethnicity.comparisons.{group}", None)
        groups = ("other_ethnic_groups", "white_british", "not_known")
        if ethnicity.get("quartiles"):
            totals = {g: ethnicity["employees"][g] for g in groups}
            totals["count"] = sum(totals.values())
            p.table(ethnicity["quartiles"], totals, groups, "count", "pay_gaps.ethnicity.quartiles", known_row_totals=True)
            ethnicity["employees"].update({g: totals[g] for g in groups})
        else:
            for g in groups:
                ethnicity["employees"][g] = p.count(ethnicity["employees"][g], f"pay_gaps.ethnicity.employees.{g}")
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
PLACES = {"relative_likelihood": 2, "relative_likelihood_nhs": 2, "ratio": 2, "rate": 3}


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


def _comparison(p: Publisher, gap: dict, compared: tuple[str, str], path: str, quartile_groups) -> None:
    """One comparison's six measures: a gap between groups either of which is too small is not published;
    the quartile table is protected against its column totals (each group's employees)."""
    employees, relevant = gap["employees"], gap["relevant_employees"]
    if any(is_small(employees.get(g), p.threshold) for g in compared):
        gap["mean_pct"] = gap["median_pct"] = None
        p.mark(f"{path}.gap")
    if any(is_small(relevant.get(g), p.threshold) for g in compared):
        gap["bonus_mean_pct"] = gap["bonus_median_pct"] = gap["bonus_received_pct"] = None
        p.mark(f"{path}.bonus")
    if quartile_groups and gap.get("quartiles"):
        # Each quartile's size follows from the number ranked (GOV.UK method), so it is never relied on to
        # hide another.
        totals = {g: employees[g] for g in quartile_groups}
        totals["count"] = sum(totals.values())
        p.table(gap["quartiles"], totals, quartile_groups, "count", f"{path}.quartiles", known_row_totals=True)
        employees.update({g: totals[g] for g in quartile_groups})
    for group in list(employees):
        if not (quartile_groups and gap.get("quartiles") and group in quartile_groups):
            employees[group] = p.count(employees[group], f"{path}.employees.{group}")
    for group in list(relevant):
        relevant[group] = p.count(relevant[group], f"{path}.relevant_employees.{group}")


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
