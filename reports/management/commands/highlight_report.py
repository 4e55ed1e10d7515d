"""Make one quarterly highlight report from the command line, through the same service as the worker."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from edi_tracker.models import Organisation
from edi_tracker.quarters import FinancialQuarter
from plans.models import Plan
from reports import services
from reports.models import ReportStatus


class Command(BaseCommand):
    # It does what the worker does, which runs no system checks either: they import every view of the URL
    # configuration, which a report does not use (`manage.py check` runs them; so do migrate and the tests).
    requires_system_checks = []
    help = ("Make the highlight report of a plan for a financial quarter and write the PDF to a file. "
            "PLAN is the plan's id or its exact title. Example: highlight_report lambeth 3 --quarter 2022/23-Q2 --out q2.pdf")

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="The organisation's short name (slug).")
        parser.add_argument("plan", help="The plan's id or exact title.")
        parser.add_argument("--quarter", required=True, help="The financial quarter, like 2022/23-Q2.")
        parser.add_argument("--out", required=True, help="Where to write the PDF.")
        parser.add_argument("--again", action="store_true",
                            help="Make the report again when it is already made (the old one is kept as superseded). "
                                 "Without it, the report already made is written.")

    def handle(self, *args, organisation, plan, quarter, out, again=False, **options):
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(f"There is no organisation with the short name “{organisation}”.")
        plans = Plan.objects.filter(organisation=org)
        found = plans.filter(pk=int(plan)).first() if plan.isdigit() else plans.filter(title=plan).first()
        if found is None:
            raise CommandError(f"{org} has no plan “{plan}”: give its id or its exact title.")
        try:
            financial_quarter = FinancialQuarter.parse(quarter)
        except ValueError as error:
            raise CommandError(str(error)) from None
        out_path = Path(out)
        if not out_path.parent.is_dir():
            raise CommandError(f"Cannot write {out}: the folder {out_path.parent} does not exist.")
        try:
            # Made here, in this process: no task is queued, so it works with the broker down too.
            report = services.report_request(plan=found, quarter=financial_quarter, requested_by=None, queue=False)
        except services.ReportExists as made:
            if not again:
                self.stdout.write(f"The {financial_quarter.label} report of {found} was already made: writing it as it "
                                  "is (give --again to make it again).")
                report = made.report
            else:
                report = services.report_request(plan=found, quarter=financial_quarter, requested_by=None, queue=False,
                                                 remake=made.report)
        except services.ReportInProgress as busy:
            raise CommandError(f"{busy} Wait for it to finish, then download it.") from None
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        report = services.report_generate(report_id=report.pk)
        if report.status != ReportStatus.DONE:
            raise CommandError(f"The report failed: {report.failure_reason}")
        with report.pdf.open("rb") as handle:
            out_path.write_bytes(handle.read())
        self.stdout.write(f"Wrote {out_path} ({report.pages} pages) for {found} {financial_quarter.label}.")
