from django.core.management.base import BaseCommand

from programme.reminders import reminders_send_pending
from progress.reminders import office_digest_send, reminders_check


class Command(BaseCommand):
    help = (
        "Daily: remind coordinators of commitments that turned at risk; on the first run of "
        "each week, send the office its digest; retry reminders that failed to send."
    )

    def handle(self, *args, **options):
        retried = reminders_send_pending()
        changed = reminders_check()
        digests = office_digest_send()
        self.stdout.write(f"{changed} reminders, {digests} office digests, {retried} retried")
