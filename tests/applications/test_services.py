import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Role
from applications.models import Answer, Application
from applications.services import (
    ApplicationError,
    answer_save,
    application_start,
    application_submit,
    application_withdraw,
    coordinator_choose_municipality,
    coordinator_decide_join,
)
from core.models import AuditEntry
from tests import factories
from tests.applications.conftest import PDF_BYTES, answer


def complete(application, coordinator):
    answer(application, coordinator, "ratsbeschluss", "no")
    answer(application, coordinator, "motivation", "Wir wollen unsere Verwaltung verändern.")


def test_application_start_prefills_register_data_and_freezes_version(application, call):
    assert application.status == Application.Status.DRAFT
    assert application.reference == f"KFA-{call.pk:03d}-{application.municipality.key}"
    prefilled = Answer.objects.get(application=application, question__key="kommune_name")
    assert prefilled.value == "Musterstadt"
    call.refresh_from_db()
    assert call.current_version().frozen_at is not None


def test_application_start_twice_returns_the_same_application(application, call, coordinator):
    again = application_start(call=call, municipality=coordinator.municipality, actor=coordinator)
    assert again.pk == application.pk
    assert Application.objects.count() == 1


def test_application_start_after_deadline_is_refused(call, coordinator):
    call.deadline = timezone.now() - dt.timedelta(minutes=1)
    call.save()
    with pytest.raises(ApplicationError):
        application_start(call=call, municipality=coordinator.municipality, actor=coordinator)


def test_answer_save_rejects_too_long_text_with_german_message(application, coordinator):
    with pytest.raises(ValidationError) as exc:
        answer(application, coordinator, "motivation", "x" * 3001)
    assert exc.value.messages == [
        "Bitte sicherstellen, dass der Wert aus höchstens 3000 Zeichen besteht. "
        "(Er besteht aus 3001 Zeichen.)"
    ]


def test_answer_save_refuses_prefilled_register_data(application, coordinator):
    with pytest.raises(ValidationError, match="Diese Angabe stammt aus dem Gemeindeverzeichnis"):
        answer(application, coordinator, "kommune_name", "Andere Stadt")


def test_answer_save_stores_pdf_upload(application, coordinator):
    question = application.version.questions.get(key="absichtserklaerung")
    upload = SimpleUploadedFile("Erklärung.pdf", PDF_BYTES, content_type="application/pdf")
    saved = answer_save(
        application=application, question=question, upload=upload, actor=coordinator
    )
    assert saved.file_name == "Erklärung.pdf"
    with saved.file.open("rb") as stored:
        assert stored.read() == PDF_BYTES
    assert "Erklärung" not in saved.file.name


def test_answer_save_replacing_a_file_removes_the_old_one_only_after_the_commit(
    application, coordinator, django_capture_on_commit_callbacks
):
    question = application.version.questions.get(key="absichtserklaerung")
    first = answer_save(
        application=application,
        question=question,
        upload=SimpleUploadedFile("a.pdf", PDF_BYTES),
        actor=coordinator,
    )
    old_name, storage = first.file.name, first.file.storage
    with django_capture_on_commit_callbacks() as callbacks:
        answer_save(
            application=application,
            question=question,
            upload=SimpleUploadedFile("b.pdf", PDF_BYTES),
            actor=coordinator,
        )
    kept_until_commit = storage.exists(old_name)
    for callback in callbacks:
        callback()
    assert (kept_until_commit, storage.exists(old_name)) == (True, False)


