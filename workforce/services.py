"""Workforce extracts: check (nothing stored but the check report) then confirm (every row in one
transaction, or nothing). The raw file is never kept: between the two steps only the normalised,
pseudonymised columns wait, in a private staging file that confirm removes."""

import hashlib
import pickle
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from edi_tracker.models import Organisation, User
from edi_tracker.services import audit_record

from . import hooks
from .checking import CheckResult, ExtractRefused, check_table, read_table
from .models import (
    CaseRecord,
    CpdRecord,
    EthnicityMapping,
    Extract,
    ExtractKind,
    ExtractStatus,
    RecruitmentRecord,
    StaffRecord,
    SurveyRecord,
)
from .vocab import key

RECORD_MODELS = {
    ExtractKind.STAFF: StaffRecord, ExtractKind.RECRUITMENT: RecruitmentRecord, ExtractKind.CASEWORK: CaseRecord,
    ExtractKind.CPD: CpdRecord, ExtractKind.SURVEY: SurveyRecord,
}
# Extract column name -> record field, where they differ.
FIELD_NAMES = {"employee_id": "employee_key", "applicant_id": "applicant_key"}


def _staging_path(extract: Extract) -> Path:
    folder = Path(settings.MEDIA_ROOT) / "staging"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"extract-{extract.pk}.pickle"


def current_staff_keys(organisation: Organisation, year: int) -> set[str] | None:
    extract = Extract.objects.filter(organisation=organisation, kind=ExtractKind.STAFF, year=year,
                                     status=ExtractStatus.CURRENT).first()
    if extract is None:
        return None
    return set(StaffRecord.objects.filter(extract=extract).values_list("employee_key", flat=True))


def _validate_year(year: int) -> None:
    if not (2000 <= int(year) <= 2100):
        raise ExtractRefused(f"{year} is not a reporting year: give the year of the 31 March snapshot, such as 2022.")


def _new_extract(organisation, kind, year, filename, data, uploaded_by) -> Extract:
    if kind not in RECORD_MODELS:
        raise ValidationError(f"“{kind}” is not a kind of extract: use staff, recruitment, casework, cpd or survey.")
    return Extract.objects.create(organisation=organisation, kind=kind,
                                  year=year if str(year).isdigit() else 0, filename=Path(filename).name[:255],
                                  checksum=hashlib.sha256(data).hexdigest(), uploaded_by=uploaded_by)


def extract_check(*, organisation: Organisation, kind: str, year: int, filename: str, data: bytes,
                  uploaded_by: User | None) -> tuple[Extract, CheckResult | None]:
    """Check a file. Returns the Extract (status checked, or refused with its reason) and the result.
    A checked extract's normalised rows wait in a staging file until extract_confirm."""
    extract = _new_extract(organisation, kind, year, filename, data, uploaded_by)
    return _check_into(extract, data), extract.latest_result


def _raw_path(extract: Extract) -> Path:
    return _staging_path(extract).with_suffix(".upload")


def extract_queue(*, organisation: Organisation, kind: str, year: int, filename: str, data: bytes,
                  uploaded_by: User | None) -> Extract:
    """Keep a large upload privately until a Celery task has checked it (the task deletes it)."""
    from .tasks import extract_check_task

    extract = _new_extract(organisation, kind, year, filename, data, uploaded_by)
    _raw_path(extract).write_bytes(data)
    transaction.on_commit(lambda: extract_check_task.delay(extract.pk))
    return extract


def extract_check_queued(*, extract_id: int) -> Extract:
    """The task's work: check a queued upload. Safe to run twice: a finished check is left alone."""
    extract = Extract.objects.get(pk=extract_id)
    raw = _raw_path(extract)
    if extract.status != ExtractStatus.CHECKING or not raw.exists():
        return extract
    try:
        return _check_into(extract, raw.read_bytes(), progress=lambda pct: _set_progress(extract, pct))
    finally:
        raw.unlink(missing_ok=True)


def _set_progress(extract: Extract, pct: int) -> None:
    extract.progress = pct
    extract.save(update_fields=["progress"])


def _check_into(extract: Extract, data: bytes, progress=None) -> Extract:
    organisation, kind, year, filename, checksum = (extract.organisation, extract.kind, extract.year, extract.filename,
                                                    extract.checksum)
    extract.latest_result = None
    try:
        _validate_year(year)
        earlier = (Extract.objects.filter(organisation=organisation, kind=kind, year=year, checksum=checksum,
                                          status__in=[ExtractStatus.CURRENT, ExtractStatus.REPLACED])
                   .exclude(pk=extract.pk).first())
        if earlier is not None:
            raise ExtractRefused(
                f"This file was already uploaded on {timezone.localtime(earlier.uploaded_at):%-d %B %Y at %H:%M} "
                f"as the {kind} extract for {year} (now {earlier.get_status_display().lower()}): nothing has changed."
            )
        if progress:
            progress(10)
        header, rows = read_table(filename, data)
        mappings = {m.normalised_value: m.ethnicity for m in EthnicityMapping.objects.filter(organisation=organisation)}
        staff_keys = current_staff_keys(organisation, year) if kind in ("casework", "cpd") else None
        result = check_table(organisation=organisation, kind=kind, year=year, header=header, rows=rows,
                             staff_keys=staff_keys, ethnicity_mappings=mappings)
        if progress:
            progress(60)
    except ExtractRefused as error:
        extract.status, extract.failure_reason = ExtractStatus.REFUSED, str(error)
        extract.report = {"refused": str(error)}
        extract.progress = 100
        extract.save(update_fields=["status", "failure_reason", "report", "progress"])
        return extract
    extract.latest_result = result
    extract.progress = 100
    extract.report = result.report()
    extract.row_count = len(result.row_numbers) if result.ok else result.rows
    if result.ok:
        extract.status = ExtractStatus.CHECKED
        with open(_staging_path(extract), "wb") as staging:
            pickle.dump({"columns": result.columns, "rows": result.row_numbers}, staging, protocol=pickle.HIGHEST_PROTOCOL)
    else:
        extract.status = ExtractStatus.REFUSED
        extract.failure_reason = f"{result.error_count} error{'s' if result.error_count != 1 else ''} in the file."
    extract.save(update_fields=["status", "report", "row_count", "failure_reason", "progress"])
    return extract


