"""Check an extract: read the file once, map its headers, normalise and validate column by column.

Nothing here writes to the database. The result holds the normalised, pseudonymised columns ready
to store, and the check report an HR officer reads: errors naming row, column, value and why;
warnings; unmapped and dropped name columns; counts per category; declaration rates.
"""

import gc
import hashlib
import hmac
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from itertools import compress
from operator import itemgetter, methodcaller

from django.conf import settings

from edi_tracker.tables import Limits, read_tables
from edi_tracker.uploads import UploadRefused

from .formats import FORMATS, SURVEY_QUESTIONS, Column, map_headers
from .models import Declared, Ethnicity, Sex
from .vocab import (
    CASE_TYPES,
    DECLARED,
    ETHNICITY,
    GROUP_OF,
    SEX,
    SOCIAL_CARE_AREAS,
    YES_NO,
    key,
    parse_date,
    parse_days,
    parse_hours,
    parse_money,
    parse_pay,
    wres_group,
)

MAX_ERRORS_KEPT = 500
ROWS_PER_BLOCK = 2048  # rows whose cells fit the processor's cache together (about 1.5 MB of a wide file)
# Rows checked at a time. Each piece's rows are final once it is checked (every rule but a repeated identifier
# looks at its own row), so a caller can store them while the next piece is checked (`checked_rows`).
PIECE_ROWS = 16_384
# The check report is stored, so an error in an identifier column names its row, never the identifier.
IDENTIFIER_COLUMNS = {column.name for columns in FORMATS.values() for column in columns if column.kind == "id"}
IDENTIFIER_NOT_KEPT = "(identifier not kept)"


class ExtractRefused(Exception):
    """The file cannot be read at all (not the kind of file it claims, empty, too large…)."""


