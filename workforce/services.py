"""Workforce extracts: check (nothing stored but the check report) then confirm (every row in one
transaction, or nothing). The raw file is never kept: between the two steps only the normalised,
pseudonymised columns wait, in a private staging file that confirm removes.

Staged files (a large raw upload waiting for its check, and checked rows waiting for confirmation) go
through Django's storage API under `staging/`, so that with object storage configured the web node
that took the upload and the worker that checks it share them."""

import hashlib
import io
import logging
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from edi_tracker.models import Organisation, User
from edi_tracker.queueing import enqueue
from edi_tracker.services import audit_record

from . import hooks, staged
from .checking import CheckResult, ExtractRefused, check_table, collector_paused, pseudonymised_table, read_table
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
logger = logging.getLogger(__name__)
# The same file uploaded again this soon, while its first upload is checked or waits, is the same upload.
RESUBMIT_WINDOW = timedelta(minutes=5)
CHECK_FAILED = ("The check of this file stopped because of a fault on our side. Nothing was stored and the "
                "file was deleted: upload it again, and tell your administrator if it happens again.")
CHECK_TIMED_OUT = ("The check of this file did not finish in time, so it was stopped. Nothing was stored and the "
                   "file was deleted: upload it again, and tell your administrator if it happens again.")
# Extract column name -> record field, where they differ.
FIELD_NAMES = {"employee_id": "employee_key", "applicant_id": "applicant_key"}


STAGING = "staging"


def _staging_name(extract: Extract) -> str:
    """The storage name of a checked extract's normalised rows, waiting for confirmation."""
    return f"{STAGING}/extract-{extract.pk}{staged.SUFFIX}"


def _raw_name(extract: Extract) -> str:
    """The storage name of a large upload waiting for its check."""
    return f"{STAGING}/extract-{extract.pk}.upload"


def _recheck_name(extract: Extract) -> str:
    """The storage name of an upload refused only for ethnicity values the organisation has not mapped:
    kept (privately, swept within the hour like the rest of staging) so that it can be checked again once
    they are mapped, without uploading it again."""
    return f"{STAGING}/extract-{extract.pk}.recheck"


def _stage(name: str, content) -> None:
    """Store `content` under exactly `name`, replacing what was there."""
    default_storage.delete(name)
    saved = default_storage.save(name, content)
    if saved != name:  # another process stored the same name in between: never keep two
        default_storage.delete(saved)
        raise RuntimeError(f"The staging file {name} was written twice at once.")


def _unstage(name: str) -> None:
    default_storage.delete(name)


def current_staff_keys(organisation: Organisation, year: int) -> set[str] | None:
    extract = Extract.objects.filter(organisation=organisation, kind=ExtractKind.STAFF, year=year,
                                     status=ExtractStatus.CURRENT).first()
    if extract is None:
        return None
    return set(StaffRecord.objects.filter(extract=extract).values_list("employee_key", flat=True))


def _validate_year(year: int) -> None:
    if not (2000 <= int(year) <= 2100):
        raise ExtractRefused(f"{year} is not a reporting year: give the year of the 31 March snapshot, such as 2022.")


def _checksum(data) -> str:
    if isinstance(data, (bytes, bytearray, memoryview)):
        return hashlib.sha256(data).hexdigest()
    digest = hashlib.sha256()
    data.seek(0)
    for chunk in iter(lambda: data.read(1024 * 1024), b""):
        digest.update(chunk)
    data.seek(0)
    return digest.hexdigest()


def _size(data) -> int:
    if isinstance(data, (bytes, bytearray, memoryview)):
        return len(data)
    size = data.seek(0, io.SEEK_END)
    data.seek(0)
    return size


def _new_extract(organisation, kind, year, filename, data, uploaded_by, checksum: str | None = None) -> Extract:
    if kind not in RECORD_MODELS:
        raise ValidationError(f"“{kind}” is not a kind of extract: use staff, recruitment, casework, cpd or survey.")
    return Extract.objects.create(organisation=organisation, kind=kind,
                                  year=year if str(year).isdigit() else 0, filename=Path(filename).name[:255],
                                  checksum=checksum or _checksum(data), uploaded_by=uploaded_by)


