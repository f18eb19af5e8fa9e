from django.core.management.base import BaseCommand

from events.services import anonymise_due


class Command(BaseCommand):
    help = "Anmeldedaten nach Ablauf der Aufbewahrungsfrist anonymisieren."

    def handle(self, *args, **options):
        count = anonymise_due()
        self.stdout.write(f"events_anonymise: {count}")