def test_answer_save_rejects_file_that_is_not_a_pdf(application, coordinator):
    question = application.version.questions.get(key="absichtserklaerung")
    upload = SimpleUploadedFile(
        "Brief.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as exc:
        answer_save(application=application, question=question, upload=upload, actor=coordinator)
    assert exc.value.messages == ["Bitte laden Sie eine PDF-Datei hoch. Diese Datei ist kein PDF."]


def test_answer_save_rejects_file_over_ten_megabytes(application, coordinator):
    question = application.version.questions.get(key="absichtserklaerung")
    upload = SimpleUploadedFile("gross.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as exc:
        answer_save(application=application, question=question, upload=upload, actor=coordinator)
    assert exc.value.messages == ["Die Datei ist 10,0 MB groß; erlaubt sind höchstens 10 MB."]


def test_application_submit_lists_missing_required_answers(application, coordinator):
    with pytest.raises(ApplicationError) as exc:
        application_submit(application=application, actor=coordinator)
    assert str(exc.value) == (
        "Es fehlen noch Pflichtangaben: Gibt es einen Ratsbeschluss?; Motivation"
    )


def test_application_submit_requires_conditional_question_only_when_shown(application, coordinator):
    complete(application, coordinator)
    answer(application, coordinator, "ratsbeschluss", "yes")
    with pytest.raises(ApplicationError) as exc:
        application_submit(application=application, actor=coordinator)
    assert str(exc.value) == "Es fehlen noch Pflichtangaben: Datum des Beschlusses"


def test_application_submit_twice_submits_once(
    application, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    complete(application, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        first = application_submit(application=application, actor=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        second = application_submit(application=application, actor=coordinator)
    assert first.submitted_at == second.submitted_at
    assert AuditEntry.objects.filter(action="application.submitted").count() == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [coordinator.email]
    name, content, mimetype = mailoutbox[0].attachments[0]
    assert (name, mimetype) == (f"Bewerbung-{application.reference}.pdf", "application/pdf")
    assert content.startswith(b"%PDF-")


def test_application_submit_after_deadline_is_refused(application, coordinator):
    complete(application, coordinator)
    late = application.call.deadline + dt.timedelta(seconds=1)
    with pytest.raises(ApplicationError) as exc:
        application_submit(application=application, actor=coordinator, now=late)
    assert "Dieser Entwurf kann nicht mehr eingereicht werden." in str(exc.value)
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_application_submit_at_the_last_second_is_accepted(application, coordinator):
    complete(application, coordinator)
    submitted = application_submit(
        application=application, actor=coordinator, now=application.call.deadline
    )
    assert submitted.status == Application.Status.SUBMITTED


def test_application_withdraw_before_deadline(application, coordinator):
    withdrawn = application_withdraw(application=application, actor=coordinator)
    assert withdrawn.status == Application.Status.WITHDRAWN
    with pytest.raises(ApplicationError):
        application_submit(application=withdrawn, actor=coordinator)


def test_second_coordinator_waits_for_consent(coordinator, municipality):
    newcomer = factories.UserFactory(email="zweite@musterstadt.de")
    approved = coordinator_choose_municipality(user=newcomer, municipality=municipality)
    assert approved is False
    assert newcomer.approved_municipality_id is None

    coordinator_decide_join(approver=coordinator, requester_id=newcomer.pk, approve=True)
    newcomer.refresh_from_db()
    assert newcomer.approved_municipality_id == municipality.pk


def test_first_coordinator_is_approved_at_once(municipality):
    person = factories.UserFactory(email="erste@musterstadt.de")
    assert coordinator_choose_municipality(user=person, municipality=municipality) is True
    person.refresh_from_db()
    assert person.approved_municipality_id == municipality.pk


def test_application_submit_refuses_a_no_to_a_required_commitment(application, coordinator):
    question = application.version.questions.get(key="ratsbeschluss")
    question.required_value = "yes"
    question.save()
    answer(application, coordinator, "motivation", "Wir wollen etwas verändern.")
    answer(application, coordinator, "ratsbeschluss", "no")
    with pytest.raises(ApplicationError) as exc:
        application_submit(application=application, actor=coordinator)
    assert str(exc.value) == (
        "Eine Bewerbung ist nur mit diesen Zusagen möglich; bitte prüfen Sie Ihre Antworten: "
        "Gibt es einen Ratsbeschluss?"
    )
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_answer_save_rejects_disguised_file_that_only_starts_like_a_pdf(application, coordinator):
    question = application.version.questions.get(key="absichtserklaerung")
    upload = SimpleUploadedFile("evil.html", b"%PDF-<html><script>alert(1)</script></html>")
    with pytest.raises(ValidationError) as exc:
        answer_save(application=application, question=question, upload=upload, actor=coordinator)
    assert exc.value.messages == ["Bitte laden Sie eine PDF-Datei hoch. Diese Datei ist kein PDF."]


def test_confirmation_failure_releases_claim_and_sweep_sends_it_later(
    application, coordinator, django_capture_on_commit_callbacks, mailoutbox, settings
):
    from applications.tasks import pending_confirmations_enqueue

    complete(application, coordinator)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        application_submit(application=application, actor=coordinator)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.confirmation_sent_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert pending_confirmations_enqueue(older_than_minutes=0) == 1
    application.refresh_from_db()
    assert application.confirmation_sent_at is not None
    assert len(mailoutbox) == 1


def test_audit_keeps_choices_but_not_free_text(application, coordinator):
    answer(application, coordinator, "ratsbeschluss", "yes")
    answer(application, coordinator, "motivation", "Vertraulicher Entwurf")
    entries = AuditEntry.objects.filter(action="application.answer_changed").order_by("id")
    assert [e.changes for e in entries] == [
        {"ratsbeschluss": [None, "yes"]},
        {"motivation": [None, "…"]},
    ]


def test_application_start_by_a_coordinator_awaiting_consent_is_refused(coordinator, call):
    newcomer = factories.UserFactory(email="wartend@musterstadt.de")
    coordinator_choose_municipality(user=newcomer, municipality=coordinator.municipality)

    with pytest.raises(PermissionDenied):
        application_start(call=call, municipality=coordinator.municipality, actor=newcomer)
    assert Application.objects.count() == 0


def test_application_start_for_another_municipality_is_refused(coordinator, call):
    other = factories.MunicipalityFactory(name="Andersdorf")

    with pytest.raises(PermissionDenied):
        application_start(call=call, municipality=other, actor=coordinator)
    assert Application.objects.count() == 0


def test_decide_join_by_a_coordinator_without_approved_municipality_is_refused(
    coordinator, municipality
):
    waiting = factories.UserFactory(email="wartend@musterstadt.de")
    coordinator_choose_municipality(user=waiting, municipality=municipality)
    stranger = factories.UserFactory(email="fremd@example.org", role=Role.COORDINATOR)

    with pytest.raises(PermissionDenied):
        coordinator_decide_join(approver=stranger, requester_id=waiting.pk, approve=True)
    waiting.refresh_from_db()
    assert waiting.approved_municipality_id is None


WITHDRAWN_RULE_DE = (
    "Eine zurückgezogene Bewerbung lässt sich nicht wieder aufnehmen, und Ihre Kommune "
    "kann sich auf diese Ausschreibung nicht erneut bewerben. Auf spätere Ausschreibungen "
    "kann sie sich wieder bewerben."
)


def test_application_withdraw_mails_the_coordinators_once_and_names_the_rule(
    application, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        application_withdraw(application=application, actor=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        application_withdraw(application=application, actor=coordinator)

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [coordinator.email]
    assert mail.subject == f"Bewerbung zurückgezogen: {application.reference}"
    assert WITHDRAWN_RULE_DE in mail.body
    assert f"„{application.call.title_de}“" in mail.body
    assert AuditEntry.objects.filter(action="application.withdrawn").count() == 1


def test_application_withdraw_mail_speaks_each_coordinators_language(
    application, coordinator, django_capture_on_commit_callbacks, mailoutbox
):
    colleague = factories.UserFactory(
        email="zweite@musterstadt.de",
        municipality=coordinator.municipality,
        municipality_approved_at=coordinator.municipality_approved_at,
        language="en",
    )
    with django_capture_on_commit_callbacks(execute=True):
        application_withdraw(application=application, actor=coordinator)

    english = next(m for m in mailoutbox if m.to == [colleague.email])
    assert len(mailoutbox) == 2
    assert english.subject == f"Application withdrawn: {application.reference}"
    assert (
        "A withdrawn application cannot be taken up again, and your municipality cannot "
        "apply to this call a second time. It may apply to later calls."
    ) in english.body
    assert f"“{application.call.title_en}”" in english.body


def test_withdrawn_municipality_cannot_apply_again_to_the_same_call(application, coordinator, call):
    application_withdraw(application=application, actor=coordinator)

    again = application_start(call=call, municipality=coordinator.municipality, actor=coordinator)

    assert again.pk == application.pk
    assert again.status == Application.Status.WITHDRAWN
    assert Application.objects.filter(call=call).count() == 1


def test_withdrawn_municipality_may_apply_to_a_later_call(application, coordinator, call):
    application_withdraw(application=application, actor=coordinator)
    later = factories.CallFactory()
    factories.VersionFactory(call=later, number=1)

    started = application_start(
        call=later, municipality=coordinator.municipality, actor=coordinator
    )

    assert started.status == Application.Status.DRAFT
