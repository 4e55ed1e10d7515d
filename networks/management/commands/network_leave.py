from django.core.management.base import BaseCommand, CommandError

from networks.services import NetworkRefused, leave_network

from ._common import network_named, organisation_named


class Command(BaseCommand):
    help = "Leave a network (its publications there are withdrawn): network_leave ORG NETWORK."

    def add_arguments(self, parser):
        parser.add_argument("organisation")
        parser.add_argument("network")

    def handle(self, *args, organisation, network, **options):
        org, net = organisation_named(organisation), network_named(network)
        try:
            leave_network(network=net, organisation=org)
        except NetworkRefused as refusal:
            raise CommandError(" ".join(refusal.messages)) from None
        self.stdout.write(f"{org} has left {net}.")
