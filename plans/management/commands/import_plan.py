from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from edi_tracker.models import Organisation, User
from plans.deadlines import parse_deadline
from plans.importers.reading import read_plan_file
from plans.importers.rows import ImportRefused
from plans.importers.services import plan_import_confirm
from plans.models import Plan


class Command(BaseCommand):
    help = (
        "Import a plan from a Word document, Excel workbook or CSV file: import_plan ORG FILE [--plan ID] [--dry-run]. "
        "Creates a new draft plan unless --plan names one to update."
    )

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="The organisation's short name (slug)")
        parser.add_argument("file", help="A .docx, .xlsx or .csv file")
        parser.add_argument("--plan", type=int, help="Update this plan (its id) instead of creating one")
        parser.add_argument("--dry-run", action="store_true", help="Check the file and show what would be imported; store nothing")
        parser.add_argument("--as-user", default=None, help="Username recorded as the importing editor")

    def handle(self, *args, organisation, file, plan=None, dry_run=False, as_user=None, **options):
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(f"There is no organisation “{organisation}”.")
        target = None
        if plan is not None:
            target = Plan.objects.filter(pk=plan, organisation=org).first()
            if target is None:
                raise CommandError(f"{org.name} has no plan with id {plan}.")
        actor = None
        if as_user:
            actor = User.objects.filter(username=as_user).first()
            if actor is None:
                raise CommandError(f"There is no user “{as_user}”.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file at {path}.")
        try:
            parsed = read_plan_file(path.name, path.read_bytes())
        except ImportRefused as error:
            raise CommandError(str(error)) from None
        for table in parsed.tables:
            self.stdout.write(f"{table.table.capitalize()}: {table.shape}")
        for theme in parsed.themes:
            self.stdout.write(f"Theme {theme.code} {theme.title}".replace("  ", " ")[:120])
            for action in theme.actions:
                deadline = parse_deadline(action.deadline_text)
                flag = " (deadline needs review)" if deadline.needs_review else ""
                self.stdout.write(f"  {action.reference:<8} {action.title[:70]} | {action.deadline_text or '-'}{flag}"
                                  f"{' | ' + action.status if action.status else ''}")
        for warning in parsed.warnings:
            self.stderr.write(f"Warning: {warning}")
        if dry_run:
            self.stdout.write(f"Dry run: {len(parsed.actions)} actions read; nothing stored.")
            return
        try:
            result = plan_import_confirm(organisation=org, actor=actor, parsed=parsed, plan=target)
        except ImportRefused as error:
            raise CommandError(f"Nothing was imported. {error}") from None
        self.stdout.write(
            f"Imported into plan {result.plan.pk} “{result.plan}”: {len(result.created)} added, {len(result.updated)} updated, "
            f"{len(result.status_changes)} status changes."
        )
        if result.missing:
            self.stdout.write(f"In the plan but not in the file, and kept: {', '.join(result.missing)}")
