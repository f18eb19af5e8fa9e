"""The office's expense queue with its filters and bulk approval, and the list of open
payment requests."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.models import AuditEntry
from funding import expense_services, services
from funding.models import Expense, ExpenseStatus, Grant
from tests import factories
from tests.funding.helpers import approved, category, funded_cohort, grant_of, submitted
from tests.helpers import login_verified

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
def office(client):
    user = factories.UserFactory(role=Role.OFFICE)
    login_verified(client, user)
    return user


@pytest.fixture
def aachen():
    return factories.MunicipalityFactory(name="Aachen")


@pytest.fixture
def bonn():
    return factories.MunicipalityFactory(name="Bonn")


@pytest.fixture
def call(aachen, bonn):
    return funded_cohort([aachen, bonn])


def _queue(client, call, **params):
    response = client.get(reverse("funding_office:queue", args=[call.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def _rows(page) -> int:
    return page.count("data-expense=")


def test_queue_without_filters_shows_only_submitted_expenses(client, office, call, aachen):
    grant = grant_of(call, aachen, 2026)
    submitted(grant, "10.00", payee="Wartet Firma")
    approved(grant, "20.00", payee="Anerkannt Firma")
    page = _queue(client, call)
    assert "Wartet Firma" in page
    assert "Anerkannt Firma" not in page


def test_paging_alone_keeps_the_default_filter(client, office, call, aachen):
    grant = grant_of(call, aachen, 2026)
    submitted(grant, "10.00", payee="Wartet Firma")
    approved(grant, "20.00", payee="Anerkannt Firma")
    page = _queue(client, call, page="1")
    assert "Anerkannt Firma" not in page


def test_queue_filters_by_municipality(client, office, call, aachen, bonn):
    submitted(grant_of(call, aachen, 2026), "10.00", payee="Aachener Firma")
    bonn_expense = submitted(grant_of(call, bonn, 2026), "10.00", payee="Bonner Firma")
    page = _queue(client, call, municipality=bonn.pk, status="submitted")
    assert _rows(page) == 1
    assert f'data-expense="{bonn_expense.pk}"' in page


def test_queue_filters_by_year(client, office, call, aachen):
    submitted(grant_of(call, aachen, 2026), "10.00", payee="Firma 2026")
    submitted(
        grant_of(call, aachen, 2025), "10.00", payee="Firma 2025", spent_on=dt.date(2025, 11, 5)
    )
    page = _queue(client, call, year="2025", status="submitted")
    assert _rows(page) == 1
    assert "Firma 2025" in page


def test_queue_filters_by_status(client, office, call, aachen):
    grant = grant_of(call, aachen, 2026)
    submitted(grant, "10.00", payee="Wartet Firma")
    approved(grant, "20.00", payee="Anerkannt Firma")
    page = _queue(client, call, status="approved")
    assert _rows(page) == 1
    assert "Anerkannt Firma" in page
    assert _rows(_queue(client, call, status="")) == 2


def test_queue_filters_by_category(client, office, call, aachen):
    grant = grant_of(call, aachen, 2026)
    submitted(grant, "10.00", payee="Honorar Firma")
    rooms = category("Räume und Verpflegung")
    submitted(grant, "10.00", payee="Raum Firma", category=rooms)
    page = _queue(client, call, category=rooms.pk, status="submitted")
    assert _rows(page) == 1
    assert "Raum Firma" in page


def test_queue_with_a_wrong_filter_says_so_at_the_field(client, office, call, aachen):
    submitted(grant_of(call, aachen, 2026), "10.00")
    page = _queue(client, call, municipality="999999", year="abc", status="submitted")
    assert page.count("Bitte eine gültige Auswahl treffen.") >= 2
    assert _rows(page) == 1


def test_queue_shows_an_expense_of_another_cohort_to_nobody(client, office, call):
    other_municipality = factories.MunicipalityFactory(name="Celle")
    other_call = funded_cohort([other_municipality])
    submitted(grant_of(other_call, other_municipality, 2026), "10.00", payee="Celler Firma")
    assert "Celler Firma" not in _queue(client, call, status="")


def _queue_url(count) -> str:
    municipalities = [factories.MunicipalityFactory() for _ in range(2)]
    call = funded_cohort(municipalities)
    for index in range(count):
        submitted(grant_of(call, municipalities[index % 2], 2026), "10.00", payee=f"F{index}")
    return reverse("funding_office:queue", args=[call.pk]) + "?status=submitted&year=2026"


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_filtered_queue_costs_the_same_queries_for_2_and_20_expenses(
    client, office, django_assert_num_queries
):
    small = _queries(client, _queue_url(2))
    large = _queue_url(20)
    with django_assert_num_queries(small):
        client.get(large)


# --- bulk approval --------------------------------------------------------------------


def _approve(client, call, expenses, *, query=""):
    return client.post(
        reverse("funding_office:queue_approve", args=[call.pk]),
        {"ausgabe": [str(e.pk) for e in expenses], "filter": query},
    )


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_bulk_approval_approves_every_ticked_expense(client, office, call, aachen, bonn):
    first = submitted(grant_of(call, aachen, 2026), "10.00")
    second = submitted(grant_of(call, bonn, 2026), "20.00")
    response = _approve(client, call, [first, second], query="status=submitted&year=2026")
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("funding_office:queue", args=[call.pk]) + "?year=2026&status=submitted"
    )
    assert set(Expense.objects.values_list("status", flat=True)) == {ExpenseStatus.APPROVED}
    assert _messages(response) == ["2 Ausgaben sind anerkannt."]
    assert (
        AuditEntry.objects.filter(
            action="funding.expense_approved", actor=office, object_id__in=[first.pk, second.pk]
        ).count()
        == 2
    )


def test_bulk_approval_refuses_the_one_over_the_cap_and_approves_the_others(
    client, office, call, aachen, bonn
):
    grant = grant_of(call, aachen, 2026)
    fits = submitted(grant, "600.00", payee="Passt Firma")
    too_much = submitted(grant, "500.00", payee="Zuviel Firma")
    other = submitted(grant_of(call, bonn, 2026), "20.00")
    # The office lowered the grant after both were submitted.
    Grant.objects.filter(pk=grant.pk).update(amount=Decimal("1000.00"))
    response = _approve(client, call, [fits, too_much, other])
    statuses = dict(Expense.objects.values_list("pk", "status"))
    assert statuses == {
        fits.pk: ExpenseStatus.APPROVED,
        too_much.pk: ExpenseStatus.SUBMITTED,
        other.pk: ExpenseStatus.APPROVED,
    }
    messages = _messages(response)
    assert messages[0] == "2 Ausgaben sind anerkannt."
    assert messages[1].startswith(
        "Nicht anerkannt: Aachen, Zuviel Firma (500,00 €) – Diese Ausgabe (500,00 €) übersteigt"
    )


def test_bulk_service_counts_each_approval_against_the_grant_under_its_lock(call, aachen):
    grant = grant_of(call, aachen, 2026)
    expenses = [submitted(grant, "400.00") for _ in range(3)]
    Grant.objects.filter(pk=grant.pk).update(amount=Decimal("800.00"))
    result = expense_services.expenses_approve_bulk(
        call=call, expense_ids=[e.pk for e in expenses], actor=None
    )
    assert [e.pk for e in result.approved] == [expenses[0].pk, expenses[1].pk]
    assert [e.pk for e, _reason in result.refused] == [expenses[2].pk]


def test_bulk_approval_sent_twice_approves_once_and_refuses_nothing(client, office, call, aachen):
    expense = submitted(grant_of(call, aachen, 2026), "10.00")
    first = _approve(client, call, [expense])
    client.get(first["Location"])  # shows, and so uses up, the first answer's message
    response = _approve(client, call, [expense])
    assert _messages(response) == ["1 Ausgabe ist anerkannt."]
    assert AuditEntry.objects.filter(action="funding.expense_approved").count() == 1


def test_bulk_approval_leaves_out_an_expense_of_another_cohort(client, office, call, aachen):
    other_municipality = factories.MunicipalityFactory(name="Celle")
    other_call = funded_cohort([other_municipality])
    foreign = submitted(grant_of(other_call, other_municipality, 2026), "10.00")
    own = submitted(grant_of(call, aachen, 2026), "10.00")
    _approve(client, call, [foreign, own])
    assert Expense.objects.get(pk=foreign.pk).status == ExpenseStatus.SUBMITTED
    assert Expense.objects.get(pk=own.pk).status == ExpenseStatus.APPROVED


def test_bulk_approval_without_a_ticked_expense_says_so(client, office, call):
    response = _approve(client, call, [])
    assert response.status_code == 302
    assert _messages(response) == ["Bitte wählen Sie mindestens eine Ausgabe aus."]


def test_bulk_approval_mails_each_municipality(
    client, office, call, aachen, bonn, django_capture_on_commit_callbacks
):
    eva = factories.CoordinatorFactory(municipality=aachen)
    ben = factories.CoordinatorFactory(municipality=bonn)
    first = submitted(grant_of(call, aachen, 2026), "10.00")
    second = submitted(grant_of(call, bonn, 2026), "20.00")
    with django_capture_on_commit_callbacks(execute=True):
        _approve(client, call, [first, second])
    assert sorted(m.to[0] for m in mail.outbox) == sorted([eva.email, ben.email])


def test_queue_offers_a_box_only_for_submitted_expenses(client, office, call, aachen):
    grant = grant_of(call, aachen, 2026)
    waiting = submitted(grant, "10.00")
    done = approved(grant, "20.00")
    page = _queue(client, call, status="")
    assert f'id="ausgabe-{waiting.pk}"' in page
    assert f'id="ausgabe-{done.pk}"' not in page


# --- open payment requests ------------------------------------------------------------


def _request(grant, amount, actor=None):
    approved(grant, amount)
    return services.payment_request_create(
        grant=grant, amount=Decimal(amount), note="", actor=actor
    )


def test_open_payment_requests_lists_those_not_paid(client, office, call, aachen, bonn):
    waiting = _request(grant_of(call, aachen, 2026), "100.00")
    paid = _request(grant_of(call, bonn, 2026), "50.00")
    services.payment_mark_paid(payment=paid, paid_on=timezone.localdate(), actor=office)
    page = client.get(reverse("funding_office:payments_open", args=[call.pk])).content.decode()
    assert f'data-payment="{waiting.pk}"' in page
    assert f'data-payment="{paid.pk}"' not in page
    assert "1 Mittelabruf ist noch nicht ausgezahlt (100,00 €)." in page
    assert reverse("funding_office:grant", args=[waiting.grant_id]) in page


def test_open_payment_requests_leave_out_another_cohort(client, office, call):
    other_municipality = factories.MunicipalityFactory(name="Celle")
    other_call = funded_cohort([other_municipality])
    foreign = _request(grant_of(other_call, other_municipality, 2026), "10.00")
    page = client.get(reverse("funding_office:payments_open", args=[call.pk])).content.decode()
    assert f'data-payment="{foreign.pk}"' not in page
    assert "Alle Mittelabrufe sind ausgezahlt." in page


def _payments_url(count) -> str:
    municipalities = [factories.MunicipalityFactory() for _ in range(2)]
    call = funded_cohort(municipalities)
    requester = factories.UserFactory(role=Role.COORDINATOR)
    for index in range(count):
        _request(grant_of(call, municipalities[index % 2], 2026), "10.00", actor=requester)
    return reverse("funding_office:payments_open", args=[call.pk])


def test_open_payment_requests_cost_the_same_queries_for_2_and_20(
    client, office, django_assert_num_queries
):
    small = _queries(client, _payments_url(2))
    large = _payments_url(20)
    with django_assert_num_queries(small):
        client.get(large)


# --- releasing a payment request ------------------------------------------------------


def test_releasing_a_payment_request_records_it_and_keeps_it_open(client, office, call, aachen):
    payment = _request(grant_of(call, aachen, 2026), "100.00")
    response = client.post(reverse("funding_office:payment_approve", args=[payment.pk]))
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == "approved"
    entry = AuditEntry.objects.get(action="funding.payment_approved")
    assert (entry.actor, entry.changes) == (office, {"status": ["requested", "approved"]})
    page = client.get(reverse("funding_office:payments_open", args=[call.pk])).content.decode()
    assert f'data-payment="{payment.pk}"' in page
    assert "zur Auszahlung freigegeben" in page


def test_releasing_twice_records_it_once(client, office, call, aachen):
    payment = _request(grant_of(call, aachen, 2026), "100.00")
    url = reverse("funding_office:payment_approve", args=[payment.pk])
    client.post(url)
    response = client.post(url)
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="funding.payment_approved").count() == 1


def test_a_released_payment_request_can_be_paid(call, aachen, office):
    payment = _request(grant_of(call, aachen, 2026), "100.00")
    services.payment_approve(payment=payment, actor=office)
    services.payment_mark_paid(payment=payment, paid_on=timezone.localdate(), actor=office)
    payment.refresh_from_db()
    assert payment.status == "paid"
    entry = AuditEntry.objects.get(action="funding.payment_paid")
    assert entry.changes == {"status": ["approved", "paid"]}


def test_grant_page_offers_release_only_for_a_requested_payment(client, office, call, aachen):
    payment = _request(grant_of(call, aachen, 2026), "100.00")
    url = reverse("funding_office:grant", args=[payment.grant_id])
    release = reverse("funding_office:payment_approve", args=[payment.pk])
    assert release in client.get(url).content.decode()
    services.payment_approve(payment=payment, actor=office)
    assert release not in client.get(url).content.decode()


def test_bulk_approval_with_a_foreign_or_broken_id_says_so(client, office, call):
    response = client.post(
        reverse("funding_office:queue_approve", args=[call.pk]),
        {"ausgabe": ["99999999999999999999", "abc", "999999"]},
    )
    assert response.status_code == 302
    assert _messages(response) == ["Keine der gewählten Ausgaben gehört zu dieser Kohorte."]


def test_queue_municipality_filter_lists_the_cohort_by_name_with_land(client, office, call):
    body = client.get(reverse("funding_office:queue", args=[call.pk])).content.decode()
    select = body[
        body.index('name="municipality"') : body.index(
            "</select>", body.index('name="municipality"')
        )
    ]
    assert [label for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)] == [
        "Alle Kommunen",
        "Aachen (Stadt, Nordrhein-Westfalen)",
        "Bonn (Stadt, Nordrhein-Westfalen)",
    ]
