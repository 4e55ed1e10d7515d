from django.core.management.base import BaseCommand

from plans.demo.loader import demo_load


class Command(BaseCommand):
    help = (
        "Load the demo organisation: the four plans of the seed documents with a history over the last four "
        "quarters, and a user for each role. Idempotent: running it again changes nothing."
    )

    def handle(self, *args, **options):
        organisation = demo_load()
        plans = organisation.plans.count()
        actions = sum(plan.actions.count() for plan in organisation.plans.all())
        self.stdout.write(f"Demo data ready: {organisation.name} with {plans} plans and {actions} actions.")
