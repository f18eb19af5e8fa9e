"""The trainings' objects for the role × URL test: a published module version with a
material, and a held session of municipality A (with agenda, attendance list and
feedback) whose trainer is the world's trainer."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from core.choices import ActivityStatus
from tests.helpers import minimal_pdf
from trainings.models import (
    FeedbackSource,
    ModuleMaterial,
    ModuleStatus,
    ModuleVersion,
    SessionFeedback,
    Suitability,
    TrainingModule,
    TrainingSession,
)


def extend(world: dict) -> None:
    users = world["users"]
    coordinator = users["coordinator"]
    module = TrainingModule.objects.create(code="welt-modul")
    version = ModuleVersion.objects.create(
        module=module,
        number=1,
        title="Grundlagen Rassismuskritik",
        aims="Ziele",
        target_group="Alle Beschäftigten",
        duration_minutes=180,
        format="in_person",
        status=ModuleStatus.PILOT,
        published_at=timezone.now(),
    )
    version.trainers.add(users["trainer"])
    material = ModuleMaterial(version=version, title="Handout", file_name="handout.pdf")
    material.file.save("handout.pdf", ContentFile(minimal_pdf()), save=True)
    session = TrainingSession(
        call=world["call"],
        municipality=coordinator.municipality,
        module_version=version,
        starts_at=timezone.now() - dt.timedelta(days=3),
        location="Rathaus, Saal 1",
        trainer=users["trainer"],
        participants=12,
        departments="Bürgeramt",
        status=ActivityStatus.HELD,
        agenda_name="ablauf.pdf",
        attendance_name="liste.pdf",
    )
    session.agenda.save("ablauf.pdf", ContentFile(minimal_pdf()), save=False)
    session.attendance.save("liste.pdf", ContentFile(minimal_pdf()), save=False)
    session.save()
    SessionFeedback.objects.create(
        session=session,
        source=FeedbackSource.MUNICIPALITY,
        what_worked="Praxisbeispiele",
        what_to_change="Mehr Zeit",
        suitability=Suitability.AFTER_CHANGES,
        author=coordinator,
    )
    world["kwargs"].update(
        {
            "module_pk": module.pk,
            "module_version_pk": version.pk,
            "material_pk": material.pk,
            "session_pk": session.pk,
        }
    )