def _record_fields(model) -> list[str]:
    return [f.column for f in model._meta.concrete_fields if f.column != "id"]


def _copy_rows(model, fields: list[str], rows: list[tuple]) -> None:
    """Load rows with PostgreSQL's COPY; a plain bulk insert on any other database."""
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f'COPY "{table}" ({", ".join(fields)}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
    else:
        attnames = {f.column: f.attname for f in model._meta.concrete_fields}
        model.objects.bulk_create((model(**{attnames[f]: v for f, v in zip(fields, row)}) for row in rows), batch_size=2000)


def _store(extract: Extract, columns: dict[str, list], row_numbers: list[int]) -> None:
    model = RECORD_MODELS[extract.kind]
    fields = _record_fields(model)
    n = len(row_numbers)
    constant = {"extract_id": extract.pk, "organisation_id": extract.organisation_id, "year": extract.year}
    series = []
    for field_name in fields:
        if field_name in constant:
            series.append([constant[field_name]] * n)
        elif field_name == "row_number":
            series.append(row_numbers)
        else:
            source = next((c for c, f in FIELD_NAMES.items() if f == field_name), field_name)
            values = columns.get(source)
            if values is None:
                field = model._meta.get_field(field_name)
                default = field.get_default() if field.has_default() else (None if field.null else "")
                values = [default] * n
            series.append(values)
    _copy_rows(model, fields, list(zip(*series)))


def extract_confirm(*, extract: Extract, actor: User | None, replace: bool = False) -> Extract:
    """Store a checked extract's rows in one transaction, or nothing. An extract of the same kind and
    year that is current is replaced only when `replace` is given."""
    staging = _staging_path(extract)
    with transaction.atomic():
        locked = Extract.objects.select_for_update().get(pk=extract.pk)
        if locked.status == ExtractStatus.CURRENT:
            return locked  # confirmed already: running twice does no harm
        if locked.status != ExtractStatus.CHECKED or not staging.exists():
            raise ValidationError("This extract cannot be confirmed: check the file again.")
        current = (Extract.objects.select_for_update()
                   .filter(organisation_id=locked.organisation_id, kind=locked.kind, year=locked.year,
                           status=ExtractStatus.CURRENT).first())
        if current is not None and not replace:
            raise ValidationError(
                f"There is already a {locked.kind} extract for {locked.year} ({current.filename}, uploaded "
                f"{timezone.localtime(current.uploaded_at):%-d %B %Y}). Confirm that this one replaces it."
            )
        with open(staging, "rb") as handle:
            payload = pickle.load(handle)
        if current is not None:
            RECORD_MODELS[current.kind].objects.filter(extract=current).delete()
            current.status = ExtractStatus.REPLACED
            current.save(update_fields=["status"])
        _store(locked, payload["columns"], payload["rows"])
        locked.status, locked.confirmed_at, locked.progress = ExtractStatus.CURRENT, timezone.now(), 100
        locked.row_count = len(payload["rows"])
        locked.save(update_fields=["status", "confirmed_at", "progress", "row_count"])
        audit_record(organisation=locked.organisation, actor=actor, verb="extract.confirmed", obj=locked,
                     summary=f"{locked.get_kind_display()} extract {locked.year} stored ({locked.row_count:,} rows)"
                             + (f", replacing {current.filename}" if current else ""))
        for after in hooks.after_confirm_callbacks():  # metrics registers its recomputation (metrics.apps)
            transaction.on_commit(lambda after=after: after(extract=locked))
    staging.unlink(missing_ok=True)
    return locked


def extract_discard(*, extract: Extract, actor: User | None) -> None:
    """Abandon a checked extract: its staged rows are deleted."""
    _staging_path(extract).unlink(missing_ok=True)
    if extract.status == ExtractStatus.CHECKED:
        extract.status = ExtractStatus.REFUSED
        extract.failure_reason = "Not confirmed: discarded."
        extract.save(update_fields=["status", "failure_reason"])


@transaction.atomic
def ethnicity_mapping_set(*, organisation: Organisation, value: str, ethnicity: str, actor: User | None) -> EthnicityMapping:
    from .models import Ethnicity

    if ethnicity not in Ethnicity.values:
        raise ValidationError(f"Choose a category for “{value}”.")
    mapping, _ = EthnicityMapping.objects.update_or_create(
        organisation=organisation, normalised_value=key(value),
        defaults={"value": value[:200], "ethnicity": ethnicity, "created_by": actor},
    )
    audit_record(organisation=organisation, actor=actor, verb="ethnicity.mapped", obj=mapping,
                 summary=f"Ethnicity “{value}” mapped to {Ethnicity(ethnicity).label}")
    return mapping