@dataclass
class CheckResult:
    kind: str
    year: int
    rows: int = 0
    columns: dict[str, list] = field(default_factory=dict)  # normalised values, one list per stored field
    row_numbers: list[int] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0
    warnings: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    dropped_names: list[str] = field(default_factory=list)
    mapped: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    declaration: dict[str, dict] = field(default_factory=dict)
    unmapped_ethnicities: list[str] = field(default_factory=list)
    given: dict[str, str] = field(default_factory=dict)  # column name -> the header HR's file gave it

    def header(self, name: str) -> str:
        """The column as HR's file names it (the check report speaks HR's words, not ours)."""
        return self.given.get(name, name)

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def error(self, row: int, column: str, value, why: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            text = "" if value is None else str(value)[:100]
            if column in IDENTIFIER_COLUMNS and text.strip():
                text = IDENTIFIER_NOT_KEPT
            self.errors.append({"row": row, "column": column, "value": text, "why": why})

    def report(self) -> dict:
        ethnicity = self.header("ethnicity")
        derived = {"wres_group": f"WRES group (from {ethnicity})", "ethnic_group": f"Ethnic group (from {ethnicity})"}
        return {
            # In HR's words: the headers of their file, errors by row, counts under their column names.
            "columns_given": [self.header(name) for name in self.mapped],
            "errors_given": sorted(({**e, "column": self.header(e["column"])} for e in self.errors),
                                   key=lambda e: e["row"]),
            "counts_given": [[derived.get(name) or self.header(name), values] for name, values in self.counts.items()],
            "kind": self.kind, "year": self.year, "rows": self.rows,
            "stored_rows": len(self.row_numbers) if self.ok else 0, "rows_to_count": len(self.row_numbers),
            "errors": self.errors, "error_count": self.error_count, "warnings": self.warnings,
            "unmapped_columns": self.unmapped, "dropped_name_columns": self.dropped_names, "columns": self.mapped,
            "counts": self.counts, "declaration_rates": self.declaration, "unmapped_ethnicities": self.unmapped_ethnicities,
        }


def pseudonym(organisation_id: int, identifier: str) -> str:
    """HMAC-SHA256 of the organisation and the identifier, keyed with settings.PSEUDONYM_KEY."""
    return pseudonymiser()(organisation_id, identifier)


def pseudonymiser():
    """A fast pseudonym function: the keyed HMAC state is built once and copied for each value."""
    base = hmac.new(settings.PSEUDONYM_KEY.encode(), digestmod=hashlib.sha256)

    def pseudo(organisation_id: int, identifier: str) -> str:
        h = base.copy()
        h.update(f"{organisation_id}:{identifier.strip()}".encode())
        return h.hexdigest()

    return pseudo


def _organisation_hmac(organisation_id: int):
    """A function giving a fresh HMAC that has hashed the key and the "<organisation>:" prefix."""
    base = hmac.new(settings.PSEUDONYM_KEY.encode(), f"{organisation_id}:".encode(), digestmod="sha256")
    return getattr(base, "_hmac", base).copy  # OpenSSL's HMAC object itself where there is one: no wrapper per row


def organisation_pseudonymiser(organisation_id: int):
    """pseudonym(organisation_id, text) for stripped text, cheaper per value: the key and the
    "<organisation>:" prefix are hashed once, and each value costs one copy, one update, one digest."""
    copy = _organisation_hmac(organisation_id)

    def pseudo(text: str) -> str:
        h = copy()
        h.update(text.encode())
        return h.hexdigest()

    return pseudo


def window(year: int) -> tuple[date, date]:
    """The reporting year named by its 31 March snapshot: 1 April of the year before to that snapshot."""
    return date(year - 1, 4, 1), date(year, 3, 31)


@contextmanager
def collector_paused():
    """The cyclic garbage collector paused while a file's rows are in hand: 100,000 row lists that it would
    walk again and again, finding nothing to free (reference counting frees them), about a third of reading
    and checking them. Left as it was found (a caller that paused it keeps it paused)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


# Reading the file ------------------------------------------------------------------------------------

def extract_limits() -> Limits:
    return Limits(max_bytes=settings.WORKFORCE_MAX_BYTES, max_unpacked=settings.WORKFORCE_MAX_UNPACKED_BYTES,
                  max_rows=settings.WORKFORCE_MAX_ROWS)


def read_table(filename: str, data) -> tuple[list[str], list[list]]:
    """Headers and rows of a CSV (UTF-8, with or without BOM) or the first sheet of an XLSX, given as
    bytes or a file, read by edi_tracker.tables with its refusals: every limit is checked while reading
    (the size before anything is read, a workbook's unpacked size before it is opened, the rows as
    they arrive)."""
    try:
        sheets = read_tables(filename, data, limits=extract_limits(), what="The file", accept=(".csv", ".xlsx", ".txt"),
                             first_only=True)
    except UploadRefused as error:
        raise ExtractRefused(str(error)) from None
    rows = sheets[0].rows if sheets else []
    if not rows:
        raise ExtractRefused("The file has no rows: the first row must be the column headers.")
    header = [str(v or "").strip() for v in rows[0]]
    return header, rows[1:]


# Checking ----------------------------------------------------------------------------------------------

def _clean_id(value) -> str:
    text = "" if value is None else str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]  # a number a spreadsheet stored as 12345.0
    return text


def pseudonymised_table(organisation, kind: str, header: list[str], rows: list[list]) -> tuple[list[str], list[list]]:
    """The table as it may be kept to be checked again (workforce.services.extract_recheck): name columns
    dropped, identifiers replaced by their keyed codes — no more than the staged rows of a checked extract
    hold. check_table(…, pseudonymised=True) reads it as it read the file."""
    mapped, _, dropped = map_headers(kind, header)
    ids = {i for i, c in mapped.items() if c.kind == "id"}
    keep = [i for i, h in enumerate(header) if h not in dropped]
    pseudo = organisation_pseudonymiser(organisation.pk)

    def cell(row, i):
        value = row[i] if i < len(row) else None
        if i in ids:
            text = _clean_id(value)
            return pseudo(text) if text else ""
        return value

    return [header[i] for i in keep], [[cell(row, i) for i in keep] for row in rows]


def check_table(*, organisation, kind: str, year: int, header: list[str], rows: list[list],
                staff_keys: set[str] | None, ethnicity_mappings: dict[str, str], pseudonymised: bool = False,
                checked_rows: Callable[[dict[str, list], list[int]], None] | None = None) -> CheckResult:
    """Check a table a piece of PIECE_ROWS rows at a time. `checked_rows(columns, row_numbers)`, when given,
    receives each piece's rows to store (the normalised columns and the file's row numbers of the rows kept)
    as soon as the piece is checked, as long as no row so far has an error: PostgreSQL stores a piece while
    the next is checked. Only the check of the whole table decides: a caller storing pieces stores nothing
    unless the result is ok (a repeated identifier, say, is found once every piece is in)."""
    if kind not in FORMATS:
        raise ExtractRefused(f"“{kind}” is not a kind of extract: use staff, recruitment, casework, cpd or survey.")
    result = CheckResult(kind=kind, year=year, rows=len(rows))
    if len(rows) > settings.WORKFORCE_MAX_ROWS:
        raise ExtractRefused(f"The file has {len(rows):,} rows; the most we accept is {settings.WORKFORCE_MAX_ROWS:,}.")
    if not rows:
        raise ExtractRefused("The file has headers but no rows of data.")
    mapped, result.unmapped, result.dropped_names = map_headers(kind, header)
    result.mapped = [c.name for c in mapped.values()]
    result.given = {c.name: str(header[i]).strip() for i, c in mapped.items()}
    missing = [c.name for c in FORMATS[kind] if c.required and c.name not in result.mapped]
    if kind == "survey" and not any(q in result.mapped for q in SURVEY_QUESTIONS):
        missing.append("at least one harassment question (harassment_public, harassment_colleagues or harassment_managers)")
    if missing:
        headers = ", ".join(h for h in header if h) or "none"
        raise ExtractRefused(
            f"This does not look like a {kind} extract: the required column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} {'are' if len(missing) > 1 else 'is'} missing. The file's columns are: {headers}."
        )
    first_row = 2  # row 1 is the header
    shortest = min(map(len, rows))
    keep: list[bool] = []
    left_out: dict[str, list[int]] = {}  # why -> the indexes of the rows left out of every figure for it
    outside = [0]  # casework and CPD rows dated outside the reporting year
    conversions: dict[str, dict] = {}  # each column's distinct values converted, shared by the pieces
    for start in range(0, len(rows), PIECE_ROWS):
        raw = _raw_columns(rows[start:start + PIECE_ROWS], mapped, shortest)
        columns: dict[str, list] = {}
        for column in FORMATS[kind]:
            if column.name in raw:
                _normalise(result, columns, column, raw[column.name], organisation, ethnicity_mappings,
                           first_row + start, pseudonymised, conversions.setdefault(column.name, {}))
        kept = _row_rules(result, kind, year, columns, raw, staff_keys, start, first_row, left_out, outside)
        for name, values in columns.items():
            result.columns.setdefault(name, []).extend(values)
        keep.extend(kept)
        if checked_rows is not None and result.ok:
            numbers = [first_row + start + i for i in compress(range(len(kept)), kept)]
            checked_rows(columns if all(kept) else {name: list(compress(values, kept)) for name, values in columns.items()},
                         numbers)
    _file_rules(result, kind, year, keep, left_out, outside[0], staff_keys, first_row)
    # In the order of the rows, whatever the pieces; within a row, in the order of the columns.
    result.errors.sort(key=itemgetter("row"))
    # One computation whether the file is accepted or refused: the counts HR reviews are taken over
    # exactly the rows that confirm would store (`keep`), before the columns are cut down to them.
    _counts(result, kind, keep)
    result.row_numbers = [i + first_row for i, k in enumerate(keep) if k]
    if result.ok:
        if not all(keep):
            for name in list(result.columns):
                result.columns[name] = list(compress(result.columns[name], keep))
    return result


def _raw_columns(rows: list[list], mapped: dict[int, Column], shortest: int) -> dict[str, list]:
    """The rows column-wise, only the columns mapped (never the name columns), a short row's missing cells None.
    Taken a block of rows at a time, every column of a block while its rows are in the processor's cache:
    whole columns one after the other read all the rows from memory once per column (3× slower). The cells
    every row has are taken at C speed: the block turned by zip when we use at least half of its columns (2×
    faster than one column at a time), each column taken alone from a wider file (zip of 60 columns for 12 of
    them: 2× slower)."""
    raw: dict[str, list] = {column.name: [] for column in mapped.values()}
    turn = shortest <= 2 * len(mapped)
    for start in range(0, len(rows), ROWS_PER_BLOCK):
        block = rows[start:start + ROWS_PER_BLOCK]
        columns = list(zip(*block)) if turn else None  # as many columns as the block's shortest row has cells
        for index, column in mapped.items():
            if index < shortest:
                raw[column.name].extend(columns[index] if turn else map(itemgetter(index), block))
            else:
                raw[column.name].extend(row[index] if index < len(row) else None for row in block)
    return raw


def _clean_ids(values: list) -> list[str]:
    """_clean_id of each value: a CSV's column (text only) at C speed, the few values like 12345.0 mended after;
    a block of rows at a time, while its values are in the processor's cache."""
    texts = []
    for start in range(0, len(values), ROWS_PER_BLOCK):
        block = values[start:start + ROWS_PER_BLOCK]
        if set(map(type, block)) != {str}:
            texts.extend(map(_clean_id, block))
            continue
        cleaned = list(map(str.strip, block))
        for i in compress(range(len(cleaned)), map(methodcaller("endswith", ".0"), cleaned)):
            if cleaned[i][:-2].isdigit():
                cleaned[i] = cleaned[i][:-2]  # a number a spreadsheet stored as 12345.0
        texts.extend(cleaned)
    return texts


