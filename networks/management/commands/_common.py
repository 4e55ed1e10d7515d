"""What the network commands share: finding a network or an organisation by slug, with a clear refusal."""

from django.core.management.base import BaseCommand, CommandError

from edi_tracker.models import Organisation
from networks.models import Network


def network_named(slug: str) -> Network:
    network = Network.objects.filter(slug=slug).first()
    if network is None:
        raise CommandError(f"There is no network “{slug}”.")
    return network


def organisation_named(slug: str) -> Organisation:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise CommandError(f"There is no organisation “{slug}”.")
    return organisation


def year_given(value: str) -> int:
    try:
        year = int(value)
    except ValueError:
        raise CommandError(f"“{value}” is not a year: give it as four digits, e.g. 2022.") from None
    if not 2000 <= year <= 2100:
        raise CommandError(f"{year} is not a reporting year this product can hold (2000 to 2100).")
    return year


class MembershipStepCommand(BaseCommand):
    """`COMMAND ORG NETWORK`: one step of an organisation's membership of a network (accept, decline,
    leave) — the service to call and the sentence to print are all a subclass gives."""

    def step(self, *, network: Network, organisation: Organisation):
        raise NotImplementedError

    done = ""  # the sentence printed after the step: {org} and {net} are filled in

    def add_arguments(self, parser):
        parser.add_argument("organisation")
        parser.add_argument("network")

    def handle(self, *args, organisation, network, **options):
        from networks.services import NetworkRefused

        org, net = organisation_named(organisation), network_named(network)
        try:
            self.step(network=net, organisation=org)
        except NetworkRefused as refusal:
            raise CommandError(" ".join(refusal.messages)) from None
        self.stdout.write(self.done.format(org=org, net=net))
