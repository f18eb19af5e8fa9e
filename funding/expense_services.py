"""Expenses: entered as drafts, submitted, approved or returned by the office, and
corrected by counter-entries once approved. Submitting and approving add up the grant's
money under its row lock (``funding.locking``); every change is in the audit trail."""

import dataclasses
import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record, field_changes
from core.idempotency import recent, stored_just_now
from core.uploads import delete_after_commit, file_digest, replace_file, stored_digest
from funding import locking, selectors
from funding.mails import expense_decision_mail
from funding.models import (
    ZERO,
    CostCategory,
    Expense,
    ExpenseStatus,
    Grant,
)
from funding.money import APPROVED, cents, euro, total

# --- expenses ---------------------------------------------------------------------


def _check_expense_fields(
    *,
    grant: Grant,
    spent_on: dt.date,
    category: CostCategory,
    session,
    workshop,
    keep_category: int | None = None,
) -> None:
    errors = {}
    year = grant.funding_year.year
    if spent_on.year != year:
        # Money does not carry over: an expense belongs to the year it was paid in.
        errors["spent_on"] = _(
            "Das Datum muss im Förderjahr %(year)s liegen; Mittel werden nicht ins "
            "nächste Jahr übertragen."
        ) % {"year": year}
    elif spent_on > timezone.localdate():
        errors["spent_on"] = _("Das Datum liegt in der Zukunft.")
    if not category.active and category.pk != keep_category:
        errors["category"] = _("Diese Kategorie ist nicht mehr wählbar.")
    call_id = grant.funding_year.call_id
    for field, measure in (("training_session", session), ("workshop", workshop)):
        if measure is not None and (
            measure.call_id != call_id or measure.municipality_id != grant.municipality_id
        ):
            errors[field] = _("Diese Maßnahme gehört nicht zu Ihrer Kommune.")
    if session is not None and workshop is not None:
        errors["workshop"] = _("Bitte ordnen Sie die Ausgabe nur einer Maßnahme zu.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def expense_save(
    *,
    grant: Grant,
    actor,
    spent_on: dt.date,
    payee: str,
    purpose: str,
    category: CostCategory,
    amount: Decimal,
    training_session=None,
    workshop=None,
    measure_note: str = "",
    upload=None,
    expense: Expense | None = None,
) -> Expense:
    """Create a draft expense or change one that is a draft or was returned.

    The same expense entered twice by the same person within ``REPEAT_WINDOW`` (a double
    click, a form sent again) returns the first one instead of a second draft."""
    if expense is not None and expense.grant_id != grant.pk:
        raise ValueError("An expense is changed only within its own grant.")
    amount = cents(amount)
    values = {
        "spent_on": spent_on,
        "payee": payee.strip(),
        "purpose": purpose.strip(),
        "category": category,
        "amount": amount,
        "training_session": training_session,
        "workshop": workshop,
        "measure_note": measure_note.strip(),
    }
    if expense is None:
        earlier = _repeat_of_new_expense(grant=grant, actor=actor, values=values, upload=upload)
        if earlier is not None:
            return earlier
    else:
        expense = _editable_expense(expense)
    correction = expense is not None and expense.is_correction
    _amount_check(amount, correction=correction)
    _check_expense_fields(
        grant=grant,
        spent_on=spent_on,
        category=category,
        session=training_session,
        workshop=workshop,
        # A correction is booked on its original's category, even one no longer offered.
        keep_category=expense.category_id if correction else None,
    )
    creating = expense is None
    if creating:
        expense = Expense(grant=grant, created_by=actor if getattr(actor, "pk", None) else None)
    before = {} if creating else _expense_fields(expense)
    for name, value in values.items():
        setattr(expense, name, value)
    if upload is not None:
        replace_file(expense, "receipt", upload)
        expense.receipt_name = upload.name[:255]
    expense.save()
    audit_record(
        actor=actor,
        action="funding.expense_created" if creating else "funding.expense_changed",
        obj=expense,
        changes=field_changes(before, _expense_fields(expense)),
    )
    return expense


