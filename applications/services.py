"""The rules of applying: start, answer, submit, withdraw."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import MUNICIPAL_ROLES, MunicipalityClaim, Role, User
from accounts.services.links import person_unlink
from applications.models import Answer, Application, application_reference
from applications.selectors import (
    answer_values,
    answers_of_application,
    coordinators_of_municipality,
    questions_of_version,
)
from calls.fields import clean_answer, missing_answers, unmet_requirements
from calls.models import Call, Question
from core.audit import audit_fold, audit_record
from core.mail import mail_enqueue
from core.uploads import clean_upload, delete_after_commit, replace_file
from municipalities.models import Municipality
from municipalities.selectors import municipality_has_records

# The race test switches this off to show what the lock prevents
# (see tests/applications/test_race_choose.py).
LOCK_MUNICIPALITY_ROW = True
# Answers one person saves in one section within this time form one audit entry.
ANSWER_AUDIT_WINDOW = dt.timedelta(minutes=30)


def _pause_between_check_and_link() -> None:
    """A hook for the race test; does nothing in normal operation."""


class ApplicationError(Exception):
    """A rule of the call forbids this step; the message is shown to the person."""


class SubmissionIncomplete(ApplicationError):
    """A submission refused because required answers are missing or not the ones the
    call requires (``selectors.application_open_points`` names each)."""


def _prefill_value(municipality: Municipality, source: str):
    match source:
        case "name":
            return municipality.name
        case "key":
            return municipality.key
        case "land":
            return municipality.land.name
        case "kreis":
            return municipality.kreis.name if municipality.kreis_id else ""
        case "population":
            return municipality.population
        case "kind":
            return municipality.get_kind_display()
    return None


def application_start(*, call: Call, municipality: Municipality, actor: User) -> Application:
    """Return the municipality's application to ``call``, creating it on first use.

    Safe against double clicks and two coordinators starting at once: the unique
    constraint decides, and the loser gets the winner's application. Only a person
    approved for the municipality speaks for it (``PermissionDenied`` otherwise).
    """
    approved_id = actor.approved_municipality_id
    if approved_id is None or approved_id != municipality.pk:
        raise PermissionDenied
    if not call.is_open():
        raise ApplicationError(_("Für diese Ausschreibung ist derzeit keine Bewerbung möglich."))
    existing = Application.objects.filter(call=call, municipality=municipality).first()
    if existing:
        return existing
    version = call.current_version()
    if version is None:
        raise ApplicationError(_("Der Fragenkatalog dieser Ausschreibung ist noch nicht fertig."))
    try:
        with transaction.atomic():
            application = Application.objects.create(
                call=call,
                municipality=municipality,
                version=version,
                reference=application_reference(call_id=call.pk, municipality_key=municipality.key),
                created_by=actor,
            )
            # From now on this version has applicants: edits make a new version.
            if version.frozen_at is None:
                type(version).objects.filter(pk=version.pk, frozen_at__isnull=True).update(
                    frozen_at=timezone.now()
                )
            Answer.objects.bulk_create(
                [
                    Answer(
                        application=application,
                        question=q,
                        value=_prefill_value(municipality, q.prefill),
                        updated_by=actor,
                    )
                    for q in questions_of_version(version=version)
                    if q.prefill
                ]
            )
            audit_record(actor=actor, action="application.started", obj=application)
    except IntegrityError:
        return Application.objects.get(call=call, municipality=municipality)
    return application


def _ensure_editable(application: Application, now=None) -> None:
    if application.status != Application.Status.DRAFT:
        raise ApplicationError(
            _("Diese Bewerbung ist eingereicht und kann nicht mehr geändert werden.")
        )
    if (now or timezone.now()) > application.call.deadline:
        raise ApplicationError(
            _("Die Bewerbungsfrist ist abgelaufen. Der Entwurf kann nicht mehr geändert werden.")
        )


def answer_save(
    *, application: Application, question: Question, raw=None, upload=None, actor: User
) -> Answer:
    """Validate and store one answer. Raises ValidationError with a German message."""
    if question.version_id != application.version_id:
        raise ValidationError(_("Diese Frage gehört nicht zu Ihrer Bewerbung."))
    if question.prefill:
        raise ValidationError(_("Diese Angabe stammt aus dem Gemeindeverzeichnis."))
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update().select_related("call").get(pk=application.pk)
        )
        _ensure_editable(locked)
        answer, _created = Answer.objects.get_or_create(application=locked, question=question)
        old = answer.value if question.type != Question.Type.FILE else answer.file_name
        if question.type == Question.Type.FILE:
            if upload is None:
                return answer
            clean_upload(upload)
            replace_file(answer, "file", upload)
            answer.file_name = upload.name[-255:]
            answer.file_size = upload.size
            answer.value = answer.file_name
            new = answer.file_name
        else:
            answer.value = clean_answer(question, raw)
            new = answer.value
        answer.updated_by = actor
        answer.save()
        if old != new:
            # Autosave stores every answer as it is typed: one entry per person, section
            # and sitting keeps the trail readable and still says who changed what.
            audit_fold(
                actor=actor,
                action="application.answer_changed",
                obj=locked,
                changes={question.key: _audit_values(question, old, new)},
                group=Question.objects.filter(section_id=question.section_id).values_list(
                    "key", flat=True
                ),
                within=ANSWER_AUDIT_WINDOW,
            )
    return answer


# Answers whose values are codes or figures are kept in the audit trail; free text,
# e-mail addresses and files are recorded only as "changed" (data minimisation).
AUDITED_VALUE_TYPES = {
    Question.Type.YES_NO,
    Question.Type.SINGLE_CHOICE,
    Question.Type.MULTIPLE_CHOICE,
    Question.Type.NUMBER,
    Question.Type.DATE,
}


def _audit_values(question: Question, old, new) -> list:
    if question.type in AUDITED_VALUE_TYPES:
        return [old, new]
    return ["…" if old not in (None, "") else None, "…"]


def application_submit(*, application: Application, actor: User, now=None) -> Application:
    """Submit before the deadline (judged here, on the server). A repeat does nothing.

    Missing or unmet answers raise ``SubmissionIncomplete``; the refusal is recorded
    (``submit_refused_at``) so that the sections then mark those answers at their fields."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update().select_related("call").get(pk=application.pk)
        )
        if locked.status == Application.Status.SUBMITTED:
            return locked
        if locked.status == Application.Status.WITHDRAWN:
            raise ApplicationError(
                _("Eine zurückgezogene Bewerbung kann nicht eingereicht werden.")
            )
        if now > locked.call.deadline:
            raise ApplicationError(
                _(
                    "Die Bewerbungsfrist ist am %(deadline)s abgelaufen. "
                    "Dieser Entwurf kann nicht mehr eingereicht werden."
                )
                % {"deadline": timezone.localtime(locked.call.deadline).strftime("%d.%m.%Y %H:%M")}
            )
        values = answer_values(answers_of_application(application=locked))
        questions = questions_of_version(version=locked.version)
        refusal = _submit_refusal(questions, values)
        if refusal is not None:
            # Kept (the error is raised after the commit) so that from now on the
            # sections mark at their fields what is still open.
            locked.submit_refused_at = now
            locked.save(update_fields=["submit_refused_at"])
        else:
            locked.status = Application.Status.SUBMITTED
            locked.submitted_at = now
            locked.save(update_fields=["status", "submitted_at", "updated_at"])
            audit_record(
                actor=actor,
                action="application.submitted",
                obj=locked,
                changes={"status": ["draft", "submitted"]},
            )
            from applications.tasks import send_submission_confirmation

            pk = locked.pk
            transaction.on_commit(lambda: send_submission_confirmation.enqueue(application_id=pk))
    if refusal is not None:
        raise refusal
    return locked


