from django.core.management.base import BaseCommand
from django.utils import timezone

from edi_tracker.demo import FIXTURES
from edi_tracker.quarters import FinancialQuarter
from metrics.services import results_recompute
from networks import demo as networks_demo
from plans.models import PlanStatus
from reports.demo import demo_load
from reports.models import ReportKind
from reports.services import report_request
from workforce.demo import demo_workforce_load


class Command(BaseCommand):
    help = (
        "Load the demo from fixtures/demo/: the organisations and people of demo.toml, the four plans of the seed "
        "documents read by the importer with a history over the last four quarters, and two years of workforce "
        "extracts uploaded with their SC-WRES figures. Idempotent: running it again changes nothing."
    )

    def handle(self, *args, **options):
        organisation = demo_load()
        demo_workforce_load(organisation, FIXTURES / "workforce")
        for year in (2025, 2026):
            results_recompute(organisation=organisation, year=year)
        # Last quarter's highlight reports of the active plans, as the schedule would have made them (not
        # emailed). Without REDIS_URL they are made here; with it, by the worker.
        last_quarter = FinancialQuarter.containing(timezone.localdate()).previous()
        for plan in organisation.plans.filter(status=PlanStatus.ACTIVE):
            report_request(plan=plan, quarter=last_quarter, requested_by=None, kind=ReportKind.SCHEDULED)
        networks_demo.load()  # the demo network and its coordinator (networks/demo.py)
        plans = organisation.plans.count()
        actions = sum(plan.actions.count() for plan in organisation.plans.all())
        self.stdout.write(f"Demo data ready: {organisation.name} with {plans} plans, {actions} actions and "
                          f"workforce figures for 2025 and 2026, and the highlight reports of {last_quarter.label}.")