def _editable_expense(expense: Expense) -> Expense:
    """The expense, locked, if it is still a draft or was returned."""
    expense = Expense.objects.select_for_update(of=("self",)).get(pk=expense.pk)
    if not expense.editable:
        raise ValidationError(
            _("Eingereichte oder anerkannte Ausgaben können nicht mehr geändert werden.")
        )
    return expense


def _amount_check(amount: Decimal, *, correction: bool) -> None:
    """An expense costs money; a correction may go either way, but not be nothing."""
    if correction and amount == 0:
        raise ValidationError({"amount": _("Die Korrektur darf nicht 0 sein.")})
    if amount <= 0 and not correction:
        raise ValidationError({"amount": _("Der Betrag muss größer als 0 sein.")})


# The fields a form must repeat to be taken for the expense stored just before.
REPEAT_FIELDS = ("spent_on", "payee", "purpose", "category", "amount")


def _repeat_of_new_expense(*, grant, actor, values: dict, upload) -> Expense | None:
    """The same expense stored by the same person just now, if this form repeats it."""
    # Serialises a double click's two requests, so the second finds the first.
    locking.locked_grant(grant.pk)
    if not getattr(actor, "pk", None):
        return None
    same = Expense.objects.filter(
        grant=grant,
        created_by=actor,
        corrects__isnull=True,
        **{name: values[name] for name in REPEAT_FIELDS},
    )
    wanted = file_digest(upload) if upload is not None else None
    for candidate in recent(same, since_field="created_at"):
        # Two receipts of the same sum on the same day are two expenses; only the very
        # same receipt (or none on both) makes it a repeat.
        if wanted is None and not candidate.receipt:
            return candidate
        if wanted is not None and stored_digest(candidate.receipt) == wanted:
            return candidate
    return None


def _expense_fields(expense: Expense) -> dict:
    return {
        "spent_on": expense.spent_on.isoformat(),
        "payee": expense.payee,
        "purpose": expense.purpose,
        "category": expense.category_id,
        "amount": locking.money_text(expense.amount),
        "training_session": expense.training_session_id,
        "workshop": expense.workshop_id,
        "measure_note": expense.measure_note,
        "receipt": expense.receipt_name,
    }


def _cap_error(*, grant: Grant, committed: Decimal, amount: Decimal) -> ValidationError:
    return ValidationError(
        {
            "amount": _(
                "Diese Ausgabe (%(amount)s) übersteigt die Zuwendung für %(year)s: bewilligt "
                "%(granted)s, bereits eingereicht oder anerkannt %(committed)s, noch "
                "verfügbar %(free)s."
            )
            % {
                "amount": euro(amount),
                "year": grant.funding_year.year,
                "granted": euro(grant.amount),
                "committed": euro(committed),
                "free": euro(max(grant.amount - committed, ZERO)),
            }
        }
    )


@transaction.atomic
def expense_submit(*, expense: Expense, actor) -> Expense:
    """Hand an expense to the office. The money it adds must still fit the grant, counted
    with every other submitted or approved expense of the year, under the grant's lock."""
    grant = locking.locked_grant(expense.grant_id)
    expense = Expense.objects.select_for_update(of=("self",)).get(pk=expense.pk)
    if not expense.editable:
        raise ValidationError(_("Diese Ausgabe ist bereits eingereicht."))
    if not expense.receipt and not expense.is_correction:
        raise ValidationError({"receipt": _("Bitte laden Sie den Beleg als PDF hoch.")})
    if expense.is_correction:
        _check_correction(expense)
    committed = locking.sums(grant)["committed"]
    locking.pause_between_sum_and_write()
    if expense.amount > 0 and committed + expense.amount > grant.amount:
        raise _cap_error(grant=grant, committed=committed, amount=expense.amount)
    old = expense.status
    expense.status = ExpenseStatus.SUBMITTED
    expense.submitted_at = timezone.now()
    expense.return_reason = ""
    expense.save(update_fields=["status", "submitted_at", "return_reason"])
    audit_record(
        actor=actor,
        action="funding.expense_submitted",
        obj=expense,
        changes={"status": [old, expense.status]},
    )
    return expense


