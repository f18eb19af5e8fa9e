import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.choices import ActivityStatus
from core.idempotency import REPEAT_WINDOW
from core.models import AuditEntry
from tests import factories
from tests.helpers import minimal_pdf
from tests.trainings.conftest import make_session, make_version
from trainings import services
from trainings.models import (
    FeedbackSource,
    ModuleStatus,
    ModuleVersion,
    SessionFeedback,
    Suitability,
)

pytestmark = pytest.mark.django_db


def plan(call, coordinator, version, **overrides):
    kwargs = {
        "call": call,
        "municipality": coordinator.municipality,
        "module_version": version,
        "starts_at": timezone.now() + dt.timedelta(days=7),
        "online": False,
        "location": "Rathaus, Raum 101",
        "trainer": None,
        "actor": coordinator,
    }
    kwargs.update(overrides)
    return services.session_plan(**kwargs)


def feedback(session, source, author, **overrides):
    kwargs = {
        "session": session,
        "source": source,
        "what_worked": "Fallbeispiele",
        "what_to_change": "Mehr Zeit",
        "suitability": Suitability.READY,
        "author": author,
    }
    kwargs.update(overrides)
    return services.feedback_save(**kwargs)


def test_session_plan_records_a_planned_session_and_an_audit_entry(call, coordinator, version):
    session = plan(call, coordinator, version)
    assert session.status == ActivityStatus.PLANNED
    entry = AuditEntry.objects.get(action="training_session_plan")
    assert entry.object_id == str(session.pk)
    assert entry.changes == {"status": [None, "planned"]}


def test_session_plan_twice_makes_one_session(call, coordinator, version):
    starts_at = timezone.now() + dt.timedelta(days=7)
    first = plan(call, coordinator, version, starts_at=starts_at)
    second = plan(call, coordinator, version, starts_at=starts_at)
    assert first.pk == second.pk


def test_session_plan_requires_a_location_unless_online(call, coordinator, version):
    with pytest.raises(ValidationError) as exc:
        plan(call, coordinator, version, location="  ")
    assert exc.value.message_dict == {
        "location": ["Bitte geben Sie den Ort an oder wählen Sie „online“."]
    }


def test_session_plan_online_needs_no_location(call, coordinator, version):
    session = plan(call, coordinator, version, online=True, location="Rathaus")
    assert (session.online, session.location) == (True, "")


def test_session_plan_refuses_an_unpublished_version(call, coordinator):
    draft = make_version(code="entwurf", published=False)
    with pytest.raises(ValidationError) as exc:
        plan(call, coordinator, draft)
    assert exc.value.message_dict == {
        "module_version": ["Bitte wählen Sie ein veröffentlichtes Modul."]
    }


def test_session_plan_refuses_a_trainer_not_named_for_the_version(call, coordinator, version):
    stranger = factories.UserFactory(role="trainer")
    with pytest.raises(ValidationError) as exc:
        plan(call, coordinator, version, trainer=stranger)
    assert list(exc.value.message_dict) == ["trainer"]


def test_session_record_held_refuses_a_session_in_the_future(call, coordinator, version):
    session = make_session(
        call=call, municipality=coordinator.municipality, version=version, days=2
    )
    with pytest.raises(ValidationError) as exc:
        services.session_record_held(
            session=session, participants=12, departments="Bürgeramt", actor=coordinator
        )
    assert exc.value.messages == [
        "Der Termin liegt in der Zukunft und kann erst danach erfasst werden."
    ]
    session.refresh_from_db()
    assert session.status == ActivityStatus.PLANNED


def test_session_record_held_requires_at_least_one_participant(call, coordinator, version):
    session = make_session(call=call, municipality=coordinator.municipality, version=version)
    with pytest.raises(ValidationError) as exc:
        services.session_record_held(
            session=session, participants=0, departments="Bürgeramt", actor=coordinator
        )
    assert exc.value.message_dict == {
        "participants": ["Bitte geben Sie mindestens eine teilnehmende Person an."]
    }


def test_session_record_held_stores_numbers_files_and_audits_the_change(call, coordinator, version):
    session = make_session(call=call, municipality=coordinator.municipality, version=version)
    services.session_record_held(
        session=session,
        participants=12,
        departments="Bürgeramt, Jugendamt",
        attendance=SimpleUploadedFile("Teilnahmeliste März.pdf", minimal_pdf()),
        actor=coordinator,
    )
    session.refresh_from_db()
    assert (session.status, session.participants, session.attendance_name) == (
        ActivityStatus.HELD,
        12,
        "Teilnahmeliste März.pdf",
    )
    assert session.attendance.name.endswith(".pdf")
    entry = AuditEntry.objects.get(action="training_session_held")
    assert entry.changes == {"participants": [None, 12], "status": ["planned", "held"]}


