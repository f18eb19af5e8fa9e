"""Print the demo log-ins: address, password, role, and for the accounts with a
second factor the key, the current code and the unused recovery codes."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_totp_code, ensure_demo_users
from accounts.models import SECOND_FACTOR_ROLES, User
from accounts.second_factor import totp_secret_display
from applications.demo import DEMO_CLAIMANT_EMAIL, DEMO_COORDINATOR_EMAIL
from kfa.demo_programme import PROGRAMME_ACCOUNTS
from municipalities.models import Municipality
from network.demo import MEMBER_EMAIL, NETWORK_COORDINATOR_EMAIL
from trainings.demo import DEMO_TRAINER_EMAIL


class Command(BaseCommand):
    help = "Zeigt die Demo-Zugänge (und legt sie mit --anlegen KEY an)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--anlegen",
            metavar="GEMEINDESCHLUESSEL",
            help="Demo-Konten anlegen bzw. zurücksetzen, Koordination für diese Kommune.",
        )

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demodaten sind in dieser Umgebung nicht erlaubt.")
        if options["anlegen"]:
            municipality = Municipality.objects.filter(key=options["anlegen"]).first()
            if municipality is None:
                raise CommandError(f"Keine Kommune mit dem Schlüssel {options['anlegen']}.")
            ensure_demo_users(municipality_for_coordinator=municipality)
        users = {
            u.email: u
            for u in User.objects.filter(email__in=[e for e, _n in DEMO_ACCOUNTS.values()])
        }
        if not users:
            self.stdout.write("Es gibt noch keine Demo-Konten (make demo-data legt sie an).")
            return
        self.stdout.write(
            self.style.MIGRATE_HEADING(f"Demo-Zugänge (Passwort für alle: {DEMO_PASSWORD})")
        )
        for role, (email, _name) in DEMO_ACCOUNTS.items():
            user = users.get(email)
            if user is None:
                continue
            line = f"  {user.get_role_display():<36} {email}"
            if user.municipality_id:
                line += f"  ({user.municipality.name})"
            self.stdout.write(line)
            if role in SECOND_FACTOR_ROLES:
                self._second_factor(user)
        self._programme_logins()
        self._application_logins()
        self.stdout.write(self.style.MIGRATE_HEADING("Demo-Postfach (alle gesendeten E-Mails)"))
        self.stdout.write(f"  {settings.SITE_URL}{reverse('core:demo_mailbox')}")

    def _programme_logins(self):
        """The accounts of the first model municipality and of the network, if loaded."""
        emails = [email for email, _name in PROGRAMME_ACCOUNTS.values()] + [
            NETWORK_COORDINATOR_EMAIL,
            MEMBER_EMAIL.format(n=1),
            DEMO_TRAINER_EMAIL,
        ]
        people = {
            u.email: u for u in User.objects.filter(email__in=emails).select_related("municipality")
        }
        if not people:
            return
        self.stdout.write(self.style.MIGRATE_HEADING("Programmdurchführung (gleiches Passwort)"))
        for email in emails:
            user = people.get(email)
            if user is None:
                continue
            label = user.get_role_display()
            if email == NETWORK_COORDINATOR_EMAIL:
                label = "Netzwerkkoordination"
            elif email == MEMBER_EMAIL.format(n=1):
                label = "Mitglied des Netzwerks"
            line = f"  {label:<36} {email}"
            if user.municipality_id:
                line += f"  ({user.municipality.name})"
            self.stdout.write(line)

    def _application_logins(self):
        """The coordinators of the demo applications and the claimant waiting for the
        office, if loaded."""
        prefix, suffix = DEMO_COORDINATOR_EMAIL.split("{ags}")
        claimant_prefix, claimant_suffix = DEMO_CLAIMANT_EMAIL.split("{ags}")
        people = (
            User.objects.filter(
                Q(email__startswith=prefix, email__endswith=suffix)
                | Q(email__startswith=claimant_prefix, email__endswith=claimant_suffix)
            )
            .select_related("municipality")
            .order_by("municipality__key", "email")
        )
        if not people:
            return
        self.stdout.write(
            self.style.MIGRATE_HEADING("Koordination der Bewerbungen (gleiches Passwort)")
        )
        for user in people:
            if user.approved_municipality_id:
                state = "federführend" if user.municipality_lead else ""
            elif user.municipality_suspended_at:
                state = "ausgesetzt"
            else:
                state = "Anspruch wartet auf die Geschäftsstelle"
            name = user.municipality.name if user.municipality_id else "–"
            self.stdout.write(f"  {user.email:<62} {name}{f'  [{state}]' if state else ''}")

    def _second_factor(self, user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            self.stdout.write("      Zweiter Faktor: noch nicht eingerichtet.")
            return
        self.stdout.write(f"      TOTP-Schlüssel für eine App: {totp_secret_display(device)}")
        self.stdout.write(f"      Aktueller Code (30 Sekunden gültig): {demo_totp_code(user)}")
        codes = list(
            StaticToken.objects.filter(device__user=user)
            .order_by("token")
            .values_list("token", flat=True)
        )
        self.stdout.write(
            "      Wiederherstellungscodes (jeder nur einmal gültig): "
            + (", ".join(codes) or "keine mehr")
        )
