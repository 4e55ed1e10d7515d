import json

from django.core.management.base import BaseCommand, CommandError

from edi_tracker.models import Organisation
from metrics.disclosure import publish
from metrics.selectors import raw_or_computed


class Command(BaseCommand):
    help = (
        "Print an organisation's SC-WRES metrics, pay gaps and declaration rates for a year as the JSON document "
        "of metrics.md §8: metrics ORG YEAR --json [--published]. Raw figures by default (for HR); --published "
        "applies disclosure control, suppressed numbers as null."
    )

    def add_arguments(self, parser):
        parser.add_argument("organisation")
        parser.add_argument("year", type=int)
        parser.add_argument("--json", action="store_true", help="Print JSON (the only format)")
        parser.add_argument("--published", action="store_true", help="Apply disclosure control")

    def handle(self, *args, organisation, year, published=False, **options):
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(f"There is no organisation “{organisation}”.")
        document = raw_or_computed(org, year)
        if published:
            document, _ = publish(document, org.disclosure_threshold)
        self.stdout.write(json.dumps(document, indent=2))
