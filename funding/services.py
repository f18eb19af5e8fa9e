"""Changes of money other than expenses: funding years and grants with their caps, the
plan, payment requests. Expenses are in ``funding.expense_services``; both take the grant's
row lock first (``funding.locking``) and record every change in the audit trail."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from calls.models import Call
from core.audit import audit_record, field_changes
from core.idempotency import stored_just_now
from funding import locking
from funding.mails import payment_approved_mail, payment_paid_mail
from funding.models import (
    ZERO,
    CostCategory,
    FundingYear,
    Grant,
    PaymentRequest,
    PaymentStatus,
    PlanLine,
)
from funding.money import cents, euro, total
from programme.cohort import cohort_municipalities

DEFAULT_CATEGORIES = [
    "Honorare für Trainer*innen",
    "Räume und Verpflegung",
    "Material und Druck",
    "Reisekosten",
    "Sonstiges",
]

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
            if max(_plan_total(grant), locking.sums(grant)["committed"]) > cap:
                blocked.append(grant.municipality.name)
            if grant.amount != cap:
                changed.append((grant, grant.amount))
            grant.amount = cap
    locking.pause_between_sum_and_write()
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
    now = timezone.now()
    for grant in grants:
        grant.updated_at = now  # bulk_update leaves auto_now fields alone
    Grant.objects.bulk_update(grants, ["amount", "updated_at"])
    funding_year.cap = cap
    funding_year.save(update_fields=["cap"])
    audit_record(
        actor=actor,
        action="funding.year_cap_set",
        obj=funding_year,
        changes={"cap": [locking.money_text(old_cap), locking.money_text(cap)]},
    )
    # Each grant's own trail shows that its amount followed the cap.
    for grant, old in changed:
        audit_record(
            actor=actor,
            action="funding.grant_amount_set",
            obj=grant,
            changes={"amount": [locking.money_text(old), locking.money_text(cap)]},
        )
    return funding_year


@transaction.atomic
def grant_amount_set(*, grant: Grant, amount: Decimal, actor) -> Grant:
    amount = cents(amount)
    # The year's row first, as funding_year_cap_set does: the cap read here is then the
    # current one, not the one a cap change committed while this waited for the grant.
    locking.lock_year(grant.funding_year_id)
    grant = locking.locked_grant(grant.pk)
    if amount > grant.funding_year.cap:
        raise ValidationError(
            {
                "amount": _("Der Betrag übersteigt den Höchstbetrag des Jahres (%(cap)s).")
                % {"cap": euro(grant.funding_year.cap)}
            }
        )
    needed = max(_plan_total(grant), locking.sums(grant)["committed"])
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
        changes={"amount": [locking.money_text(old), locking.money_text(amount)]},
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
    """Add a plan line or change one; the plan of a year never exceeds its grant. The
    same new line sent twice within ``REPEAT_WINDOW`` is stored once."""
    amount = cents(amount)
    grant = locking.locked_grant(grant.pk)
    if line is None:
        repeat = stored_just_now(
            PlanLine.objects.filter(
                grant=grant, category=category, measure=measure.strip(), amount=amount
            ),
            since_field="created_at",
        )
        if repeat is not None:
            return repeat
    planned = _plan_total(grant, without=line.pk if line else None)
    locking.pause_between_sum_and_write()
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
            "amount": locking.money_text(line.amount),
            "category": line.category_id,
        }
    line.category = category
    line.measure = measure.strip()
    line.amount = amount
    line.save()
    after = {"measure": line.measure, "amount": locking.money_text(amount), "category": category.pk}
    audit_record(
        actor=actor,
        action="funding.plan_line_changed" if before else "funding.plan_line_added",
        obj=line,
        changes=field_changes(before, after),
    )
    return line


@transaction.atomic
def plan_line_delete(*, line: PlanLine, actor) -> None:
    locking.locked_grant(line.grant_id)
    audit_record(
        actor=actor,
        action="funding.plan_line_deleted",
        obj=line,
        changes={"amount": [locking.money_text(line.amount), None]},
    )
    line.delete()


# --- payment requests -------------------------------------------------------------


@transaction.atomic
def payment_request_create(*, grant: Grant, amount: Decimal, note: str, actor) -> PaymentRequest:
    """Ask for money that is approved and not yet requested. The same request sent
    twice by the same person within ``REPEAT_WINDOW`` is made once."""
    amount = cents(amount)
    grant = locking.locked_grant(grant.pk)
    if amount <= 0:
        raise ValidationError({"amount": _("Der Betrag muss größer als 0 sein.")})
    if getattr(actor, "pk", None):
        repeat = stored_just_now(
            grant.payment_requests.filter(
                requested_by=actor, amount=amount, iban_note=note.strip()
            ),
            since_field="requested_at",
        )
        if repeat is not None:
            return repeat
    approved = locking.sums(grant)["approved"]
    requested = grant.payment_requests.aggregate(s=total())["s"]
    locking.pause_between_sum_and_write()
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
        changes={"amount": [None, locking.money_text(amount)]},
    )
    return payment


@transaction.atomic
def payment_approve(*, payment: PaymentRequest, actor) -> PaymentRequest:
    """Release a payment request for payout; the municipality's coordinators hear by
    mail. A request that is released or paid already is refused (a second click)."""
    payment = (
        PaymentRequest.objects.select_for_update(of=("self",))
        .select_related("grant__funding_year", "grant__municipality")
        .get(pk=payment.pk)
    )
    if payment.status != PaymentStatus.REQUESTED:
        raise ValidationError(_("Dieser Mittelabruf ist bereits freigegeben."))
    payment.status = PaymentStatus.APPROVED
    payment.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="funding.payment_approved",
        obj=payment,
        changes={"status": [PaymentStatus.REQUESTED, PaymentStatus.APPROVED]},
    )
    payment_approved_mail(payment=payment)
    return payment


@transaction.atomic
def payment_mark_paid(
    *, payment: PaymentRequest, paid_on: dt.date, actor, notify: bool = True
) -> PaymentRequest:
    """Record that a payment request was paid out on ``paid_on``; the municipality's
    coordinators hear by mail (unless ``notify`` is off, as for the demo data)."""
    payment = (
        PaymentRequest.objects.select_for_update(of=("self",))
        .select_related("grant__funding_year", "grant__municipality")
        .get(pk=payment.pk)
    )
    if payment.status == PaymentStatus.PAID:
        raise ValidationError(_("Dieser Mittelabruf ist bereits ausgezahlt."))
    if paid_on > timezone.localdate():
        raise ValidationError({"paid_on": _("Das Datum der Auszahlung liegt in der Zukunft.")})
    if paid_on < timezone.localtime(payment.requested_at).date():
        raise ValidationError({"paid_on": _("Die Auszahlung kann nicht vor dem Abruf liegen.")})
    old = payment.status
    payment.status = PaymentStatus.PAID
    payment.paid_on = paid_on
    payment.save(update_fields=["status", "paid_on"])
    audit_record(
        actor=actor,
        action="funding.payment_paid",
        obj=payment,
        changes={"status": [old, PaymentStatus.PAID]},
    )
    if notify:
        payment_paid_mail(payment=payment)
    return payment
