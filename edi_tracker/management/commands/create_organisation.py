from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from edi_tracker.models import Role, User
from edi_tracker.services import membership_set, organisation_create


class Command(BaseCommand):
    help = "Create an organisation (a council or trust): create_organisation SLUG --name NAME [--admin USERNAME]"

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Short name used in URLs, e.g. lambeth")
        parser.add_argument("--name", required=True, help="The organisation's full name")
        parser.add_argument("--admin", help="Username of an existing user to make the organisation's admin")

    def handle(self, *args, slug, name, admin=None, **options):
        try:
            with transaction.atomic():
                user = None
                if admin:
                    user = User.objects.filter(username=admin).first()
                    if user is None:
                        raise ValidationError(f"There is no user “{admin}”: create it first (createsuperuser).")
                organisation = organisation_create(slug=slug, name=name)
                if user is not None:
                    membership_set(organisation=organisation, user=user, role=Role.ADMIN, actor=None)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"Created {organisation.name} at /o/{organisation.slug}/")
        if user is not None:
            self.stdout.write(f"{user.username} is its admin.")
