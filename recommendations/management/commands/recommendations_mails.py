from django.core.management.base import BaseCommand

from recommendations.notifications import consultation_mails_send


class Command(BaseCommand):
    help = (
        "Every 10 minutes: invite the audience of consultation rounds that have opened, and "
        "mail the participants of rounds whose answers were published; each round once."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{consultation_mails_send()} mails enqueued")
