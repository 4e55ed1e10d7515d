"""Disclosure control (metrics.md §6), applied to the raw document to make the published one.

The method we chose: **consistent suppression across the whole document**, withholding a derivable
total where it would give a hidden count away; no rounding of counts.

1. Primary: a count from 1 to threshold − 1 is suppressed; zero is shown.
2. The document's counts are tied together by relations (metrics.relations): sums across groups and
   their totals (metric 1's broad groups of BME — Asian, Black, Mixed, Other — add up to its BME count in
   the workforce row and in each national band, and equal the ethnicity pay gap's relevant employees of the
   group for all staff), the same population shown in several places (metric 1's workforce, the workforce
   counts and metric 9; the denominators of metrics 3, 5 and 8; the declaration rates' in-post total and
   the pay gaps' relevant employees; the hourly-pay population behind every pay gap and its quartiles),
   workforce in the year = in post + leavers − those leaving on the snapshot date, group by group, and
   every subset within its population (the difference being an unpublished quantity of at least 0).
   Each relation is a line, like a row or a column of a table with its total; the same population
   shown twice is a line of two cells, so it is suppressed the same way everywhere.
3. Secondary, over every line of the whole document: no line may be left with exactly one unknown (a
   hidden count, or an unpublished quantity that other lines do not pin down — one that is none at all,
   or that an insider knows, such as the staff leaving on the snapshot date itself, counts as pinned),
   and where a line's unknowns all add up on one side, they must together hold at least the threshold.
   The lines are then taken together (reduced to row echelon form) to catch a hidden count that only a
   combination of lines pins down or squeezes. Where a line breaks a rule, its smallest non-zero count
   still shown is hidden as well (or a count of a line that pins down one of its unpublished
   quantities; a zero, shown as "<threshold", which is true of 0, only when nothing else is left and
   nothing else pins it), and the check starts again until no line breaks one.
4. Pay quartiles are published only when at least 4 × threshold staff are ranked: in a smaller quartile
   every count is pinned close by the quartile's size, whatever is hidden. Quartile sizes follow from
   the number ranked: shown when the number ranked can be worked out from the rest, withheld otherwise.
5. A percentage, rate, ratio or pay gap built on a hidden count (or on an unpublished quantity the
   published counts do not pin down) is hidden too: the published percentages are worked out from
   published counts only. Percentages are published to one decimal place, rates (fractions) to three,
   ratios to two.

6. The documents published together are protected together (`publish_set`): a year's figures are published
   for social care, adults', children's and all staff, and adults + children = social care ⊆ all staff, count
   by count (metrics.relations.relations_of_set). A count hidden in one scope is protected against the counts
   of every other, and the staff outside social care (all staff − social care) are implied counts: never
   printed, but protected like printed ones when small. So is the number of a group's relevant employees left
   out of the hourly-pay figures (on reduced-pay leave): relevant employees − employees with an hourly pay.
7. Every hidden count is shown the same way, "withheld" (never "<threshold" for some and another word for
   the others): told which hidden counts are small, a reader would know the others are at least the
   threshold, and the audit, given that knowledge, narrows hidden counts of generated organisations well
   below half the threshold. The published JSON keeps them null, with a note saying what null means.

The statutory gender pay gap figures of an employer with 250 or more relevant employees are exempt
(`"statutory": true`): they are published as the law asks, and the other figures are protected against
them. Below 250 relevant employees they pass this control like every other figure.

The rule this has to meet — every suppressed count keeps at least half the threshold of possible
values given everything published — is proved by the audit (metrics.audit), which works out each
suppressed count's range by integer linear programming over the same relations and the published
percentages at their printed precision; the suite runs it on generated organisations of several sizes
and thresholds. The rules above are a heuristic the audit checks, not a proof on their own.
"""

import copy
import re

from .relations import GROUPS, RATE_METRICS, SHARED, SURVEY_METRICS, base_scope, relations, relations_of_set

