from django.core.management.base import BaseCommand

from recommendations.notifications import consultation_mails_send


class Command(BaseCommand):
    help = (
        "Every 10 minutes: invite the audience of consultation rounds that have opened, and "
        "mail the participants of rounds whose answers were published; each round once."
    )

    def handle(self, *args, **options):
        # No number: for a round open only to network members it would be their count.
        consultation_mails_send()
        self.stdout.write("Mails of consultation rounds enqueued.")
