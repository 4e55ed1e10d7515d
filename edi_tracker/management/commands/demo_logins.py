from django.core.management.base import BaseCommand

from edi_tracker.demo import DEMO_ORGANISATION, DEMO_PASSWORD, DEMO_USERS, SECOND_ORGANISATION, SECOND_ORGANISATION_ADMIN
from edi_tracker.models import Membership, User


class Command(BaseCommand):
    help = "Print the demo users, their roles and the demo password (load them with load_demo)."

    def handle(self, *args, **options):
        users = [*DEMO_USERS, SECOND_ORGANISATION_ADMIN]
        found = {m.user.username: m for m in Membership.objects.filter(user__username__in=[u[0] for u in users])
                 .select_related("user", "organisation")}
        if not found:
            self.stdout.write("There are no demo users: run `python manage.py load_demo` first.")
            return
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        for username, title, role in users:
            membership = found.get(username)
            if membership:
                self.stdout.write(f"  {username:<18} {membership.get_role_display():<20} {title} – {membership.organisation.name}")
        # The demo network's coordinator (networks/demo.py) belongs to no organisation: found by name here,
        # since the core does not import the apps above it.
        coordinator = User.objects.filter(username="demo-coordinator").first()
        if coordinator is not None:
            self.stdout.write(f"  {coordinator.username:<18} {'Network coordinator':<20} {coordinator} – the demo network, at /n/")
        self.stdout.write(f"Organisations: /o/{DEMO_ORGANISATION[0]}/ and /o/{SECOND_ORGANISATION[0]}/")
