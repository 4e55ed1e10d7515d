from django.core.management.base import BaseCommand

from metrics.services import results_recompute
from plans.demo.loader import demo_load
from workforce.demo import demo_workforce_load


class Command(BaseCommand):
    help = (
        "Load the demo organisation: the four plans of the seed documents with a history over the last four "
        "quarters, a user for each role, and two years of workforce extracts with their SC-WRES figures. "
        "Idempotent: running it again changes nothing."
    )

    def handle(self, *args, **options):
        organisation = demo_load()
        demo_workforce_load(organisation)
        for year in (2025, 2026):
            results_recompute(organisation=organisation, year=year)
        plans = organisation.plans.count()
        actions = sum(plan.actions.count() for plan in organisation.plans.all())
        self.stdout.write(f"Demo data ready: {organisation.name} with {plans} plans, {actions} actions and "
                          "workforce figures for 2025 and 2026.")
