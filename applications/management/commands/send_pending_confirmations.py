from django.core.management.base import BaseCommand

from applications.tasks import pending_confirmations_enqueue


class Command(BaseCommand):
    help = (
        "Stellt Eingangsbestätigungen erneut in die Warteschlange, die nicht versandt wurden "
        "(regelmäßig ausführen, z. B. alle 10 Minuten)."
    )

    def handle(self, *args, **options):
        count = pending_confirmations_enqueue()
        self.stdout.write(f"{count} Eingangsbestätigung(en) erneut eingeplant.")
