"""Mails on the office's decisions about a municipality's money: an expense approved or
returned with the reason, a payment request paid out; to the municipality's approved
coordinators, each in their own language, and nobody else."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Role
from funding import expense_services, services
from tests import factories
from tests.funding.helpers import approved, funded_cohort, grant_of, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@pytest.fixture
def aachen():
    return factories.MunicipalityFactory(name="Aachen")


@pytest.fixture
def grant(aachen):
    return grant_of(funded_cohort([aachen]), aachen, 2026)


@pytest.fixture
def eva(aachen):
    return factories.CoordinatorFactory(municipality=aachen, full_name="Eva Kurz")


@pytest.fixture
def office():
    return factories.UserFactory(role=Role.OFFICE)


def _expense(grant):
    return submitted(grant, "120.50", payee="Raum Beispiel", purpose="Raummiete Schulung")


def test_approving_an_expense_mails_the_coordinator(
    grant, eva, office, django_capture_on_commit_callbacks
):
    expense = _expense(grant)
    with django_capture_on_commit_callbacks(execute=True):
        expense_services.expense_approve(expense=expense, actor=office)
    assert [m.to for m in mail.outbox] == [[eva.email]]
    message = mail.outbox[0]
    assert message.subject == "Ausgabe anerkannt: Raum Beispiel, 120,50 € (Aachen)"
    assert "Guten Tag Eva Kurz," in message.body
    assert "15.03.2026 – Raum Beispiel: Raummiete Schulung – 120,50 €" in message.body
    assert f"/foerderung/ausgaben/{expense.pk}/\n" in message.body


def test_returning_an_expense_mails_the_reason(
    grant, eva, office, django_capture_on_commit_callbacks
):
    expense = _expense(grant)
    with django_capture_on_commit_callbacks(execute=True):
        expense_services.expense_return(
            expense=expense, reason="Der Beleg ist nicht lesbar.", actor=office
        )
    assert [m.to for m in mail.outbox] == [[eva.email]]
    message = mail.outbox[0]
    assert message.subject == "Ausgabe zurückgegeben: Raum Beispiel, 120,50 € (Aachen)"
    assert "Grund der Rückgabe:\nDer Beleg ist nicht lesbar.\n" in message.body


def test_returning_mail_is_in_english_for_an_english_speaking_coordinator(
    grant, eva, office, django_capture_on_commit_callbacks
):
    eva.language = "en"
    eva.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        expense_services.expense_return(
            expense=_expense(grant), reason="Der Beleg ist nicht lesbar.", actor=office
        )
    message = mail.outbox[0]
    assert message.subject == "Expense returned: Raum Beispiel, 120,50 € (Aachen)"
    assert "Dear Eva Kurz," in message.body
    assert "Reason for returning it:\nDer Beleg ist nicht lesbar.\n" in message.body


def test_approval_mail_is_in_english_for_an_english_speaking_coordinator(
    grant, eva, office, django_capture_on_commit_callbacks
):
    eva.language = "en"
    eva.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        expense_services.expense_approve(expense=_expense(grant), actor=office)
    assert mail.outbox[0].subject == "Expense approved: Raum Beispiel, 120,50 € (Aachen)"
    assert "the programme office has approved an expense of Aachen" in mail.outbox[0].body


def test_decision_mail_goes_only_to_approved_coordinators_of_the_municipality(
    grant, aachen, eva, office, django_capture_on_commit_callbacks
):
    factories.CoordinatorFactory(municipality=aachen, municipality_approved_at=None)
    factories.CoordinatorFactory(municipality=aachen, municipality_suspended_at=timezone.now())
    factories.UserFactory(role=Role.TEAM_MEMBER, municipality=aachen)
    factories.CoordinatorFactory()  # another municipality's
    with django_capture_on_commit_callbacks(execute=True):
        expense_services.expense_approve(expense=_expense(grant), actor=office)
    assert [m.to for m in mail.outbox] == [[eva.email]]


def test_refused_approval_sends_no_mail(grant, eva, office, django_capture_on_commit_callbacks):
    expense = _expense(grant)
    with django_capture_on_commit_callbacks(execute=True):
        expense_services.expense_approve(expense=expense, actor=office)
    mail.outbox.clear()
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        expense_services.expense_approve(expense=expense, actor=office)
    assert mail.outbox == []


def _payment(grant, eva):
    approved(grant, "300.00")
    return services.payment_request_create(
        grant=grant, amount=Decimal("250.00"), note="", actor=eva
    )


def test_marking_a_payment_paid_mails_the_coordinator(
    grant, eva, office, django_capture_on_commit_callbacks
):
    payment = _payment(grant, eva)
    requested_on = timezone.localdate().strftime("%d.%m.%Y")
    with django_capture_on_commit_callbacks(execute=True):
        services.payment_mark_paid(payment=payment, paid_on=timezone.localdate(), actor=office)
    assert [m.to for m in mail.outbox] == [[eva.email]]
    message = mail.outbox[0]
    assert message.subject == "Mittelabruf ausgezahlt: 250,00 € (Aachen, 2026)"
    assert (
        f"der Mittelabruf von Aachen vom {requested_on} über 250,00 € für das Förderjahr "
        f"2026 ist am {requested_on} ausgezahlt worden." in message.body
    )
    assert "/foerderung/2026/\n" in message.body


def test_payment_mail_in_english(grant, eva, office, django_capture_on_commit_callbacks):
    payment = _payment(grant, eva)
    eva.language = "en"
    eva.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        services.payment_mark_paid(payment=payment, paid_on=timezone.localdate(), actor=office)
    assert mail.outbox[0].subject == "Payment request paid: 250,00 € (Aachen, 2026)"


def test_releasing_a_payment_request_mails_the_coordinator(
    grant, eva, office, django_capture_on_commit_callbacks
):
    payment = _payment(grant, eva)
    with django_capture_on_commit_callbacks(execute=True):
        services.payment_approve(payment=payment, actor=office)
    assert [m.to for m in mail.outbox] == [[eva.email]]
    message = mail.outbox[0]
    assert message.subject == "Mittelabruf freigegeben: 250,00 € (Aachen, 2026)"
    assert "über 250,00 € für das Förderjahr 2026 zur Auszahlung freigegeben." in message.body


def test_release_mail_in_english(grant, eva, office, django_capture_on_commit_callbacks):
    payment = _payment(grant, eva)
    eva.language = "en"
    eva.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        services.payment_approve(payment=payment, actor=office)
    assert mail.outbox[0].subject == "Payment request released: 250,00 € (Aachen, 2026)"


def test_past_decisions_recorded_without_notice_send_no_mail(
    grant, eva, office, django_capture_on_commit_callbacks
):
    """The demo data records decisions of the past; nobody is mailed about them."""
    payment = _payment(grant, eva)
    with django_capture_on_commit_callbacks(execute=True):
        expense_services.expense_approve(expense=_expense(grant), actor=office, notify=False)
        expense_services.expense_return(
            expense=_expense(grant), reason="Unlesbar", actor=office, notify=False
        )
        services.payment_mark_paid(
            payment=payment, paid_on=timezone.localdate(), actor=office, notify=False
        )
    assert mail.outbox == []