STATUTORY_EMPLOYEES = 250
# A null count of a published document: a small count, or one withheld to protect a small one. The two are
# not told apart (nor on the pages): a reader told which are which would know the second are at least the
# threshold, and the audit shows that this narrows hidden counts.
SUPPRESSED_NOTE = ("a null count is withheld: fewer than {threshold} people, or a number withheld so that a small "
                   "number elsewhere cannot be worked out")


def is_small(count, threshold: int) -> bool:
    return count is not None and 0 < count < threshold


def secondary(matrix: list[list[int | None]], suppressed: set[tuple[int, int]],
              known: frozenset[tuple[int, int]] = frozenset()) -> set[tuple[int, int]]:
    """One table on its own: extend `suppressed` so that no row or column of `matrix` has exactly one
    suppressed cell. The extra cell is the smallest non-zero one left. `known` cells are public whatever
    is shown: they are never chosen, and hidden they protect nothing. Where a line has nothing else left
    to hide, one of its zeros is hidden instead."""
    suppressed = set(suppressed)
    rows, cols = len(matrix), len(matrix[0]) if matrix else 0
    changed = True
    while changed:
        changed = False
        lines = [[(i, j) for j in range(cols)] for i in range(rows)] + [[(i, j) for i in range(rows)] for j in range(cols)]
        for line in lines:
            hidden = [c for c in line if c in suppressed and c not in known]
            if len(hidden) != 1:
                continue
            free = [c for c in line if c not in suppressed and c not in known]
            candidates = [c for c in free if matrix[c[0]][c[1]]] or (free if known else [])
            if not candidates:
                continue
            suppressed.add(min(candidates, key=lambda c: (matrix[c[0]][c[1]], c)))
            changed = True
    return suppressed


# Paths --------------------------------------------------------------------------------------------------

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _steps(path: str) -> list:
    return [int(index) if index else key for key, index in _STEP.findall(path)]


def get_path(document, path: str):
    value = document
    for step in _steps(path):
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def set_path(document, path: str, value) -> None:
    steps = _steps(path)
    target = document
    for step in steps[:-1]:
        target = target[step]
    target[steps[-1]] = value


# The protection ---------------------------------------------------------------------------------------------

def statutory(document: dict) -> bool:
    """Whether the gender pay gap figures are the employer's statutory publication (250 or more relevant
    employees, everyone in post in the whole organisation)."""
    gender = (document.get("pay_gaps") or {}).get("gender")
    if not isinstance(gender, dict):
        return False
    if "statutory" in gender:
        return bool(gender["statutory"])
    sex = (document.get("declaration_rates") or {}).get("sex")
    if isinstance(sex, dict):
        relevant = sum(sex.get(k) or 0 for k in ("declared", "prefer_not_to_say", "not_known"))
    else:
        relevant = sum(v for v in (gender.get("relevant_employees") or {}).values() if isinstance(v, int))
    return relevant >= STATUTORY_EMPLOYEES


def solved(rel) -> dict[str, float]:
    """The values of a raw document's counts and of the unpublished quantities its lines pin down."""
    known: dict[str, float] = {k: v for k, v in rel.counts.items() if v is not None}
    changed = True
    while changed:
        changed = False
        for terms, constant in rel.lines:
            unknown = [v for v in terms if v not in known]
            if len(unknown) == 1:
                v = unknown[0]
                known[v] = (constant - sum(c * known[k] for k, c in terms.items() if k != v)) / terms[v]
                changed = True
    return known


def protected_counts(document: dict, threshold: int, reasons: dict | None = None) -> tuple[set[str], set[str], set[str]]:
    """(the counts to hide, the statutory counts shown whatever they are, the unpublished quantities a
    reader can work out from what is shown) of a raw document. `reasons`, when given, is filled with why
    each count beyond the primary ones was hidden (the line it mends)."""
    rel = relations(document)
    public: set[str] = set()
    if statutory(document):
        public = {p for p in rel.counts if p.startswith("pay_gaps.gender.") and not p.endswith(".left_out")}
    return _protect(rel, public, threshold, reasons)


