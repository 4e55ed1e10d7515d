"""How the figures of one metrics document (metrics.md §8) relate to each other: the knowledge a reader
has besides the numbers themselves. Disclosure control (metrics.disclosure) protects against it and
the audit (metrics.audit) proves the protection by linear programming over it.

Every count of the document is a variable named by its place (`metric_1.bands[0].white`,
`pay_gaps.gender.quartiles[2].female`). Quantities the document never prints but that tie its counts
together are auxiliary variables, named with a leading underscore: the hourly-pay population of the
pay gaps (`_hourly`), the relevant employees of the whole organisation (`_in_post_all`), the leavers
whose ethnicity is not known, and so on. Some of them an insider can be taken to know — the staff whose
last day is the snapshot date itself (both in post and leavers, usually none), the relevant staff with
no hourly pay for a reason other than reduced-pay leave — and the protection and the strict audit treat
those as known (`insider`).

The relations:
- `lines`: Σ coefficient × variable = constant — sums across groups and their totals (metric 1's
  Asian + Black + Mixed + Other = BME, in its workforce row and each national band), the same
  population shown twice (metric 1's workforce, the workforce counts and metric 9; metric 3's, 5's and
  8's denominators; the pay gaps' populations), workforce in the year = in post + leavers − those
  leaving on the snapshot date, group by group.
- `bounds`: Σ coefficient × variable ≤ constant — a numerator within its denominator, a subset
  within its population (senior managers, regulated staff, the hourly-pay population within the
  relevant employees), a quartile's size within ±3 of a quarter of the staff ranked.
- `ratios`: a printed percentage, rate or share between its numerator and denominator, to its
  printed precision (percentages to one place, rates to three).
Every count is a whole number of at least 0.
"""

from dataclasses import dataclass, field

GROUPS = ("white", "bme", "not_known")
# The ONS high-level groups that make up BME in metric 1's workforce row and national bands (metrics.md §3).
BME_GROUPS = ("asian", "black", "mixed", "other")
RATE_METRICS = ("metric_2", "metric_3", "metric_4", "metric_5", "metric_8")
SURVEY_METRICS = ("metric_6", "metric_7a", "metric_7b")
# Places each kind of figure is published to (metrics.md §6); a rate is a fraction.
PCT_PLACES, RATE_PLACES = 1, 3
ETHNIC_BROAD = ("mixed", "asian", "black", "other", "white_other")


@dataclass
class Ratio:
    figure: str  # the place of the printed figure
    numerator: str
    denominator: str
    value: float | None  # as printed (None: not published)
    scale: int  # 100 for a percentage, 1 for a rate
    places: int


@dataclass
class Relations:
    counts: dict[str, int | None] = field(default_factory=dict)  # every count, as this document has it
    aux: set[str] = field(default_factory=set)
    insider: set[str] = field(default_factory=set)
    lines: list[tuple[dict[str, int], int]] = field(default_factory=list)
    bounds: list[tuple[dict[str, int], int]] = field(default_factory=list)
    ratios: list[Ratio] = field(default_factory=list)
    tied: list[tuple[list[str], str]] = field(default_factory=list)  # quartile sizes and the number ranked
    statutory: set[str] = field(default_factory=set)  # the statutory gender counts (published whatever they show)
    # Counts of people the document never prints but that published counts could give away (the difference
    # of two of them): in `counts` like any other, a raw document's value, None in a published one.
    implied: set[str] = field(default_factory=set)
    raw: bool = True  # whether the document is raw (implied counts known) or published (implied counts unknown)

    # Building --------------------------------------------------------------------------------------------
    def count(self, path: str, value) -> str:
        self.counts[path] = value if value is None else int(value)
        return path

    def implied_count(self, path: str, value) -> str:
        self.implied.add(path)
        return self.count(path, value if self.raw else None)

    def hidden(self, name: str, insider: bool = False) -> str:
        self.aux.add(name)
        if insider:
            self.insider.add(name)
        return name

    def line(self, terms: dict[str, int], constant: int = 0) -> None:
        terms = {k: v for k, v in terms.items() if v}
        if terms:
            self.lines.append((terms, constant))

    def total(self, parts: list[str], whole: str) -> None:
        """Σ parts = whole."""
        terms: dict[str, int] = {}
        for part in parts:
            terms[part] = terms.get(part, 0) + 1
        terms[whole] = terms.get(whole, 0) - 1
        self.line(terms)

    def same(self, a: str, b: str) -> None:
        if a != b:
            self.line({a: 1, b: -1})

    def at_most(self, small: list[str], large: list[str]) -> None:
        """Σ small ≤ Σ large: Σ small + the difference = Σ large, the difference an unpublished quantity
        (at least 0, like every other), so that a difference of none ties the two sides as a total does."""
        terms: dict[str, int] = {}
        for name in small:
            terms[name] = terms.get(name, 0) + 1
        for name in large:
            terms[name] = terms.get(name, 0) - 1
        terms = {k: v for k, v in terms.items() if v}
        if terms:
            terms[self.hidden(f"_difference.{len(self.aux)}")] = 1
            self.lines.append((terms, 0))

    def ratio(self, figure: str, value, numerator: str, denominator: str, scale: int = 100, places: int = PCT_PLACES):
        self.ratios.append(Ratio(figure, numerator, denominator, value, scale, places))

    def names(self) -> list[str]:
        return list(self.counts) + sorted(self.aux)


