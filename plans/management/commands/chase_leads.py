from django.core.management.base import BaseCommand, CommandError

from edi_tracker.models import Organisation
from plans import selectors, services


class Command(BaseCommand):
    help = ("Email the leads of actions not updated this quarter now (or every open action of one lead), one email "
            "per lead: chase_leads ORG [--lead USERNAME] [--dry-run]. The automatic reminder before a quarter "
            "closes is separate.")

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="The organisation's short name (slug)")
        parser.add_argument("--lead", help="Chase every open action of this lead (their user name)")
        parser.add_argument("--dry-run", action="store_true", help="List the actions and their leads; send nothing")

    def handle(self, *args, organisation, lead=None, dry_run=False, **options):
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(f"There is no organisation “{organisation}”.")
        lead_user = None
        if lead:
            lead_user = selectors.lead_choices(org).filter(username=lead).first()
            if lead_user is None:
                raise CommandError(f"{lead} is not a lead, editor or admin of {org.name}.")
        actions = list(selectors.chase_candidates(org, lead=lead_user))
        if not actions:
            self.stdout.write("There is no action to chase.")
            return
        if dry_run:
            for action in actions:
                who = action.lead_user or f"nobody in EDI Tracker ({action.lead_officer or 'no lead officer'})"
                self.stdout.write(f"{action.reference} ({action.plan.title}): {who}")
            self.stdout.write(f"Dry run: {len(actions)} action{'s' if len(actions) != 1 else ''}, nothing sent.")
            return
        result = services.chase_leads(organisation=org, actor=None, actions=actions)
        count = len(result.emailed)
        self.stdout.write(f"{count} lead{'s' if count != 1 else ''} emailed.")
        for action, why in result.not_reached:
            self.stdout.write(f"Not emailed about {action.reference}: {why}")
        for lead_user, lead_actions, why in result.failed:
            self.stdout.write(f"Could not email {lead_user} about "
                              f"{', '.join(a.reference for a in lead_actions)}: {why}")


