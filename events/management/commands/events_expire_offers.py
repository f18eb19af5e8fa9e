from django.core.management.base import BaseCommand

from events.services import offers_expire


class Command(BaseCommand):
    help = "Abgelaufene Platzangebote beenden und die nächsten Plätze anbieten."

    def handle(self, *args, **options):
        count = offers_expire()
        self.stdout.write(f"events_expire_offers: {count}")
