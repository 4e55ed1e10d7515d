from django.core.management.base import BaseCommand, CommandError

from networks.services import NetworkRefused, invite_organisation

from ._common import network_named, organisation_named


class Command(BaseCommand):
    help = "Invite an organisation to a network: network_invite NETWORK ORG."

    def add_arguments(self, parser):
        parser.add_argument("network")
        parser.add_argument("organisation")

    def handle(self, *args, network, organisation, **options):
        net, org = network_named(network), organisation_named(organisation)
        try:
            invite_organisation(network=net, organisation=org)
        except NetworkRefused as refusal:
            raise CommandError(" ".join(refusal.messages)) from None
        self.stdout.write(f"Invited {org} to {net}.")
