from django.core.management.base import BaseCommand

from events.services import reminders_send


class Command(BaseCommand):
    help = "Erinnerungen vor Veranstaltungen verschicken (einmal je Anmeldung)."

    def handle(self, *args, **options):
        count = reminders_send()
        self.stdout.write(f"send_event_reminders: {count}")
