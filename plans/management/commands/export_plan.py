import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from edi_tracker.models import Organisation
from plans.exports import plan_export_csv, plan_export_xlsx
from plans.models import Plan


class Command(BaseCommand):
    help = "Export a plan, one row per action: export_plan ORG PLAN --format csv|xlsx [--out FILE]"

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="The organisation's short name (slug)")
        parser.add_argument("plan", type=int, help="The plan's id")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--out", help="Write to this file (default: standard output for CSV)")

    def handle(self, *args, organisation, plan, format, out=None, **options):
        target = Plan.objects.filter(pk=plan, organisation__slug=organisation).first()
        if target is None:
            if not Organisation.objects.filter(slug=organisation).exists():
                raise CommandError(f"There is no organisation “{organisation}”.")
            raise CommandError(f"The organisation has no plan with id {plan}.")
        content = plan_export_csv(target) if format == "csv" else plan_export_xlsx(target)
        if out:
            Path(out).write_bytes(content)
            self.stdout.write(f"Wrote {target.actions.count()} actions to {out}")
        elif format == "xlsx":
            raise CommandError("An Excel file needs --out FILE.")
        else:
            sys.stdout.buffer.write(content)
