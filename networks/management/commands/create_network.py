from django.core.management.base import BaseCommand, CommandError

from edi_tracker.models import User
from networks.services import NetworkRefused, create_network


class Command(BaseCommand):
    help = "Create a network with a coordinator: create_network SLUG --name NAME --coordinator EMAIL [--threshold N]."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--name", required=True)
        parser.add_argument("--coordinator", action="append", default=[], metavar="EMAIL",
                            help="The email address (or user name) of a coordinator; may be given more than once")
        parser.add_argument("--threshold", type=int, default=10, help="The network's disclosure threshold (3 to 20)")

    def handle(self, *args, slug, name, coordinator, threshold, **options):
        users = []
        for who in coordinator:
            user = (User.objects.filter(email__iexact=who).order_by("pk").first()
                    or User.objects.filter(username=who).first())
            if user is None:
                raise CommandError(f"There is no user with the email address or user name “{who}”: create the "
                                   "account first (createsuperuser or an organisation's invitation).")
            users.append(user)
        try:
            network = create_network(slug=slug, name=name, coordinators=users, disclosure_threshold=threshold)
        except NetworkRefused as refusal:
            raise CommandError(" ".join(refusal.messages)) from None
        self.stdout.write(f"Created the network “{network.name}” ({network.slug}) with "
                          f"{len(users)} coordinator{'' if len(users) == 1 else 's'}.")
