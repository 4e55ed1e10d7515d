"""Deadlines as councils write them (design.md §6).

`parse_deadline(text)` never rejects: it keeps nothing itself (the caller keeps the text) and
derives a date, its precision, and whether the text says ongoing, recurring or complete. A text with
no date that is none of those needs review by an editor.

Rules: a month means its last day; two-digit years are 20YY; numeric dates are day first or ISO;
`Qn YYYY` is a calendar quarter, `Qn YYYY/YY` a financial-year quarter (Q1 = April–June); a bare year
means 31 December; `YYYY/YY` alone is a financial year ending 31 March of its second year; where a text
names several dates the deadline is the latest; `End`/`by` change nothing.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Deadline:
    date: date | None
    precision: str | None  # 'day', 'month', 'quarter', 'year' or None
    ongoing: bool
    recurring: str | None  # 'monthly', 'quarterly', 'half-yearly', 'annual' or None
    complete: bool
    needs_review: bool


MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = (
    r"(?P<{name}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?P<{name}>(?:19|20)\d{{2}}|\d{{2}})"
_DASH = r"[-–—]"

# Seasons, for the texts that use them: the last month of the season.
SEASONS = {"spring": (0, 5), "summer": (0, 8), "autumn": (0, 11), "fall": (0, 11), "winter": (1, 2)}


def _month_re(name: str) -> str:
    return _MONTH.format(name=name)


def _year_re(name: str) -> str:
    return _YEAR.format(name=name)


def _full_year(text: str) -> int:
    value = int(text)
    return 2000 + value if value < 100 else value


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _calendar_quarter_end(year: int, quarter: int) -> date:
    return _month_end(year, quarter * 3)


def _financial_quarter_end(first_year: int, quarter: int) -> date:
    # Q1 = April–June of the first year ... Q4 = January–March of the second.
    month = quarter * 3 + 3
    return _month_end(first_year + (month > 12), (month - 1) % 12 + 1)


def _financial_year(first: str, second: str) -> int | None:
    """The first calendar year of `first/second` when it is a real financial year, else None."""
    start = _full_year(first)
    end = int(second)
    if (len(second) == 2 and end == (start + 1) % 100) or (len(second) == 4 and end == start + 1):
        return start
    return None


_QUARTER_LIST = r"Q(?P<q>[1-4])(?P<more>(?:\s*(?:/|&|,|and|to|-|–)\s*Q?[1-4])*)"

# Patterns in the order they are tried. Each match is blanked out of the text before the next
# pattern runs, so "Q3 2022" is not read again as the bare year 2022.
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")),
    ("numeric", re.compile(r"\b(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4}|\d{2})\b")),
    (
        "fy_quarter",
        re.compile(
            _QUARTER_LIST + r"\s*(?:of\s+|in\s+)?(?:FY\s*)?(?P<fy1>\d{4}|\d{2})\s*[/-]\s*(?P<fy2>\d{4}|\d{2})\b",
            re.I,
        ),
    ),
    (
        "fy_quarter_after",
        re.compile(r"\b(?:FY\s*)?(?P<fy1>\d{4})\s*/\s*(?P<fy2>\d{4}|\d{2})\s*" + _QUARTER_LIST, re.I),
    ),
    ("calendar_quarter", re.compile(_QUARTER_LIST + r"\s*(?:of\s+|in\s+)?(?P<y>\d{4})\b", re.I)),
    (
        "day_month_year",
        re.compile(
            r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*(?:of\s+)?" + _month_re("m") + r"[\s,'’-]*" + _year_re("y") + r"\b",
            re.I,
        ),
    ),
    (
        "month_day_year",
        re.compile(
            r"\b" + _month_re("m") + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{2})\b", re.I
        ),
    ),
    ("month_year", re.compile(r"\b" + _month_re("m") + r"[\s,'’/-]*" + _year_re("y") + r"\b", re.I)),
    ("numeric_month_year", re.compile(r"\b(?P<m>\d{1,2})[./](?P<y>(?:19|20)\d{2})\b")),
    ("season", re.compile(r"\b(?P<s>spring|summer|autumn|fall|winter)\s*(?P<y>(?:19|20)\d{2}|\d{2})\b", re.I)),
    ("financial_year", re.compile(r"\b(?:FY\s*)?(?P<fy1>(?:19|20)\d{2})\s*(?:/|-|–)\s*(?P<fy2>\d{4}|\d{2})\b", re.I)),
    ("year", re.compile(r"\b(?P<y>(?:19|20)\d{2})\b")),
]

ONGOING = re.compile(r"\bon[\s-]?going\b", re.I)
RECURRING = [
    ("half-yearly", re.compile(
        r"\b(?:bi[\s-]?annual(?:ly)?|six[\s-]monthly|half[\s-]yearly|twice\s+(?:a|per|each)\s+year|twice\s+yearly"
        r"|every\s+six\s+months|every\s+6\s+months)\b", re.I)),
    ("quarterly", re.compile(r"\b(?:quarterly|every\s+quarter|each\s+quarter)\b", re.I)),
    ("monthly", re.compile(r"\b(?:monthly|every\s+month|each\s+month)\b", re.I)),
    ("annual", re.compile(r"(?<![\w-])(?:annual(?:ly)?|yearly|every\s+year|each\s+year)\b", re.I)),
]
COMPLETE = re.compile(
    r"(?<!to be )(?<!will be )(?<!be )\b(?:complete|completed|done|published|achieved)\b(?!\s+by\b)", re.I
)


def _candidates(kind: str, match: re.Match) -> list[tuple[date, str]]:
    g = match.groupdict()
    if kind in {"iso", "numeric"}:
        return [(date(_full_year(g["y"]), int(g["m"]), int(g["d"])), "day")]
    if kind in {"fy_quarter", "fy_quarter_after"}:
        first = _financial_year(g["fy1"], g["fy2"])
        if first is None:
            return []
        quarters = [int(g["q"])] + [int(q) for q in re.findall(r"[1-4]", g["more"] or "")]
        return [(_financial_quarter_end(first, q), "quarter") for q in quarters]
    if kind == "calendar_quarter":
        quarters = [int(g["q"])] + [int(q) for q in re.findall(r"[1-4]", g["more"] or "")]
        return [(_calendar_quarter_end(int(g["y"]), q), "quarter") for q in quarters]
    if kind in {"day_month_year", "month_day_year"}:
        return [(date(_full_year(g["y"]), MONTHS[g["m"].lower()], int(g["d"])), "day")]
    if kind == "month_year":
        return [(_month_end(_full_year(g["y"]), MONTHS[g["m"].lower()]), "month")]
    if kind == "numeric_month_year":
        return [(_month_end(int(g["y"]), int(g["m"])), "month")]
    if kind == "season":
        year_offset, month = SEASONS[g["s"].lower()]
        return [(_month_end(_full_year(g["y"]) + year_offset, month), "quarter")]
    if kind == "financial_year":
        first = _financial_year(g["fy1"], g["fy2"])
        if first is not None:
            return [(date(first + 1, 3, 31), "year")]
        # Not a financial year (e.g. 2022-2025): two years, of which the latest counts.
        second = g["fy2"]
        years = [int(g["fy1"])] + ([int(second)] if len(second) == 4 else [])
        return [(date(year, 12, 31), "year") for year in years]
    if kind == "year":
        return [(date(int(g["y"]), 12, 31), "year")]
    raise AssertionError(kind)


def parse_deadline(text: str | None) -> Deadline:
    raw = (text or "").strip()
    remaining = raw
    found: list[tuple[date, str]] = []
    for kind, pattern in PATTERNS:
        def take(match: re.Match, kind=kind) -> str:
            try:
                found.extend(_candidates(kind, match))
            except ValueError:  # an impossible date such as 31.02.22: left for review
                pass
            return " " * len(match.group(0))

        remaining = pattern.sub(take, remaining)

    ongoing = bool(ONGOING.search(raw))
    recurring = next((name for name, pattern in RECURRING if pattern.search(raw)), None)
    complete = bool(COMPLETE.search(raw))

    if found:
        latest = max(found, key=lambda item: (item[0], _PRECISION_RANK[item[1]]))
        deadline_date, precision = latest
    else:
        deadline_date, precision = None, None

    needs_review = deadline_date is None and not (ongoing or recurring or complete)
    return Deadline(
        date=deadline_date,
        precision=precision,
        ongoing=ongoing,
        recurring=recurring,
        complete=complete,
        needs_review=needs_review,
    )


_PRECISION_RANK = {"day": 3, "month": 2, "quarter": 1, "year": 0}
