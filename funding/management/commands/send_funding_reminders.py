from django.core.management.base import BaseCommand

from funding.reminders import deadline_reminders_send


class Command(BaseCommand):
    help = (
        "Daily: remind the coordinators of each model municipality of an interim or final "
        "proof of use that is due soon and not yet submitted (once per deadline)."
    )

    def handle(self, *args, **options):
        sent = deadline_reminders_send()
        self.stdout.write(f"{sent} deadline reminders")
