from django.core.management.base import BaseCommand

from recommendations.notifications import reply_digest_mails


class Command(BaseCommand):
    help = (
        "Daily: tell each person whose comments in a running consultation round got new "
        "replies how many, at most once a day."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{reply_digest_mails()} mails enqueued")
