from django.core.management.base import BaseCommand

from network.services import counts_publish_all


class Command(BaseCommand):
    help = (
        "Publish this month's member counts of every cohort (once a month; a later run in "
        "the same month changes nothing). Run it daily."
    )

    def handle(self, *args, **options):
        new = counts_publish_all()
        self.stdout.write(f"{new} new snapshot(s) of member counts published.")