def _protect(rel, public: set[str], threshold: int, reasons: dict | None = None) -> tuple[set[str], set[str], set[str]]:
    # An implied count (never printed) needs protecting only when it is small; otherwise it is one more
    # unpublished quantity, unknown unless the published counts pin it down.
    for name in rel.implied:
        if name in rel.counts and not is_small(rel.counts[name], threshold):
            del rel.counts[name]
            rel.aux.add(name)
    values = rel.counts
    sizes = {v for group, _ in rel.tied for v in group}
    # Quartile sizes follow from the number ranked, which a reader can nearly always bound closely: they
    # are taken as known and never chosen; they are shown exactly when the number ranked can be worked
    # out from the rest (withheld otherwise, as a derivable total).
    hidden = {p for p, v in values.items() if p not in public and p not in sizes and is_small(v, threshold)}
    minimum_mass = threshold
    truth = solved(rel)  # every count and every unpublished quantity, from the raw document
    lines_of: dict[str, list[int]] = {}
    for k, (terms, _) in enumerate(rel.lines):
        for name in terms:
            lines_of.setdefault(name, []).append(k)

    # An unpublished quantity that is none at all is taken as known: a reader bounds it by 0 from below,
    # and so pins the counts it ties together.
    guessable = set(rel.insider) | {v for v in rel.aux if abs(truth.get(v, 1)) < 0.5}

    def closure(unknown_cells: set[str]) -> set[str]:
        known = set(guessable)
        changed = True
        while changed:
            changed = False
            for terms, _ in rel.lines:
                left = [v for v in terms if v in unknown_cells or (v in rel.aux and v not in known)]
                if len(left) == 1 and left[0] in rel.aux:
                    known.add(left[0])
                    changed = True
        return known

    def withheld_sizes() -> set[str]:
        known = closure(hidden | sizes)
        return {v for group, ranked in rel.tied if ranked not in known and ranked not in rel.insider for v in group
                if v not in public}

    def violation(terms: dict, unknown_cells: set[str], known: set[str]) -> str | None:
        left = [v for v in terms if v in unknown_cells or (v in rel.aux and v not in known)]
        cells = [v for v in left if v not in rel.aux]
        if not cells:
            return None
        if len(left) == 1:
            return "exact"
        if (len({terms[v] > 0 for v in left}) == 1 and any(truth.get(v, 0) for v in cells)
                and sum(abs(terms[v]) * truth.get(v, 0) for v in left) < minimum_mass):
            return "thin"
        return None

    def shown(names, unknown_cells, zeros=False):
        """The counts of `names` that may still be hidden to protect another: shown, not statutory, not a
        quartile size, and not zero unless `zeros` (a hidden zero protects nothing where its line's hidden
        counts add up to little, and would itself need protecting)."""
        return [v for v in names if v in values and v not in unknown_cells and v not in public and v not in sizes
                and v not in rel.implied and values[v] is not None and (values[v] or zeros and v not in pinned_zeros)]

    given_up: set[int] = set()
    pinned_zeros: set[str] = set()
    while True:
        unknown_cells = set(hidden)
        known = closure(unknown_cells)
        broken = {k: why for k, (terms, _) in enumerate(rel.lines)
                  if k not in given_up and (why := violation(terms, unknown_cells, known))}
        if not broken:
            combined = _combined_violation(rel, hidden, known, truth, minimum_mass)
            if combined is None:
                final = hidden | withheld_sizes()
                return final, public, closure(final)
            why, terms, lines = combined
            if all(not truth.get(v, 0) for v in terms):
                # Hidden zeros that the rest pins down protect nothing and are known anyway: shown again.
                hidden -= set(terms)
                pinned_zeros.update(terms)
                continue
            candidates = shown(sorted({v for line in lines for v in line}), unknown_cells)
            if not candidates:
                final = hidden | withheld_sizes()  # nothing left to hide near it: the audit will say
                return final, public, closure(final)
            chosen = min(candidates, key=lambda v: (not values[v], values[v], len(lines_of.get(v, [])), v))
            hidden.add(chosen)
            if reasons is not None:
                reasons[chosen] = f"{why} (combined) " + " + ".join(f"{c:g}·{v}" for v, c in terms.items())
            continue
        k = min(broken)
        terms = rel.lines[k][0]
        candidates = shown(terms, unknown_cells)
        if not candidates:
            # Nothing left to hide in this line: hide a count of a line that pins down one of its
            # unpublished quantities.
            candidates = sorted({v for aux in terms if aux in rel.aux and aux in known and aux not in rel.insider
                                 for j in lines_of.get(aux, []) if j != k for v in shown(rel.lines[j][0], unknown_cells)})
        if not candidates and broken[k] == "exact":
            # A zero (shown as "<threshold", true of 0), where each of its other lines has another unknown:
            # a zero that the rest pins down would protect nothing.
            candidates = [z for z in shown(terms, unknown_cells, zeros=True) if not values[z] and all(
                any(v != z and (v in unknown_cells or (v in rel.aux and v not in known)) for v in rel.lines[j][0])
                for j in lines_of.get(z, []) if j != k)]
        if not candidates:
            given_up.add(k)
            continue
        # Prefer a count that mends several broken lines at once, then one in fewer lines, then the
        # smallest; a zero only when nothing else is left.
        mends = {v: sum(v in rel.lines[j][0] for j in broken) for v in candidates}
        chosen = min(candidates, key=lambda v: (not values[v], -mends[v], len(lines_of.get(v, [])), values[v], v))
        hidden.add(chosen)
        if reasons is not None:
            reasons[chosen] = f"{broken[k]} " + " + ".join(f"{c}·{v}" for v, c in terms.items())


