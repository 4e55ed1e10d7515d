"""The checked rows of an extract, waiting for confirmation, in a typed format that reading back cannot
run code with (as unpickling a file from a shared store could).

One JSON document: the row numbers and, for each normalised column, its type and its values. The types
are what the check produces — text, yes/no, whole numbers, amounts (Decimal, kept exact as text) and
dates (ISO 8601) — each with blanks as null. Anything else is refused when writing, and a file that is
not this format, or whose values are not of their column's type, is refused when reading: it is never
stored half-read.
"""

import json
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

FORMAT = "edi-tracker/staged-rows/1"
SUFFIX = ".json"


class StagedRowsError(ValueError):
    """The staged file is not checked rows this version wrote."""


def _base(python_type: type) -> type:
    """A choice (a str or int enumeration) is staged as its value."""
    for base in (bool, str, int):
        if issubclass(python_type, base):
            return base
    return python_type


def _type_of(name: str, values: list) -> str:
    types = {_base(python_type) for python_type in set(map(type, values))} - {type(None)}  # the types at C speed
    if not types or types == {str}:
        return "text"
    if types == {bool}:
        return "bool"
    if types == {int}:
        return "int"
    if types <= {Decimal, int}:
        return "decimal"
    if types == {date}:
        return "date"
    raise TypeError(f"Column {name} holds {', '.join(sorted(t.__name__ for t in types))}: it cannot be staged.")


def _encode(kind: str, values: list) -> list:
    if kind in ("text", "bool", "int"):
        return values  # json writes a str or int enumeration as its value
    # Each distinct value written once (a column of dates or amounts repeats them).
    text = {value: None if value is None else (value.isoformat() if kind == "date" else str(value)) for value in set(values)}
    return list(map(text.__getitem__, values))


def dumps(columns: dict[str, list], row_numbers: list[int]) -> bytes:
    """The staged file for these normalised columns (one list of values per column) and row numbers."""
    typed = {}
    for name, values in columns.items():
        if len(values) != len(row_numbers):
            raise ValueError(f"Column {name} has {len(values)} values for {len(row_numbers)} rows.")
        kind = _type_of(name, values)
        typed[name] = {"type": kind, "values": _encode(kind, values)}
    return json.dumps({"format": FORMAT, "rows": row_numbers, "columns": typed},
                      ensure_ascii=False, separators=(",", ":")).encode()


def _check(name: str, values: list, python_type) -> None:
    if set(map(type, values)) - {python_type, type(None)}:  # types, not values: a set would take True for 1
        wrong = next(v for v in values if v is not None and type(v) is not python_type)
        raise StagedRowsError(f"Column {name}: {wrong!r} is not a {python_type.__name__}.")


def _parsed(name: str, values: list, parse) -> list:
    """Each distinct value parsed once (a column of dates or amounts repeats them)."""
    parsed = {}
    for value in set(values):
        if value is None:
            parsed[None] = None
            continue
        if type(value) is not str:
            raise StagedRowsError(f"Column {name}: {value!r} is not text.")
        try:
            parsed[value] = parse(value)
        except (ValueError, InvalidOperation) as error:
            raise StagedRowsError(f"Column {name}: {value!r} cannot be read ({error}).") from None
    return list(map(parsed.__getitem__, values))


def loads(data: bytes) -> tuple[dict[str, list], list[int]]:
    """The columns and row numbers of a staged file; StagedRowsError when it is not one."""
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise StagedRowsError(f"The staged rows are not JSON ({error}).") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise StagedRowsError("The staged rows are not in the format this version writes.")
    rows, columns = document.get("rows"), document.get("columns")
    if not isinstance(rows, list) or not isinstance(columns, dict):
        raise StagedRowsError("The staged rows have no row numbers or no columns.")
    _check("row numbers", rows, int)
    out = {}
    for name, column in columns.items():
        if not isinstance(column, dict) or not isinstance(column.get("values"), list):
            raise StagedRowsError(f"Column {name} has no values.")
        kind, values = column.get("type"), column["values"]
        if len(values) != len(rows):
            raise StagedRowsError(f"Column {name} has {len(values)} values for {len(rows)} rows.")
        if kind == "text":
            _check(name, values, str)
        elif kind == "bool":
            _check(name, values, bool)
        elif kind == "int":
            _check(name, values, int)
        elif kind == "decimal":
            values = _parsed(name, values, Decimal)
        elif kind == "date":
            values = _parsed(name, values, date.fromisoformat)
        else:
            raise StagedRowsError(f"Column {name} has a type this version does not know: {kind!r}.")
        out[name] = values
    return out, rows


# A table as read from an upload (header and raw cells), kept to be checked again (extract_recheck) -------

TABLE_FORMAT = "edi-tracker/kept-table/1"
_CELL_TYPES = {"date": date.fromisoformat, "datetime": datetime.fromisoformat, "time": time.fromisoformat,
               "decimal": Decimal}


def _cell_out(value):
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    for tag, python_type in (("datetime", datetime), ("date", date), ("time", time), ("decimal", Decimal)):
        if isinstance(value, python_type):
            return {tag: value.isoformat() if tag != "decimal" else str(value)}
    return str(value)  # anything else a reader gives is kept as its text


def _cell_in(value):
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, dict) and len(value) == 1:
        (tag, text), = value.items()
        if tag in _CELL_TYPES and isinstance(text, str):
            try:
                return _CELL_TYPES[tag](text)
            except (ValueError, InvalidOperation):
                pass
    raise StagedRowsError("A kept table holds a cell that is not one we wrote.")


def dumps_table(header: list[str], rows: list[list]) -> bytes:
    """The header and rows as JSON, each cell as itself or, for dates, times and amounts, tagged."""
    return json.dumps({"format": TABLE_FORMAT, "header": [str(h) for h in header],
                       "rows": [[_cell_out(cell) for cell in row] for row in rows]},
                      separators=(",", ":")).encode()


def loads_table(data: bytes) -> tuple[list[str], list[list]]:
    """The table dumps_table wrote; anything else is refused with StagedRowsError (nothing runs)."""
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise StagedRowsError("The kept table could not be read back.") from error
    if (not isinstance(document, dict) or document.get("format") != TABLE_FORMAT
            or not isinstance(document.get("header"), list) or not isinstance(document.get("rows"), list)
            or not all(isinstance(h, str) for h in document["header"])
            or not all(isinstance(row, list) for row in document["rows"])):
        raise StagedRowsError("The kept table is not one this version wrote.")
    return document["header"], [[_cell_in(cell) for cell in row] for row in document["rows"]]
