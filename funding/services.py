"""Everything that changes money: funding years, grants, plans, expenses, payment
requests. Each change locks the grant row before it adds anything up, so two changes
at the same moment are checked one after the other; each is in the audit trail."""

import datetime as dt
import hashlib
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from calls.models import Call
from core.audit import audit_record
from funding.models import (
    ZERO,
    CostCategory,
    Expense,
    ExpenseStatus,
    FundingYear,
    Grant,
    PaymentRequest,
    PaymentStatus,
    PlanLine,
)
from funding.money import APPROVED, COMMITTED, cents, euro, total
from programme.cohort import cohort_municipalities

DEFAULT_CATEGORIES = [
    "Honorare für Trainer*innen",
    "Räume und Verpflegung",
    "Material und Druck",
    "Reisekosten",
    "Sonstiges",
]

# Tests switch these to show what the lock prevents (see tests/funding/test_race.py).
LOCK_GRANT_ROW = True
LOCK_YEAR_ROW = True


def _pause_between_sum_and_write() -> None:
    """A hook for the race test; does nothing in normal operation."""


def _locked_grant(grant_pk: int) -> Grant:
    grants = Grant.objects.select_related("funding_year")
    if LOCK_GRANT_ROW:
        grants = grants.select_for_update(of=("self",))
    return grants.get(pk=grant_pk)


def _sums(grant: Grant) -> dict[str, Decimal]:
    return grant.expenses.aggregate(
        committed=total(filter=COMMITTED), approved=total(filter=APPROVED)
    )


def _money(value) -> str:
    return str(cents(value))


# --- set-up -----------------------------------------------------------------------


def categories_ensure_defaults() -> None:
    if CostCategory.objects.exists():
        return
    CostCategory.objects.bulk_create(
        CostCategory(name=name, position=index) for index, name in enumerate(DEFAULT_CATEGORIES)
    )


@transaction.atomic
def funding_ensure(*, call: Call) -> list[FundingYear]:
    """A funding year for every calendar year the programme touches and a grant for
    every model municipality in it (the year's cap in full). Repeatable: nothing that
    exists is changed."""
    categories_ensure_defaults()
    for year in range(call.programme_start.year, call.programme_end.year + 1):
        FundingYear.objects.get_or_create(
            call=call, year=year, defaults={"cap": call.funding_cap_per_year}
        )
    years = list(FundingYear.objects.filter(call=call).order_by("year"))
    municipality_ids = list(cohort_municipalities(call=call).values_list("pk", flat=True))
    Grant.objects.bulk_create(
        [
            Grant(funding_year=year, municipality_id=m, amount=year.cap)
            for year in years
            for m in municipality_ids
        ],
        ignore_conflicts=True,
    )
    return years


@transaction.atomic
def funding_year_cap_set(*, funding_year: FundingYear, cap: Decimal, actor) -> FundingYear:
    """Change a year's cap. Grants that had the whole cap keep having it; a grant above
    the new cap is lowered to it, unless its plan or committed money would no longer fit."""
    cap = cents(cap)
    funding_year = FundingYear.objects.select_for_update().get(pk=funding_year.pk)
    grants = list(
        Grant.objects.select_for_update(of=("self",))
        .select_related("municipality")
        .filter(funding_year=funding_year)
    )
    old_cap = funding_year.cap
    blocked = []
    changed = []
    for grant in grants:
        if grant.amount == old_cap or grant.amount > cap:
            if max(_plan_total(grant), _sums(grant)["committed"]) > cap:
                blocked.append(grant.municipality.name)
            if grant.amount != cap:
                changed.append((grant, grant.amount))
            grant.amount = cap
    _pause_between_sum_and_write()
    if blocked:
        raise ValidationError(
            {
                "cap": _(
                    "Der Höchstbetrag ist kleiner als das, was bereits geplant oder "
                    "eingereicht ist, bei: %(names)s."
                )
                % {"names": ", ".join(sorted(blocked))}
            }
        )
    Grant.objects.bulk_update(grants, ["amount", "updated_at"])
    funding_year.cap = cap
    funding_year.save(update_fields=["cap"])
    audit_record(
        actor=actor,
        action="funding.year_cap_set",
        obj=funding_year,
        changes={"cap": [_money(old_cap), _money(cap)]},
    )
    # Each grant's own trail shows that its amount followed the cap.
    for grant, old in changed:
        audit_record(
            actor=actor,
            action="funding.grant_amount_set",
            obj=grant,
            changes={"amount": [_money(old), _money(cap)]},
        )
    return funding_year