def _pseudonyms(organisation_id: int, texts: list[str]) -> list[str]:
    """organisation_pseudonymiser(organisation_id) of each text, "" for a blank one; one loop, no call per row."""
    copy = _organisation_hmac(organisation_id)
    out = []
    append = out.append
    for text in texts:
        if text:
            h = copy()
            h.update(text.encode())
            append(h.hexdigest())
        else:
            append("")
    return out


def _distinct_map(values, convert, cache: dict) -> list:
    """Convert each distinct value once: each value's conversion (or exception) in order; `cache` holds
    {value: converted or an exception} (kept by the caller for the next piece of the same column). A block of
    values at a time, its new values converted, then the block mapped while its values are in the processor's
    cache (a column's 100,000 values are as many strings here and there in memory)."""
    out = []
    for start in range(0, len(values), ROWS_PER_BLOCK):
        block = values[start:start + ROWS_PER_BLOCK]
        for value in set(block).difference(cache):
            try:
                cache[value] = convert(value)
            except (ValueError, ArithmeticError, KeyError) as error:
                cache[value] = error
        out.extend(map(cache.__getitem__, block))
    return out


def _normalise(result: CheckResult, columns: dict[str, list], column: Column, values: list, organisation, mappings,
               first_row: int, pseudonymised: bool, cache: dict) -> None:
    """A piece's values of one column (its first row `first_row`), normalised into `columns`, their errors
    into `result`; `cache` holds the column's distinct values already converted (by earlier pieces)."""
    name = column.name
    if column.kind == "id":
        texts = _clean_ids(values)
        if column.required and "" in texts:
            for i, text in enumerate(texts):
                if not text:
                    result.error(i + first_row, name, values[i], "is blank: every row needs an identifier")
        if pseudonymised:
            columns[name] = texts
        else:
            columns[name] = _pseudonyms(organisation.pk, texts)
        return
    if column.kind == "ethnicity":
        lookup = {**ETHNICITY, **mappings}
        out = _distinct_map(values, lambda v: lookup[key(v)], cache)
        unknown = sorted({str(v) for v, c in cache.items() if isinstance(c, Exception)})
        result.unmapped_ethnicities = unknown  # in this piece and the pieces before
        if unknown:
            for i, category in enumerate(out):
                if isinstance(category, Exception):
                    result.error(i + first_row, name, values[i], "is not an ethnicity we know: map it to a category and check again")
                    out[i] = Ethnicity.NOT_KNOWN
        columns["ethnicity"] = out
        categories = set(out)  # each category once
        columns["ethnic_group"] = list(map({c: GROUP_OF[c] for c in categories}.__getitem__, out))
        columns["wres_group"] = list(map({c: wres_group(c) for c in categories}.__getitem__, out))
        return
    converters = {
        "text": lambda v: "" if v is None else str(v).strip(),
        "yesno": lambda v: None if v is None or str(v).strip() == "" else YES_NO[key(v)],
        "sex": lambda v: SEX[key(v)],
        "declared": lambda v: DECLARED[key(v)],
        "pay": parse_pay,
        "money": parse_money,
        "hours": parse_hours,
        "days": parse_days,
        "area": lambda v: SOCIAL_CARE_AREAS[key(v)],
        "date": parse_date,
        "case_type": lambda v: CASE_TYPES[key(v)],
        "characteristic": _characteristic,
    }
    whys = {
        "yesno": "is not yes or no (Y/N, Yes/No, True/False, 1/0)",
        "sex": "is not a sex we know (female, male, other, prefer not to say, not known)",
        "declared": "is not yes, no, prefer not to say or not known",
        "case_type": "is not a case type (Disciplinary, Fitness to Practise)",
        "area": "is not a social care area (adults, children or none)",
    }
    convert = converters[column.kind]
    why = whys.get(column.kind)

    def convert_or_why(value):
        try:
            return convert(value)
        except KeyError:  # a value not in the column's vocabulary
            raise ValueError(why) from None

    out = _distinct_map(values, convert_or_why if why else convert, cache)
    # Only walk the rows again when some value was wrong (or a required one blank), in this piece or before.
    if any(isinstance(c, Exception) for c in cache.values()) or (column.required and None in cache.values()):
        for i, converted_value in enumerate(out):
            if isinstance(converted_value, Exception):
                result.error(i + first_row, name, values[i], str(converted_value))
                out[i] = None
            elif converted_value is None and column.required:
                result.error(i + first_row, name, values[i], "is blank: this column is required")
    columns[name] = out


