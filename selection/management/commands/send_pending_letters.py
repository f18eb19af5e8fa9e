from django.core.management.base import BaseCommand

from selection.tasks import pending_letters_enqueue


class Command(BaseCommand):
    help = (
        "Stellt Entscheidungsbriefe erneut in die Warteschlange, die nicht versandt wurden "
        "(regelmäßig ausführen, z. B. alle 10 Minuten)."
    )

    def handle(self, *args, **options):
        count = pending_letters_enqueue()
        self.stdout.write(f"{count} Entscheidungsbrief(e) erneut eingeplant.")
