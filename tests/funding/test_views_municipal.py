"""The municipal funding pages: the coordinator plans, records, submits, corrects and
requests money; team members read; another municipality's money is never found."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from funding import expense_services, services
from funding.deadlines import funding_settings
from funding.models import Expense, ExpenseStatus, PaymentRequest, PlanLine
from funding.views import municipal as municipal_views
from tests import factories
from tests.funding.helpers import (
    approved,
    category,
    draft,
    funded_cohort,
    grant_of,
    receipt,
    submitted,
)
from tests.helpers import finish, login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def money():
    coordinator = factories.CoordinatorFactory()
    municipality = coordinator.municipality
    other = factories.MunicipalityFactory()
    call = funded_cohort([municipality, other])
    return SimpleNamespace(
        call=call,
        coordinator=coordinator,
        municipality=municipality,
        grant=grant_of(call, municipality, 2026),
        other_grant=grant_of(call, other, 2026),
    )


@pytest.fixture
def coordinator_client(client, money):
    login_verified(client, money.coordinator)
    return client


@pytest.fixture
def team_client(client, money):
    member = factories.UserFactory(
        role=Role.TEAM_MEMBER,
        municipality=money.municipality,
        municipality_approved_at=timezone.now(),
    )
    login_verified(client, member)
    return client


def expense_data(**overrides):
    data = {
        "spent_on": "2026-03-15",
        "payee": "Trainerin Beispiel",
        "purpose": "Honorar Grundlagenschulung",
        "category": category().pk,
        "measure": "other",
        "measure_note": "Auftaktveranstaltung",
        "amount": "1.200,50",
        "receipt": receipt(),
        "action": "draft",
    }
    data.update(overrides)
    return data


CREATE = reverse("funding:expense_create", kwargs={"funding_year": 2026})


# --- overview ---------------------------------------------------------------------


def test_overview_shows_each_year_with_its_sums(coordinator_client, money):
    approved(money.grant, "800.00")
    submitted(money.grant, "200.00")
    response = coordinator_client.get(reverse("funding:overview"))
    grants = {g.funding_year.year: g for g in response.context["grants"]}
    row = grants[2026]
    assert (row.amount, row.submitted, row.approved, row.available) == (
        Decimal("10000.00"),
        Decimal("200.00"),
        Decimal("800.00"),
        Decimal("9000.00"),
    )
    assert sorted(grants) == [2025, 2026, 2027, 2028]


def test_overview_shows_the_interim_and_final_deadlines(coordinator_client, money):
    response = coordinator_client.get(reverse("funding:overview"))
    content = response.content.decode()
    assert "30.04.2027" in content  # interim proof for 2026
    assert "Verwendungsnachweis für das ganze Programm ist bis zum 30.06.2029 fällig" in content


def test_overview_outside_any_programme_says_so(client):
    coordinator = factories.CoordinatorFactory()
    login_verified(client, coordinator)
    response = client.get(reverse("funding:overview"))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "programme/not_in_programme.html"


def test_year_page_outside_any_programme_is_not_found(client):
    login_verified(client, factories.CoordinatorFactory())
    response = client.get(reverse("funding:year", kwargs={"funding_year": 2026}))
    assert response.status_code == 404


def test_overview_is_refused_to_other_roles(client, money):
    login_verified(client, factories.UserFactory(role=Role.TRAINER))
    assert client.get(reverse("funding:overview")).status_code == 403


# --- year page --------------------------------------------------------------------


def test_year_page_groups_the_plan_by_category_with_sums(coordinator_client, money):
    for measure, amount in (("Schulung A", "1000.00"), ("Schulung B", "500.00")):
        services.plan_line_save(
            grant=money.grant,
            category=category(),
            measure=measure,
            amount=Decimal(amount),
            actor=None,
        )
    services.plan_line_save(
        grant=money.grant,
        category=category("Reisekosten"),
        measure="Fahrten",
        amount=Decimal("120.00"),
        actor=None,
    )
    response = coordinator_client.get(reverse("funding:year", kwargs={"funding_year": 2026}))
    plan = [(g["category"].name, g["total"]) for g in response.context["plan"]]
    assert plan == [
        ("Honorare für Trainer*innen", Decimal("1500.00")),
        ("Reisekosten", Decimal("120.00")),
    ]


def test_year_page_shows_the_return_reason_and_marks_corrections(coordinator_client, money):
    returned = submitted(money.grant, "90.00", purpose="Druck Flyer")
    expense_services.expense_return(expense=returned, reason="Beleg unleserlich", actor=None)
    original = approved(money.grant, "300.00", purpose="Raummiete")
    expense_services.expense_correct(
        original=original,
        amount=Decimal("-50.00"),
        spent_on=dt.date(2026, 4, 1),
        purpose="Gutschrift Raummiete",
        actor=None,
    )
    response = coordinator_client.get(reverse("funding:year", kwargs={"funding_year": 2026}))
    content = response.content.decode()
    assert "Grund: Beleg unleserlich" in content
    assert "zurückgegeben" in content
    assert "Korrekturbuchung zu" in content
    assert reverse("funding:expense_detail", kwargs={"funding_expense_pk": original.pk}) in content


def test_year_page_summary_box_adds_up(coordinator_client, money):
    approved(money.grant, "800.00")
    submitted(money.grant, "200.00")
    draft(money.grant, "50.00")
    response = coordinator_client.get(reverse("funding:year", kwargs={"funding_year": 2026}))
    grant = response.context["grant"]
    assert (grant.committed, grant.approved, response.context["available"]) == (
        Decimal("1000.00"),
        Decimal("800.00"),
        Decimal("9000.00"),
    )


def test_year_page_of_a_year_without_grant_is_not_found(coordinator_client, money):
    response = coordinator_client.get(reverse("funding:year", kwargs={"funding_year": 2031}))
    assert response.status_code == 404


def _fill_year(grant, count):
    """``count`` plan lines and expenses of every kind (drafts for a training session),
    a correction and one payment request."""
    from tests.programme_helpers import berlin, module_version
    from trainings.models import TrainingSession

    session = TrainingSession.objects.create(
        call=grant.funding_year.call,
        municipality=grant.municipality,
        module_version=module_version(),
        starts_at=berlin(2026, 3, 10, 9, 0),
        location="Rathaus",
    )
    for number in range(count):
        services.plan_line_save(
            grant=grant,
            category=category(),
            measure=f"Maßnahme {number}",
            amount=Decimal("10.00"),
            actor=None,
        )
        if number % 3 == 0:
            draft(grant, "10.00", purpose=f"Ausgabe {number}", training_session=session)
        else:
            (submitted, approved)[number % 3 - 1](grant, "10.00", purpose=f"Ausgabe {number}")
    original = approved(grant, "100.00", purpose="Raummiete")
    expense_services.expense_correct(
        original=original,
        amount=Decimal("-5.00"),
        spent_on=dt.date(2026, 4, 1),
        purpose="Gutschrift",
        actor=None,
    )
    services.payment_request_create(grant=grant, amount=Decimal("50.00"), note="", actor=None)


# Session, user, programme, grant with its sums, years, plan, expenses, payment requests,
# the main menu.
YEAR_PAGE_QUERIES = 9
# Session, user, programme, deadline settings, grants with their sums, municipality name,
# the main menu.
OVERVIEW_QUERIES = 7


@pytest.mark.parametrize("count", [1, 20])
def test_year_page_query_count_does_not_grow_with_entries(
    coordinator_client, money, django_assert_num_queries, count
):
    _fill_year(money.grant, count)
    url = reverse("funding:year", kwargs={"funding_year": 2026})
    with django_assert_num_queries(YEAR_PAGE_QUERIES):
        response = coordinator_client.get(url)
    assert len(response.context["expenses"]) == count + 2


@pytest.mark.parametrize("count", [1, 20])
def test_overview_query_count_does_not_grow_with_entries(
    coordinator_client, money, django_assert_num_queries, count
):
    _fill_year(money.grant, count)
    funding_settings()
    with django_assert_num_queries(OVERVIEW_QUERIES):
        response = coordinator_client.get(reverse("funding:overview"))
    assert len(response.context["grants"]) == 4


# --- plan -------------------------------------------------------------------------

PLAN_NEW = reverse("funding:plan_line_create", kwargs={"funding_year": 2026})


def test_plan_line_is_added(coordinator_client, money):
    response = coordinator_client.post(
        PLAN_NEW,
        {"category": category().pk, "measure": "Grundlagenschulungen", "amount": "4.000,00"},
    )
    assert response.status_code == 302
    line = PlanLine.objects.get()
    assert (line.grant, line.measure, line.amount) == (
        money.grant,
        "Grundlagenschulungen",
        Decimal("4000.00"),
    )


def test_plan_beyond_the_grant_is_refused_at_the_amount(coordinator_client, money):
    response = coordinator_client.post(
        PLAN_NEW, {"category": category().pk, "measure": "Alles", "amount": "10.000,01"}
    )
    assert response.context["form"].errors["amount"] == [
        "Der Plan übersteigt damit die Zuwendung für 2026: bewilligt 10.000,00 €, schon "
        "geplant 0,00 €, noch frei 10.000,00 €."
    ]
    assert not PlanLine.objects.exists()


def test_plan_line_is_changed(coordinator_client, money):
    line = services.plan_line_save(
        grant=money.grant, category=category(), measure="Alt", amount=Decimal("10"), actor=None
    )
    coordinator_client.post(
        reverse("funding:plan_line_edit", kwargs={"funding_line_pk": line.pk}),
        {"category": category("Reisekosten").pk, "measure": "Neu", "amount": "250"},
    )
    line.refresh_from_db()
    assert (line.category.name, line.measure, line.amount) == (
        "Reisekosten",
        "Neu",
        Decimal("250.00"),
    )


def test_plan_line_is_deleted_after_confirmation(coordinator_client, money):
    line = services.plan_line_save(
        grant=money.grant, category=category(), measure="Weg", amount=Decimal("10"), actor=None
    )
    url = reverse("funding:plan_line_delete", kwargs={"funding_line_pk": line.pk})
    assert coordinator_client.get(url).status_code == 200
    assert PlanLine.objects.exists()
    coordinator_client.post(url)
    assert not PlanLine.objects.exists()


def test_plan_line_of_another_municipality_is_not_found(coordinator_client, money):
    line = services.plan_line_save(
        grant=money.other_grant, category=category(), measure="B", amount=Decimal("1"), actor=None
    )
    for name in ("funding:plan_line_edit", "funding:plan_line_delete"):
        url = reverse(name, kwargs={"funding_line_pk": line.pk})
        assert coordinator_client.post(url, {"measure": "X"}).status_code == 404
    assert PlanLine.objects.get().measure == "B"


# --- expenses: entering and submitting --------------------------------------------


def test_expense_is_saved_as_draft_with_its_receipt(coordinator_client, money):
    response = coordinator_client.post(CREATE, expense_data())
    expense = Expense.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "funding:expense_detail", kwargs={"funding_expense_pk": expense.pk}
    )
    assert (expense.status, expense.amount, expense.measure_note, expense.receipt_name) == (
        ExpenseStatus.DRAFT,
        Decimal("1200.50"),
        "Auftaktveranstaltung",
        "beleg.pdf",
    )


def test_expense_is_saved_and_submitted_in_one_step(coordinator_client, money):
    coordinator_client.post(CREATE, expense_data(action="submit"))
    assert Expense.objects.get().status == ExpenseStatus.SUBMITTED


def test_expense_is_linked_to_a_training_session_of_the_year(coordinator_client, money):
    from tests.programme_helpers import berlin, module_version
    from trainings.models import TrainingSession

    session = TrainingSession.objects.create(
        call=money.call,
        municipality=money.municipality,
        module_version=module_version(),
        starts_at=berlin(2026, 3, 10, 9, 0),
        location="Rathaus",
    )
    coordinator_client.post(CREATE, expense_data(measure=f"s{session.pk}", measure_note=""))
    assert Expense.objects.get().training_session == session


def test_training_session_of_another_municipality_is_not_offered(coordinator_client, money):
    from tests.programme_helpers import berlin, module_version
    from trainings.models import TrainingSession

    session = TrainingSession.objects.create(
        call=money.call,
        municipality=money.other_grant.municipality,
        module_version=module_version(),
        starts_at=berlin(2026, 3, 10, 9, 0),
        location="Rathaus",
    )
    response = coordinator_client.post(CREATE, expense_data(measure=f"s{session.pk}"))
    assert response.context["form"].errors["measure"] == [
        f"Bitte eine gültige Auswahl treffen. s{session.pk} ist keine gültige Auswahl."
    ]


def test_other_measure_needs_a_name(coordinator_client, money):
    response = coordinator_client.post(CREATE, expense_data(measure_note=""))
    assert response.context["form"].errors["measure_note"] == ["Bitte benennen Sie die Maßnahme."]


def test_amount_with_three_decimals_is_refused_in_german(coordinator_client, money):
    response = coordinator_client.post(CREATE, expense_data(amount="12,345"))
    assert response.context["form"].errors["amount"] == [
        "Bitte geben Sie einen Betrag in Euro ein, z. B. 1.234,56."
    ]
    assert not Expense.objects.exists()


def test_future_date_is_refused(coordinator_client, money):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = coordinator_client.post(CREATE, expense_data(spent_on=tomorrow.isoformat()))
    assert response.context["form"].errors["spent_on"] == ["Das Datum liegt in der Zukunft."]


def test_date_in_another_year_is_refused(coordinator_client, money):
    response = coordinator_client.post(CREATE, expense_data(spent_on="2025-12-31"))
    assert response.context["form"].errors["spent_on"] == [
        "Das Datum muss im Förderjahr 2026 liegen; Mittel werden nicht ins nächste Jahr übertragen."
    ]
    assert not Expense.objects.exists()


def test_receipt_that_is_no_pdf_is_refused(coordinator_client, money):
    fake = SimpleUploadedFile("beleg.pdf", b"GIF89a not a pdf", content_type="application/pdf")
    response = coordinator_client.post(CREATE, expense_data(receipt=fake))
    assert response.context["form"].errors["receipt"] == [
        "Bitte laden Sie eine PDF-Datei hoch. Diese Datei ist kein PDF."
    ]


def test_form_with_errors_keeps_what_was_typed(coordinator_client, money):
    response = coordinator_client.post(
        CREATE, expense_data(amount="zwölf", payee="Tagungshaus Am See")
    )
    assert 'value="Tagungshaus Am See"' in response.content.decode()
    assert 'value="zwölf"' in response.content.decode()


def test_expense_beyond_the_grant_is_refused_at_the_amount_and_kept_as_draft(
    coordinator_client, money
):
    approved(money.grant, "9900.00")
    response = coordinator_client.post(CREATE, expense_data(amount="200,00", action="submit"))
    cap = (
        "Diese Ausgabe (200,00 €) übersteigt die Zuwendung für 2026: bewilligt 10.000,00 €, "
        "bereits eingereicht oder anerkannt 9.900,00 €, noch verfügbar 100,00 €."
    )
    form = response.context["form"]
    assert form.errors["amount"] == [cap]
    assert form.non_field_errors() == [f"Entwurf gespeichert, aber nicht eingereicht: {cap}"]
    kept = Expense.objects.get(amount=Decimal("200.00"))
    assert kept.status == ExpenseStatus.DRAFT
    # The form now changes the kept draft instead of adding a second one.
    edit = reverse("funding:expense_edit", kwargs={"funding_expense_pk": kept.pk})
    assert f'action="{edit}"' in response.content.decode()


def test_submit_without_receipt_keeps_the_draft_and_asks_for_it(coordinator_client, money):
    data = expense_data(action="submit")
    del data["receipt"]
    response = coordinator_client.post(CREATE, data)
    assert response.context["form"].errors["receipt"] == ["Bitte laden Sie den Beleg als PDF hoch."]
    assert Expense.objects.get().status == ExpenseStatus.DRAFT


def test_draft_is_submitted_from_its_page(coordinator_client, money):
    expense = draft(money.grant, "100.00")
    coordinator_client.post(
        reverse("funding:expense_submit", kwargs={"funding_expense_pk": expense.pk})
    )
    expense.refresh_from_db()
    assert expense.status == ExpenseStatus.SUBMITTED


def test_double_submit_is_harmless(coordinator_client, money):
    expense = draft(money.grant, "100.00")
    url = reverse("funding:expense_submit", kwargs={"funding_expense_pk": expense.pk})
    coordinator_client.post(url)
    expense.refresh_from_db()
    first = expense.submitted_at
    response = coordinator_client.post(url)
    expense.refresh_from_db()
    assert response.status_code == 302
    assert (expense.status, expense.submitted_at) == (ExpenseStatus.SUBMITTED, first)


def test_double_click_on_save_and_submit_stores_one_expense(coordinator_client, money):
    first = coordinator_client.post(CREATE, expense_data(action="submit"))
    second = coordinator_client.post(CREATE, expense_data(action="submit"))
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"]
    assert list(Expense.objects.values_list("status", flat=True)) == [ExpenseStatus.SUBMITTED]


def test_same_sum_on_the_same_day_with_another_receipt_is_a_second_expense(
    coordinator_client, money
):
    from tests.helpers import minimal_pdf

    coordinator_client.post(CREATE, expense_data())
    other = SimpleUploadedFile(
        "zweiter.pdf", minimal_pdf() + b"\n% zweiter Beleg\n", content_type="application/pdf"
    )
    coordinator_client.post(CREATE, expense_data(receipt=other))
    assert Expense.objects.count() == 2


def test_returned_expense_can_be_changed(coordinator_client, money):
    expense = submitted(money.grant, "100.00")
    expense_services.expense_return(expense=expense, reason="Falscher Betrag", actor=None)
    url = reverse("funding:expense_edit", kwargs={"funding_expense_pk": expense.pk})
    data = expense_data(amount="90,00")
    del data["receipt"]
    coordinator_client.post(url, data)
    expense.refresh_from_db()
    assert (expense.amount, expense.status, expense.receipt_name) == (
        Decimal("90.00"),
        ExpenseStatus.RETURNED,
        "beleg.pdf",
    )


def test_submitted_expense_cannot_be_changed(coordinator_client, money):
    expense = submitted(money.grant, "100.00")
    url = reverse("funding:expense_edit", kwargs={"funding_expense_pk": expense.pk})
    response = coordinator_client.post(url, expense_data(amount="1,00"))
    expense.refresh_from_db()
    assert response.status_code == 302
    assert expense.amount == Decimal("100.00")


def test_draft_is_deleted_after_confirmation(coordinator_client, money):
    expense = draft(money.grant, "100.00")
    url = reverse("funding:expense_delete", kwargs={"funding_expense_pk": expense.pk})
    assert coordinator_client.get(url).status_code == 200
    coordinator_client.post(url)
    assert not Expense.objects.exists()


def test_submitted_expense_is_not_deleted(coordinator_client, money):
    expense = submitted(money.grant, "100.00")
    coordinator_client.post(
        reverse("funding:expense_delete", kwargs={"funding_expense_pk": expense.pk})
    )
    assert Expense.objects.get() == expense


def test_receipt_is_downloaded_as_pdf(coordinator_client, money):
    expense = draft(money.grant, "100.00")
    response = coordinator_client.get(
        reverse("funding:expense_receipt", kwargs={"funding_expense_pk": expense.pk})
    )
    assert finish(response).startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="beleg.pdf"'


# --- corrections ------------------------------------------------------------------


def test_correction_of_an_approved_expense_is_a_new_draft(coordinator_client, money):
    original = approved(money.grant, "300.00")
    response = coordinator_client.post(
        reverse("funding:expense_correct", kwargs={"funding_approved_pk": original.pk}),
        {"amount": "-50,00", "spent_on": "2026-04-01", "purpose": "Gutschrift"},
    )
    correction = Expense.objects.get(corrects=original)
    assert response.status_code == 302
    assert (correction.amount, correction.status, correction.purpose) == (
        Decimal("-50.00"),
        ExpenseStatus.DRAFT,
        "Gutschrift",
    )


def test_correction_taking_back_more_than_approved_is_refused(coordinator_client, money):
    original = approved(money.grant, "300.00")
    response = coordinator_client.post(
        reverse("funding:expense_correct", kwargs={"funding_approved_pk": original.pk}),
        {"amount": "-300,01", "spent_on": "2026-04-01", "purpose": "Zu viel"},
    )
    assert response.context["form"].errors["amount"] == [
        "Die Korrektur nimmt mehr zurück, als anerkannt ist (300,00 €)."
    ]
    assert not Expense.objects.filter(corrects=original).exists()


def test_correction_is_submitted_like_any_expense(coordinator_client, money):
    original = approved(money.grant, "300.00")
    correction = expense_services.expense_correct(
        original=original,
        amount=Decimal("-50.00"),
        spent_on=dt.date(2026, 4, 1),
        purpose="Gutschrift",
        actor=None,
    )
    coordinator_client.post(
        reverse("funding:expense_submit", kwargs={"funding_expense_pk": correction.pk})
    )
    correction.refresh_from_db()
    assert correction.status == ExpenseStatus.SUBMITTED


def test_draft_cannot_be_corrected(coordinator_client, money):
    expense = draft(money.grant, "100.00")
    response = coordinator_client.get(
        reverse("funding:expense_correct", kwargs={"funding_approved_pk": expense.pk})
    )
    assert response.status_code == 404


# --- payment requests -------------------------------------------------------------

PAYMENT = reverse("funding:payment_request", kwargs={"funding_year": 2026})


def test_payment_request_shows_what_can_be_requested(coordinator_client, money):
    approved(money.grant, "800.00")
    services.payment_request_create(
        grant=money.grant, amount=Decimal("300.00"), note="", actor=None
    )
    response = coordinator_client.get(PAYMENT)
    assert response.context["requestable"] == Decimal("500.00")
    assert "derzeit 500,00 €" in response.content.decode()


def test_payment_request_is_made(coordinator_client, money):
    approved(money.grant, "800.00")
    coordinator_client.post(PAYMENT, {"amount": "800,00", "note": "Kassenzeichen 42"})
    payment = PaymentRequest.objects.get()
    assert (payment.amount, payment.iban_note, payment.requested_by) == (
        Decimal("800.00"),
        "Kassenzeichen 42",
        money.coordinator,
    )


def test_payment_request_beyond_approved_money_is_refused(coordinator_client, money):
    approved(money.grant, "800.00")
    response = coordinator_client.post(PAYMENT, {"amount": "800,01", "note": ""})
    assert response.context["form"].errors["amount"] == [
        "Abgerufen werden kann nur, was anerkannt und noch nicht abgerufen ist: 800,00 €."
    ]
    assert not PaymentRequest.objects.exists()


# --- who may do what --------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "funding:expense_detail",
        "funding:expense_edit",
        "funding:expense_delete",
        "funding:expense_receipt",
    ],
)
def test_expense_of_another_municipality_is_not_found(coordinator_client, money, name):
    expense = draft(money.other_grant, "100.00")
    response = coordinator_client.get(reverse(name, kwargs={"funding_expense_pk": expense.pk}))
    assert response.status_code == 404


def test_expense_of_another_municipality_cannot_be_submitted(coordinator_client, money):
    expense = draft(money.other_grant, "100.00")
    response = coordinator_client.post(
        reverse("funding:expense_submit", kwargs={"funding_expense_pk": expense.pk})
    )
    expense.refresh_from_db()
    assert (response.status_code, expense.status) == (404, ExpenseStatus.DRAFT)


def test_team_member_reads_the_money_of_the_municipality(team_client, money):
    expense = draft(money.grant, "100.00")
    for url in (
        reverse("funding:overview"),
        reverse("funding:year", kwargs={"funding_year": 2026}),
        reverse("funding:expense_detail", kwargs={"funding_expense_pk": expense.pk}),
    ):
        assert team_client.get(url).status_code == 200, url
    receipt_url = reverse("funding:expense_receipt", kwargs={"funding_expense_pk": expense.pk})
    assert finish(team_client.get(receipt_url)).startswith(b"%PDF-")


def test_team_member_sees_no_write_links(team_client, money):
    response = team_client.get(reverse("funding:year", kwargs={"funding_year": 2026}))
    assert CREATE not in response.content.decode()


def test_team_member_cannot_write(team_client, money):
    expense = draft(money.grant, "100.00")
    refused = [
        (CREATE, expense_data()),
        (PLAN_NEW, {"category": category().pk, "measure": "X", "amount": "1"}),
        (reverse("funding:expense_submit", kwargs={"funding_expense_pk": expense.pk}), {}),
        (reverse("funding:expense_delete", kwargs={"funding_expense_pk": expense.pk}), {}),
        (PAYMENT, {"amount": "1"}),
    ]
    assert [team_client.post(url, data).status_code for url, data in refused] == [403] * 5
    expense.refresh_from_db()
    assert (Expense.objects.count(), expense.status) == (1, ExpenseStatus.DRAFT)


def test_correction_draft_is_changed_through_the_correction_form(coordinator_client, money):
    original = approved(money.grant, "300.00")
    correction = expense_services.expense_correct(
        original=original,
        amount=Decimal("-50.00"),
        spent_on=dt.date(2026, 4, 1),
        purpose="Gutschrift",
        actor=None,
    )
    url = reverse("funding:expense_edit", kwargs={"funding_expense_pk": correction.pk})
    assert coordinator_client.get(url).context["form"].initial["amount"] == Decimal("-50.00")
    coordinator_client.post(
        url, {"amount": "-60,00", "spent_on": "2026-04-02", "purpose": "Gutschrift korrigiert"}
    )
    correction.refresh_from_db()
    assert (correction.amount, correction.spent_on, correction.purpose) == (
        Decimal("-60.00"),
        dt.date(2026, 4, 2),
        "Gutschrift korrigiert",
    )


def test_year_out_of_any_range_is_not_found(coordinator_client, money):
    response = coordinator_client.get("/foerderung/99999999999/")
    assert response.status_code == 404


# --- double posts -----------------------------------------------------------------


def test_double_post_of_a_new_plan_line_stores_one_line(coordinator_client, money):
    data = {"category": category().pk, "measure": "Grundlagenschulung", "amount": "2.000"}
    responses = [coordinator_client.post(PLAN_NEW, data) for _ in range(2)]
    assert [r.status_code for r in responses] == [302, 302]
    assert PlanLine.objects.filter(grant=money.grant).count() == 1


def test_double_post_of_a_correction_stores_one_correction(coordinator_client, money):
    original = approved(money.grant, "300.00")
    url = reverse("funding:expense_correct", kwargs={"funding_approved_pk": original.pk})
    data = {"amount": "-50,00", "spent_on": "2026-04-01", "purpose": "Gutschrift"}
    first, second = coordinator_client.post(url, data), coordinator_client.post(url, data)
    correction = Expense.objects.get(corrects=original)
    assert (first["Location"], second["Location"]) == (
        reverse("funding:expense_detail", kwargs={"funding_expense_pk": correction.pk}),
    ) * 2


def test_double_post_of_a_payment_request_stores_one_request(coordinator_client, money):
    approved(money.grant, "800.00")
    responses = [
        coordinator_client.post(PAYMENT, {"amount": "300,00", "note": "KZ 4711"}) for _ in range(2)
    ]
    assert [r.status_code for r in responses] == [302, 302]
    assert list(PaymentRequest.objects.values_list("amount", flat=True)) == [Decimal("300.00")]


def test_second_delete_of_a_draft_submitted_meanwhile_keeps_it(
    coordinator_client, money, monkeypatch
):
    expense = draft(money.grant, "100.00")
    fetch = municipal_views.selectors.expense_for_municipality

    def fetch_then_submit_elsewhere(**kwargs):
        found = fetch(**kwargs)
        Expense.objects.filter(pk=found.pk).update(status=ExpenseStatus.SUBMITTED)
        return found

    monkeypatch.setattr(
        municipal_views.selectors, "expense_for_municipality", fetch_then_submit_elsewhere
    )
    url = reverse("funding:expense_delete", kwargs={"funding_expense_pk": expense.pk})
    response = coordinator_client.post(url)
    assert (response.status_code, Expense.objects.filter(pk=expense.pk).exists()) == (302, True)


# --- bad input --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount", "100000000,00", "Der Betrag ist zu groß."),
        ("amount", "-5,00", "Der Betrag darf nicht negativ sein."),
        ("amount", "1,2,3", "Bitte geben Sie einen Betrag in Euro ein, z. B. 1.234,56."),
        ("amount", "9" * 21, "Der Betrag ist zu lang."),
        ("spent_on", "2026-02-30", "Bitte ein gültiges Datum eingeben."),
        (
            "spent_on",
            "0001-01-01",
            "Das Datum muss im Förderjahr 2026 liegen; Mittel werden nicht ins nächste Jahr "
            "übertragen.",
        ),
        ("payee", "", "Dieses Feld ist zwingend erforderlich."),
        (
            "payee",
            "x" * 201,
            "Bitte sicherstellen, dass der Wert aus höchstens 200 Zeichen besteht. "
            "(Er besteht aus 201 Zeichen.)",
        ),
        (
            "purpose",
            "x" * 301,
            "Bitte sicherstellen, dass der Wert aus höchstens 300 Zeichen besteht. "
            "(Er besteht aus 301 Zeichen.)",
        ),
    ],
)
def test_bad_expense_input_is_refused_at_the_field(
    coordinator_client, money, field, value, message
):
    response = coordinator_client.post(CREATE, expense_data(**{field: value}))
    assert (response.status_code, response.context["form"].errors[field]) == (200, [message])
    assert not Expense.objects.exists()


def test_overlong_other_measure_has_only_the_length_message(coordinator_client, money):
    response = coordinator_client.post(CREATE, expense_data(measure_note="x" * 201))
    assert response.context["form"].errors["measure_note"] == [
        "Bitte sicherstellen, dass der Wert aus höchstens 200 Zeichen besteht. "
        "(Er besteht aus 201 Zeichen.)"
    ]


def test_overlong_plan_measure_is_refused_at_the_field(coordinator_client, money):
    response = coordinator_client.post(
        PLAN_NEW, {"category": category().pk, "measure": "x" * 201, "amount": "1"}
    )
    assert response.context["form"].errors["measure"] == [
        "Bitte sicherstellen, dass der Wert aus höchstens 200 Zeichen besteht. "
        "(Er besteht aus 201 Zeichen.)"
    ]


def test_receipt_larger_than_ten_megabytes_is_refused(coordinator_client, money):
    big = SimpleUploadedFile("gross.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024 + 1))
    response = coordinator_client.post(CREATE, expense_data(receipt=big))
    assert response.context["form"].errors["receipt"] == [
        "Die Datei ist 10,0 MB groß; erlaubt sind höchstens 10 MB."
    ]


def test_inactive_category_is_refused(coordinator_client, money):
    retired = category()
    retired.active = False
    retired.save()
    response = coordinator_client.post(CREATE, expense_data(category=retired.pk))
    assert response.context["form"].errors["category"] == [
        "Bitte eine gültige Auswahl treffen. Dies ist keine gültige Auswahl."
    ]


def test_workshop_of_another_municipality_is_refused(coordinator_client, money):
    from network.models import Workshop, WorkshopFormat
    from tests.programme_helpers import berlin

    workshop = Workshop.objects.create(
        call=money.call,
        municipality=money.other_grant.municipality,
        title="Empowerment",
        format=WorkshopFormat.choices[0][0],
        starts_at=berlin(2026, 3, 10, 9, 0),
    )
    response = coordinator_client.post(CREATE, expense_data(measure=f"w{workshop.pk}"))
    assert response.context["form"].errors["measure"] == [
        f"Bitte eine gültige Auswahl treffen. w{workshop.pk} ist keine gültige Auswahl."
    ]


def test_correction_of_an_original_corrected_fully_is_refused(coordinator_client, money):
    original = approved(money.grant, "300.00")
    full = expense_services.expense_correct(
        original=original,
        amount=Decimal("-300.00"),
        spent_on=dt.date(2026, 4, 1),
        purpose="Storno",
        actor=None,
    )
    expense_services.expense_approve(
        expense=expense_services.expense_submit(expense=full, actor=None), actor=None
    )
    response = coordinator_client.post(
        reverse("funding:expense_correct", kwargs={"funding_approved_pk": original.pk}),
        {"amount": "-1,00", "spent_on": "2026-04-02", "purpose": "Noch eine"},
    )
    assert response.context["form"].errors["amount"] == [
        "Die Korrektur nimmt mehr zurück, als anerkannt ist (0,00 €)."
    ]
    assert Expense.objects.filter(corrects=original).count() == 1


# --- drafts survive errors --------------------------------------------------------


def test_chosen_receipt_is_asked_for_again_after_an_error(coordinator_client, money):
    response = coordinator_client.post(CREATE, expense_data(amount="zwölf"))
    assert response.context["form"].fields["receipt"].help_text == (
        "Die gewählte Datei beleg.pdf ist noch nicht gespeichert; bitte wählen Sie sie erneut aus."
    )


def test_edit_error_names_the_stored_receipt_and_the_file_not_kept(coordinator_client, money):
    expense = draft(money.grant, "100.00")
    url = reverse("funding:expense_edit", kwargs={"funding_expense_pk": expense.pk})
    response = coordinator_client.post(
        url, expense_data(amount="zwölf", receipt=receipt("neu.pdf"))
    )
    assert (
        '<div class="kern-hint" id="id_receipt_helptext">Die gewählte Datei neu.pdf ist nicht '
        "gespeichert; bitte wählen Sie sie erneut aus, wenn sie den vorhandenen Beleg "
        "beleg.pdf ersetzen soll.</div>"
    ) in response.content.decode()


def test_expense_keeps_its_cancelled_training_session_when_saved_again(coordinator_client, money):
    from core.choices import ActivityStatus
    from tests.programme_helpers import berlin, module_version
    from trainings.models import TrainingSession

    session = TrainingSession.objects.create(
        call=money.call,
        municipality=money.municipality,
        module_version=module_version(),
        starts_at=berlin(2026, 3, 10, 9, 0),
        location="Rathaus",
    )
    expense = draft(money.grant, "100.00", training_session=session)
    TrainingSession.objects.filter(pk=session.pk).update(status=ActivityStatus.CANCELLED)
    url = reverse("funding:expense_edit", kwargs={"funding_expense_pk": expense.pk})
    coordinator_client.post(url, expense_data(measure=f"s{session.pk}", purpose="Storno"))
    expense.refresh_from_db()
    assert (expense.purpose, expense.training_session_id) == ("Storno", session.pk)


# --- who may do what, continued ---------------------------------------------------


def test_team_member_gets_no_write_page(team_client, money):
    expense = draft(money.grant, "100.00")
    original = approved(money.grant, "200.00")
    line = services.plan_line_save(
        grant=money.grant, category=category(), measure="X", amount=Decimal("1"), actor=None
    )
    urls = [
        CREATE,
        PLAN_NEW,
        PAYMENT,
        reverse("funding:plan_line_edit", kwargs={"funding_line_pk": line.pk}),
        reverse("funding:plan_line_delete", kwargs={"funding_line_pk": line.pk}),
        reverse("funding:expense_edit", kwargs={"funding_expense_pk": expense.pk}),
        reverse("funding:expense_delete", kwargs={"funding_expense_pk": expense.pk}),
        reverse("funding:expense_submit", kwargs={"funding_expense_pk": expense.pk}),
        reverse("funding:expense_correct", kwargs={"funding_approved_pk": original.pk}),
    ]
    assert [team_client.get(url).status_code for url in urls] == [403] * len(urls)


def test_approved_expense_of_another_municipality_cannot_be_corrected(coordinator_client, money):
    original = approved(money.other_grant, "300.00")
    response = coordinator_client.post(
        reverse("funding:expense_correct", kwargs={"funding_approved_pk": original.pk}),
        {"amount": "-50,00", "spent_on": "2026-04-01", "purpose": "Gutschrift"},
    )
    assert (response.status_code, Expense.objects.filter(corrects=original).exists()) == (
        404,
        False,
    )


def test_submit_refuses_get_without_change(coordinator_client, money):
    expense = draft(money.grant, "100.00")
    response = coordinator_client.get(
        reverse("funding:expense_submit", kwargs={"funding_expense_pk": expense.pk})
    )
    expense.refresh_from_db()
    assert (response.status_code, expense.status) == (405, ExpenseStatus.DRAFT)


def test_second_post_of_a_draft_delete_is_told_it_is_gone(coordinator_client, money):
    expense = draft(money.grant, "100.00")
    url = reverse("funding:expense_delete", kwargs={"funding_expense_pk": expense.pk})
    first, second = coordinator_client.post(url), coordinator_client.post(url)
    assert (first.status_code, second.status_code, second["Location"]) == (
        302,
        302,
        reverse("funding:overview"),
    )


def test_delete_waiting_for_the_first_click_is_told_it_is_gone(
    coordinator_client, money, monkeypatch
):
    expense = draft(money.grant, "100.00")
    fetch = municipal_views.selectors.expense_for_municipality

    def fetch_then_delete_elsewhere(**kwargs):
        found = fetch(**kwargs)
        Expense.objects.filter(pk=found.pk).delete()
        return found

    monkeypatch.setattr(
        municipal_views.selectors, "expense_for_municipality", fetch_then_delete_elsewhere
    )
    url = reverse("funding:expense_delete", kwargs={"funding_expense_pk": expense.pk})
    assert coordinator_client.post(url)["Location"] == reverse("funding:overview")


def test_second_post_of_a_plan_line_delete_is_told_it_is_gone(coordinator_client, money):
    line = services.plan_line_save(
        grant=money.grant, category=category(), measure="X", amount=Decimal("1"), actor=None
    )
    url = reverse("funding:plan_line_delete", kwargs={"funding_line_pk": line.pk})
    first, second = coordinator_client.post(url), coordinator_client.post(url)
    assert (first.status_code, second.status_code, second["Location"]) == (
        302,
        302,
        reverse("funding:overview"),
    )


def test_delete_of_an_entry_someone_else_deleted_is_not_found(coordinator_client, money):
    line = services.plan_line_save(
        grant=money.grant, category=category(), measure="X", amount=Decimal("1"), actor=None
    )
    url = reverse("funding:plan_line_delete", kwargs={"funding_line_pk": line.pk})
    services.plan_line_delete(line=line, actor=None)
    assert coordinator_client.post(url).status_code == 404


def test_draft_kept_after_a_refused_submit_names_its_stored_receipt(coordinator_client, money):
    approved(money.grant, "9900.00")
    response = coordinator_client.post(CREATE, expense_data(amount="200,00", action="submit"))
    assert (
        '<div class="kern-hint" id="id_receipt_helptext">Vorhanden: beleg.pdf. Eine neue Datei '
        "ersetzt den Beleg.</div>"
    ) in response.content.decode()
