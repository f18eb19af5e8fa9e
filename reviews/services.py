"""The programme office's writes: formal screening and assigning reviewers.

Every service runs in one transaction, validates its input and raises
``ValidationError`` with German messages (keyed by form field where there is one).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from applications.models import Application
from calls.models import Call
from core.audit import audit_record
from core.mail import mail_enqueue
from reviews.checks import ScreeningChecks, screening_checks
from reviews.conflicts import OWN_MUNICIPALITY, conflict_of
from reviews.hooks import assigning_reviewers
from reviews.models import Assignment, Screening

SUBMITTED = Application.Status.SUBMITTED
MAX_REVIEWERS_PER_APPLICATION = 10


# --- screening ---------------------------------------------------------------------


@dataclass
class BulkResult:
    done: list[Application] = field(default_factory=list)
    # (application, why it was left out), in German.
    skipped: list[tuple[Application, str]] = field(default_factory=list)


def _decide(
    *,
    application: Application,
    status: str,
    reason: str,
    checks: ScreeningChecks,
    actor: User,
    now: dt.datetime,
) -> None:
    """Store the decision together with the checks it was based on."""
    screening = application.screening
    old_status, old_reason = screening.status, screening.reason
    old_backing = (
        Screening.objects.filter(pk=screening.pk)
        .values_list("backing_confirmed", flat=True)
        .first()
        if screening.pk
        else False
    )
    screening.status = status
    screening.reason = reason
    screening.complete = checks.complete
    screening.backing = checks.backing
    screening.obligations = checks.obligations
    screening.eligible_kind = checks.eligible_kind
    screening.decided_by = actor
    screening.decided_at = now
    screening.save()
    changes = {"screening": [old_status, status]}
    if reason != old_reason:
        changes["screening_reason"] = [old_reason, reason]
    if screening.backing_confirmed != old_backing:
        changes["backing_confirmed"] = [old_backing, screening.backing_confirmed]
    audit_record(actor=actor, action="reviews.screening_decided", obj=application, changes=changes)


def _locked_submitted(*, call: Call | None, ids: Sequence[int]) -> list[Application]:
    """The submitted applications among ``ids`` (of ``call``), locked, each with its
    screening (a new, pending one where there is none yet)."""
    qs = Application.objects.filter(pk__in=ids, status=SUBMITTED)
    if call is not None:
        qs = qs.filter(call=call)
    locked_ids = list(qs.select_for_update().values_list("pk", flat=True))
    applications = list(
        Application.objects.filter(pk__in=locked_ids)
        .select_related("municipality", "screening")
        .order_by("municipality__name", "pk")
    )
    for application in applications:
        if getattr(application, "screening", None) is None:
            # Unsaved until a decision is stored, so a refused one leaves no row behind.
            application.screening = Screening(application=application)
    return applications


def screening_decide(
    *,
    application: Application,
    status: str,
    reason: str = "",
    backing_confirmed: bool | None = None,
    actor: User,
    now: dt.datetime | None = None,
) -> Screening:
    """Record the office's formal decision on one application.

    A reason is required when the application is not eligible, and also when it is
    declared eligible although a check does not hold (the deviation must be justified).
    ``backing_confirmed`` is the office's manual tick for questionnaires without a
    question on the council decision; None leaves it as it is.
    """
    now = now or timezone.now()
    reason = (reason or "").strip()
    if status not in {Screening.Status.ELIGIBLE, Screening.Status.NOT_ELIGIBLE}:
        raise ValidationError({"status": _("Bitte wählen Sie ein Ergebnis der Prüfung.")})
    with transaction.atomic():
        found = _locked_submitted(call=None, ids=[application.pk])
        if not found:
            raise ValidationError(_("Nur eingereichte Bewerbungen werden formal geprüft."))
        locked = found[0]
        if backing_confirmed is not None:
            locked.screening.backing_confirmed = backing_confirmed
        checks = screening_checks(applications=[locked])[locked.pk]
        if status == Screening.Status.NOT_ELIGIBLE and not reason:
            raise ValidationError(
                {"reason": _("Bitte begründen Sie, warum die Bewerbung nicht geeignet ist.")}
            )
        if status == Screening.Status.ELIGIBLE and not checks.passed and not reason:
            raise ValidationError(
                {
                    "reason": _(
                        "Nicht erfüllt: %(checks)s. Bitte begründen Sie, warum die Bewerbung "
                        "trotzdem formal geeignet ist."
                    )
                    % {"checks": ", ".join(checks.failed)}
                }
            )
        _decide(
            application=locked, status=status, reason=reason, checks=checks, actor=actor, now=now
        )
        return locked.screening


def screening_bulk_eligible(
    *, call: Call, application_ids: Sequence[int], actor: User, now: dt.datetime | None = None
) -> BulkResult:
    """Mark the chosen applications as formally eligible; those whose checks do not all
    hold are left out (they need a decision with a reason, one by one)."""
    now = now or timezone.now()
    result = BulkResult()
    with transaction.atomic():
        applications = _locked_submitted(call=call, ids=application_ids)
        checks = screening_checks(applications=applications)
        for application in applications:
            failed = checks[application.pk].failed
            if failed:
                result.skipped.append(
                    (application, _("nicht erfüllt: %(checks)s") % {"checks": ", ".join(failed)})
                )
                continue
            if application.screening.status != Screening.Status.ELIGIBLE:
                _decide(
                    application=application,
                    status=Screening.Status.ELIGIBLE,
                    reason="",
                    checks=checks[application.pk],
                    actor=actor,
                    now=now,
                )
            result.done.append(application)
    return result


def screening_bulk_not_eligible(
    *,
    call: Call,
    application_ids: Sequence[int],
    reason: str,
    actor: User,
    now: dt.datetime | None = None,
) -> BulkResult:
    """Mark the chosen applications as not eligible, all with the same reason."""
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {
                "reason": _(
                    "Bitte geben Sie eine Begründung an, warum die Bewerbungen nicht geeignet sind."
                )
            }
        )
    result = BulkResult()
    with transaction.atomic():
        applications = _locked_submitted(call=call, ids=application_ids)
        checks = screening_checks(applications=applications)
        for application in applications:
            _decide(
                application=application,
                status=Screening.Status.NOT_ELIGIBLE,
                reason=reason,
                checks=checks[application.pk],
                actor=actor,
                now=now,
            )
            result.done.append(application)
    return result


# --- assigning reviewers -----------------------------------------------------------


def _check_due_date(due_date: dt.date | None) -> None:
    if due_date is None:
        raise ValidationError({"due_date": _("Bitte geben Sie eine Frist an.")})
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": _("Die Frist darf nicht in der Vergangenheit liegen.")})


def _conflict_message(reviewer: User, code: str) -> str:
    if code == OWN_MUNICIPALITY:
        return _(
            "%(name)s kann diese Bewerbung nicht begutachten: Sie kommt aus der eigenen "
            "Kommune (Interessenkonflikt)."
        ) % {"name": reviewer.full_name}
    return _(
        "%(name)s kann diese Bewerbung nicht begutachten: Sie kommt aus dem eigenen Kreis "
        "(Interessenkonflikt)."
    ) % {"name": reviewer.full_name}


def _notify_assigned(reviewer: User, count: int, due_date: dt.date) -> None:
    mail_enqueue(
        to=[reviewer.email],
        template="reviews/mail/assigned",
        context={
            "name": reviewer.full_name,
            "count": count,
            "due_date": due_date.strftime("%d.%m.%Y"),
            "path": reverse("reviews:my_assignments"),
        },
        language=reviewer.language,
    )


def assignment_create(
    *,
    application: Application,
    reviewer: User,
    due_date: dt.date,
    actor: User,
) -> Assignment:
    """Assign one reviewer to one eligible application.

    Refused (with a German message at the field ``reviewer``) for an application from
    the reviewer's own municipality or Kreis, for a reviewer who declared a conflict
    on it before, and for one already assigned; refused as a whole where a receiver of
    ``assigning_reviewers`` says no (the call's selection decision is released).
    """
    _check_due_date(due_date)
    with transaction.atomic():
        reviewer = User.objects.select_related("municipality").get(pk=reviewer.pk)
        if reviewer.role != Role.REVIEWER or not reviewer.is_active:
            raise ValidationError(
                {"reviewer": _("Bitte wählen Sie eine Gutachterin oder einen Gutachter.")}
            )
        application = (
            Application.objects.select_for_update()
            .select_related("municipality")
            .get(pk=application.pk)
        )
        assigning_reviewers.notify(call_id=application.call_id)
        eligible = Screening.objects.filter(
            application=application, status=Screening.Status.ELIGIBLE
        ).exists()
        if application.status != SUBMITTED or not eligible:
            raise ValidationError(
                _("Gutachtende können nur formal geeigneten Bewerbungen zugewiesen werden.")
            )
        code = conflict_of(home=reviewer.municipality, applicant=application.municipality)
        if code:
            raise ValidationError({"reviewer": _conflict_message(reviewer, code)})
        existing = Assignment.objects.filter(application=application, reviewer=reviewer).first()
        if existing is not None:
            if existing.conflict_declared_at:
                message = _(
                    "%(name)s hat für diese Bewerbung einen Interessenkonflikt erklärt."
                ) % {"name": reviewer.full_name}
            else:
                message = _("%(name)s ist dieser Bewerbung schon zugewiesen.") % {
                    "name": reviewer.full_name
                }
            raise ValidationError({"reviewer": message})
        assignment = Assignment.objects.create(
            application=application, reviewer=reviewer, due_date=due_date, assigned_by=actor
        )
        audit_record(
            actor=actor,
            action="reviews.reviewer_assigned",
            obj=application,
            changes={"reviewer": [None, reviewer.pk], "due_date": [None, due_date.isoformat()]},
        )
        _notify_assigned(reviewer, 1, due_date)
    return assignment


@dataclass
class BulkAssignResult:
    created: list[Assignment] = field(default_factory=list)
    # Applications that got fewer reviewers than asked: (application, how many missing).
    short: list[tuple[Application, int]] = field(default_factory=list)


def assignment_bulk_create(
    *,
    call: Call,
    per_application: int,
    due_date: dt.date,
    actor: User,
    reviewers: Iterable[User] | None = None,
) -> BulkAssignResult:
    """Give every eligible application of ``call`` ``per_application`` distinct reviewers.

    Existing assignments count; only the missing ones are added. Each application (in
    order of reference) takes the reviewers with the fewest assignments in this call
    first, ties broken by account id, so loads stay within one of each other and the
    result is the same every time. Pairs with a conflict of interest (own municipality
    or Kreis, or one the reviewer declared) are skipped. Refused as a whole where a
    receiver of ``assigning_reviewers`` says no (the call's selection is released).
    """
    if not 1 <= per_application <= MAX_REVIEWERS_PER_APPLICATION:
        raise ValidationError(
            {
                "per_application": _("Bitte geben Sie eine Zahl von 1 bis %(max)s an.")
                % {"max": MAX_REVIEWERS_PER_APPLICATION}
            }
        )
    _check_due_date(due_date)
    result = BulkAssignResult()
    with transaction.atomic():
        assigning_reviewers.notify(call_id=call.pk)
        pool_qs = User.objects.filter(role=Role.REVIEWER, is_active=True).select_related(
            "municipality"
        )
        if reviewers is not None:
            pool_qs = pool_qs.filter(pk__in=[r.pk for r in reviewers])
        pool = sorted(pool_qs, key=lambda r: r.pk)
        if not pool:
            raise ValidationError({"reviewers": _("Bitte wählen Sie mindestens eine Person aus.")})
        applications = list(
            Application.objects.select_for_update(of=("self",))
            .filter(call=call, status=SUBMITTED, screening__status=Screening.Status.ELIGIBLE)
            .select_related("municipality")
            .order_by("reference", "pk")
        )
        existing = list(
            Assignment.objects.filter(application__call=call).values_list(
                "application_id", "reviewer_id", "conflict_declared_at", "application__status"
            )
        )
        taken = {(a, r) for a, r, _c, _s in existing}
        load: dict[int, int] = defaultdict(int)
        per_app: dict[int, int] = defaultdict(int)
        for application_id, reviewer_id, conflict_at, status in existing:
            if conflict_at is None and status == SUBMITTED:
                load[reviewer_id] += 1
                per_app[application_id] += 1
        new_per_reviewer: dict[int, int] = defaultdict(int)
        for application in applications:
            needed = per_application - per_app[application.pk]
            if needed <= 0:
                continue
            candidates = [
                r
                for r in pool
                if (application.pk, r.pk) not in taken
                and not conflict_of(home=r.municipality, applicant=application.municipality)
            ]
            candidates.sort(key=lambda r: (load[r.pk], r.pk))
            for reviewer in candidates[:needed]:
                assignment = Assignment.objects.create(
                    application=application,
                    reviewer=reviewer,
                    due_date=due_date,
                    assigned_by=actor,
                )
                audit_record(
                    actor=actor,
                    action="reviews.reviewer_assigned",
                    obj=application,
                    changes={
                        "reviewer": [None, reviewer.pk],
                        "due_date": [None, due_date.isoformat()],
                    },
                )
                load[reviewer.pk] += 1
                new_per_reviewer[reviewer.pk] += 1
                result.created.append(assignment)
            if len(candidates) < needed:
                result.short.append((application, needed - len(candidates)))
        for reviewer in pool:
            if new_per_reviewer[reviewer.pk]:
                _notify_assigned(reviewer, new_per_reviewer[reviewer.pk], due_date)
    return result


def assignment_remove(*, assignment: Assignment, actor: User) -> bool:
    """Take a reviewer off an application; a submitted review stays. False if the
    assignment was gone already (a second click on the button)."""
    with transaction.atomic():
        locked = Assignment.objects.select_for_update().filter(pk=assignment.pk).first()
        if locked is None:
            return False
        if locked.submitted_at is not None:
            raise ValidationError(_("Ein abgegebenes Gutachten kann nicht entfernt werden."))
        application = locked.application
        reviewer_id = locked.reviewer_id
        locked.delete()
        audit_record(
            actor=actor,
            action="reviews.reviewer_removed",
            obj=application,
            changes={"reviewer": [reviewer_id, None]},
        )
    return True