def _get(document: dict, *keys):
    value = document
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _all_staff(document: dict) -> bool:
    """The SC-WRES figures are for the same staff as the pay gaps and declaration rates: scope "all",
    or no social care areas set (every staff row in scope)."""
    scope = document.get("scope")
    return scope in (None, "all") or "scope" in (document.get("notes") or {})


def relations(document: dict, raw: bool = True) -> Relations:
    """The relations among the counts of `document` (raw or published: the values are the document's, a
    suppressed count None; a published document's implied counts are None)."""
    r = Relations(raw=raw)
    in_post = _metric_1(r, document)
    _workforce(r, document, in_post)
    for key in RATE_METRICS + SURVEY_METRICS:
        _rates(r, document, key, in_post)
    _metric_9(r, document, in_post)
    all_staff = r.hidden("_in_post_all")
    if in_post and _all_staff(document):
        r.same(all_staff, in_post["headcount"])
    _declaration(r, document, all_staff, in_post if _all_staff(document) else None)
    _pay_gaps(r, document, all_staff, in_post if _all_staff(document) else None)
    return r


def _table(r: Relations, rows: list[dict], place: str, groups, total_key: str, totals: dict[str, str] | None) -> None:
    """Rows × groups with each row's total; `totals`: the column totals' names, when shown."""
    for i, row in enumerate(rows):
        at = f"{place}[{i}]"
        whole = f"{at}.{total_key}"
        _parts(r, row, at, groups, whole, whole)
        r.count(whole, row.get(total_key))  # after the groups', as the names are listed
    if totals:
        for g in list(groups) + [total_key]:
            if g in totals:
                r.total([f"{place}[{i}].{g}" for i, row in enumerate(rows) if g in row or g == total_key], totals[g])


def _broad_groups(r: Relations, row: dict, at: str, bme: str, whole: str) -> dict[str, str]:
    """A row's broad groups of BME (asian, black, mixed, other) where the row gives them: they add up to
    its BME count, and each share is of the row's headcount."""
    if not any(g in row for g in BME_GROUPS):
        return {}
    return _parts(r, row, at, BME_GROUPS, bme, whole)


def _parts(r: Relations, row: dict, at: str, groups, sum_to: str, share_of: str) -> dict[str, str]:
    """The row's counts of `groups` (those it gives): all of them add up to `sum_to`, fewer add up to at most
    that; each `_pct` share is of `share_of`."""
    names = {g: r.count(f"{at}.{g}", row.get(g)) for g in groups if g in row}
    if len(names) == len(groups):
        r.total(list(names.values()), sum_to)
    else:
        r.at_most(list(names.values()), [sum_to])
    for g, name in names.items():
        if f"{g}_pct" in row:
            r.ratio(f"{at}.{g}_pct", row[f"{g}_pct"], name, share_of)
    return names