def _check_correction(expense: Expense) -> None:
    """A correction may not take back more than the original and its approved
    corrections add up to."""
    original = expense.corrects
    net = (
        original.amount
        + (original.corrections.filter(APPROVED).exclude(pk=expense.pk).aggregate(s=total())["s"])
    )
    if net + expense.amount < 0:
        raise ValidationError(
            {
                "amount": _("Die Korrektur nimmt mehr zurück, als anerkannt ist (%(net)s).")
                % {"net": euro(net)}
            }
        )


@transaction.atomic
def expense_approve(*, expense: Expense, actor, notify: bool = True) -> Expense:
    """Approve a submitted expense if the approved money of its year, with it, still
    fits the grant (counted under the grant's lock); the coordinators hear by mail
    (``notify`` off only where past decisions are recorded, as in the demo data)."""
    grant = locking.locked_grant(expense.grant_id)
    expense = Expense.objects.select_for_update(of=("self",)).get(pk=expense.pk)
    if expense.status != ExpenseStatus.SUBMITTED:
        raise ValidationError(_("Nur eingereichte Ausgaben können anerkannt werden."))
    if expense.is_correction:
        _check_correction(expense)
    approved = locking.sums(grant)["approved"]
    locking.pause_between_sum_and_write()
    if approved + expense.amount > grant.amount:
        raise _cap_error(grant=grant, committed=approved, amount=expense.amount)
    if expense.amount < 0:
        # Payment requests never exceed what is approved: a reduction of money that was
        # already requested has to be settled before it can be approved.
        requested = grant.payment_requests.aggregate(s=total())["s"]
        if approved + expense.amount < requested:
            raise ValidationError(
                _(
                    "Die Korrektur kann nicht anerkannt werden: Anerkannt wären danach "
                    "%(approved)s, abgerufen sind aber bereits %(requested)s."
                )
                % {"approved": euro(approved + expense.amount), "requested": euro(requested)}
            )
    expense.status = ExpenseStatus.APPROVED
    expense.decided_at = timezone.now()
    expense.decided_by = actor
    expense.save(update_fields=["status", "decided_at", "decided_by"])
    audit_record(
        actor=actor,
        action="funding.expense_approved",
        obj=expense,
        changes={"status": [ExpenseStatus.SUBMITTED, ExpenseStatus.APPROVED]},
    )
    expense.grant = grant
    if notify:
        expense_decision_mail(expense=expense)
    return expense


@transaction.atomic
def expense_return(*, expense: Expense, reason: str, actor, notify: bool = True) -> Expense:
    """Give a submitted expense back to the municipality with the reason, which its
    coordinators receive by mail (unless ``notify`` is off, as for the demo data)."""
    expense = (
        Expense.objects.select_for_update(of=("self",))
        .select_related("grant__funding_year", "grant__municipality")
        .get(pk=expense.pk)
    )
    if expense.status != ExpenseStatus.SUBMITTED:
        raise ValidationError(_("Nur eingereichte Ausgaben können zurückgegeben werden."))
    if not reason.strip():
        raise ValidationError({"reason": _("Bitte nennen Sie den Grund der Rückgabe.")})
    expense.status = ExpenseStatus.RETURNED
    expense.return_reason = reason.strip()
    expense.decided_at = timezone.now()
    expense.decided_by = actor
    expense.save(update_fields=["status", "return_reason", "decided_at", "decided_by"])
    audit_record(
        actor=actor,
        action="funding.expense_returned",
        obj=expense,
        changes={"status": [ExpenseStatus.SUBMITTED, ExpenseStatus.RETURNED]},
    )
    if notify:
        expense_decision_mail(expense=expense)
    return expense


