"""Enqueue the daily reminder of overdue reviews for every call with open reviews.

The scheduler (``manage.py run_scheduler``) runs this daily; the command is for a manual
run. Running it more often sends nothing twice, as each review is reminded at most once a
day.
"""

from django.core.management.base import BaseCommand

from reviews.tasks import overdue_reminders_enqueue


class Command(BaseCommand):
    help = "Erinnert täglich an überfällige Gutachten (je Ausschreibung mit offenen Gutachten)."

    def handle(self, *args, **options):
        count = overdue_reminders_enqueue()
        self.stdout.write(f"Erinnerungen für {count} Ausschreibung(en) eingeplant.")