def _metric_1(r: Relations, document: dict) -> dict[str, str] | None:
    m1 = document.get("metric_1")
    if not m1:
        return None
    wf = m1.get("workforce") or {}
    in_post = {g: r.count(f"metric_1.workforce.{g}", wf.get(g)) for g in GROUPS + ("headcount",)}
    r.total([in_post[g] for g in GROUPS], in_post["headcount"])
    for g in GROUPS:
        if f"{g}_pct" in wf:
            r.ratio(f"metric_1.workforce.{g}_pct", wf[f"{g}_pct"], in_post[g], in_post["headcount"])
    in_post.update(_broad_groups(r, wf, "metric_1.workforce", in_post["bme"], in_post["headcount"]))
    _table(r, m1.get("bands") or [], "metric_1.bands", GROUPS, "headcount", in_post)
    national = m1.get("national_bands")
    if national:
        _table(r, national, "metric_1.national_bands", GROUPS, "headcount", None)
        for i, row in enumerate(national):
            at = f"metric_1.national_bands[{i}]"
            _broad_groups(r, row, at, f"{at}.bme", f"{at}.headcount")
        left_out = m1.get("national_bands_left_out")
        heads = [f"metric_1.national_bands[{i}].headcount" for i in range(len(national))]
        if isinstance(left_out, int) or left_out is None and "national_bands_left_out" in m1:
            r.total(heads + [r.count("metric_1.national_bands_left_out", left_out)], in_post["headcount"])
        else:
            r.at_most(heads, [in_post["headcount"]])
        for g in GROUPS + BME_GROUPS:
            if g in in_post:  # a group's staff placed in a band are among its staff in post
                r.at_most([f"metric_1.national_bands[{i}].{g}" for i in range(len(national)) if g in national[i]],
                          [in_post[g]])
    return in_post


def _workforce(r: Relations, document: dict, in_post: dict | None) -> None:
    wf = document.get("workforce")
    if not wf:
        return
    names = {k: r.count(f"workforce.{k}", wf.get(k)) for k in ("in_post", "in_year", "leavers")}
    if in_post:
        r.same(names["in_post"], in_post["headcount"])
    # In the year = in post + leavers − those whose last day is the snapshot date (both).
    both = r.hidden("_snapshot_leavers", insider=True)
    r.line({names["in_year"]: 1, names["in_post"]: -1, names["leavers"]: -1, both: 1})
    r.at_most([both], [names["leavers"]])
    m8 = document.get("metric_8")
    if not m8 or not in_post:
        return
    # Metric 8 by group: its denominators are the workforce in the year, its numerators the leavers.
    parts = {}
    for g in ("white", "bme"):
        d = r.count(f"metric_8.{g}.denominator", _get(m8, g, "denominator"))
        n = r.count(f"metric_8.{g}.numerator", _get(m8, g, "numerator"))
        b = r.hidden(f"_snapshot_leavers.{g}", insider=True)
        r.line({d: 1, in_post[g]: -1, n: -1, b: 1})
        parts[g] = (d, n, b)
    nk_year, nk_leavers = r.hidden("_in_year.not_known"), r.hidden("_leavers.not_known")
    nk_both = r.hidden("_snapshot_leavers.not_known", insider=True)
    r.total([parts["white"][0], parts["bme"][0], nk_year], names["in_year"])
    r.total([parts["white"][1], parts["bme"][1], nk_leavers], names["leavers"])
    r.total([parts["white"][2], parts["bme"][2], nk_both], both)
    r.line({nk_year: 1, in_post["not_known"]: -1, nk_leavers: -1, nk_both: 1})


def _rates(r: Relations, document: dict, key: str, in_post: dict | None) -> None:
    metric = document.get(key)
    if not metric:
        return
    share, scale, places = ("rate", 1, RATE_PLACES) if key in RATE_METRICS else ("pct", 100, PCT_PLACES)
    for g in ("white", "bme"):
        n = r.count(f"{key}.{g}.numerator", _get(metric, g, "numerator"))
        d = r.count(f"{key}.{g}.denominator", _get(metric, g, "denominator"))
        r.at_most([n], [d])
        r.ratio(f"{key}.{g}.{share}", _get(metric, g, share), n, d, scale, places)
        if key in ("metric_3", "metric_5") and document.get("metric_8"):
            r.same(d, f"metric_8.{g}.denominator")  # the workforce in the year, group by group
        if key == "metric_4" and document.get("metric_8"):
            r.at_most([d], [f"metric_8.{g}.denominator"])  # regulated staff of the workforce in the year


def _metric_9(r: Relations, document: dict, in_post: dict | None) -> None:
    m9 = document.get("metric_9")
    if not m9:
        return
    names = {}
    for part in ("senior", "workforce"):
        h = r.count(f"metric_9.{part}.headcount", _get(m9, part, "headcount"))
        b = r.count(f"metric_9.{part}.bme", _get(m9, part, "bme"))
        r.at_most([b], [h])
        r.ratio(f"metric_9.{part}.bme_pct", _get(m9, part, "bme_pct"), b, h)
        names[part] = (h, b)
    if in_post:
        r.same(names["workforce"][0], in_post["headcount"])
        r.same(names["workforce"][1], in_post["bme"])
    r.at_most([names["senior"][0]], [names["workforce"][0]])
    r.at_most([names["senior"][1]], [names["workforce"][1]])