def extract_check(*, organisation: Organisation, kind: str, year: int, filename: str, data,
                  uploaded_by: User | None, stage: bool = True) -> tuple[Extract, CheckResult | None]:
    """Check a file (bytes, or a file such as an upload). Returns the Extract (status checked, or
    refused with its reason) and the result. A checked extract's normalised rows wait in a staging
    file until extract_confirm; with `stage=False` (the import command, which confirms at once in the
    same process) they are not written there: only extract_confirm given this same Extract, which holds
    them in hand, can store them."""
    extract = _new_extract(organisation, kind, year, filename, data, uploaded_by)
    return _check_into(extract, data, stage=stage), extract.latest_result


@dataclass
class Upload:
    extract: Extract
    is_new: bool  # False: the same file was sent again while its first upload is checked or waits


def extract_upload(*, organisation: Organisation, kind: str, year: int, filename: str, data,
                   uploaded_by: User | None) -> Upload:
    """The browser's upload. A small file is checked at once; a large one waits, privately, for a
    Celery task to check it. The same file sent again within RESUBMIT_WINDOW while its first upload is
    being checked or waits for confirmation (a double click, two tabs) makes no second extract."""
    checksum = _checksum(data)
    with transaction.atomic():
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()  # one upload at a time
        earlier = (Extract.objects.filter(organisation=organisation, kind=kind, year=year if str(year).isdigit() else 0,
                                          checksum=checksum, status__in=[ExtractStatus.CHECKING, ExtractStatus.CHECKED],
                                          uploaded_at__gte=timezone.now() - RESUBMIT_WINDOW)
                   .order_by("-pk").first())
        if earlier is not None:
            return Upload(extract=earlier, is_new=False)
        extract = _new_extract(organisation, kind, year, filename, data, uploaded_by, checksum=checksum)
    if _size(data) > settings.WORKFORCE_TASK_THRESHOLD_BYTES:
        _queue(extract, data)
    else:
        try:
            _check_into(extract, data)
        except Exception:
            extract_check_failed(extract_id=extract.pk, reason=CHECK_FAILED)  # not left "being checked"
            raise
    return Upload(extract=extract, is_new=True)


def _queue(extract: Extract, data) -> None:
    from .tasks import extract_check_task

    if isinstance(data, (bytes, bytearray, memoryview)):
        _stage(_raw_name(extract), ContentFile(bytes(data)))
    else:
        data.seek(0)
        _stage(_raw_name(extract), File(data))
    enqueue(extract_check_task, extract.pk, on_failure=lambda reason: extract_check_failed(extract_id=extract.pk, reason=reason))


def extract_check_failed(*, extract_id: int, reason: str) -> None:
    """A check that could not run or broke off: the extract is failed with its reason, and the raw
    upload is deleted at once."""
    extract = Extract.objects.filter(pk=extract_id).first()
    if extract is not None:
        _unstage(_raw_name(extract))
        Extract.objects.filter(pk=extract_id, status=ExtractStatus.CHECKING).update(
            status=ExtractStatus.FAILED, failure_reason=reason, report={"refused": reason}, progress=100)


def extract_check_queued(*, extract_id: int) -> Extract:
    """The task's work: check a queued upload. Safe to run twice: a finished check is left alone."""
    extract = Extract.objects.get(pk=extract_id)
    raw = _raw_name(extract)
    if extract.status != ExtractStatus.CHECKING or not default_storage.exists(raw):
        return extract
    try:
        with default_storage.open(raw, "rb") as data:
            return _check_into(extract, data, progress=lambda pct: _set_progress(extract, pct))
    except Exception:
        logger.exception("The check of extract %s failed", extract_id)
        extract_check_failed(extract_id=extract_id, reason=CHECK_FAILED)
        return Extract.objects.get(pk=extract_id)
    finally:
        _unstage(raw)


def _set_progress(extract: Extract, pct: int) -> None:
    extract.progress = pct
    extract.save(update_fields=["progress"])