@transaction.atomic
def expense_correct(
    *, original: Expense, amount: Decimal, spent_on: dt.date, purpose: str, actor
) -> Expense:
    """A counter-entry to an approved expense: the difference (usually negative, e.g. a
    refund) as a new draft that goes through submission and approval like any other.
    The same correction sent twice by the same person within ``REPEAT_WINDOW``
    is stored once."""
    original = Expense.objects.select_related("grant__funding_year", "category").get(pk=original.pk)
    if original.status != ExpenseStatus.APPROVED or original.is_correction:
        raise ValidationError(_("Nur anerkannte Ausgaben können korrigiert werden."))
    amount = cents(amount)
    if amount == 0:
        raise ValidationError({"amount": _("Die Korrektur darf nicht 0 sein.")})
    locking.locked_grant(original.grant_id)
    if getattr(actor, "pk", None):
        repeat = stored_just_now(
            original.corrections.filter(
                created_by=actor, amount=amount, spent_on=spent_on, purpose=purpose.strip()
            ),
            since_field="created_at",
        )
        if repeat is not None:
            return repeat
    _check_expense_fields(
        grant=original.grant,
        spent_on=spent_on,
        category=original.category,
        session=None,
        workshop=None,
        keep_category=original.category_id,
    )
    correction = Expense.objects.create(
        grant=original.grant,
        corrects=original,
        spent_on=spent_on,
        payee=original.payee,
        purpose=purpose.strip(),
        category=original.category,
        training_session_id=original.training_session_id,
        workshop_id=original.workshop_id,
        measure_note=original.measure_note,
        amount=amount,
        created_by=actor,
    )
    _check_correction(correction)
    audit_record(
        actor=actor,
        action="funding.expense_correction_created",
        obj=correction,
        changes={"corrects": [None, original.pk], "amount": [None, locking.money_text(amount)]},
    )
    return correction


@transaction.atomic
def expense_delete(*, expense: Expense, actor) -> None:
    expense = Expense.objects.select_for_update(of=("self",)).get(pk=expense.pk)
    if expense.status != ExpenseStatus.DRAFT:
        raise ValidationError(_("Nur Entwürfe können gelöscht werden."))
    audit_record(
        actor=actor,
        action="funding.expense_deleted",
        obj=expense,
        changes={"amount": [locking.money_text(expense.amount), None]},
    )
    delete_after_commit(expense.receipt)
    expense.delete()


@dataclasses.dataclass
class BulkApproval:
    """What a bulk approval did: the expenses approved and those refused, each with the
    reason the single approval gave."""

    approved: list[Expense] = dataclasses.field(default_factory=list)
    refused: list[tuple[Expense, str]] = dataclasses.field(default_factory=list)


def expenses_approve_bulk(*, call, expense_ids: list[int], actor) -> BulkApproval:
    """Approve several expenses of a cohort, each one on its own through
    ``expense_approve``: the same cap check under the same row lock, in its own
    transaction. One that does not fit is refused and named; the others are approved.

    An expense this person approved within ``REPEAT_WINDOW`` counts as approved (the
    same form sent twice); ids outside the cohort are left out."""
    result = BulkApproval()
    for expense in selectors.expenses_of_call_for_office(call=call, expense_ids=expense_ids):
        try:
            result.approved.append(expense_approve(expense=expense, actor=actor))
        except ValidationError as exc:
            if _approved_just_now(expense, actor):
                result.approved.append(expense)
            else:
                result.refused.append((expense, " ".join(exc.messages)))
    return result


def _approved_just_now(expense: Expense, actor) -> bool:
    return recent(
        Expense.objects.filter(
            pk=expense.pk, status=ExpenseStatus.APPROVED, decided_by_id=getattr(actor, "pk", None)
        ),
        since_field="decided_at",
    ).exists()