def test_session_record_held_refuses_an_attendance_list_that_is_not_a_pdf(
    call, coordinator, version
):
    session = make_session(call=call, municipality=coordinator.municipality, version=version)
    with pytest.raises(ValidationError) as exc:
        services.session_record_held(
            session=session,
            participants=12,
            departments="Bürgeramt",
            attendance=SimpleUploadedFile("liste.pdf", b"Name;Amt\n"),
            actor=coordinator,
        )
    assert exc.value.message_dict == {
        "attendance": ["Bitte laden Sie eine PDF-Datei hoch. Diese Datei ist kein PDF."]
    }


def test_session_cancel_after_held_no_longer_counts(call, coordinator, version):
    session = make_session(
        call=call,
        municipality=coordinator.municipality,
        version=version,
        status=ActivityStatus.HELD,
        participants=10,
    )
    services.session_cancel(session=session, actor=coordinator)
    session.refresh_from_db()
    assert session.status == ActivityStatus.CANCELLED
    entry = AuditEntry.objects.get(action="training_session_cancel")
    assert entry.changes == {"status": ["held", "cancelled"]}


def test_session_cancel_twice_audits_once(call, coordinator, version):
    session = make_session(call=call, municipality=coordinator.municipality, version=version)
    services.session_cancel(session=session, actor=coordinator)
    services.session_cancel(session=session, actor=coordinator)
    assert AuditEntry.objects.filter(action="training_session_cancel").count() == 1


def test_session_record_held_refuses_a_cancelled_session(call, coordinator, version):
    session = make_session(
        call=call,
        municipality=coordinator.municipality,
        version=version,
        status=ActivityStatus.CANCELLED,
    )
    with pytest.raises(
        ValidationError, match="Ein abgesagter Termin kann nicht als durchgeführt gelten"
    ):
        services.session_record_held(
            session=session, participants=5, departments="Bürgeramt", actor=coordinator
        )


def test_session_update_refuses_a_held_session(call, coordinator, version):
    session = make_session(
        call=call, municipality=coordinator.municipality, version=version, status="held"
    )
    with pytest.raises(ValidationError) as exc:
        services.session_update(
            session=session,
            module_version=version,
            starts_at=session.starts_at,
            online=True,
            actor=coordinator,
        )
    assert exc.value.messages == ["Nur geplante Termine können geändert werden."]


def test_feedback_save_keeps_one_row_per_source(call, coordinator, trainer, version):
    session = make_session(
        call=call, municipality=coordinator.municipality, version=version, status="held"
    )
    feedback(session, FeedbackSource.MUNICIPALITY, coordinator)
    feedback(session, FeedbackSource.MUNICIPALITY, coordinator, what_worked="Die Übungen")
    feedback(session, FeedbackSource.TRAINER, trainer)
    rows = SessionFeedback.objects.filter(session=session).order_by("source")
    assert [(f.source, f.what_worked) for f in rows] == [
        ("municipality", "Die Übungen"),
        ("trainer", "Fallbeispiele"),
    ]


def test_feedback_save_refuses_a_session_not_held(call, coordinator, version):
    session = make_session(call=call, municipality=coordinator.municipality, version=version)
    with pytest.raises(ValidationError) as exc:
        feedback(session, FeedbackSource.MUNICIPALITY, coordinator)
    assert exc.value.messages == ["Rückmeldungen gibt es nur zu durchgeführten Terminen."]


def test_module_create_makes_a_draft_first_version(office_user):
    version = services.module_create(
        code="neu",
        title="Neues Modul",
        aims="Ziele",
        target_group="Alle",
        duration_minutes=90,
        format="online",
        actor=office_user,
    )
    assert (version.number, version.status, version.published_at) == (1, "draft", None)


def test_module_create_refuses_a_code_in_use(office_user, version):
    with pytest.raises(ValidationError) as exc:
        services.module_create(
            code=version.module.code,
            title="Doppelt",
            aims="Ziele",
            target_group="Alle",
            duration_minutes=90,
            format="online",
            actor=office_user,
        )
    assert exc.value.message_dict == {"code": ["Dieses Kurzzeichen ist schon vergeben."]}