def _check_into(extract: Extract, data: bytes | None, progress=None, table: tuple | None = None,
                stage: bool = True, loading=None) -> Extract:
    """Check `data` (a file's bytes, or a file), or `table` (a table kept by pseudonymised_table). The
    checked rows are staged for extract_confirm unless `stage` is False (they stay in hand only);
    `loading` (a _loading context) stores them a piece at a time as they are checked."""
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
        pseudonymised = table is not None
        with collector_paused():  # the file's rows in hand
            header, rows = table if pseudonymised else read_table(filename, data)
            mappings = {m.normalised_value: m.ethnicity
                        for m in EthnicityMapping.objects.filter(organisation=organisation)}
            staff_keys = current_staff_keys(organisation, year) if kind in ("casework", "cpd") else None
            # The rows sent to the database are done with (its COPY ended) before it is asked anything else.
            with loading or nullcontext() as checked_rows:
                result = check_table(organisation=organisation, kind=kind, year=year, header=header, rows=rows,
                                     staff_keys=staff_keys, ethnicity_mappings=mappings, pseudonymised=pseudonymised,
                                     checked_rows=checked_rows)
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
        if stage:
            _stage(_staging_name(extract), ContentFile(staged.dumps(result.columns, result.row_numbers)))
    else:
        extract.status = ExtractStatus.REFUSED
        extract.failure_reason = f"{result.error_count} error{'s' if result.error_count != 1 else ''} in the file."
    if not result.ok and result.unmapped_ethnicities:
        # Kept, pseudonymised and without names (never the file itself), so that it can be checked again
        # once the values are mapped (extract_recheck).
        if pseudonymised:
            table = (header, rows)
        else:
            table = pseudonymised_table(organisation, kind, header, rows)
        _stage(_recheck_name(extract), ContentFile(staged.dumps_table(*table)))
        extract.report["can_recheck"] = True
    else:
        _unstage(_recheck_name(extract))
    extract.save(update_fields=["status", "report", "row_count", "failure_reason", "progress"])
    return extract


def extract_recheck(*, extract: Extract, actor: User | None) -> Extract:
    """Check the same upload again after its unknown ethnicity values were mapped (ethnicity_mapping_set),
    without uploading it again: the upload kept for this (`_recheck_name`) is read once more with the
    organisation's mappings as they are now. Nothing else changes; the extract is checked or refused as a
    new upload would be. Refused with a message when there is nothing to check again."""
    if extract.status != ExtractStatus.REFUSED or not (extract.report or {}).get("can_recheck"):
        raise ValidationError("There is nothing to check again: this upload was not refused for ethnicity values "
                              "we do not know.")
    name = _recheck_name(extract)
    if not default_storage.exists(name):
        raise ValidationError("The file is no longer kept (it is deleted within the hour): upload it again.")
    with default_storage.open(name, "rb") as stored:
        try:
            table = staged.loads_table(stored.read())  # written by _check_into; never unpickled
        except staged.StagedRowsError as error:
            raise ValidationError(f"{error} Upload the file again.") from error
    extract.status, extract.failure_reason = ExtractStatus.CHECKING, ""
    extract.save(update_fields=["status", "failure_reason"])
    extract = _check_into(extract, None, table=table)
    audit_record(organisation=extract.organisation, actor=actor, verb="extract.rechecked", obj=extract,
                 summary=f"{extract.get_kind_display()} extract for {extract.year} checked again after mapping "
                         f"ethnicity values: {extract.get_status_display().lower()}")
    return extract


def _record_fields(model) -> list[str]:
    return [f.column for f in model._meta.concrete_fields if f.column != "id"]


def _copy_text(value) -> str:
    """One value in COPY's text format: NULL as \\N, booleans as t/f, text with its backslashes, tabs and
    line breaks escaped."""
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def _copy_column(values: list) -> list[str]:
    """A column in COPY's text format, each distinct value formatted once (a column of categories has a
    handful). A column holds one field's values, so values equal in Python are equal in the database
    (Decimal("1.0") and Decimal("1")); True and 1 never share a column. The types are those of the
    distinct values: a column of 100,000 rows holds a few of them, and type() costs a call per value."""
    distinct = set(values)
    types = set(map(type, distinct))
    if types == {str}:  # identifiers (pseudonyms) and text, escaped only if some value needs it
        joined = "".join(distinct)
        if not ("\\" in joined or "\t" in joined or "\n" in joined or "\r" in joined):
            return values
    if types == {int} and len(distinct) > 1:  # row numbers: nothing to escape
        return list(map(str, values))
    formatted = {value: _copy_text(value) for value in distinct}
    return list(map(formatted.__getitem__, values))


COPY_CHUNK_ROWS = 10_000