def _characteristic(value) -> str:
    k = key(value)
    if k in ("", "notknown", "unknown", "blank"):
        return "not_known"
    if k in ("prefernottosay", "notstated", "notdeclared", "informationrefused", "refused", "donotwishtodisclose"):
        return "prefer_not_to_say"
    return "declared:" + str(value).strip()[:90]


def _row_rules(result: CheckResult, kind: str, year: int, columns: dict[str, list], raw: dict[str, list],
               staff_keys, offset: int, first_row: int, left_out: dict[str, list[int]], outside: list[int]) -> list[bool]:
    """The rules of a kind that look at one row at a time, over a piece of rows (the file's rows from index
    `offset`): which rows are kept (the others are left out of every figure, their indexes in `left_out`
    by the reason), the errors they find, casework or CPD dated outside the year (counted in `outside`)."""
    start, end = window(year)
    keep = [True] * len(next(iter(columns.values())))
    if kind == "staff":
        if "leaving_date" in columns:
            early = [i for i, d in enumerate(columns["leaving_date"]) if d is not None and d < start]
            for i in early:
                keep[i] = False
            left_out.setdefault("early", []).extend(offset + i for i in early)
        if "start_date" in columns:
            late = [i for i, d in enumerate(columns["start_date"]) if d is not None and d > end and keep[i]]
            for i in late:
                keep[i] = False
            left_out.setdefault("late", []).extend(offset + i for i in late)
    if kind == "recruitment":
        for i, (shortlisted, appointed) in enumerate(zip(columns["shortlisted"], columns["appointed"])):
            if appointed and shortlisted is False:
                result.error(offset + i + first_row, "appointed", raw["appointed"][i],
                             "is yes but shortlisted is no: an applicant is appointed only from the shortlist")
    if kind in ("casework", "cpd"):
        if staff_keys is not None:
            unknown = [i for i, k in enumerate(columns["employee_id"]) if k and k not in staff_keys]
            for i in unknown:
                keep[i] = False
            left_out.setdefault("unknown", []).extend(offset + i for i in unknown)
        date_column = "date_opened" if kind == "casework" else "date"
        outside[0] += sum(1 for d in columns[date_column] if d is not None and not (start <= d <= end))
        if kind == "cpd" and "funded" not in columns:
            columns["funded"] = [True] * len(keep)
        elif kind == "cpd":
            columns["funded"] = [True if f is None else f for f in columns["funded"]]
    return keep