def _declaration(r: Relations, document: dict, all_staff: str, in_post: dict | None) -> None:
    for name, row in (document.get("declaration_rates") or {}).items():
        if not isinstance(row, dict):
            continue
        at = f"declaration_rates.{name}"
        cells = {k: r.count(f"{at}.{k}", row.get(k)) for k in ("declared", "prefer_not_to_say", "not_known")}
        r.total(list(cells.values()), all_staff)
        r.ratio(f"{at}.rate_pct", row.get("rate_pct"), cells["declared"], all_staff)
        if name == "ethnicity" and in_post:
            r.total([in_post["white"], in_post["bme"]], cells["declared"])
            r.total([cells["prefer_not_to_say"], cells["not_known"]], in_post["not_known"])


# Pay gaps --------------------------------------------------------------------------------------------------

COMPARISONS = {
    # name: (the groups of `employees` that make up the hourly-pay population, or None when only some do)
    "gender": ("female", "male", "left_out"),
    "ethnicity": ("white_british", "other_ethnic_groups", "not_known"),
    "ethnicity_wres": ("white", "bme", "not_known"),
    "disability": ("disabled", "not_disabled", "left_out"),
}


def _pay_gaps(r: Relations, document: dict, all_staff: str, in_post: dict | None) -> None:
    gaps = document.get("pay_gaps") or {}
    hourly = r.hidden("_hourly")
    r.at_most([hourly], [all_staff])
    for name, population in COMPARISONS.items():
        gap = gaps.get(name)
        if isinstance(gap, dict):
            _comparison(r, gap, f"pay_gaps.{name}", population, hourly, all_staff)
            if name == "gender" and gap.get("statutory"):
                r.statutory |= {p for p in r.counts if p.startswith("pay_gaps.gender.")}
    ethnicity = gaps.get("ethnicity")
    if isinstance(ethnicity, dict):
        parent = "pay_gaps.ethnicity.employees"
        broad, broad_relevant, reference_relevant = {}, {}, None
        for group, comparison in (ethnicity.get("comparisons") or {}).items():
            if not isinstance(comparison, dict):
                continue
            at = f"pay_gaps.ethnicity.comparisons.{group}"
            _comparison(r, comparison, at, (), hourly, all_staff)
            employees = comparison.get("employees") or {}
            if "white_british" in employees:
                r.same(f"{at}.employees.white_british", f"{parent}.white_british")
            if "left_out" in employees:  # not known: left out of every ethnicity gap
                r.same(f"{at}.employees.left_out", f"{parent}.not_known")
            if group in employees:
                if group == "other_ethnic_groups":
                    r.same(f"{at}.employees.{group}", f"{parent}.other_ethnic_groups")
                else:
                    broad[group] = f"{at}.employees.{group}"
            relevant = comparison.get("relevant_employees") or {}
            if "white_british" in relevant:
                name = f"{at}.relevant_employees.white_british"
                if reference_relevant:
                    r.same(name, reference_relevant)
                reference_relevant = name
            if group in relevant and group != "other_ethnic_groups":
                broad_relevant[group] = f"{at}.relevant_employees.{group}"
        other = f"{parent}.other_ethnic_groups"
        other_relevant = "pay_gaps.ethnicity.comparisons.other_ethnic_groups.relevant_employees.other_ethnic_groups"
        for parts, whole in ((broad, other), (broad_relevant, other_relevant)):
            if parts and whole in r.counts:
                if set(parts) == set(ETHNIC_BROAD):
                    r.total(list(parts.values()), whole)
                else:
                    r.at_most(list(parts.values()), [whole])
        if reference_relevant and other_relevant in r.counts:
            # White British + other ethnic groups + not known = every relevant employee
            r.at_most([reference_relevant, other_relevant], [all_staff])
        wres = gaps.get("ethnicity_wres")
        if isinstance(wres, dict):
            for kind, parts, reference in (("employees", broad, f"{parent}.white_british"),
                                           ("relevant_employees", broad_relevant, reference_relevant)):
                white, bme = f"pay_gaps.ethnicity_wres.{kind}.white", f"pay_gaps.ethnicity_wres.{kind}.bme"
                if white not in r.counts or reference is None:
                    continue
                if "white_other" in parts:
                    r.total([reference, parts["white_other"]], white)
                else:
                    r.at_most([reference], [white])
                rest = [parts[g] for g in ("mixed", "asian", "black", "other") if g in parts]
                if len(rest) == 4 and bme in r.counts:
                    r.total(rest, bme)
                elif rest and bme in r.counts:
                    r.at_most(rest, [bme])
    # Declared disability and sex among everyone in post are the relevant employees of those groups.
    declared = "declaration_rates.disability.declared"
    parts = [f"pay_gaps.disability.relevant_employees.{g}" for g in ("disabled", "not_disabled")]
    if declared in r.counts and all(p in r.counts for p in parts):
        r.total(parts, declared)
    declared = "declaration_rates.sex.declared"
    parts = [f"pay_gaps.gender.relevant_employees.{g}" for g in ("female", "male")]
    if declared in r.counts and all(p in r.counts for p in parts):
        r.at_most(parts, [declared])
    declared = "declaration_rates.ethnicity.declared"
    parts = [f"pay_gaps.ethnicity.comparisons.other_ethnic_groups.relevant_employees.{g}"
             for g in ("other_ethnic_groups", "white_british")]
    if declared in r.counts and all(p in r.counts for p in parts):
        r.total(parts, declared)
    if in_post:
        # The WRES view's relevant employees are the in-post staff of metric 1, group by group; so are the
        # broad groups' relevant employees of the ethnicity pay gap, where metric 1 gives them.
        for g in GROUPS:
            name = f"pay_gaps.ethnicity_wres.relevant_employees.{g}"
            if name in r.counts:
                r.same(name, in_post[g])
        for g in BME_GROUPS:
            name = f"pay_gaps.ethnicity.comparisons.{g}.relevant_employees.{g}"
            if g in in_post and name in r.counts:
                r.same(name, in_post[g])


