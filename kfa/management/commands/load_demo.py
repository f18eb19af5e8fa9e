from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from accounts.demo import ensure_demo_users
from accounts.models import Role, User
from applications.demo import (
    DEMO_COORDINATOR_MUNICIPALITY,
    ensure_demo_application_coordinators,
    ensure_demo_applications,
    ensure_demo_claim,
)
from calls.demo import ensure_demo_calls
from core.content import ensure_pages
from funding.demo import ensure_demo_funding
from kfa.demo_programme import ensure_demo_programme
from municipalities.models import Municipality
from recommendations.demo import ensure_demo_recommendations
from reviews.demo import ensure_demo_reviews
from selection.demo import ensure_demo_coordinators, ensure_demo_rules


class Command(BaseCommand):
    help = "Lädt die Demodaten (Seiten, Ausschreibungen, Konten, Bewerbungen). Wiederholbar."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demodaten sind in dieser Umgebung nicht erlaubt.")
        if not Municipality.objects.exists():
            raise CommandError(
                "Das Gemeindeverzeichnis fehlt: erst `manage.py import_register` ausführen."
            )
        ensure_pages()
        first_call, open_call = ensure_demo_calls()
        created = ensure_demo_applications(call=first_call)
        ensure_demo_application_coordinators()
        accounts = ensure_demo_users(
            municipality_for_coordinator=Municipality.objects.get(key=DEMO_COORDINATOR_MUNICIPALITY)
        )
        demo_reviewer = User.objects.get(email=accounts[Role.REVIEWER][0])
        ensure_demo_reviews(call=first_call, reviewers=[demo_reviewer])
        ensure_demo_coordinators(call=first_call)
        ensure_demo_rules(call=first_call)
        cohort = ensure_demo_programme(call=first_call)
        ensure_demo_recommendations(call=first_call, today=timezone.localdate())
        ensure_demo_funding(call=first_call, today=timezone.localdate())
        ensure_demo_claim()
        self.stdout.write(
            f"Demodaten bereit: {first_call.applications.count()} Bewerbungen zur ersten Runde "
            f"({created} neu angelegt), davon {len(cohort)} Modellkommunen in der "
            f"Programmdurchführung; offene Ausschreibung: {open_call.title_de}."
        )