def _combined_violation(rel, hidden: set[str], known: set[str], truth: dict, minimum_mass: int):
    """The lines taken together: reduce them to row echelon form over the unknowns (unpublished quantities
    first, then hidden counts from the largest to the smallest) and look for a row that pins a hidden
    count down (one unknown left) or holds only hidden counts of one sign adding up to less than the
    threshold. Returns (why, {count: coefficient}, the lines combined) or None."""
    unknown_aux = sorted(v for v in rel.aux if v not in known)
    cells = sorted(hidden, key=lambda v: (-truth.get(v, 0), v))
    columns = unknown_aux + cells
    if not cells:
        return None
    import numpy as np

    index = {v: i for i, v in enumerate(columns)}
    rows = [terms for terms, _ in rel.lines if any(v in index for v in terms)]
    # The lines' own identity on the right: each reduced row says which lines it combines.
    matrix = np.zeros((len(rows), len(columns) + len(rows)))
    matrix[:, len(columns):] = np.eye(len(rows))
    for i, terms in enumerate(rows):
        for v, c in terms.items():
            if v in index:
                matrix[i, index[v]] = c
    pivot_row = 0
    width = len(columns)
    for col in range(width):
        if pivot_row >= len(rows):
            break
        best = pivot_row + int(np.argmax(np.abs(matrix[pivot_row:, col])))
        if abs(matrix[best, col]) < 1e-9:
            continue
        matrix[[pivot_row, best]] = matrix[[best, pivot_row]]
        matrix[pivot_row] /= matrix[pivot_row, col]
        others = np.abs(matrix[:, col]) > 1e-12
        others[pivot_row] = False
        matrix[others] -= np.outer(matrix[others, col], matrix[pivot_row])
        pivot_row += 1
    aux_columns = len(unknown_aux)
    for row in matrix[:pivot_row]:
        nonzero = np.flatnonzero(np.abs(row[:width]) > 1e-9)
        if len(nonzero) == 0 or nonzero[0] < aux_columns:
            continue
        terms = {columns[j]: float(row[j]) for j in nonzero}
        lines = [rows[j] for j in np.flatnonzero(np.abs(row[width:]) > 1e-9)]
        if len(terms) == 1:
            return "exact", terms, lines
        if len({c > 0 for c in terms.values()}) == 1 and sum(abs(c) * truth.get(v, 0) for v, c in terms.items()) < minimum_mass:
            return "thin", terms, lines
    return None


def publish(document: dict, threshold: int) -> tuple[dict, list[str]]:
    """The published document (suppressed numbers null) and the list of suppressed places, for a document
    published on its own. The documents of a year's scopes are published together: `publish_set`."""
    scope = document.get("scope") or "all"
    return publish_set({scope: document}, threshold)[scope]