def _comparison(r: Relations, gap: dict, at: str, population, hourly: str, all_staff: str) -> None:
    employees = {g: r.count(f"{at}.employees.{g}", v) for g, v in (gap.get("employees") or {}).items()
                 if isinstance(v, int) or v is None}
    if employees and population and all(g in employees for g in population):
        r.total([employees[g] for g in population], hourly)
    elif employees:
        r.at_most(list(employees.values()), [hourly])
    relevant = {g: r.count(f"{at}.relevant_employees.{g}", v) for g, v in (gap.get("relevant_employees") or {}).items()
                if isinstance(v, int) or v is None}
    if relevant:
        if population and set(relevant) >= set(population) - {"left_out"} and "left_out" not in population:
            r.total(list(relevant.values()), all_staff)
        else:
            r.at_most(list(relevant.values()), [all_staff])
    for g, name in relevant.items():
        if g not in employees:
            continue
        # Relevant employees of a group = those in the hourly-pay population + those left out of it (on
        # reduced-pay leave, or without an hourly pay: usually the first). The document never prints the
        # second number, but it is a count of people all the same — "White staff on reduced-pay leave" is
        # White relevant employees minus White employees with an hourly pay — so it is an implied count
        # (`Relations.implied`): protected and audited like a printed one.
        whole, part = gap.get("relevant_employees", {}).get(g), gap.get("employees", {}).get(g)
        value = whole - part if isinstance(whole, int) and isinstance(part, int) else None
        outside = r.implied_count(f"{at}.outside_hourly.{g}", value)
        r.line({name: 1, employees[g]: -1, outside: -1})
    for g, value in (gap.get("bonus_received_pct") or {}).items():
        if g in relevant:
            r.ratio(f"{at}.bonus_received_pct.{g}", value, r.hidden(f"_bonus.{at}.{g}"), relevant[g])
            r.at_most([f"_bonus.{at}.{g}"], [relevant[g]])
    quartiles = gap.get("quartiles") or []
    if not quartiles:
        return
    groups = [g for g in quartiles[0] if g not in ("quartile", "count") and not g.endswith("_pct")]
    place = f"{at}.quartiles"
    _table(r, quartiles, place, groups, "count", {g: employees[g] for g in groups if g in employees})
    sizes = [f"{place}[{i}].count" for i in range(len(quartiles))]
    ranked = r.hidden(f"_ranked.{at}")
    r.total(sizes, ranked)
    if all(g in employees for g in groups):
        r.total([employees[g] for g in groups], ranked)
    # GOV.UK sizes: q = n // 4 plus one for the first r quartiles in its order — within ±3 of n ÷ 4.
    for size in sizes:
        r.bounds.append(({size: 4, ranked: -1}, 3))
        r.bounds.append(({size: -4, ranked: 1}, 3))
    r.tied.append((sizes, ranked))


