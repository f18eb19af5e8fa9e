from django.core.management.base import BaseCommand

from evaluation.services import surveys_close_due


class Command(BaseCommand):
    help = (
        "Every 10 minutes: close the surveys whose end has passed, under the lock that "
        "accepting an answer holds; their results open after the settling time."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{surveys_close_due()} surveys closed")
