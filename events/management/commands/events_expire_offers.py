from django.core.management.base import BaseCommand

from events.confirmation import offers_and_holds_expire


class Command(BaseCommand):
    help = (
        "Abgelaufene Platzangebote beenden und die nächsten Plätze anbieten; abgelaufene "
        "Platzreservierungen unbestätigter Anmeldungen freigeben, unbestätigte Anmeldungen "
        "nach einem Tag löschen."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"events_expire_offers: {offers_and_holds_expire()}")
