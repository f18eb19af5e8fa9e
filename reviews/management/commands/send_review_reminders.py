"""Enqueue the daily reminder of overdue reviews for every call with open reviews.

Meant to be run once a day by the host's scheduler (cron, systemd timer); running it
more often sends nothing twice, as each review is reminded at most once a day.
"""

from django.core.management.base import BaseCommand

from reviews.reminders import calls_with_open_assignments
from reviews.tasks import remind_overdue_reviews


class Command(BaseCommand):
    help = "Erinnert täglich an überfällige Gutachten (je Ausschreibung mit offenen Gutachten)."

    def handle(self, *args, **options):
        call_ids = calls_with_open_assignments()
        for call_id in call_ids:
            remind_overdue_reviews.enqueue(call_id=call_id)
        self.stdout.write(f"Erinnerungen für {len(call_ids)} Ausschreibung(en) eingeplant.")
