import gc
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from edi_tracker.models import Organisation
from workforce.checking import collector_paused
from workforce.formats import FORMATS
from workforce.services import extract_check, extract_dry_run_end, extract_import


class Command(BaseCommand):
    help = (
        "Check and store a workforce extract: import_extract ORG KIND FILE --year YEAR [--dry-run] [--replace]. "
        "Exits 0 when the extract was stored (or, with --dry-run, passed its check) and 1 when it was refused."
    )
    # No system checks, as highlight_report and the worker: this command serves no request, checking the URLs
    # would import every view, and the others (models, migrations' commands, templates) cost 30 ms of each
    # import for nothing (`manage.py check`, `migrate`, the web server's start and the tests run them all).
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="The organisation's short name (slug)")
        parser.add_argument("kind", choices=list(FORMATS), help="The kind of extract")
        parser.add_argument("file", help="A CSV (UTF-8) or XLSX file")
        parser.add_argument("--year", type=int, required=True, help="The reporting year, named by its 31 March snapshot")
        parser.add_argument("--dry-run", action="store_true", help="Check only; store nothing")
        parser.add_argument("--replace", action="store_true", help="Replace the current extract of this kind and year")

    def run_from_argv(self, argv):
        """The command line's entry (call_command does not come here): once the command is done the process
        ends, and Python's exit would collect garbage over every object made since Django loaded (NumPy's,
        the queries'; Django's own are frozen by edi_tracker.apps) to find nothing worth freeing before the
        memory goes back to the system anyway: they are frozen too (30-50 ms)."""
        try:
            super().run_from_argv(argv)
        finally:
            gc.freeze()

    def handle(self, *args, **options):
        # The check holds the file's rows (100,000 lists), the store and the figures thousands of rows more:
        # the cyclic garbage collector would walk them over and over and find nothing to free, about a tenth
        # of the command's time. Paused while it runs, as a batch process may (the check pauses it anyway).
        with collector_paused():
            return self._import(**options)

    def _import(self, *, organisation, kind, file, year, dry_run=False, replace=False, **options):
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(f"There is no organisation “{organisation}”.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        with path.open("rb") as file:  # read within its limits (edi_tracker.uploads), never whole first
            if dry_run:
                extract, result = extract_check(organisation=org, kind=kind, year=year, filename=path.name, data=file,
                                                uploaded_by=None, stage=False)
            else:  # checked and stored in one pass, nothing stored unless the whole file passes
                try:
                    extract = extract_import(organisation=org, kind=kind, year=year, filename=path.name, data=file,
                                             replace=replace)
                except ValidationError as error:
                    self.stderr.write(" ".join(error.messages) + " (use --replace)")
                    sys.exit(1)
                result = extract.latest_result
        report = extract.report
        if result is None:
            if dry_run:
                extract_dry_run_end(extract=extract)
            self.stderr.write(f"Refused: {extract.failure_reason}")
            sys.exit(1)
        self.stdout.write(f"Read {report['rows']:,} rows; columns: {', '.join(report['columns'])}.")
        if report["dropped_name_columns"]:
            self.stdout.write(f"Name columns dropped unread: {', '.join(report['dropped_name_columns'])}.")
        if report["unmapped_columns"]:
            self.stdout.write(f"Columns not used: {', '.join(report['unmapped_columns'])}.")
        for name, rate in report["declaration_rates"].items():
            self.stdout.write(f"Declaration rate, {name}: {rate['rate_pct']}% ({rate['declared']:,} declared)")
        for warning in report["warnings"]:
            self.stderr.write(f"Warning: {warning}")
        if not result.ok:
            for error in report["errors"]:
                self.stderr.write(f"Row {error['row']}, column {error['column']}: “{error['value']}” {error['why']}.")
            if result.error_count > len(report["errors"]):
                self.stderr.write(f"… and {result.error_count - len(report['errors']):,} more errors.")
            self.stderr.write(f"Refused: {result.error_count:,} errors. Nothing was stored.")
            if dry_run:
                extract_dry_run_end(extract=extract)
            sys.exit(1)
        if dry_run:
            extract_dry_run_end(extract=extract)
            self.stdout.write(f"Dry run: the file passed its check ({len(result.row_numbers):,} rows); nothing was stored.")
            return
        self.stdout.write(f"Stored the {kind} extract for {year}: {extract.row_count:,} rows.")
