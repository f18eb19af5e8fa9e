"""Demo catalogue: ECCAR's training modules, each with a published version, a handout and
a trainer. Never load this into a production database."""

import textwrap

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_ACCOUNTS, DEMO_DOMAIN, DEMO_PASSWORD
from accounts.models import Role, User
from core.pdf_sample import one_page_pdf, pdf_literal
from trainings.models import (
    ModuleFormat,
    ModuleMaterial,
    ModuleStatus,
    ModuleVersion,
    TrainingModule,
)

# The demo addresses all use the reserved .example domain, so no demo mail can reach anyone.
DEMO_TRAINER_EMAIL = f"trainerin@{DEMO_DOMAIN}"
DEMO_TRAINER_NAME = "Dr. Amina Yıldırım-Koch"

DEMO_MODULES = [
    {
        "code": "grundlagen-rassismuskritik",
        "title": "Grundlagen Rassismuskritik in der Verwaltung",
        "aims": (
            "Die Teilnehmenden kennen Formen von Rassismus – individuell, institutionell und "
            "strukturell – und erkennen, wo sie im Verwaltungshandeln wirken. Sie reflektieren "
            "eigene Routinen und Ermessensentscheidungen und kennen den rechtlichen Rahmen "
            "(Grundgesetz, AGG, Landesantidiskriminierungsgesetze)."
        ),
        "target_group": "Beschäftigte aller Fachbereiche, insbesondere mit Publikumsverkehr",
        "duration_minutes": 360,
        "format": ModuleFormat.IN_PERSON,
        "status": ModuleStatus.STANDARDISED,
    },
    {
        "code": "kommunikation-buergerkontakt",
        "title": "Diskriminierungssensible Kommunikation im Bürgerkontakt",
        "aims": (
            "Die Teilnehmenden formulieren Bescheide, Schreiben und Gespräche verständlich "
            "und diskriminierungssensibel, erkennen Barrieren durch Sprache und Verfahren und "
            "üben den Umgang mit schwierigen Situationen am Schalter und am Telefon."
        ),
        "target_group": "Beschäftigte in Bürgerämtern, Ausländerbehörden und Sozialämtern",
        "duration_minutes": 240,
        "format": ModuleFormat.BLENDED,
        "status": ModuleStatus.PILOT,
    },
    {
        "code": "personalauswahl",
        "title": "Rassismuskritische Personalauswahl",
        "aims": (
            "Die Teilnehmenden gestalten Stellenausschreibungen, Auswahlkriterien und "
            "Vorstellungsgespräche so, dass Bewerber*innen mit Migrationsgeschichte gleiche "
            "Chancen haben, und kennen Verfahren wie strukturierte Interviews und "
            "anonymisierte Bewerbungen."
        ),
        "target_group": "Personalverwaltung, Führungskräfte, Mitglieder von Auswahlkommissionen",
        "duration_minutes": 300,
        "format": ModuleFormat.IN_PERSON,
        "status": ModuleStatus.PILOT,
    },
    {
        "code": "beschwerdemanagement",
        "title": "Beschwerdemanagement bei Diskriminierung",
        "aims": (
            "Die Teilnehmenden kennen Wege für Beschwerden über Diskriminierung durch die "
            "Verwaltung, nehmen Beschwerden ernst und vertraulich auf, bearbeiten sie nach "
            "einem festen Verfahren und leiten daraus Änderungen an Abläufen ab."
        ),
        "target_group": (
            "Beschwerdestellen, Führungskräfte, Gleichstellungs- und Integrationsbeauftragte"
        ),
        "duration_minutes": 180,
        "format": ModuleFormat.ONLINE,
        "status": ModuleStatus.PILOT,
    },
    {
        "code": "fuehrung-organisationsentwicklung",
        "title": "Rassismuskritische Organisationsentwicklung für Führungskräfte",
        "aims": (
            "Führungskräfte prüfen Standardverfahren ihres Bereichs auf Ungleichbehandlung, "
            "setzen Ziele für eine diskriminierungsfreie Verwaltung und verankern sie in "
            "Zielvereinbarungen und Controlling."
        ),
        "target_group": "Amts- und Fachbereichsleitungen, Verwaltungsvorstand",
        "duration_minutes": 420,
        "format": ModuleFormat.BLENDED,
        "status": ModuleStatus.STANDARDISED,
    },
]


def ensure_demo_trainer() -> User:
    """The demo trainer; created once, password reset to the public demo password."""
    now = timezone.now()
    user, _created = User.objects.get_or_create(
        email=DEMO_TRAINER_EMAIL,
        defaults={"full_name": DEMO_TRAINER_NAME, "role": Role.TRAINER},
    )
    user.full_name = DEMO_TRAINER_NAME
    user.role = Role.TRAINER
    user.municipality = None
    user.municipality_approved_at = None
    user.email_confirmed_at = user.email_confirmed_at or now
    user.privacy_accepted_at = user.privacy_accepted_at or now
    user.is_active = True
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


def _handout_pdf(spec: dict) -> bytes:
    """The module's handout: its title, aims and target group on one page."""
    lines = [spec["title"], "", "Ziele:"]
    lines += textwrap.wrap(spec["aims"], 90)
    lines += ["", "Zielgruppe:"] + textwrap.wrap(spec["target_group"], 90)
    lines += ["", "Handout für Teilnehmende (Demodokument)."]
    shown = b" ".join(pdf_literal(line) + b" '" for line in lines)
    stream = b"BT /F1 11 Tf 14 TL 56 780 Td " + shown + b" ET"
    return one_page_pdf(stream)


def ensure_demo_modules() -> list[ModuleVersion]:
    """The demo modules, keyed by code, each with a published first version, a handout
    and the demo trainer(s). Returns the published versions; running it again changes
    nothing that is already there."""
    trainer = ensure_demo_trainer()
    trainers = [trainer]
    # The per-role demo trainer of accounts.demo, if loaded, holds the modules too, so the
    # demo log-in as trainer has sessions to see.
    role_trainer = User.objects.filter(email=DEMO_ACCOUNTS[Role.TRAINER][0]).first()
    if role_trainer is not None:
        trainers.append(role_trainer)
    published = []
    with transaction.atomic():
        for spec in DEMO_MODULES:
            module, _created = TrainingModule.objects.get_or_create(code=spec["code"])
            version = module.versions.filter(published_at__isnull=False).order_by("-number").first()
            if version is None:
                version, _created = ModuleVersion.objects.get_or_create(
                    module=module,
                    number=1,
                    defaults={
                        "title": spec["title"],
                        "aims": spec["aims"],
                        "target_group": spec["target_group"],
                        "duration_minutes": spec["duration_minutes"],
                        "format": spec["format"],
                    },
                )
                version.status = spec["status"]
                version.published_at = timezone.now()
                version.save(update_fields=["status", "published_at"])
            version.trainers.add(*trainers)
            if not version.materials.exists():
                material = ModuleMaterial(
                    version=version,
                    title="Handout für Teilnehmende",
                    file_name=f"Handout {spec['title']}.pdf",
                )
                material.file.save("handout.pdf", ContentFile(_handout_pdf(spec)), save=True)
            published.append(version)
    return published
