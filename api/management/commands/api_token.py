from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api.models import ApiToken
from api.services import token_create, token_revoke
from edi_tracker.models import Organisation


class Command(BaseCommand):
    help = ("Create an API token of an organisation and print it once: api_token ORG --name NAME [--expires DAYS]; "
            "or revoke the live token of that name: api_token ORG --revoke NAME.")

    def add_arguments(self, parser):
        parser.add_argument("organisation")
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--name", help="A name for the new token, such as 'Power BI board pack'")
        group.add_argument("--revoke", metavar="NAME", help="Revoke the live token of this name")
        parser.add_argument("--expires", type=int, metavar="DAYS", help="Days until the new token expires")

    def handle(self, *args, organisation, name=None, revoke=None, expires=None, **options):
        org = Organisation.objects.filter(slug=organisation).first()
        if org is None:
            raise CommandError(f"There is no organisation “{organisation}”.")
        if revoke is not None:
            if expires is not None:
                raise CommandError("--expires goes with --name, not --revoke.")
            token = ApiToken.objects.filter(organisation=org, name=revoke.strip(), revoked_at__isnull=True).first()
            if token is None:
                raise CommandError(f"{org.name} has no live token named “{revoke}”.")
            token_revoke(token=token, actor=None)
            self.stderr.write(f"Revoked the token “{token.name}” ({token.prefix}…).")
            return
        try:
            token, text = token_create(organisation=org, name=name, actor=None, expires_days=expires)
        except ValidationError as error:
            raise CommandError(" ".join(m for messages in error.message_dict.values() for m in messages)) from None
        when = f"it expires on {token.expires_at:%-d %B %Y}" if token.expires_at else "it does not expire"
        self.stderr.write(f"Created the token “{token.name}” for {org.name}; {when}. It is shown once:")
        self.stdout.write(text)