def _file_rules(result: CheckResult, kind: str, year: int, keep: list[bool], left_out: dict[str, list[int]],
                outside: int, staff_keys, first_row: int) -> None:
    """The rules that look at the whole file, once every piece is checked: an identifier in two rows, and
    the warnings, which count the rows of the whole file."""
    start, end = window(year)
    cols = result.columns
    if kind == "staff":
        keys = cols["employee_id"]
        distinct = set(keys)
        distinct.discard("")
        # Walked row by row only when some identifier repeats (the set of them is smaller than the rows that have one).
        repeats = len(distinct) < len(keys) - keys.count("")
        seen: dict[str, int] = {}
        for i, pseudo in enumerate(keys if repeats else ()):
            if not pseudo:
                continue
            if pseudo in seen:  # the report names the row, never the identifier (IDENTIFIER_COLUMNS)
                result.error(i + first_row, "employee_id", pseudo,
                             f"appears twice, in rows {seen[pseudo]} and {i + first_row}: export people with several posts once, at their main post")
            else:
                seen[pseudo] = i + first_row
        if early := left_out.get("early"):
            rows = _row_list(early, first_row)
            result.warnings.append(
                f"{len(early)} row{'s' if len(early) > 1 else ''} left before the reporting year began on "
                f"{start:%-d %B %Y} and {'are' if len(early) > 1 else 'is'} left out of every figure ({rows})."
            )
        if late := left_out.get("late"):
            rows = _row_list(late, first_row)
            result.warnings.append(
                f"{len(late)} row{'s' if len(late) > 1 else ''} start{'' if len(late) > 1 else 's'} after the snapshot "
                f"on {end:%-d %B %Y} and {'are' if len(late) > 1 else 'is'} left out of every figure ({rows})."
            )
        _staff_pay_warnings(result, cols, keep, first_row)
        cols.setdefault("full_pay_relevant", [None] * result.rows)
    if kind in ("casework", "cpd"):
        unknown = left_out.get("unknown")
        if staff_keys is None:
            result.warnings.append(
                f"There is no staff extract for {year} yet, so the employees here cannot be matched: upload the staff "
                "extract first, or these rows will not count."
            )
        elif unknown:
            rows = _row_list(unknown, first_row)
            result.warnings.append(
                f"{len(unknown)} row{'s' if len(unknown) > 1 else ''} name an employee who is not in the {year} staff "
                f"extract and {'are' if len(unknown) > 1 else 'is'} left out ({rows})."
            )
        if outside:
            result.warnings.append(
                f"{outside} row{'s are' if outside > 1 else ' is'} dated outside the reporting year "
                f"({start:%-d %B %Y} to {end:%-d %B %Y}): kept, but {'they do' if outside > 1 else 'it does'} not count."
            )