def _record_series(model, columns: dict[str, list], row_numbers: list[int]) -> tuple[dict[str, list], dict[str, object]]:
    """Checked columns as the record's fields: those the file has, one list each (row_number first), and
    those it does not have, with their default."""
    series: dict[str, list] = {"row_number": row_numbers}
    absent: dict[str, object] = {}
    for field_name in _record_fields(model):
        if field_name in ("row_number", "extract_id", "organisation_id", "year"):
            continue
        source = next((c for c, f in FIELD_NAMES.items() if f == field_name), field_name)
        values = columns.get(source)
        if values is None:
            field = model._meta.get_field(field_name)
            absent[field_name] = field.get_default() if field.has_default() else (None if field.null else "")
        else:
            series[field_name] = values
    return series, absent


@contextmanager
def _loading(extract: Extract, replace: bool | None = None):
    """`load(columns, row_numbers)`: store checked rows of `extract`, a piece at a time, until the block
    ends. With `replace` given, first makes sure that the extract may be stored (_current_to_replace):
    before any row is checked, but after the refusals that tell more (the same file again).

    On PostgreSQL one COPY from the first piece to the end of the block, the text sent in large pieces
    rather than row by row, each piece formatted and joined while the server reads the one before
    (formatting the whole columns first kept the server waiting about 0.1 s of 100,000 rows); a plain bulk
    insert on any other database. The fields with one value in every row come last in each line, written
    once as the same end of every line: the extract, organisation and year, and the columns the file does
    not have (half the fields of a usual staff extract, formatted and joined 100,000 times each before). A
    block that raises ends the COPY with its error: nothing of it is stored. Once rows were stored, the
    table's statistics count them."""
    model = RECORD_MODELS[extract.kind]
    table = model._meta.db_table
    fixed = {"extract_id": extract.pk, "organisation_id": extract.organisation_id, "year": extract.year}
    if replace is not None:
        _current_to_replace(extract, replace)
    with ExitStack() as stack:
        copy = layout = ending = None

        def load(columns: dict[str, list], row_numbers: list[int]) -> None:
            nonlocal copy, layout, ending
            series, absent = _record_series(model, columns, row_numbers)
            if connection.vendor != "postgresql":
                attnames = {f.column: f.attname for f in model._meta.concrete_fields}
                names = [attnames[f] for f in series]
                constant = {attnames[f]: v for f, v in {**fixed, **absent}.items()}
                model.objects.bulk_create((model(**dict(zip(names, row)), **constant) for row in zip(*series.values())),
                                          batch_size=2000)
                return
            if copy is None:
                layout = (list(series), list(absent))
                ending = "".join("\t" + _copy_text(value) for value in (*fixed.values(), *absent.values())) + "\n"
                cursor = stack.enter_context(connection.cursor())
                copy = stack.enter_context(cursor.cursor.copy(
                    f'COPY "{table}" ({", ".join([*series, *fixed, *absent])}) FROM STDIN'))
            elif layout != (list(series), list(absent)):  # the pieces of one check have the same columns
                raise ValueError(f"A piece of rows with other columns than the first: {list(series)}")
            for start in range(0, len(row_numbers), COPY_CHUNK_ROWS):
                texts = [_copy_column(values[start:start + COPY_CHUNK_ROWS]) for values in series.values()]
                copy.write((ending.join(map("\t".join, zip(*texts))) + ending).encode())

        yield load
    if copy is not None:
        # The figures are read from these rows at once (metrics recomputed on confirm), long before autovacuum
        # would look at the table: without a count of the extract's rows the planner takes them for a
        # handful, and sorts 100,000 rows on disk to group them. Counting them costs a sample of one column
        # (30 ms), skipped rather than waited for while a vacuum or another import holds the table's
        # statistics (the figures are the same, only slower to read).
        with connection.cursor() as cursor:
            cursor.execute(f'ANALYZE (SKIP_LOCKED) "{table}" (extract_id)')


def _store(extract: Extract, columns: dict[str, list], row_numbers: list[int]) -> None:
    with _loading(extract) as load:
        load(columns, row_numbers)


def _current_to_replace(extract: Extract, replace: bool) -> Extract | None:
    """The current extract of `extract`'s kind and year, locked, that storing it would replace; a
    ValidationError if there is one and `replace` is not given."""
    current = (Extract.objects.select_for_update()
               .filter(organisation_id=extract.organisation_id, kind=extract.kind, year=extract.year,
                       status=ExtractStatus.CURRENT).first())
    if current is not None and not replace:
        raise ValidationError(
            f"There is already a {extract.kind} extract for {extract.year} ({current.filename}, uploaded "
            f"{timezone.localtime(current.uploaded_at):%-d %B %Y}). Confirm that this one replaces it."
        )
    return current