@transaction.atomic
def grant_amount_set(*, grant: Grant, amount: Decimal, actor) -> Grant:
    amount = cents(amount)
    # The year's row first, as funding_year_cap_set does: the cap read here is then the
    # current one, not the one a cap change committed while this waited for the grant.
    if LOCK_YEAR_ROW:
        list(FundingYear.objects.select_for_update().filter(pk=grant.funding_year_id).values("pk"))
    grant = _locked_grant(grant.pk)
    if amount > grant.funding_year.cap:
        raise ValidationError(
            {
                "amount": _("Der Betrag übersteigt den Höchstbetrag des Jahres (%(cap)s).")
                % {"cap": euro(grant.funding_year.cap)}
            }
        )
    needed = max(_plan_total(grant), _sums(grant)["committed"])
    if amount < needed:
        raise ValidationError(
            {
                "amount": _(
                    "Der Betrag ist kleiner als das, was bereits geplant oder eingereicht "
                    "ist (%(needed)s)."
                )
                % {"needed": euro(needed)}
            }
        )
    old = grant.amount
    grant.amount = amount
    grant.save(update_fields=["amount", "updated_at"])
    audit_record(
        actor=actor,
        action="funding.grant_amount_set",
        obj=grant,
        changes={"amount": [_money(old), _money(amount)]},
    )
    return grant


# --- plan -------------------------------------------------------------------------


def _plan_total(grant: Grant, *, without: int | None = None) -> Decimal:
    lines = grant.plan_lines.all()
    if without is not None:
        lines = lines.exclude(pk=without)
    return lines.aggregate(sum=total())["sum"]


@transaction.atomic
def plan_line_save(
    *,
    grant: Grant,
    category: CostCategory,
    measure: str,
    amount: Decimal,
    actor,
    line: PlanLine | None = None,
) -> PlanLine:
    """Add a plan line or change one; the plan of a year never exceeds its grant."""
    amount = cents(amount)
    grant = _locked_grant(grant.pk)
    planned = _plan_total(grant, without=line.pk if line else None)
    _pause_between_sum_and_write()
    if planned + amount > grant.amount:
        raise ValidationError(
            {
                "amount": _(
                    "Der Plan übersteigt damit die Zuwendung für %(year)s: bewilligt "
                    "%(granted)s, schon geplant %(planned)s, noch frei %(free)s."
                )
                % {
                    "year": grant.funding_year.year,
                    "granted": euro(grant.amount),
                    "planned": euro(planned),
                    "free": euro(grant.amount - planned),
                }
            }
        )
    before = {}
    if line is None:
        line = PlanLine(grant=grant)
    else:
        before = {
            "measure": line.measure,
            "amount": _money(line.amount),
            "category": line.category_id,
        }
    line.category = category
    line.measure = measure.strip()
    line.amount = amount
    line.save()
    after = {"measure": line.measure, "amount": _money(amount), "category": category.pk}
    audit_record(
        actor=actor,
        action="funding.plan_line_changed" if before else "funding.plan_line_added",
        obj=line,
        changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
    )
    return line


@transaction.atomic
def plan_line_delete(*, line: PlanLine, actor) -> None:
    _locked_grant(line.grant_id)
    audit_record(
        actor=actor,
        action="funding.plan_line_deleted",
        obj=line,
        changes={"amount": [_money(line.amount), None]},
    )
    line.delete()


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
    if expense is None:
        # Serialises a double click's two requests, so the second finds the first.
        _locked_grant(grant.pk)
        earlier = _same_expense_entered_just_now(
            grant=grant,
            actor=actor,
            spent_on=spent_on,
            payee=payee,
            purpose=purpose,
            category=category,
            amount=cents(amount),
            upload=upload,
        )
        if earlier is not None:
            return earlier
    if expense is not None:
        expense = Expense.objects.select_for_update(of=("self",)).get(pk=expense.pk)
        if not expense.editable:
            raise ValidationError(
                _("Eingereichte oder anerkannte Ausgaben können nicht mehr geändert werden.")
            )
    amount = cents(amount)
    correction = expense is not None and expense.is_correction
    if correction and amount == 0:
        raise ValidationError({"amount": _("Die Korrektur darf nicht 0 sein.")})
    if amount <= 0 and not correction:
        raise ValidationError({"amount": _("Der Betrag muss größer als 0 sein.")})
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
    expense.spent_on = spent_on
    expense.payee = payee.strip()
    expense.purpose = purpose.strip()
    expense.category = category
    expense.amount = amount
    expense.training_session = training_session
    expense.workshop = workshop
    expense.measure_note = measure_note.strip()
    if upload is not None:
        if expense.receipt:
            expense.receipt.delete(save=False)
        expense.receipt = upload
        expense.receipt_name = upload.name[:255]
    expense.save()
    after = _expense_fields(expense)
    audit_record(
        actor=actor,
        action="funding.expense_created" if creating else "funding.expense_changed",
        obj=expense,
        changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
    )
    return expense


REPEAT_WINDOW = dt.timedelta(minutes=5)


