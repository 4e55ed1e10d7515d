"""Helpers shared by every CSV and XLSX export."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Make a value safe to open in a spreadsheet: text that a spreadsheet would read as a formula
    (it begins with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe, so it is
    shown as the text it is and never run. Numbers, dates and None pass through unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
