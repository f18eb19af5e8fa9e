"""Field tests (Praxistests): a model municipality tries a recommendation in one of its
departments and reports what came of it.

A test is planned on a recommendation of the latest frozen or published version of its
document, started, and closed with a result; evidence (PDF files) may be added at any
time. Only the coordination and the team of the municipality that planned it change it.
Every function runs in a transaction, takes keyword arguments only and raises a
``ValidationError`` with a German message when a rule is broken.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from calls.models import Call
from core.audit import audit_record, object_changes
from core.idempotency import lock_person, recent, stored_just_now
from core.uploads import clean_upload, delete_after_commit, file_digest, stored_digest
from programme.cohort import is_model_municipality
from recommendations.field_test_selectors import plannable_versions
from recommendations.models import (
    Department,
    FieldTest,
    FieldTestEvidence,
    FieldTestResult,
    FieldTestState,
    Recommendation,
)
from recommendations.rules import FIELD_TESTERS

# Dates outside these years are typing errors.
FIRST_YEAR, LAST_YEAR = 2000, 2100
PLAN_FIELDS = ("department", "plan_what", "plan_where", "plan_who", "starts_on", "ends_on")
# Free texts are logged by their length only: they may describe people at work.
FREE_TEXT = ("plan_what", "observations", "obstacles", "helped", "proposal")


def _actor_check(*, actor, municipality_id: int) -> None:
    if actor.role not in FIELD_TESTERS or actor.approved_municipality_id != municipality_id:
        raise ValidationError(
            _("Praxistests plant und dokumentiert nur die Koordination oder das Team der Kommune.")
        )


def _plan_check(*, department: str, starts_on: dt.date, ends_on: dt.date) -> None:
    errors = {}
    if department not in Department.Code.values:
        errors["department"] = _("Bitte wählen Sie einen Fachbereich aus der Liste.")
    for name, day in (("starts_on", starts_on), ("ends_on", ends_on)):
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            errors[name] = _("Bitte geben Sie ein Datum zwischen %(first)d und %(last)d an.") % {
                "first": FIRST_YEAR,
                "last": LAST_YEAR,
            }
    if "ends_on" not in errors and "starts_on" not in errors and ends_on < starts_on:
        errors["ends_on"] = _("Das Ende darf nicht vor dem Beginn liegen.")
    if errors:
        raise ValidationError(errors)


def _recommendation_check(recommendation: Recommendation) -> None:
    if recommendation.version_id not in {v.pk for v in plannable_versions()}:
        raise ValidationError(
            {
                "recommendation": _(
                    "Erproben lassen sich nur Empfehlungen der aktuellen eingefrorenen oder "
                    "veröffentlichten Fassung."
                )
            }
        )


def _locked(field_test: FieldTest) -> FieldTest:
    return FieldTest.objects.select_for_update().get(pk=field_test.pk)


@transaction.atomic
def field_test_plan(
    *,
    call: Call,
    municipality,
    recommendation: Recommendation,
    department: str,
    plan_what: str,
    plan_where: str,
    plan_who: str,
    starts_on: dt.date,
    ends_on: dt.date,
    actor,
) -> FieldTest:
    """Plan a field test of ``recommendation`` in ``department``. The same plan sent
    twice within the repeat window (a double click) returns the first one."""
    _actor_check(actor=actor, municipality_id=municipality.pk)
    if not is_model_municipality(call=call, municipality_id=municipality.pk):
        raise ValidationError(_("Praxistests planen nur Modellkommunen des Programms."))
    _recommendation_check(recommendation)
    _plan_check(department=department, starts_on=starts_on, ends_on=ends_on)
    lock_person(actor)
    repeat = stored_just_now(
        FieldTest.objects.filter(
            call=call,
            municipality=municipality,
            recommendation=recommendation,
            department=department,
            starts_on=starts_on,
            ends_on=ends_on,
            created_by=actor,
        ),
        since_field="created_at",
    )
    if repeat is not None:
        return repeat
    field_test = FieldTest.objects.create(
        call=call,
        municipality=municipality,
        recommendation=recommendation,
        department=department,
        plan_what=plan_what,
        plan_where=plan_where,
        plan_who=plan_who,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="recommendations.field_test_plan",
        obj=field_test,
        changes={
            "recommendation": [None, str(recommendation.key)],
            "department": [None, department],
            "starts_on": [None, starts_on.isoformat()],
            "ends_on": [None, ends_on.isoformat()],
        },
    )
    return field_test


@transaction.atomic
def field_test_plan_update(
    *,
    field_test: FieldTest,
    department: str,
    plan_what: str,
    plan_where: str,
    plan_who: str,
    starts_on: dt.date,
    ends_on: dt.date,
    actor,
) -> FieldTest:
    """Change the plan of a test that is not done yet."""
    field_test = _locked(field_test)
    _actor_check(actor=actor, municipality_id=field_test.municipality_id)
    if field_test.state == FieldTestState.DONE:
        raise ValidationError(
            _("Der Praxistest ist abgeschlossen; sein Plan lässt sich nicht mehr ändern.")
        )
    _plan_check(department=department, starts_on=starts_on, ends_on=ends_on)
    values = {
        "department": department,
        "plan_what": plan_what,
        "plan_where": plan_where,
        "plan_who": plan_who,
        "starts_on": starts_on,
        "ends_on": ends_on,
    }
    changes = object_changes(field_test, values, by_length=FREE_TEXT)
    if changes:
        for name, value in values.items():
            setattr(field_test, name, value)
        field_test.save(update_fields=[*values, "updated_at"])
        for name in ("starts_on", "ends_on"):
            if name in changes:
                changes[name] = [day.isoformat() for day in changes[name]]
        audit_record(
            actor=actor,
            action="recommendations.field_test_plan_update",
            obj=field_test,
            changes=changes,
        )
    return field_test


@transaction.atomic
def field_test_start(*, field_test: FieldTest, actor) -> FieldTest:
    """Mark a planned test as running (a second click changes nothing)."""
    field_test = _locked(field_test)
    _actor_check(actor=actor, municipality_id=field_test.municipality_id)
    if field_test.state == FieldTestState.PLANNED:
        field_test.state = FieldTestState.RUNNING
        field_test.save(update_fields=["state", "updated_at"])
        audit_record(
            actor=actor,
            action="recommendations.field_test_start",
            obj=field_test,
            changes={"state": [FieldTestState.PLANNED, FieldTestState.RUNNING]},
        )
    return field_test


@transaction.atomic
def field_test_result_record(
    *,
    field_test: FieldTest,
    result: str,
    observations: str = "",
    obstacles: str = "",
    helped: str = "",
    proposal: str = "",
    actor,
    now: dt.datetime | None = None,
) -> FieldTest:
    """Record the result and close the test. A result may be corrected later; the moment
    it was first recorded stays, so the test keeps counting for the same programme year."""
    field_test = _locked(field_test)
    _actor_check(actor=actor, municipality_id=field_test.municipality_id)
    if result not in FieldTestResult.values:
        raise ValidationError({"result": _("Bitte wählen Sie ein Ergebnis aus.")})
    # A result before the start would count the test for a programme year it never ran in.
    if timezone.localdate(now or timezone.now()) < field_test.starts_on:
        raise ValidationError(
            {
                "result": _(
                    "Ein Ergebnis lässt sich erst ab dem Beginn des Praxistests am %(date)s "
                    "erfassen."
                )
                % {"date": date_format(field_test.starts_on, "DATE_FORMAT")}
            }
        )
    values = {
        "state": FieldTestState.DONE,
        "result": result,
        "observations": observations,
        "obstacles": obstacles,
        "helped": helped,
        "proposal": proposal,
    }
    changes = object_changes(field_test, values, by_length=FREE_TEXT)
    if not changes:
        return field_test
    for name, value in values.items():
        setattr(field_test, name, value)
    if field_test.result_recorded_at is None:
        field_test.result_recorded_at = now or timezone.now()
        field_test.result_recorded_by = actor
    field_test.save(
        update_fields=[*values, "result_recorded_at", "result_recorded_by", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="recommendations.field_test_result_record",
        obj=field_test,
        changes=changes,
    )
    return field_test


@transaction.atomic
def field_test_withdraw(*, field_test: FieldTest, actor) -> None:
    """Withdraw a test that has not begun: it and its evidence are removed."""
    field_test = _locked(field_test)
    _actor_check(actor=actor, municipality_id=field_test.municipality_id)
    if field_test.state != FieldTestState.PLANNED:
        raise ValidationError(
            _(
                "Nur ein geplanter Praxistest lässt sich zurückziehen, kein laufender oder "
                "abgeschlossener."
            )
        )
    audit_record(
        actor=actor,
        action="recommendations.field_test_withdraw",
        obj=field_test,
        changes={"recommendation": [str(field_test.recommendation.key), None]},
    )
    for evidence in field_test.evidence.all():
        delete_after_commit(evidence.file)
    field_test.delete()


@transaction.atomic
def field_test_evidence_add(
    *, field_test: FieldTest, title: str, upload, actor, now: dt.datetime | None = None
) -> FieldTestEvidence:
    """Attach a PDF (checked by its content, at most 10 MB). The same file with the same
    title sent again within the repeat window returns the first upload."""
    field_test = _locked(field_test)
    _actor_check(actor=actor, municipality_id=field_test.municipality_id)
    try:
        clean_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    digest = file_digest(upload)
    same = field_test.evidence.filter(title=title, file_name=upload.name[:255])
    for earlier in recent(same, since_field="uploaded_at", now=now):
        if stored_digest(earlier.file) == digest:
            return earlier
    evidence = FieldTestEvidence(
        field_test=field_test, title=title, file_name=upload.name[:255], uploaded_by=actor
    )
    evidence.file.save(upload.name, upload, save=False)
    evidence.save()
    audit_record(
        actor=actor,
        action="recommendations.field_test_evidence_add",
        obj=field_test,
        changes={"evidence": [None, title]},
    )
    return evidence


@transaction.atomic
def field_test_evidence_remove(*, evidence: FieldTestEvidence, actor) -> None:
    field_test = _locked(evidence.field_test)
    _actor_check(actor=actor, municipality_id=field_test.municipality_id)
    audit_record(
        actor=actor,
        action="recommendations.field_test_evidence_remove",
        obj=field_test,
        changes={"evidence": [evidence.title, None]},
    )
    delete_after_commit(evidence.file)
    evidence.delete()
