from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from edi_tracker.storage import storage_prepare


class Command(BaseCommand):
    help = ("Create the object store's container or bucket if it is missing (private), and refuse one the public "
            "can read. Run it once per deployment, with migrate.")

    def handle(self, *args, **options):
        try:
            self.stdout.write(storage_prepare())
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
