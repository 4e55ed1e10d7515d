from django.core.management.base import BaseCommand, CommandError

from networks.services import NetworkRefused, withdraw_metrics

from ._common import network_named, organisation_named, year_given


class Command(BaseCommand):
    help = "Withdraw an organisation's figures for a year from a network: withdraw_metrics ORG YEAR --network NETWORK."

    def add_arguments(self, parser):
        parser.add_argument("organisation")
        parser.add_argument("year")
        parser.add_argument("--network", required=True)

    def handle(self, *args, organisation, year, network, **options):
        org, net, year = organisation_named(organisation), network_named(network), year_given(year)
        try:
            withdraw_metrics(network=net, organisation=org, year=year)
        except NetworkRefused as refusal:
            raise CommandError(" ".join(refusal.messages)) from None
        self.stdout.write(f"Withdrew {org}'s {year} figures from {net}.")