def test_version_publish_sets_status_and_date(office_user):
    draft = make_version(published=False)
    now = timezone.now()
    services.version_publish(version=draft, status=ModuleStatus.PILOT, actor=office_user, now=now)
    draft.refresh_from_db()
    assert (draft.status, draft.published_at) == (ModuleStatus.PILOT, now)


def test_version_publish_refuses_draft_as_status(office_user):
    draft = make_version(published=False)
    with pytest.raises(ValidationError, match="Bitte wählen Sie „Erprobung“ oder „standardisiert“"):
        services.version_publish(version=draft, status=ModuleStatus.DRAFT, actor=office_user)


def test_version_update_refuses_a_published_version(office_user, version):
    with pytest.raises(
        ValidationError,
        match="Diese Version ist veröffentlicht und kann nicht mehr geändert werden",
    ):
        services.version_update(version=version, actor=office_user, title="Neu")


def test_version_new_draft_copies_the_latest_with_the_next_number(office_user, trainer):
    version = make_version(published=False, trainers=[trainer])
    services.material_add(
        version=version,
        title="Handout",
        upload=SimpleUploadedFile("h.pdf", minimal_pdf()),
        actor=office_user,
    )
    services.version_publish(version=version, status=ModuleStatus.PILOT, actor=office_user)
    draft = services.version_new_draft(module=version.module, actor=office_user)
    assert (draft.number, draft.status, draft.published_at, draft.title) == (
        2,
        "draft",
        None,
        version.title,
    )
    assert list(draft.trainers.all()) == [trainer]
    assert [m.title for m in draft.materials.all()] == ["Handout"]


def test_version_new_draft_twice_makes_one_draft(office_user, version):
    first = services.version_new_draft(module=version.module, actor=office_user)
    second = services.version_new_draft(module=version.module, actor=office_user)
    assert first.pk == second.pk
    assert ModuleVersion.objects.filter(module=version.module).count() == 2


def test_version_trainers_set_refuses_someone_without_the_trainer_role(
    office_user, coordinator, version
):
    with pytest.raises(ValidationError) as exc:
        services.version_trainers_set(version=version, trainers=[coordinator], actor=office_user)
    assert list(exc.value.message_dict) == ["trainers"]


def test_session_record_held_again_corrects_the_numbers(call, coordinator, version):
    session = make_session(call=call, municipality=coordinator.municipality, version=version)
    for participants in (12, 14):
        services.session_record_held(
            session=session, participants=participants, departments="Bürgeramt", actor=coordinator
        )
    entries = AuditEntry.objects.filter(action="training_session_held").order_by("pk")
    assert [e.changes for e in entries] == [
        {"participants": [None, 12], "status": ["planned", "held"]},
        {"participants": [12, 14]},
    ]


# --- materials ---------------------------------------------------------------------------


def add_handout(version, actor, content=None, **overrides):
    kwargs = {
        "version": version,
        "title": "Handout",
        "upload": SimpleUploadedFile("Handout.pdf", content or minimal_pdf()),
        "actor": actor,
    }
    kwargs.update(overrides)
    return services.material_add(**kwargs)


def test_material_add_refuses_a_published_version(office_user, version):
    with pytest.raises(ValidationError) as exc:
        add_handout(version, office_user)
    assert exc.value.messages == [
        "Diese Version ist veröffentlicht. Materialien können Sie nur einer neuen Version "
        "hinzufügen."
    ]
    assert version.materials.count() == 0


def test_material_add_the_same_file_twice_within_the_repeat_window_keeps_one(office_user, draft):
    first = add_handout(draft, office_user)
    second = add_handout(draft, office_user)
    assert second.pk == first.pk
    assert draft.materials.count() == 1
    assert AuditEntry.objects.filter(action="training_material_add").count() == 1


def test_material_add_another_file_under_the_same_title_adds_it(office_user, draft):
    add_handout(draft, office_user)
    add_handout(draft, office_user, content=minimal_pdf() + b"\n% zweite Fassung\n")
    assert draft.materials.count() == 2


def test_material_add_the_same_file_after_the_repeat_window_adds_it_again(office_user, draft):
    first = add_handout(draft, office_user)
    later = first.uploaded_at + REPEAT_WINDOW + dt.timedelta(seconds=1)
    add_handout(draft, office_user, now=later)
    assert draft.materials.count() == 2