def _submit_refusal(questions, values) -> SubmissionIncomplete | None:
    """Why these answers cannot be submitted, or None if they can."""
    missing = missing_answers(questions, values)
    if missing:
        return SubmissionIncomplete(
            _("Es fehlen noch Pflichtangaben: %(labels)s")
            % {"labels": "; ".join(q.label for q in missing)}
        )
    unmet = unmet_requirements(questions, values)
    if unmet:
        return SubmissionIncomplete(
            _(
                "Eine Bewerbung ist nur mit diesen Zusagen möglich; bitte prüfen Sie "
                "Ihre Antworten: %(labels)s"
            )
            % {"labels": "; ".join(q.label for q in unmet)}
        )
    return None


def application_withdraw(*, application: Application, actor: User, now=None) -> Application:
    """Withdraw before the deadline and tell the municipality's coordinators by mail.
    A repeat (a double click) does nothing and sends nothing.

    Withdrawing is final for this call: a withdrawn application cannot be submitted,
    and the municipality cannot start another one for the same call (one application
    per call and municipality); it may apply to later calls."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update()
            .select_related("call", "municipality")
            .get(pk=application.pk)
        )
        if locked.status == Application.Status.WITHDRAWN:
            return locked
        if now > locked.call.deadline:
            raise ApplicationError(
                _(
                    "Nach Ablauf der Frist kann die Bewerbung nicht mehr zurückgezogen werden. "
                    "Bitte wenden Sie sich an die Geschäftsstelle."
                )
            )
        old = locked.status
        locked.status = Application.Status.WITHDRAWN
        locked.withdrawn_at = now
        locked.save(update_fields=["status", "withdrawn_at", "updated_at"])
        audit_record(
            actor=actor,
            action="application.withdrawn",
            obj=locked,
            changes={"status": [old, "withdrawn"]},
        )
        _withdrawal_mail_enqueue(application=locked, actor=actor)
    return locked


def _withdrawal_mail_enqueue(*, application: Application, actor: User) -> None:
    for person in coordinators_of_municipality(municipality_id=application.municipality_id):
        # The call's title and the date are put in the recipient's language here; the
        # task only receives plain strings.
        with translation.override(person.language):
            context = {
                "name": person.full_name,
                "actor": actor.full_name,
                "municipality": application.municipality.name,
                "call": application.call.title,
                "reference": application.reference,
                "withdrawn_at": date_format(
                    timezone.localtime(application.withdrawn_at), "DATETIME_FORMAT"
                ),
                "application_id": application.pk,
            }
        mail_enqueue(
            to=[person.email],
            template="applications/mail/withdrawn",
            context=context,
            language=person.language,
        )


def coordinator_choose_municipality(*, user: User, municipality: Municipality) -> bool:
    """Link a coordinator to a municipality. Returns True if approved at once.

    Approved at once only where nobody would be displaced and nothing could be read: a
    municipality without an approved coordinator and without any record on the
    platform (the person can then only start a new draft). Where an approved
    coordinator exists, they decide; where records exist but no approved coordinator,
    the person files a claim that the programme office decides.
    """
    if user.role != Role.COORDINATOR:
        raise ApplicationError(_("Nur Koordinierende können eine Kommune wählen."))
    if user.municipality_id:
        raise ApplicationError(_("Sie sind bereits einer Kommune zugeordnet."))
    if not municipality.may_apply:
        raise ApplicationError(_("Für diesen Eintrag ist keine Bewerbung möglich."))
    with transaction.atomic():
        # Lock the municipality row so two first coordinators cannot both be approved.
        if LOCK_MUNICIPALITY_ROW:
            Municipality.objects.select_for_update().get(pk=municipality.pk)
        approved_people = User.objects.filter(
            municipality=municipality,
            role__in=MUNICIPAL_ROLES,
            municipality_approved_at__isnull=False,
            municipality_suspended_at__isnull=True,
            is_active=True,
        )
        coordinators = list(approved_people.filter(role=Role.COORDINATOR))
        open_at_once = not coordinators and not (
            approved_people.exists() or municipality_has_records(municipality_id=municipality.pk)
        )
        _pause_between_check_and_link()
        user.municipality = municipality
        user.municipality_approved_at = timezone.now() if open_at_once else None
        user.municipality_suspended_at = None
        user.save(
            update_fields=["municipality", "municipality_approved_at", "municipality_suspended_at"]
        )
        audit_record(
            actor=user,
            action="account.municipality_chosen",
            obj=user,
            changes={
                "municipality": [None, municipality.key],
                "approved": [None, open_at_once],
            },
        )
        for other in coordinators:
            mail_enqueue(
                to=[other.email],
                template="applications/mail/join_request",
                context={"requester": user.full_name, "municipality": municipality.name},
                language=other.language,
            )
    return open_at_once


def coordinator_municipality_correct(*, user: User) -> User:
    """A coordinator undoes the choice of a wrong municipality, while nothing of it is
    submitted. Drafts the person started and filled alone go with the wrong choice
    (they carry that municipality's name and key and would block its real staff from
    starting); drafts others worked on stay with the municipality."""
    with transaction.atomic():
        person = (
            User.objects.select_for_update(of=("self",))
            .select_related("municipality")
            .get(pk=user.pk)
        )
        if person.role != Role.COORDINATOR or person.municipality_id is None:
            raise ApplicationError(_("Sie sind keiner Kommune zugeordnet."))
        municipality = person.municipality
        if person.approved_municipality_id is not None:
            submitted = Application.objects.filter(municipality=municipality).exclude(
                status=Application.Status.DRAFT
            )
            if submitted.exists():
                raise ApplicationError(
                    _(
                        "Für %(name)s ist bereits eine Bewerbung eingereicht. Bitte wenden Sie "
                        "sich an die Geschäftsstelle, wenn Ihre Zuordnung falsch ist."
                    )
                    % {"name": municipality.name}
                )
            own_drafts = (
                Application.objects.select_for_update()
                .filter(
                    municipality=municipality,
                    status=Application.Status.DRAFT,
                    created_by=person,
                )
                .exclude(answers__updated_by__in=User.objects.exclude(pk=person.pk))
            )
            for draft in own_drafts:
                for answer in draft.answers.exclude(file=""):
                    delete_after_commit(answer.file)
                audit_record(actor=person, action="application.deleted", obj=draft)
                draft.delete()
        person_unlink(person)
        audit_record(
            actor=person,
            action="account.municipality_corrected",
            obj=person,
            changes={"municipality": [municipality.key, None]},
        )
    return person


def coordinator_decide_join(*, approver: User, requester_id: int, approve: bool) -> User:
    """An approved coordinator lets a colleague join (or not); ``PermissionDenied`` for
    anyone not approved for a municipality."""
    if approver.approved_municipality_id is None:
        raise PermissionDenied
    with transaction.atomic():
        requester = User.objects.select_for_update().get(
            pk=requester_id,
            role=Role.COORDINATOR,
            municipality_id=approver.approved_municipality_id,
            municipality_approved_at__isnull=True,
            municipality_suspended_at__isnull=True,
        )
        if approve:
            requester.municipality_approved_at = timezone.now()
            requester.save(update_fields=["municipality_approved_at"])
            # A claim the person filed meanwhile is answered by the colleague's consent.
            MunicipalityClaim.objects.filter(
                user=requester, status=MunicipalityClaim.Status.PENDING
            ).update(status=MunicipalityClaim.Status.APPROVED, decided_at=timezone.now())
        else:
            person_unlink(requester)
        audit_record(
            actor=approver,
            action="account.join_approved" if approve else "account.join_refused",
            obj=requester,
        )
    return requester