def publish_set(documents: dict[str, dict], threshold: int) -> dict[str, tuple[dict, list[str]]]:
    """The documents of one organisation and year published together, one per scope ({scope: raw
    document}): protected as one, so that no count published for one scope (all staff, say) works back a
    count hidden in another (social care) — metrics.relations.relations_of_set. Returns {scope: (the
    published document, its suppressed places)}; the whole-organisation sections (pay gaps, declaration
    rates) are published the same in every one."""
    docs = {scope: copy.deepcopy(document) for scope, document in documents.items()}
    for doc in docs.values():
        _withhold_small_quartiles(doc, threshold)
    base = base_scope(docs)
    rel = relations_of_set(docs)
    public: set[str] = set()
    if statutory(docs[base]):
        public = {p for p in rel.counts if p.startswith(f"{base}:pay_gaps.gender.") and not p.endswith(".left_out")}
    hidden, public, known = _protect(rel, public, threshold)
    hidden -= rel.implied  # never printed: nothing to blank
    out = {}
    for scope in [base] + [s for s in docs if s != base]:
        prefix = f"{scope}:"

        def own(names: set[str], prefix=prefix) -> set[str]:
            return {n[len(prefix):] for n in names if n.startswith(prefix)}

        doc, suppressed = _finish(documents[scope], docs[scope], own(hidden), own(public), own(known), threshold,
                                  statutory(docs[base]))
        if scope != base:
            shared, shared_suppressed = out[base]
            for section in SHARED:
                if section in shared:
                    doc[section] = copy.deepcopy(shared[section])
            suppressed += [p for p in shared_suppressed if p.split(".")[0] in SHARED]
            notes, shared_notes = doc.get("notes"), shared.get("notes") or {}
            if isinstance(notes, dict):
                notes.update({k: v for k, v in shared_notes.items() if k.split(".")[0] in SHARED})
        if suppressed and isinstance(doc.get("notes"), dict):
            doc["notes"]["suppressed"] = SUPPRESSED_NOTE.format(threshold=threshold)
        out[scope] = (doc, suppressed)
    return {scope: out[scope] for scope in documents}


def _finish(document: dict, doc: dict, hidden: set[str], public: set[str], known: set[str], threshold: int,
            is_statutory: bool) -> tuple[dict, list[str]]:
    """One document of a set with its hidden counts blanked, and the shares, rates and gaps built on them."""
    rel = relations(doc)
    suppressed = sorted(hidden, key=list(rel.counts).index)
    gender = (doc.get("pay_gaps") or {}).get("gender")
    if isinstance(gender, dict):
        gender["statutory"] = is_statutory
    for path in hidden:
        set_path(doc, path, None)

    def gone(*paths) -> bool:
        """Hidden, or an unpublished quantity that the published counts do not pin down."""
        return any(p in hidden or (p in rel.aux and p not in known) for p in paths)

    for ratio in rel.ratios:
        if ratio.value is None:
            continue
        if ratio.figure in public:
            continue
        if ratio.numerator in rel.aux:  # a bonus share: its count of people is not printed, but is implied
            whole = get_path(document, ratio.denominator)
            people = round(ratio.value * whole / ratio.scale) if whole else 0
            if gone(ratio.denominator) or is_small(people, threshold) or is_small((whole or 0) - people, threshold):
                set_path(doc, ratio.figure, None)
                suppressed.append(ratio.figure)
        elif gone(ratio.numerator, ratio.denominator):
            set_path(doc, ratio.figure, None)
    _derived(doc, hidden, public, threshold)
    return rounded(doc), suppressed


def _withhold_small_quartiles(doc: dict, threshold: int) -> None:
    """Pay quartiles are published only when each holds about the threshold of people or more (at least
    4 × threshold ranked): in a smaller quartile every count is pinned close by the quartile's size,
    which follows from the number ranked, whatever is hidden. The statutory gender quartiles are kept."""
    for name, gap in (doc.get("pay_gaps") or {}).items():
        if not isinstance(gap, dict) or not gap.get("quartiles") or (name == "gender" and statutory(doc)):
            continue
        if sum(q.get("count") or 0 for q in gap["quartiles"]) < 4 * threshold:
            gap["quartiles"] = None
            if isinstance(doc.get("notes"), dict):
                doc["notes"][f"pay_gaps.{name}.quartiles"] = (
                    f"too few staff to publish pay quartiles (fewer than {4 * threshold} ranked)")


