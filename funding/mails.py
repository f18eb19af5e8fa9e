"""Mails to a model municipality about the office's decisions on its money: an expense
approved or returned (with the reason), a payment request released for payout or
paid out.

Each decision goes to the municipality's coordinators who speak for it now, each in
their own language, once the decision is committed (``core.mail.mail_enqueue``).
"""

from django.urls import reverse
from django.utils import timezone

from applications.selectors import coordinators_of_municipality
from core.mail import mail_enqueue
from funding.models import Expense, ExpenseStatus, PaymentRequest
from funding.money import euro

EXPENSE_APPROVED = "funding/mail/expense_approved"
EXPENSE_RETURNED = "funding/mail/expense_returned"
PAYMENT_APPROVED = "funding/mail/payment_approved"
PAYMENT_PAID = "funding/mail/payment_paid"


def _send(*, municipality, template: str, context: dict) -> None:
    for person in coordinators_of_municipality(municipality_id=municipality.pk):
        own = {"name": person.full_name, "municipality": municipality.name, **context}
        mail_enqueue(to=[person.email], template=template, context=own, language=person.language)


def expense_decision_mail(*, expense: Expense) -> None:
    """Tell the coordinators that ``expense`` was approved or returned."""
    returned = expense.status == ExpenseStatus.RETURNED
    _send(
        municipality=expense.grant.municipality,
        template=EXPENSE_RETURNED if returned else EXPENSE_APPROVED,
        context={
            "payee": expense.payee,
            "purpose": expense.purpose,
            "amount": euro(expense.amount),
            "spent_on": expense.spent_on.strftime("%d.%m.%Y"),
            "year": str(expense.grant.funding_year.year),
            "reason": expense.return_reason,
            "path": reverse("funding:expense_detail", args=[expense.pk]),
        },
    )


def payment_approved_mail(*, payment: PaymentRequest) -> None:
    """Tell the coordinators that a payment request is released for payout."""
    _send(
        municipality=payment.grant.municipality,
        template=PAYMENT_APPROVED,
        context={
            "amount": euro(payment.amount),
            "year": str(payment.grant.funding_year.year),
            "requested_on": timezone.localtime(payment.requested_at).strftime("%d.%m.%Y"),
            "path": reverse("funding:year", args=[payment.grant.funding_year.year]),
        },
    )


def payment_paid_mail(*, payment: PaymentRequest) -> None:
    """Tell the coordinators that a payment request was paid out."""
    _send(
        municipality=payment.grant.municipality,
        template=PAYMENT_PAID,
        context={
            "amount": euro(payment.amount),
            "year": str(payment.grant.funding_year.year),
            "paid_on": payment.paid_on.strftime("%d.%m.%Y"),
            "requested_on": timezone.localtime(payment.requested_at).strftime("%d.%m.%Y"),
            "path": reverse("funding:year", args=[payment.grant.funding_year.year]),
        },
    )
