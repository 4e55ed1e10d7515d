from django.core.management.base import BaseCommand, CommandError

from metrics.compute import SCOPES
from networks.services import SCOPE_WORDS, NetworkRefused, publish_metrics

from ._common import network_named, organisation_named, year_given


class Command(BaseCommand):
    help = ("Publish an organisation's figures for a year to a network it belongs to (disclosure control at the "
            "higher of the two thresholds; replaces an earlier publication of the year): "
            "publish_metrics ORG YEAR --network NETWORK [--scope all|social_care|adults|children].")

    def add_arguments(self, parser):
        parser.add_argument("organisation")
        parser.add_argument("year")
        parser.add_argument("--network", required=True)
        parser.add_argument("--scope", choices=SCOPES, default="social_care")

    def handle(self, *args, organisation, year, network, scope, **options):
        org, net, year = organisation_named(organisation), network_named(network), year_given(year)
        try:
            publication = publish_metrics(network=net, organisation=org, year=year, scope=scope)
        except NetworkRefused as refusal:
            raise CommandError(" ".join(refusal.messages)) from None
        self.stdout.write(f"Published {org}'s {year} figures ({SCOPE_WORDS[scope]}) to {net}, disclosure threshold "
                          f"{publication.threshold}.")