def _make_current(extract: Extract, current: Extract | None, actor: User | None, row_count: int) -> None:
    """Within the transaction that stored `extract`'s rows: it becomes the current extract of its kind and
    year, `current` (if any) replaced and its rows deleted; recorded in the audit trail; the figures are
    recomputed once it commits."""
    if current is not None:
        RECORD_MODELS[current.kind].objects.filter(extract=current).delete()
        current.status = ExtractStatus.REPLACED
        current.save(update_fields=["status"])
    extract.status, extract.confirmed_at, extract.progress = ExtractStatus.CURRENT, timezone.now(), 100
    extract.row_count = row_count
    extract.save(update_fields=["status", "confirmed_at", "progress", "row_count"])
    audit_record(organisation=extract.organisation, actor=actor, verb="extract.confirmed", obj=extract,
                 summary=f"{extract.get_kind_display()} extract {extract.year} stored ({extract.row_count:,} rows)"
                         + (f", replacing {current.filename}" if current else ""))
    for after in hooks.after_confirm_callbacks():  # metrics registers its recomputation (metrics.apps)
        transaction.on_commit(lambda after=after: after(extract=extract))


def extract_confirm(*, extract: Extract, actor: User | None, replace: bool = False) -> Extract:
    """Store a checked extract's rows in one transaction, or nothing. An extract of the same kind and
    year that is current is replaced only when `replace` is given."""
    staging = _staging_name(extract)
    with transaction.atomic():
        locked = Extract.objects.select_for_update().get(pk=extract.pk)
        locked.already_confirmed = locked.status == ExtractStatus.CURRENT
        if locked.already_confirmed:
            return locked  # confirmed already (a double click, two tabs): running twice does nothing
        checked = getattr(extract, "latest_result", None)
        # Checked in this process (the import command): the rows in hand are the ones checked, staged or not.
        in_hand = checked is not None and checked.ok
        if locked.status != ExtractStatus.CHECKED or not (in_hand or default_storage.exists(staging)):
            raise ValidationError(_not_confirmable(locked))
        current = _current_to_replace(locked, replace)
        if in_hand:
            columns, row_numbers = checked.columns, checked.row_numbers
        else:
            columns, row_numbers = _read_staged(locked, staging)
        _store(locked, columns, row_numbers)
        _make_current(locked, current, actor, len(row_numbers))
    _unstage(staging)
    return locked


class _Refused(Exception):
    """The check refused the file: what was stored of it is rolled back."""


def extract_import(*, organisation: Organisation, kind: str, year: int, filename: str, data,
                   replace: bool = False, actor: User | None = None) -> Extract:
    """Check a file and store it in one pass (the import command): its rows are stored a piece at a time
    as soon as they pass their check, PostgreSQL storing one piece while the next is checked, in one
    transaction that keeps nothing unless the whole file passes. Returns the Extract: current, or refused
    with its check report (as extract_check leaves it). When an extract of this kind and year is current
    and `replace` is not given, raises ValidationError before checking the file, the new extract discarded."""
    extract = _new_extract(organisation, kind, year, filename, data, actor)
    try:
        with transaction.atomic():
            locked = Extract.objects.select_for_update().get(pk=extract.pk)
            _check_into(locked, data, stage=False, loading=_loading(locked, replace=replace))
            if locked.status != ExtractStatus.CHECKED:
                raise _Refused
            current = _current_to_replace(locked, replace=True)  # allowed (_loading), and locked already
            _make_current(locked, current, actor, len(locked.latest_result.row_numbers))
    except _Refused:
        # The check's verdict was saved in the transaction rolled back with the rows: saved again.
        locked.save(update_fields=["status", "report", "row_count", "failure_reason", "progress"])
    except ValidationError:
        extract_discard(extract=extract, actor=actor)
        raise
    except Exception:
        extract_check_failed(extract_id=extract.pk, reason=CHECK_FAILED)  # not left "being checked"
        raise
    return locked


