import copy
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from edi_tracker.models import Organisation
from metrics.compute import SCOPES, ScopeRefused, in_section_8_order, with_missing_figures
from metrics.selectors import published_document
from metrics.services import results_get_or_compute


class Command(BaseCommand):
    help = (
        "Print an organisation's SC-WRES metrics, pay gaps and declaration rates for a year as the JSON document "
        "of metrics.md §8: metrics ORG YEAR --json [--published] [--scope all|social_care|adults|children]. Raw "
        "figures by default (for HR); --published applies disclosure control, suppressed numbers as null."
    )

    def add_arguments(self, parser):
        parser.add_argument("organisation")
        parser.add_argument("year", type=int)
        parser.add_argument("--json", action="store_true", help="Print JSON (the only format)")
        parser.add_argument("--published", action="store_true", help="Apply disclosure control")
        parser.add_argument("--scope", choices=SCOPES, default="social_care",
                            help="Whose SC-WRES metrics: social care staff (default), adults', children's or all staff")

    def handle(self, *args, organisation, year, published=False, scope="social_care", **options):
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(f"There is no organisation “{organisation}”.")
        try:
            document = results_get_or_compute(organisation=org, year=year, scope=scope)
        except ScopeRefused as refusal:
            self.stderr.write(str(refusal))
            sys.exit(1)
        if published:  # protected together with the year's other stored scopes, which are published beside it
            document = published_document(org, year, scope, document)
        else:
            document = in_section_8_order(with_missing_figures(copy.deepcopy(document)))
        self.stdout.write(json.dumps(document, indent=2))
