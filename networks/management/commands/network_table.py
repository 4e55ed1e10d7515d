import json

from django.core.management.base import BaseCommand, CommandError

from metrics.compute import in_section_8_order
from networks.selectors import network_table

from ._common import network_named, year_given


class Command(BaseCommand):
    help = ("Print a network's side-by-side document for a year: per member its slug, scope and published "
            "figures (keyed as metrics.md §8), and the network's medians and quartiles: network_table NETWORK YEAR --json.")

    def add_arguments(self, parser):
        parser.add_argument("network")
        parser.add_argument("year")
        parser.add_argument("--json", action="store_true", help="Print JSON (the only format)")

    def handle(self, *args, network, year, json: bool = False, **options):
        if not json:
            raise CommandError("Say --json: JSON is the only format network_table prints.")
        table = network_table(network_named(network), year_given(year))
        document = {
            "network": table["network"], "year": table["year"],
            "members": [{"organisation": m["organisation"], "scope": m["scope"], "threshold": m["threshold"],
                         "published_at": m["published_at"], "local_population_bme_pct": m["local_population_bme_pct"],
                         "local_population": m["local_population"],
                         "figures": in_section_8_order(m["document"])} for m in table["members"]],
            "medians": table["medians"], "totals": table["totals"],
        }
        self.stdout.write(_dumps(document))


def _dumps(document) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False)
