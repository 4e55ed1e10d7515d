from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from edi_tracker.models import Organisation
from metrics.compute import metric_settings
from metrics.services import organisation_social_care_update


class Command(BaseCommand):
    help = (
        "Show or set an organisation's methodology settings (metrics.md §1, §4): which directorates are adults' "
        "and children's social care, the days of the relevant pay period and the standard weekly hours. "
        'organisation_settings ORG --social-care adults="Adult Social Care" --social-care children="Children\'s '
        'Social Care". Repeat --social-care for several directorates of one area; "adults=" clears that area. '
        "Stored figures are recomputed."
    )

    def add_arguments(self, parser):
        parser.add_argument("organisation")
        parser.add_argument("--social-care", action="append", default=[], metavar="AREA=DIRECTORATE",
                            help='adults="Directorate" or children="Directorate"; repeat for more directorates')
        parser.add_argument("--pay-period-days", type=int, help="Days in the relevant pay period (default 31)")
        parser.add_argument("--standard-weekly-hours", help="Standard full-time weekly hours (default 37)")
        parser.add_argument("--dry-run", action="store_true", help="Say what would change, change nothing")

    def handle(self, *args, organisation, social_care, pay_period_days=None, standard_weekly_hours=None, dry_run=False,
               **options):
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(f"There is no organisation “{organisation}”.")
        areas: dict[str, list[str]] = {}
        for item in social_care:
            area, sep, directorate = item.partition("=")
            area = area.strip().lower()
            if not sep or area not in ("adults", "children"):
                raise CommandError(f"“{item}” is not an area and a directorate: write adults=\"Adult Social Care\" or "
                                   "children=\"Children's Social Care\".")
            areas.setdefault(area, [])
            if directorate.strip():
                areas[area].append(directorate.strip())
        hours = None
        if standard_weekly_hours is not None:
            try:
                hours = Decimal(standard_weekly_hours)
            except InvalidOperation:
                raise CommandError(f"“{standard_weekly_hours}” is not a number of hours.") from None
        if dry_run:
            self.stdout.write(f"Would set: {areas or 'no areas'}; pay period {pay_period_days}; hours {hours}.")
            return
        if not social_care and pay_period_days is None and hours is None:
            self._show(org, metric_settings(org))
            return
        try:
            settings = organisation_social_care_update(organisation=org, actor=None, adults=areas.get("adults"),
                                                       children=areas.get("children"), pay_period_days=pay_period_days,
                                                       standard_weekly_hours=hours)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self._show(org, settings)

    def _show(self, org, settings):
        self.stdout.write(
            f"{org.slug}: adults' social care: {', '.join(settings.social_care_adults) or 'none set'}; children's social "
            f"care: {', '.join(settings.social_care_children) or 'none set'}; pay period {settings.pay_period_days} days; "
            f"standard week {settings.standard_weekly_hours} hours."
        )