def _row_list(indexes: list[int], first_row: int) -> str:
    """Row numbers as a person reads them, the first 20 of them: "row 3", "rows 3, 7, 12 …"."""
    numbers = ", ".join(str(i + first_row) for i in indexes[:20]) + (" …" if len(indexes) > 20 else "")
    return f"row{'s' if len(indexes) > 1 else ''} {numbers}"


def _staff_pay_warnings(result: CheckResult, cols: dict, keep: list[bool], first_row: int) -> None:
    """The warnings of metrics.md §7 about the pay-gap and metric 4 columns of a staff extract."""
    if "full_pay_relevant" in cols:
        blank = [i for i, v in enumerate(cols["full_pay_relevant"]) if v is None and keep[i]]
        if blank:
            result.warnings.append(
                f"{len(blank)} row{'s have' if len(blank) > 1 else ' has'} a blank full_pay_relevant cell and "
                f"{'count' if len(blank) > 1 else 'counts'} as full-pay relevant ({_row_list(blank, first_row)})."
            )
    else:
        result.warnings.append(
            "The extract has no full_pay_relevant column, so everyone in post counts as full-pay relevant in the pay gaps."
        )
    if "regulated" not in cols:
        result.warnings.append(
            "The extract has no regulated column (Registered Social Worker), so metric 4 (fitness to practise) will "
            "show no data for this year."
        )
    if any(name in cols for name in ("hourly_pay", "ordinary_pay", "weekly_hours")):
        n = result.rows
        hourly = cols.get("hourly_pay", [None] * n)
        ordinary = cols.get("ordinary_pay", [None] * n)
        hours = cols.get("weekly_hours", [None] * n)
        without = [i for i in range(n) if keep[i] and hourly[i] is None and (ordinary[i] is None or hours[i] is None)]
        if without:
            result.warnings.append(
                f"{len(without)} row{'s have' if len(without) > 1 else ' has'} neither an hourly pay nor an ordinary pay "
                f"with weekly hours, and {'are' if len(without) > 1 else 'is'} left out of the hourly pay gaps "
                f"({_row_list(without, first_row)})."
            )