def _derived(doc: dict, hidden: set[str], public: set[str], threshold: int) -> None:
    """Figures built on hidden counts: differences of shares, likelihoods, ratios and pay gaps."""
    m1 = doc.get("metric_1")
    if m1:
        for key in ("bands", "national_bands"):
            for band in m1.get(key) or []:
                if "bme_pct_difference" in band and (band.get("bme_pct") is None or (m1.get("workforce") or {}).get("bme_pct") is None):
                    band["bme_pct_difference"] = None
    for key in RATE_METRICS + SURVEY_METRICS:
        metric = doc.get(key)
        if metric and any(f"{key}.{g}.{part}" in hidden for g in ("white", "bme") for part in ("numerator", "denominator")):
            for name in ("relative_likelihood", "relative_likelihood_nhs", "ratio"):
                if name in metric:
                    metric[name] = None
    m9 = doc.get("metric_9")
    if m9:
        if (m9.get("senior") or {}).get("bme_pct") is None or (m9.get("workforce") or {}).get("bme_pct") is None:
            m9["difference_pp"] = None
        if any(p.startswith("metric_9.") for p in hidden) or "metric_1.workforce.white" in hidden:
            for name in ("relative_likelihood", "relative_likelihood_nhs"):
                if name in m9:
                    m9[name] = None
    gaps = doc.get("pay_gaps") or {}
    compared = {"gender": ("female", "male"), "ethnicity": ("white_british", "other_ethnic_groups"),
                "ethnicity_wres": ("white", "bme"), "disability": ("disabled", "not_disabled")}

    def too_few(at: str, employees: dict, groups) -> bool:
        return any(f"{at}.employees.{g}" in hidden or (g in employees and employees[g] is None) for g in groups)

    for name, groups in compared.items():
        gap = gaps.get(name)
        if not isinstance(gap, dict) or (name == "gender" and gap.get("statutory")):
            continue
        at, employees = f"pay_gaps.{name}", gap.get("employees") or {}
        if name == "ethnicity" and "white_british" not in employees:
            groups = ("white", "bme")  # the older document's ethnicity gap: White against BME
        _gap_measures(gap, too_few(at, employees, groups), threshold)
        if name != "ethnicity":
            continue
        for group, comparison in (gap.get("comparisons") or {}).items():
            if not isinstance(comparison, dict):
                continue
            few = too_few(at, employees, ("white_british", group)) or too_few(
                f"{at}.comparisons.{group}", comparison.get("employees") or {}, (group, "white_british"))
            _gap_measures(comparison, few, threshold)
        for figures in (gap.get("groups") or {}).values():  # the older document's broader groups
            if isinstance(figures, dict) and is_small(figures.get("employees"), threshold):
                figures["employees"] = figures["mean_pct"] = figures["median_pct"] = None


def _gap_measures(gap: dict, too_few: bool, threshold: int) -> None:
    if too_few:
        for name in ("mean_pct", "median_pct"):
            if name in gap:
                gap[name] = None
    shares = gap.get("bonus_received_pct")
    if too_few or isinstance(shares, dict) and any(v is None for v in shares.values()):
        for name in ("bonus_mean_pct", "bonus_median_pct"):
            if name in gap:
                gap[name] = None
    bonus = gap.get("bonus")  # the older document's bonus figures
    if isinstance(bonus, dict):
        for sex in ("male", "female"):
            if is_small(bonus.get(f"{sex}_receiving"), threshold):
                bonus[f"{sex}_receiving"] = bonus[f"{sex}_receiving_pct"] = None
        if bonus.get("male_receiving") is None or bonus.get("female_receiving") is None:
            bonus["mean_pct"] = bonus["median_pct"] = None


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


__all__ = ["GROUPS", "is_small", "publish", "publish_set", "protected_counts", "rounded", "secondary", "statutory"]
