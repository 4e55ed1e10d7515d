from django.core.management.base import BaseCommand, CommandError

from networks.services import NetworkRefused, accept_invitation

from ._common import network_named, organisation_named


class Command(BaseCommand):
    help = "Accept a network's invitation: network_accept ORG NETWORK."

    def add_arguments(self, parser):
        parser.add_argument("organisation")
        parser.add_argument("network")

    def handle(self, *args, organisation, network, **options):
        org, net = organisation_named(organisation), network_named(network)
        try:
            accept_invitation(network=net, organisation=org)
        except NetworkRefused as refusal:
            raise CommandError(" ".join(refusal.messages)) from None
        self.stdout.write(f"{org} has joined {net}.")
