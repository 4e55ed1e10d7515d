"""Load the demo's workforce extracts (CSV files, written by scripts/make_demo_extracts.py) through the
same check and confirm as a user's upload."""

from pathlib import Path

from edi_tracker.models import Organisation

from .models import Extract, ExtractKind
from .services import extract_check, extract_confirm


def demo_workforce_load(organisation: Organisation, folder: Path, years=(2025, 2026)) -> None:
    """Upload `folder`/KIND-YEAR.csv for each year, staff first (so casework and CPD can be matched).
    Idempotent: a kind and year that already has a current extract is left alone. A file that does not
    pass its check stops the load with the check's report."""
    kinds = sorted(ExtractKind.values, key=lambda kind: kind != ExtractKind.STAFF)
    for year in years:
        for kind in kinds:
            path = folder / f"{kind}-{year}.csv"
            if not path.exists() or Extract.objects.filter(organisation=organisation, kind=kind, year=year,
                                                           status="current").exists():
                continue
            extract, result = extract_check(organisation=organisation, kind=kind, year=year, filename=path.name,
                                            data=path.read_bytes(), uploaded_by=None)
            if result is None or not result.ok:
                raise RuntimeError(f"The demo extract {path.name} did not pass its check: {extract.report}")
            extract_confirm(extract=extract, actor=None)
