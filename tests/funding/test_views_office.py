"""The office's funding pages: the cohort's money per year, a municipality's year, the
review of submitted expenses, payments, categories and deadline settings."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from core.models import AuditEntry
from funding import expense_services, services
from funding.deadlines import funding_settings
from funding.models import (
    CostCategory,
    Expense,
    ExpenseStatus,
    FundingSettings,
    FundingYear,
    Grant,
    PaymentStatus,
)
from tests import factories
from tests.funding.helpers import (
    approved,
    category,
    draft,
    funded_cohort,
    grant_of,
    submitted,
)
from tests.helpers import finish, login_verified
from tests.programme_helpers import model_cohort

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


@pytest.fixture
def grant(call, aachen):
    return grant_of(call, aachen, 2026)


def _page(response) -> str:
    return response.content.decode()


# --- overview and cohort table ------------------------------------------------------


def test_index_links_each_cohort_to_its_funding_page(client, office, call):
    page = _page(client.get(reverse("funding_office:index")))
    assert reverse("funding_office:cohort", args=[call.pk]) in page


def test_cohort_without_funding_years_offers_to_create_them(client, office, aachen):
    call = model_cohort([aachen])
    page = _page(client.get(reverse("funding_office:cohort", args=[call.pk])))
    assert "Förderjahre und Zuwendungen anlegen" in page


def test_creating_funding_years_makes_a_grant_per_municipality_and_year(client, office, aachen):
    call = model_cohort([aachen])
    response = client.post(reverse("funding_office:cohort", args=[call.pk]))
    assert response.status_code == 302
    assert Grant.objects.filter(funding_year__call=call).count() == 4  # 2025 to 2028


def test_creating_funding_years_twice_creates_nothing_more(client, office, aachen):
    call = model_cohort([aachen])
    client.post(reverse("funding_office:cohort", args=[call.pk]))
    client.post(reverse("funding_office:cohort", args=[call.pk]))
    assert Grant.objects.filter(funding_year__call=call).count() == 4


def test_cohort_with_every_grant_offers_no_set_up(client, office, call):
    page = _page(client.get(reverse("funding_office:cohort", args=[call.pk]) + "?jahr=2026"))
    assert "Förderjahre und Zuwendungen anlegen" not in page


def test_cohort_with_a_grant_missing_offers_the_set_up(client, office, call, grant):
    grant.delete()
    page = _page(client.get(reverse("funding_office:cohort", args=[call.pk]) + "?jahr=2027"))
    assert "Förderjahre und Zuwendungen anlegen" in page


def test_cohort_table_footer_sums_every_column_to_the_cent(client, office, call, aachen, bonn):
    approved(grant_of(call, aachen, 2026), "100.10")
    approved(grant_of(call, bonn, 2026), "200.25")
    submitted(grant_of(call, bonn, 2026), "0.05")
    page = _page(client.get(reverse("funding_office:cohort", args=[call.pk]) + "?jahr=2026"))
    assert 'data-total="amount">20.000,00 €' in page
    assert 'data-total="approved">300,35 €' in page
    assert 'data-total="submitted">0,05 €' in page
    assert 'data-total="available">19.699,60 €' in page


def test_cohort_table_shows_the_chosen_year(client, office, call):
    page = _page(client.get(reverse("funding_office:cohort", args=[call.pk]) + "?jahr=2027"))
    assert "Mittel der Modellkommunen im Jahr 2027" in page


def test_cohort_table_for_a_year_without_funding_is_not_found(client, office, call):
    response = client.get(reverse("funding_office:cohort", args=[call.pk]) + "?jahr=2031")
    assert response.status_code == 404


def _queries(client, url) -> int:
    client.get(url)  # the first request of a session does some set-up of its own
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def _cohort_url(count) -> str:
    municipalities = [factories.MunicipalityFactory() for _ in range(count)]
    call = funded_cohort(municipalities)
    for municipality in municipalities:
        grant = grant_of(call, municipality, 2026)
        approved(grant, "10.00")
        submitted(grant, "5.00")
    return reverse("funding_office:cohort", args=[call.pk]) + "?jahr=2026"


def test_cohort_table_costs_the_same_queries_for_2_and_30_municipalities(
    client, office, django_assert_num_queries
):
    small = _queries(client, _cohort_url(2))
    large = _cohort_url(30)
    with django_assert_num_queries(small):
        client.get(large)


# --- year cap and grant amount ------------------------------------------------------


def test_year_cap_is_changed_for_the_year_and_its_full_grants(client, office, call, grant):
    response = client.post(
        reverse("funding_office:year_cap", args=[grant.funding_year_id]), {"cap": "8.000,00"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("?jahr=2026")
    grant.refresh_from_db()
    assert (grant.funding_year.cap, grant.amount) == (Decimal("8000.00"), Decimal("8000.00"))


def test_year_cap_below_what_is_committed_is_refused_at_the_field(client, office, call, grant):
    submitted(grant, "5000.00")
    response = client.post(
        reverse("funding_office:year_cap", args=[grant.funding_year_id]), {"cap": "4000"}
    )
    assert response.status_code == 200
    page = _page(response)
    assert '<p class="kern-error" id="id_cap_error" role="alert">' in page
    assert "Der Höchstbetrag ist kleiner als das, was bereits geplant oder eingereicht" in page
    assert FundingYear.objects.get(pk=grant.funding_year_id).cap == Decimal("10000.00")


def test_year_cap_that_is_no_amount_gets_a_german_error(client, office, grant):
    response = client.post(
        reverse("funding_office:year_cap", args=[grant.funding_year_id]), {"cap": "zehn"}
    )
    assert "Bitte geben Sie einen Betrag in Euro ein, z. B. 1.234,56." in _page(response)


def test_grant_amount_is_changed(client, office, grant):
    response = client.post(
        reverse("funding_office:grant_amount", args=[grant.pk]), {"amount": "7.500,50"}
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.amount == Decimal("7500.50")


def test_grant_amount_above_the_cap_is_refused_at_the_field(client, office, grant):
    response = client.post(
        reverse("funding_office:grant_amount", args=[grant.pk]), {"amount": "10.000,01"}
    )
    page = _page(response)
    assert '<p class="kern-error" id="id_amount_error" role="alert">' in page
    assert "Der Betrag übersteigt den Höchstbetrag des Jahres (10.000,00 €)." in page


# --- a municipality's year ----------------------------------------------------------


def test_grant_page_shows_plan_expenses_with_status_and_payments(client, office, grant):
    services.plan_line_save(
        grant=grant,
        category=category(),
        measure="Grundlagenschulungen",
        amount=Decimal("3000.00"),
        actor=office,
    )
    approved(grant, "800.00", payee="Trainerin Approved")
    draft(grant, "50.00", payee="Entwurf GmbH")
    services.payment_request_create(
        grant=grant, amount=Decimal("800.00"), note="Konto 1", actor=None
    )
    page = _page(client.get(reverse("funding_office:grant", args=[grant.pk])))
    assert "Grundlagenschulungen" in page
    assert "Trainerin Approved" in page and "anerkannt" in page
    assert "Entwurf GmbH" not in page
    assert "als ausgezahlt markieren" in page


def test_grant_page_lists_the_audit_trail_of_its_expenses(client, office, grant):
    expense = approved(grant, "800.00")
    page = _page(client.get(reverse("funding_office:grant", args=[grant.pk])))
    assert "Ausgabe anerkannt" in page
    assert f"Ausgabe #{expense.pk}" in page


def test_grant_page_of_an_unknown_grant_is_not_found(client, office, db):
    assert client.get(reverse("funding_office:grant", args=[999999])).status_code == 404


# --- review -------------------------------------------------------------------------


def test_queue_lists_submitted_expenses_oldest_first(client, office, call, grant):
    first = submitted(grant, "10.00", payee="Erste Firma")
    second = submitted(grant, "20.00", payee="Zweite Firma")
    Expense.objects.filter(pk=first.pk).update(submitted_at=timezone.now() - dt.timedelta(days=2))
    Expense.objects.filter(pk=second.pk).update(submitted_at=timezone.now() - dt.timedelta(days=1))
    draft(grant, "30.00", payee="Entwurf Firma")
    page = _page(client.get(reverse("funding_office:queue", args=[call.pk])))
    assert page.index("Erste Firma") < page.index("Zweite Firma")
    assert "Entwurf Firma" not in page


def _queue_url(count) -> str:
    municipalities = [factories.MunicipalityFactory() for _ in range(count)]
    call = funded_cohort(municipalities)
    for municipality in municipalities:
        submitted(grant_of(call, municipality, 2026), "10.00")
    return reverse("funding_office:queue", args=[call.pk])


def test_queue_costs_the_same_queries_for_2_and_30_expenses(
    client, office, django_assert_num_queries
):
    small = _queries(client, _queue_url(2))
    large = _queue_url(30)
    with django_assert_num_queries(small):
        client.get(large)


def test_expense_page_offers_both_decisions_for_a_submitted_expense(client, office, grant):
    expense = submitted(grant, "120.00")
    page = _page(client.get(reverse("funding_office:expense", args=[expense.pk])))
    assert 'value="anerkennen"' in page and 'value="zurueckgeben"' in page
    assert reverse("funding_office:expense_receipt", args=[expense.pk]) in page


def test_expense_page_offers_no_decision_for_a_draft(client, office, grant):
    expense = draft(grant, "120.00")
    page = _page(client.get(reverse("funding_office:expense", args=[expense.pk])))
    assert 'value="anerkennen"' not in page


def test_approving_an_expense_marks_it_approved_by_the_office(client, office, grant):
    expense = submitted(grant, "120.00")
    url = reverse("funding_office:expense", args=[expense.pk])
    response = client.post(url, {"aktion": "anerkennen"})
    assert response.status_code == 302
    expense.refresh_from_db()
    assert (expense.status, expense.decided_by) == (ExpenseStatus.APPROVED, office)


def test_approving_twice_answers_with_a_message_and_changes_nothing(client, office, grant):
    expense = submitted(grant, "120.00")
    url = reverse("funding_office:expense", args=[expense.pk])
    client.post(url, {"aktion": "anerkennen"})
    response = client.post(url, {"aktion": "anerkennen"}, follow=True)
    assert response.status_code == 200
    assert "Nur eingereichte Ausgaben können anerkannt werden." in _page(response)
    assert AuditEntry.objects.filter(action="funding.expense_approved").count() == 1


def test_returning_without_a_reason_is_refused_at_the_field(client, office, grant):
    expense = submitted(grant, "120.00")
    response = client.post(
        reverse("funding_office:expense", args=[expense.pk]),
        {"aktion": "zurueckgeben", "reason": "  "},
    )
    assert response.status_code == 400
    page = _page(response)
    assert '<p class="kern-error" id="id_reason_error" role="alert">' in page
    assert "Bitte nennen Sie den Grund der Rückgabe." in page
    expense.refresh_from_db()
    assert expense.status == ExpenseStatus.SUBMITTED


def test_returning_with_a_reason_gives_the_expense_back(client, office, grant):
    expense = submitted(grant, "120.00")
    client.post(
        reverse("funding_office:expense", args=[expense.pk]),
        {"aktion": "zurueckgeben", "reason": "Der Beleg ist unleserlich."},
    )
    expense.refresh_from_db()
    assert (expense.status, expense.return_reason) == (
        ExpenseStatus.RETURNED,
        "Der Beleg ist unleserlich.",
    )


def test_receipt_downloads_as_pdf(client, office, grant):
    expense = submitted(grant, "120.00")
    response = client.get(reverse("funding_office:expense_receipt", args=[expense.pk]))
    assert finish(response).startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"


def test_receipt_of_a_correction_without_one_is_not_found(client, office, grant):
    original = approved(grant, "120.00")
    correction = expense_services.expense_correct(
        original=original,
        amount=Decimal("-20.00"),
        spent_on=dt.date(2026, 4, 1),
        purpose="Erstattung",
        actor=None,
    )
    response = client.get(reverse("funding_office:expense_receipt", args=[correction.pk]))
    assert response.status_code == 404


# --- payments -----------------------------------------------------------------------


@pytest.fixture
def payment(grant):
    approved(grant, "800.00")
    return services.payment_request_create(
        grant=grant, amount=Decimal("800.00"), note="", actor=None
    )


def test_payment_is_marked_paid_on_the_given_day(client, office, payment):
    today = timezone.localdate()
    response = client.post(
        reverse("funding_office:payment_paid", args=[payment.pk]),
        {f"zahlung-{payment.pk}-paid_on": today.isoformat()},
    )
    assert response.status_code == 302
    payment.refresh_from_db()
    assert (payment.status, payment.paid_on) == (PaymentStatus.PAID, today)


def test_payment_paid_before_it_was_requested_is_refused_at_the_field(client, office, payment):
    response = client.post(
        reverse("funding_office:payment_paid", args=[payment.pk]),
        {f"zahlung-{payment.pk}-paid_on": "2020-01-01"},
    )
    assert response.status_code == 400
    page = _page(response)
    assert f'<p class="kern-error" id="id_zahlung-{payment.pk}-paid_on_error"' in page
    assert "Die Auszahlung kann nicht vor dem Abruf liegen." in page


def test_payment_marked_twice_answers_with_a_message(client, office, payment):
    url = reverse("funding_office:payment_paid", args=[payment.pk])
    data = {f"zahlung-{payment.pk}-paid_on": timezone.localdate().isoformat()}
    client.post(url, data)
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    assert "Dieser Mittelabruf ist bereits ausgezahlt." in _page(response)


def test_payment_cannot_be_marked_paid_by_get(client, office, payment):
    assert client.get(reverse("funding_office:payment_paid", args=[payment.pk])).status_code == 405


# --- categories and settings --------------------------------------------------------


def test_category_is_added_and_audited(client, office, call):
    response = client.post(
        reverse("funding_office:categories"), {"name": "Dolmetschen", "position": "7"}
    )
    assert response.status_code == 302
    created = CostCategory.objects.get(name="Dolmetschen")
    assert (created.position, created.active) == (7, True)
    assert AuditEntry.objects.filter(
        action="funding.category_created", object_id=str(created.pk)
    ).exists()


def test_category_with_a_taken_name_is_refused_at_the_field(client, office, call):
    response = client.post(
        reverse("funding_office:categories"), {"name": "reisekosten", "position": "1"}
    )
    page = _page(response)
    assert '<p class="kern-error" id="id_name_error" role="alert">' in page
    assert "Eine Kategorie mit dieser Bezeichnung gibt es bereits." in page


def test_category_in_use_is_deactivated_and_keeps_its_expenses(client, office, grant):
    expense = approved(grant, "50.00")
    used = expense.category
    response = client.post(
        reverse("funding_office:category", args=[used.pk]),
        {"name": "Honorare", "position": "3"},
    )
    assert response.status_code == 302
    used.refresh_from_db()
    assert (used.name, used.position, used.active) == ("Honorare", 3, False)
    assert Expense.objects.get(pk=expense.pk).category_id == used.pk


def test_settings_are_saved_and_audited(client, office):
    response = client.post(
        reverse("funding_office:settings"),
        {
            "interim_due_month": "5",
            "interim_due_day": "31",
            "final_due_months": "4",
            "reminder_days": "21",
        },
    )
    assert response.status_code == 302
    config = FundingSettings.objects.get(pk=1)
    assert (
        config.interim_due_month,
        config.interim_due_day,
        config.final_due_months,
        config.reminder_days,
    ) == (5, 31, 4, 21)
    assert AuditEntry.objects.get(action="funding.settings_changed").changes["reminder_days"] == [
        14,
        21,
    ]


@pytest.mark.parametrize("month,day", [("2", "29"), ("4", "31")])
def test_settings_refuse_a_day_the_month_does_not_always_have(client, office, month, day):
    response = client.post(
        reverse("funding_office:settings"),
        {
            "interim_due_month": month,
            "interim_due_day": day,
            "final_due_months": "6",
            "reminder_days": "14",
        },
    )
    page = _page(response)
    assert '<p class="kern-error" id="id_interim_due_day_error" role="alert">' in page
    assert "Diesen Tag gibt es nicht in jedem Jahr in diesem Monat" in page
    assert funding_settings().interim_due_day == 30


def test_settings_refuse_reminders_beyond_90_days(client, office):
    response = client.post(
        reverse("funding_office:settings"),
        {
            "interim_due_month": "4",
            "interim_due_day": "30",
            "final_due_months": "6",
            "reminder_days": "91",
        },
    )
    assert "Bitte geben Sie eine ganze Zahl von 1 bis 90 an." in _page(response)


def test_coordinator_may_not_open_the_office_funding_pages(client, call, aachen):
    login_verified(client, factories.CoordinatorFactory(municipality=aachen))
    assert client.get(reverse("funding_office:index")).status_code == 403


def test_settings_page_writes_nothing_when_looked_at(client, office):
    response = client.get(reverse("funding_office:settings"))
    assert response.status_code == 200
    assert response.context["form"].initial["interim_due_month"] == 4
    assert FundingSettings.objects.count() == 0


def test_a_draft_stays_with_the_municipality(client, office):
    from funding.models import Expense
    from tests import factories
    from tests.funding.helpers import draft, funded_cohort, grant_of

    municipality = factories.MunicipalityFactory()
    call = funded_cohort([municipality])
    grant = grant_of(call, municipality, 2026)
    expense = draft(grant, "75.00", payee="Noch nicht eingereicht")
    detail = client.get(reverse("funding_office:expense", args=[expense.pk]))
    page = client.get(reverse("funding_office:grant", args=[grant.pk]))
    assert detail.status_code == 404
    assert "Noch nicht eingereicht" not in page.content.decode()
    assert Expense.objects.filter(pk=expense.pk).exists()


def test_a_draft_correction_stays_with_the_municipality(client, office):
    from funding import expense_services
    from tests import factories
    from tests.funding.helpers import approved, funded_cohort, grant_of

    municipality = factories.MunicipalityFactory()
    call = funded_cohort([municipality])
    original = approved(grant_of(call, municipality, 2026), "300.00")
    expense_services.expense_correct(
        original=original,
        amount=Decimal("-12.34"),
        spent_on=original.spent_on,
        purpose="Gutschrift noch in Arbeit",
        actor=None,
    )
    page = _page(client.get(reverse("funding_office:expense", args=[original.pk])))
    assert "Gutschrift noch in Arbeit" not in page
    assert "12,34" not in page


def test_a_draft_narrative_report_stays_with_the_municipality(client, office):
    from funding.models import NarrativeReport, ReportKind
    from tests import factories
    from tests.funding.helpers import funded_cohort

    municipality = factories.MunicipalityFactory()
    call = funded_cohort([municipality])
    report = NarrativeReport.objects.create(
        call=call, municipality=municipality, kind=ReportKind.INTERIM, year=2026
    )
    response = client.get(reverse("funding_office_reports:report", args=[report.pk]))
    assert response.status_code == 404


def test_grant_page_names_the_category_and_writes_amounts_in_german_in_its_trail(
    client, office, grant
):
    line = services.plan_line_save(
        grant=grant,
        category=category(),
        measure="Grundlagenschulungen",
        amount=Decimal("3000.00"),
        actor=office,
    )
    AuditEntry.objects.create(
        actor=office,
        action="funding.plan_line_changed",
        object_type="funding.planline",
        object_id=str(line.pk),
        changes={"category": [None, line.category_id], "amount": ["3000.00", "3500.00"]},
    )

    page = _page(client.get(reverse("funding_office:grant", args=[grant.pk])))

    assert f"Kategorie: {line.category.name}" in page
    assert "3.000,00 → 3.500,00" in page


def test_grant_page_names_categories_in_its_trail_with_constant_queries(client, office, grant):
    line = services.plan_line_save(
        grant=grant, category=category(), measure="Schulung", amount=Decimal("10.00"), actor=office
    )

    def queries_with(count: int) -> int:
        AuditEntry.objects.filter(object_type="funding.planline").delete()
        for _ in range(count):
            AuditEntry.objects.create(
                action="funding.plan_line_changed",
                object_type="funding.planline",
                object_id=str(line.pk),
                changes={"category": [None, line.category_id]},
            )
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("funding_office:grant", args=[grant.pk]))
        return len(queries)

    assert queries_with(2) == queries_with(20)