def _read_staged(extract: Extract, staging: str) -> tuple[dict[str, list], list[int]]:
    with default_storage.open(staging, "rb") as handle:
        try:
            return staged.loads(handle.read())
        except staged.StagedRowsError as error:
            logger.error("Extract %s: its staged rows cannot be read: %s", extract.pk, error)
            raise ValidationError("This extract cannot be confirmed: its checked rows could not be read back. "
                                  "Nothing was stored: upload the file again to check it.") from None


DISCARDED = "Not confirmed: discarded."


def _not_confirmable(extract: Extract) -> str:
    if extract.status == ExtractStatus.CHECKING:
        return "This extract cannot be confirmed yet: its file is still being checked. Confirm it when the check is done."
    if extract.status == ExtractStatus.REPLACED:
        return "This extract cannot be confirmed again: it was stored and has since been replaced by a newer one."
    if extract.failure_reason == DISCARDED:
        return "This extract cannot be confirmed: it was discarded and its file deleted. Upload the file again to check it."
    if extract.status in (ExtractStatus.REFUSED, ExtractStatus.FAILED):
        return (f"This extract cannot be confirmed: its file was {extract.get_status_display().lower()} "
                f"({extract.failure_reason.rstrip('.')}). Nothing was stored: correct the file and upload it again.")
    return "This extract cannot be confirmed: its checked rows are no longer kept. Upload the file again to check it."


def extract_dry_run_end(*, extract: Extract) -> None:
    """A dry run from the command line (import_extract --dry-run) leaves nothing behind: its staged rows
    are deleted and so is the extract, so that the upload history lists no check that was never an
    upload (neither "refused" nor "discarded")."""
    _unstage(_staging_name(extract))
    _unstage(_raw_name(extract))
    _unstage(_recheck_name(extract))
    extract.delete()


def extract_discard(*, extract: Extract, actor: User | None) -> bool:
    """Abandon an extract that is checked or waiting for its check: its raw upload and staged rows
    are deleted. Returns False when there was nothing left to discard (stored, refused, discarded)."""
    with transaction.atomic():
        locked = Extract.objects.select_for_update().get(pk=extract.pk)
        _unstage(_staging_name(locked))
        _unstage(_raw_name(locked))
        if locked.status not in (ExtractStatus.CHECKED, ExtractStatus.CHECKING):
            return False
        locked.status, locked.failure_reason, locked.progress = ExtractStatus.REFUSED, DISCARDED, 100
        locked.save(update_fields=["status", "failure_reason", "progress"])
    extract.status, extract.failure_reason = locked.status, locked.failure_reason
    return True


def staging_sweep(*, older_than: timedelta = timedelta(hours=1)) -> list[str]:
    """Delete what staging holds for no reason: a raw upload whose extract is no longer being checked
    (or one stuck "being checked" past WORKFORCE_CHECK_TIMEOUT_SECONDS, which is failed), staged rows
    of an extract no longer waiting for confirmation, and anything else, once older than `older_than`.
    Returns the names deleted. Run by Celery beat (workforce.sweep_staging)."""
    try:
        names = default_storage.listdir(STAGING)[1]
    except FileNotFoundError:  # the local disk before anything was staged
        return []
    now = timezone.now()
    stuck = timedelta(seconds=settings.WORKFORCE_CHECK_TIMEOUT_SECONDS)
    deleted = []
    for entry in names:
        filename = entry.rsplit("/", 1)[-1]  # django-storages' Azure listdir gives whole names, not the folder's
        name = f"{STAGING}/{filename}"
        try:
            age = (now - default_storage.get_modified_time(name)).total_seconds()
        except (FileNotFoundError, OSError):
            continue
        if age < older_than.total_seconds():
            continue
        path = Path(filename)
        pk = path.stem.removeprefix("extract-")
        extract = Extract.objects.filter(pk=int(pk)).first() if pk.isdigit() and path.stem.startswith("extract-") else None
        if extract is not None and path.suffix == ".upload" and extract.status == ExtractStatus.CHECKING:
            if age < stuck.total_seconds():
                continue  # its check may still be running or queued
            extract_check_failed(extract_id=extract.pk, reason=CHECK_TIMED_OUT)
        elif extract is not None and path.suffix == staged.SUFFIX and extract.status == ExtractStatus.CHECKED:
            continue  # normalised, pseudonymised rows waiting for confirmation, not a raw file
        default_storage.delete(name)
        deleted.append(filename)
    if deleted:
        logger.info("Staging sweep deleted %s", ", ".join(sorted(deleted)))
    return deleted


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
