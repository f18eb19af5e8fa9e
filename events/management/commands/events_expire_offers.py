from django.core.management.base import BaseCommand

from events.confirmation import holds_release
from events.services import offers_expire


class Command(BaseCommand):
    help = (
        "Abgelaufene Platzangebote beenden und die nächsten Plätze anbieten; abgelaufene "
        "Platzreservierungen unbestätigter Anmeldungen freigeben, unbestätigte Anmeldungen "
        "nach einem Tag löschen."
    )

    def handle(self, *args, **options):
        count = offers_expire()
        holds_release()
        self.stdout.write(f"events_expire_offers: {count}")
