from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from edi_tracker.services import organisation_create


class Command(BaseCommand):
    help = "Create an organisation (a council or trust): create_organisation SLUG --name NAME"

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Short name used in URLs, e.g. lambeth")
        parser.add_argument("--name", required=True, help="The organisation's full name")

    def handle(self, *args, slug, name, **options):
        try:
            organisation = organisation_create(slug=slug, name=name)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Created {organisation.name} at /o/{organisation.slug}/")