def _counts(result: CheckResult, kind: str, keep: list[bool]) -> None:
    cols = result.columns

    all_kept = all(keep)

    def tally(name):
        if name not in cols:
            return None
        return dict(Counter(cols[name] if all_kept else compress(cols[name], keep)))

    for name in ("wres_group", "ethnic_group", "ethnicity", "sex", "disability", "pay_band", "social_care_area", "case_type",
                 "shortlisted", "appointed", "mandatory", "funded", *SURVEY_QUESTIONS):
        counted = tally(name)
        if counted is not None:
            result.counts[name] = {str(k): v for k, v in sorted(counted.items(), key=lambda kv: -kv[1])}
    if kind != "staff":
        return
    snapshot = window(result.year)[1]
    in_post = [k and (d is None or d >= snapshot) for k, d in zip(keep, cols.get("leaving_date", [None] * len(keep)))]
    total = sum(in_post)
    for name, declared_test in (
        ("ethnicity", lambda v: v not in (Ethnicity.PREFER_NOT_TO_SAY, Ethnicity.NOT_KNOWN)),
        ("disability", lambda v: v in (Declared.YES, Declared.NO)),
        ("sex", lambda v: v in (Sex.FEMALE, Sex.MALE, Sex.OTHER)),
        ("sexual_orientation", lambda v: str(v).startswith("declared:")),
        ("religion", lambda v: str(v).startswith("declared:")),
    ):
        if name not in cols:
            continue
        counted = Counter(compress(cols[name], in_post))  # each distinct value tested once
        declared = sum(n for v, n in counted.items() if declared_test(v))
        pnts = sum(n for v, n in counted.items() if v == "prefer_not_to_say")
        result.declaration[name] = {
            "declared": declared, "prefer_not_to_say": pnts, "not_known": sum(counted.values()) - declared - pnts,
            "rate_pct": round(declared / total * 100, 1) if total else None,
        }
