"""Helpers shared by every CSV and XLSX export: see edi_tracker.tables (kept for its old name)."""

from .tables import FORMULA_PREFIXES, escape_cell as safe_cell, unescape_cell  # noqa: F401
