"""Writing the training catalogue, sessions and feedback.

Every function runs in a transaction, takes keyword arguments only and raises a
``ValidationError`` (keyed by form field where there is one) when a rule is broken.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from calls.models import Call
from core.audit import audit_record, object_changes
from core.choices import ActivityStatus
from core.idempotency import recent
from municipalities.models import Municipality
from trainings.files import evidence_check, material_kind
from trainings.models import (
    FeedbackSource,
    ModuleMaterial,
    ModuleStatus,
    ModuleVersion,
    SessionFeedback,
    TrainingModule,
    TrainingSession,
)

VERSION_FIELDS = ("title", "aims", "target_group", "duration_minutes", "format", "change_note")
PUBLISHED_STATUSES = (ModuleStatus.PILOT, ModuleStatus.STANDARDISED)


# --- catalogue (programme office) -------------------------------------------------------


@transaction.atomic
def module_create(
    *,
    code: str,
    title: str,
    aims: str,
    target_group: str,
    duration_minutes: int,
    format: str,  # noqa: A002 -- the model's field name
    actor,
    change_note: str = "",
) -> ModuleVersion:
    """Create a module with its first version, as a draft."""
    if TrainingModule.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Dieses Kurzzeichen ist schon vergeben.")})
    module = TrainingModule.objects.create(code=code)
    version = ModuleVersion.objects.create(
        module=module,
        number=1,
        title=title,
        aims=aims,
        target_group=target_group,
        duration_minutes=duration_minutes,
        format=format,
        change_note=change_note,
        created_by=actor,
    )
    audit_record(actor=actor, action="training_module_create", obj=version)
    return version


def _lock_version(version: ModuleVersion) -> ModuleVersion:
    return ModuleVersion.objects.select_for_update().get(pk=version.pk)


@transaction.atomic
def version_update(*, version: ModuleVersion, actor, **fields) -> ModuleVersion:
    """Change the content of a version while it is not published."""
    version = _lock_version(version)
    if version.published_at is not None:
        raise ValidationError(
            _("Diese Version ist veröffentlicht und kann nicht mehr geändert werden.")
        )
    unknown = set(fields) - set(VERSION_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    changes = object_changes(version, fields)
    for name in changes:
        setattr(version, name, fields[name])
    if changes:
        version.save()
        audit_record(actor=actor, action="training_version_update", obj=version, changes=changes)
    return version


@transaction.atomic
def version_trainers_set(*, version: ModuleVersion, trainers, actor) -> ModuleVersion:
    """Name the trainers who may hold this version (people with the trainer role)."""
    trainers = list(trainers)
    if any(t.role != Role.TRAINER or not t.is_active for t in trainers):
        raise ValidationError({"trainers": _("Nur aktive Konten mit der Rolle Trainer*in.")})
    old = sorted(version.trainers.values_list("pk", flat=True))
    version.trainers.set(trainers)
    new = sorted(t.pk for t in trainers)
    if old != new:
        audit_record(
            actor=actor,
            action="training_version_trainers",
            obj=version,
            changes={"trainers": [old, new]},
        )
    return version


@transaction.atomic
def version_publish(
    *, version: ModuleVersion, status: str, actor, now: dt.datetime | None = None
) -> ModuleVersion:
    """Publish a version as pilot or standardised. Publishing twice changes nothing."""
    version = _lock_version(version)
    if version.published_at is not None:
        return version
    if status not in PUBLISHED_STATUSES:
        raise ValidationError({"status": _("Bitte wählen Sie „Erprobung“ oder „standardisiert“.")})
    version.status = status
    version.published_at = now or timezone.now()
    version.save(update_fields=["status", "published_at"])
    audit_record(
        actor=actor,
        action="training_version_publish",
        obj=version,
        changes={"status": [ModuleStatus.DRAFT.value, status]},
    )
    return version


@transaction.atomic
def version_new_draft(*, module: TrainingModule, actor) -> ModuleVersion:
    """The next version of ``module`` as a draft: a copy of the latest one (content,
    trainers, materials) with the next number.

    While the latest version is still a draft, that draft is returned instead, so a
    second click does not make a second draft.
    """
    module = TrainingModule.objects.select_for_update().get(pk=module.pk)
    latest = module.versions.order_by("-number").first()
    if latest.published_at is None:
        return latest
    draft = ModuleVersion.objects.create(
        module=module,
        number=latest.number + 1,
        status=ModuleStatus.DRAFT,
        created_by=actor,
        **{name: getattr(latest, name) for name in VERSION_FIELDS if name != "change_note"},
    )
    draft.trainers.set(latest.trainers.all())
    # The copies share the stored files: materials are never deleted from storage.
    ModuleMaterial.objects.bulk_create(
        ModuleMaterial(
            version=draft,
            title=m.title,
            file=m.file.name,
            file_name=m.file_name,
            uploaded_by=m.uploaded_by,
        )
        for m in latest.materials.all()
    )
    audit_record(actor=actor, action="training_version_new_draft", obj=draft)
    return draft


def _recent_same_material(*, version, title, file_name, size, now) -> ModuleMaterial | None:
    same_name = version.materials.filter(title=title, file_name=file_name)
    for material in recent(same_name, since_field="uploaded_at", now=now):
        try:
            if material.file.size == size:
                return material
        except FileNotFoundError:
            continue
    return None


@transaction.atomic
def material_add(
    *, version: ModuleVersion, title: str, upload, actor, now: dt.datetime | None = None
) -> ModuleMaterial:
    """Attach a file (PDF, DOCX, PPTX or XLSX, at most 10 MB) to a draft version.

    A published version stays as it was published, so municipalities and trainers work
    with what the office released. The same file with the same title sent again within
    ``REPEAT_WINDOW`` (a double click) returns the material stored the first time.
    """
    version = _lock_version(version)
    if version.published_at is not None:
        raise ValidationError(
            _(
                "Diese Version ist veröffentlicht. Materialien können Sie nur einer neuen "
                "Version hinzufügen."
            ),
            code="published",
        )
    try:
        kind = material_kind(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    original_name = upload.name[:255]
    existing = _recent_same_material(
        version=version,
        title=title,
        file_name=original_name,
        size=upload.size,
        now=now or timezone.now(),
    )
    if existing is not None:
        return existing
    # The stored name gets the detected kind as suffix, whatever the upload was called.
    upload.name = f"material.{kind}"
    material = ModuleMaterial.objects.create(
        version=version,
        title=title,
        file=upload,
        file_name=original_name,
        uploaded_by=actor,
    )
    audit_record(actor=actor, action="training_material_add", obj=material)
    return material


# --- sessions (model municipalities) ----------------------------------------------------


def _check_session_fields(*, module_version, online: bool, location: str, trainer) -> None:
    errors = {}
    if module_version.published_at is None:
        errors["module_version"] = _("Bitte wählen Sie ein veröffentlichtes Modul.")
    if not online and not location.strip():
        errors["location"] = _("Bitte geben Sie den Ort an oder wählen Sie „online“.")
    if trainer is not None and not module_version.trainers.filter(pk=trainer.pk).exists():
        errors["trainer"] = _(
            "Diese Person ist für das gewählte Modul nicht als Trainer*in benannt."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_plan(
    *,
    call: Call,
    municipality: Municipality,
    module_version: ModuleVersion,
    starts_at: dt.datetime,
    online: bool,
    location: str = "",
    trainer=None,
    actor,
) -> TrainingSession:
    """Plan a session of a published module. Sending the same plan twice makes one."""
    _check_session_fields(
        module_version=module_version, online=online, location=location, trainer=trainer
    )
    location = "" if online else location.strip()
    existing = TrainingSession.objects.filter(
        call=call,
        municipality=municipality,
        module_version=module_version,
        starts_at=starts_at,
        status=ActivityStatus.PLANNED,
    ).first()
    if existing is not None:
        return existing
    session = TrainingSession.objects.create(
        call=call,
        municipality=municipality,
        module_version=module_version,
        starts_at=starts_at,
        online=online,
        location=location,
        trainer=trainer,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="training_session_plan",
        obj=session,
        changes={"status": [None, ActivityStatus.PLANNED.value]},
    )
    return session


def _lock_session(session: TrainingSession) -> TrainingSession:
    return (
        TrainingSession.objects.select_for_update(of=("self",))
        .select_related("module_version")
        .get(pk=session.pk)
    )


@transaction.atomic
def session_update(
    *,
    session: TrainingSession,
    module_version: ModuleVersion,
    starts_at: dt.datetime,
    online: bool,
    location: str = "",
    trainer=None,
    actor,
) -> TrainingSession:
    """Change a planned session (held or cancelled ones keep what was recorded)."""
    session = _lock_session(session)
    if session.status != ActivityStatus.PLANNED:
        raise ValidationError(_("Nur geplante Termine können geändert werden."))
    _check_session_fields(
        module_version=module_version, online=online, location=location, trainer=trainer
    )
    session.module_version = module_version
    session.starts_at = starts_at
    session.online = online
    session.location = "" if online else location.strip()
    session.trainer = trainer
    session.save()
    audit_record(actor=actor, action="training_session_update", obj=session)
    return session


@transaction.atomic
def session_record_held(
    *,
    session: TrainingSession,
    participants: int,
    departments: str,
    agenda=None,
    attendance=None,
    actor,
    now: dt.datetime | None = None,
) -> TrainingSession:
    """Record that a session took place: how many took part and which departments.

    Only once its start has passed; a held session can be recorded again to correct it.
    Files are optional PDFs and replace the earlier ones when given.
    """
    session = _lock_session(session)
    now = now or timezone.now()
    errors = {}
    if session.status == ActivityStatus.CANCELLED:
        raise ValidationError(_("Ein abgesagter Termin kann nicht als durchgeführt gelten."))
    if session.starts_at > now:
        raise ValidationError(
            _("Der Termin liegt in der Zukunft und kann erst danach erfasst werden.")
        )
    if participants is None or participants < 1:
        errors["participants"] = _("Bitte geben Sie mindestens eine teilnehmende Person an.")
    if not departments.strip():
        errors["departments"] = _("Bitte nennen Sie die erreichten Fachbereiche.")
    for name, upload in (("agenda", agenda), ("attendance", attendance)):
        if upload is not None:
            try:
                evidence_check(upload)
            except ValidationError as exc:
                errors[name] = exc.messages
    if errors:
        raise ValidationError(errors)
    old_status, old_participants = session.status, session.participants
    session.participants = participants
    session.departments = departments.strip()
    session.status = ActivityStatus.HELD
    for name, upload in (("agenda", agenda), ("attendance", attendance)):
        if upload is not None:
            setattr(session, f"{name}_name", upload.name[:255])
            getattr(session, name).save(upload.name, upload, save=False)
    session.save()
    changes = {"participants": [old_participants, participants]}
    if old_status != ActivityStatus.HELD:
        changes["status"] = [old_status, ActivityStatus.HELD.value]
    audit_record(actor=actor, action="training_session_held", obj=session, changes=changes)
    return session


@transaction.atomic
def session_cancel(*, session: TrainingSession, actor) -> TrainingSession:
    """Cancel a session, also one recorded as held: it then no longer counts."""
    session = _lock_session(session)
    if session.status == ActivityStatus.CANCELLED:
        return session
    old_status = session.status
    session.status = ActivityStatus.CANCELLED
    session.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        action="training_session_cancel",
        obj=session,
        changes={"status": [old_status, ActivityStatus.CANCELLED.value]},
    )
    return session


@transaction.atomic
def feedback_save(
    *,
    session: TrainingSession,
    source: str,
    what_worked: str,
    what_to_change: str,
    suitability: str,
    author,
) -> SessionFeedback:
    """The feedback of the municipality or of the trainer on a held session; saving
    again updates the one answer per source."""
    session = _lock_session(session)
    if session.status != ActivityStatus.HELD:
        raise ValidationError(_("Rückmeldungen gibt es nur zu durchgeführten Terminen."))
    if source not in FeedbackSource.values:
        raise ValueError(f"unknown source {source!r}")
    feedback, created = SessionFeedback.objects.update_or_create(
        session=session,
        source=source,
        defaults={
            "what_worked": what_worked.strip(),
            "what_to_change": what_to_change.strip(),
            "suitability": suitability,
            "author": author,
        },
    )
    audit_record(
        actor=author,
        action="training_feedback_create" if created else "training_feedback_update",
        obj=feedback,
    )
    return feedback