# The documents published together -----------------------------------------------------------------------------

# Whole-organisation sections: the same in every scope's document (metrics.md §8), related once.
SHARED = ("pay_gaps", "declaration_rates")
SCOPE_ORDER = ("all", "social_care", "adults", "children")


def base_scope(documents: dict) -> str:
    """The scope whose document carries the whole-organisation sections in a set: all staff when present."""
    return next((s for s in SCOPE_ORDER if s in documents), next(iter(documents)))


def _canonical(document: dict, path: str) -> str:
    """A count's place named so that it matches across scopes: a pay band by its name, not its position
    (bands are ordered by each scope's own median pay, and a scope may lack one)."""
    for key in ("bands", "national_bands"):
        prefix = f"metric_1.{key}["
        if path.startswith(prefix):
            index, rest = path[len(prefix):].split("]", 1)
            band = ((document.get("metric_1") or {}).get(key) or [{}] * (int(index) + 1))[int(index)].get("band")
            return f"metric_1.{key}{{{band}}}{rest}"
    return path


def relations_of_set(documents: dict[str, dict], raw: bool = True) -> Relations:
    """The relations among every count of the documents of one organisation and year published together,
    one per scope (metrics.md §1, §6): each document's own relations, its places named `scope:place`, and
    across them — social care = adults + children, count by count (when both are stored); social care
    within all staff (the same count when no areas are set); an event metric whose extract has no area
    column (its rows count in every scope, `notes["metric_2.scope"]`) the same in every scope. The
    whole-organisation sections (pay gaps, declaration rates) are the same in every document: they are
    related once, in the base scope's (`base_scope`)."""
    base = base_scope(documents)
    r = Relations(raw=raw)
    keys: dict[str, dict[str, str]] = {}
    for scope, document in documents.items():
        doc = document if scope == base else {k: v for k, v in document.items() if k not in SHARED}
        one = relations(doc, raw=raw)

        def name(n: str, prefix=f"{scope}:") -> str:
            return prefix + n

        r.counts.update({name(k): v for k, v in one.counts.items()})
        r.aux |= {name(v) for v in one.aux}
        r.insider |= {name(v) for v in one.insider}
        r.implied |= {name(v) for v in one.implied}
        r.statutory |= {name(v) for v in one.statutory}
        r.lines += [({name(k): c for k, c in terms.items()}, constant) for terms, constant in one.lines]
        r.bounds += [({name(k): c for k, c in terms.items()}, constant) for terms, constant in one.bounds]
        r.ratios += [Ratio(name(x.figure), name(x.numerator), name(x.denominator), x.value, x.scale, x.places)
                     for x in one.ratios]
        r.tied += [([name(v) for v in sizes], name(ranked)) for sizes, ranked in one.tied]
        keys[scope] = {_canonical(document, k): name(k) for k in one.counts if k not in one.implied}
    if "social_care" not in keys:
        return r
    social_care = documents["social_care"]
    notes = social_care.get("notes") or {}
    no_areas = "scope" in notes

    def everywhere(key: str) -> bool:
        return f"{key.split('.')[0]}.scope" in notes  # rows without an area count in every scope

    if "all" in keys:
        for key, name in keys["social_care"].items():
            if key in keys["all"]:
                whole = keys["all"][key]
                if no_areas or everywhere(key):
                    r.same(name, whole)
                else:
                    # All staff − social care: the staff outside social care, a count of people the documents
                    # never print but give away by the difference (an implied count, protected when small).
                    a, b = r.counts.get(whole), r.counts.get(name)
                    outside = r.implied_count(f"outside_social_care:{key}", a - b if a is not None and b is not None else None)
                    r.line({name: 1, outside: 1, whole: -1})
    if "adults" in keys and "children" in keys:
        for key, name in keys["social_care"].items():
            section = key.split(".")[0]
            if not all(documents[a].get(section) for a in ("adults", "children")):
                continue
            parts = [keys[a][key] for a in ("adults", "children") if key in keys[a]]
            if everywhere(key):
                for part in parts:
                    r.same(name, part)
            else:
                r.total(parts, name)  # a band missing from one area has none of its staff there
    return r