def _digest(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _same_expense_entered_just_now(
    *, grant, actor, spent_on, payee, purpose, category, amount, upload
) -> Expense | None:
    if not getattr(actor, "pk", None):
        return None
    candidates = Expense.objects.filter(
        grant=grant,
        created_by=actor,
        corrects__isnull=True,
        created_at__gte=timezone.now() - REPEAT_WINDOW,
        spent_on=spent_on,
        payee=payee.strip(),
        purpose=purpose.strip(),
        category=category,
        amount=amount,
    ).order_by("pk")
    wanted = _digest(upload) if upload is not None else None
    for candidate in candidates:
        # Two receipts of the same sum on the same day are two expenses; only the very
        # same receipt (or none on both) makes it a repeat.
        if wanted is None and not candidate.receipt:
            return candidate
        if wanted is not None and candidate.receipt:
            with candidate.receipt.open("rb") as stored:
                if _digest(stored) == wanted:
                    return candidate
    return None


def _expense_fields(expense: Expense) -> dict:
    return {
        "spent_on": expense.spent_on.isoformat(),
        "payee": expense.payee,
        "purpose": expense.purpose,
        "category": expense.category_id,
        "amount": _money(expense.amount),
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
    grant = _locked_grant(expense.grant_id)
    expense = Expense.objects.select_for_update(of=("self",)).get(pk=expense.pk)
    if not expense.editable:
        raise ValidationError(_("Diese Ausgabe ist bereits eingereicht."))
    if not expense.receipt and not expense.is_correction:
        raise ValidationError({"receipt": _("Bitte laden Sie den Beleg als PDF hoch.")})
    if expense.is_correction:
        _check_correction(expense)
    committed = _sums(grant)["committed"]
    _pause_between_sum_and_write()
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
def expense_approve(*, expense: Expense, actor) -> Expense:
    grant = _locked_grant(expense.grant_id)
    expense = Expense.objects.select_for_update(of=("self",)).get(pk=expense.pk)
    if expense.status != ExpenseStatus.SUBMITTED:
        raise ValidationError(_("Nur eingereichte Ausgaben können anerkannt werden."))
    if expense.is_correction:
        _check_correction(expense)
    approved = _sums(grant)["approved"]
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
    return expense


@transaction.atomic
def expense_return(*, expense: Expense, reason: str, actor) -> Expense:
    expense = Expense.objects.select_for_update(of=("self",)).get(pk=expense.pk)
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
    return expense


@transaction.atomic
def expense_correct(
    *, original: Expense, amount: Decimal, spent_on: dt.date, purpose: str, actor
) -> Expense:
    """A counter-entry to an approved expense: the difference (usually negative, e.g. a
    refund) as a new draft that goes through submission and approval like any other."""
    original = Expense.objects.select_related("grant__funding_year", "category").get(pk=original.pk)
    if original.status != ExpenseStatus.APPROVED or original.is_correction:
        raise ValidationError(_("Nur anerkannte Ausgaben können korrigiert werden."))
    amount = cents(amount)
    if amount == 0:
        raise ValidationError({"amount": _("Die Korrektur darf nicht 0 sein.")})
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
        changes={"corrects": [None, original.pk], "amount": [None, _money(amount)]},
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
        changes={"amount": [_money(expense.amount), None]},
    )
    if expense.receipt:
        expense.receipt.delete(save=False)
    expense.delete()


# --- payment requests -------------------------------------------------------------


@transaction.atomic
def payment_request_create(*, grant: Grant, amount: Decimal, note: str, actor) -> PaymentRequest:
    """Ask for money that is approved and not yet requested."""
    amount = cents(amount)
    grant = _locked_grant(grant.pk)
    if amount <= 0:
        raise ValidationError({"amount": _("Der Betrag muss größer als 0 sein.")})
    approved = _sums(grant)["approved"]
    requested = grant.payment_requests.aggregate(s=total())["s"]
    _pause_between_sum_and_write()
    if requested + amount > approved:
        raise ValidationError(
            {
                "amount": _(
                    "Abgerufen werden kann nur, was anerkannt und noch nicht abgerufen ist: "
                    "%(free)s."
                )
                % {"free": euro(max(approved - requested, ZERO))}
            }
        )
    payment = PaymentRequest.objects.create(
        grant=grant,
        amount=amount,
        iban_note=note.strip(),
        requested_at=timezone.now(),
        requested_by=actor,
    )
    audit_record(
        actor=actor,
        action="funding.payment_requested",
        obj=payment,
        changes={"amount": [None, _money(amount)]},
    )
    return payment


@transaction.atomic
def payment_mark_paid(*, payment: PaymentRequest, paid_on: dt.date, actor) -> PaymentRequest:
    payment = PaymentRequest.objects.select_for_update().get(pk=payment.pk)
    if payment.status == PaymentStatus.PAID:
        raise ValidationError(_("Dieser Mittelabruf ist bereits ausgezahlt."))
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("Das Datum der Auszahlung liegt in der Zukunft.")})
    if paid_on < timezone.localtime(payment.requested_at).date():
        raise ValidationError({"paid_on": _("Die Auszahlung kann nicht vor dem Abruf liegen.")})
    payment.status = PaymentStatus.PAID
    payment.paid_on = paid_on
    payment.save(update_fields=["status", "paid_on"])
    audit_record(
        actor=actor,
        action="funding.payment_paid",
        obj=payment,
        changes={"status": [PaymentStatus.REQUESTED, PaymentStatus.PAID]},
    )
    return payment
