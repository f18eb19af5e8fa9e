from django.core.management.base import BaseCommand

from core.circulars import circulars_forget


class Command(BaseCommand):
    help = "Empfänger*innen von Rundschreiben nach Ablauf der Aufbewahrungsfrist löschen."

    def handle(self, *args, **options):
        count = circulars_forget()
        self.stdout.write(f"circulars_forget: {count}")
