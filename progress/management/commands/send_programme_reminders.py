from django.core.management.base import BaseCommand

from progress.reminders import daily_reminders_run


class Command(BaseCommand):
    help = (
        "Daily: remind coordinators of commitments that turned at risk; on the first run of "
        "each week, send the office its digest; retry reminders that failed to send."
    )

    def handle(self, *args, **options):
        changed, digests, retried = daily_reminders_run()
        self.stdout.write(f"{changed} reminders, {digests} office digests, {retried} retried")
