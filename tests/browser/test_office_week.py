"""The office's week in a real browser: the start page lists what is due; from it the
office approves two expenses at once, resends a decision letter to a coordinator who
linked later, closes a survey early and reads its results, cancels an event
registration, and finds all of it in the audit trail in German. axe-core runs on every page."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Role
from accounts.services.links import link_approve
from funding import expense_services
from funding import services as funding_services
from funding.models import Expense, ExpenseStatus
from selection import services as selection_services
from tests import factories
from tests.evaluation import helpers as evaluation_helpers
from tests.events import helpers as event_helpers
from tests.funding.helpers import category, grant_of, receipt
from tests.helpers import login_verified
from tests.programme_helpers import model_cohort
from tests.selection.conftest import build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


def _log_in(browser, user):
    """The office's log-in needs a second factor: a verified session cookie instead."""
    client = Client()
    login_verified(client, user)
    browser.page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": browser.base_url,
            }
        ]
    )


def _submitted(grant, payee, amount):
    expense = expense_services.expense_save(
        grant=grant,
        actor=None,
        spent_on=timezone.localdate(),
        payee=payee,
        purpose="Honorar Grundlagenschulung",
        category=category(),
        amount=Decimal(amount),
        upload=receipt(),
    )
    return expense_services.expense_submit(expense=expense, actor=None)


@pytest.fixture
def week(transactional_db, media, settings):
    # Results of a closed survey show at once, without waiting for the settling time.
    settings.EVALUATION_SETTLING_MINUTES = 0
    office = factories.UserFactory(
        role=Role.OFFICE, email="olga@eccar.example", full_name="Olga Büro"
    )
    today = timezone.localdate()
    aachen = factories.MunicipalityFactory(name="Aachen")
    funded = model_cohort(
        [aachen], periods=[(dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))]
    )
    funded.title_de = "Kohorte Förderung"
    funded.save()
    funding_services.funding_ensure(call=funded)
    grant = grant_of(funded, aachen, today.year)
    expenses = [
        _submitted(grant, "Trainerin Adler", "300.00"),
        _submitted(grant, "Raum Rathaus", "120.00"),
    ]

    selection = build_world(office=office)
    selection_services.selection_rules_save(
        call=selection.call,
        actor=office,
        places=3,
        max_per_land=2,
        cover_needs=False,
        diversity_weight=Decimal("0"),
        limits={},
    )
    run = selection_services.selection_run_create(call=selection.call, actor=office)
    selection_services.decision_adopt(run=run, actor=office)
    selection_services.decision_release(call=selection.call, actor=office)

    version = evaluation_helpers.instrument(code="rueckmeldung")
    survey = evaluation_helpers.survey(
        version,
        municipality=aachen,
        title="Rückmeldung Aachen",
        opens_at=timezone.now() - dt.timedelta(days=27),
    )
    evaluation_helpers.answer(survey, 6, klar=4)
    event = event_helpers.make_event(title="Fachtag Verwaltungspraxis", capacity=5)
    event_helpers.register(event, "Alex Beispiel", email="alex@example.org")
    mail.outbox.clear()
    return {
        "office": office,
        "funded": funded,
        "expenses": expenses,
        "selection": selection,
        "survey": survey,
        "event": event,
    }


def test_office_works_through_its_week_from_the_start_page(browser, week):
    _log_in(browser, week["office"])

    # The start page: what is due, each with its count.
    page = browser.visit("/geschaeftsstelle/")
    todos = page.locator("#aufgaben")
    expect(todos).to_contain_text("2 eingereichte Ausgaben – Kohorte Förderung")
    expect(todos).to_contain_text("1 Befragung endet in den nächsten 7 Tagen")
    expect(todos).to_contain_text("Briefe ohne Empfänger – Modellkommunen 2025")
    expect(todos.locator("[data-counter='office.claims']")).to_contain_text("nichts offen")

    # Two expenses approved at once, from the queue the count links to.
    page.get_by_role("link", name="2 eingereichte Ausgaben – Kohorte Förderung").click()
    browser.check_page()
    page.get_by_label("Auswählen: Trainerin Adler, 300,00 €").check()
    page.get_by_label("Auswählen: Raum Rathaus, 120,00 €").check()
    page.get_by_role("button", name="Ausgewählte Ausgaben anerkennen").click()
    browser.check_page()
    expect(page.get_by_text("2 Ausgaben sind anerkannt.")).to_be_visible()
    assert set(Expense.objects.values_list("status", flat=True)) == {ExpenseStatus.APPROVED}

    # A letter nobody received: a coordinator links later, the office resends it.
    bergdorf = week["selection"].apps["Bergdorf"]
    late = factories.CoordinatorFactory(
        email="spaet@bergdorf.de", municipality=bergdorf.municipality, municipality_approved_at=None
    )
    page = browser.visit("/geschaeftsstelle/")
    page.locator("#aufgaben").get_by_role("link", name="Modellkommunen 2025").click()
    browser.check_page()
    cell = page.locator(f"#letter-{bergdorf.pk}")
    expect(cell).to_contain_text("nicht versandt: kein Empfänger")
    link_approve(actor=week["office"], municipality_id=bergdorf.municipality_id, user_id=late.pk)
    page.reload()
    browser.check_page()
    page.get_by_role("button", name="Brief an Bergdorf erneut senden").click()
    browser.check_page()
    expect(page.get_by_text("Der Brief an Bergdorf wird erneut versandt.")).to_be_visible()
    expect(cell).to_contain_text("versandt an 1 Person")
    assert [m.to for m in mail.outbox] == [["spaet@bergdorf.de"]]

    # A survey about to close: closed early, and its results read.
    page = browser.visit("/geschaeftsstelle/")
    page.get_by_role("link", name="1 Befragung endet in den nächsten 7 Tagen").click()
    browser.check_page()
    page.get_by_role("link", name="Rückmeldung Aachen").click()
    browser.check_page()
    page.get_by_role("link", name="Link und QR-Code der Befragung").click()
    browser.check_page()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Befragung jetzt beenden").click()
    browser.check_page()
    expect(page.get_by_role("button", name="Befragung jetzt beenden")).to_have_count(0)
    page = browser.visit(f"/evaluation/ergebnisse/{week['survey'].pk}/")
    expect(page.get_by_role("table", name="Verteilung der Antworten").first).to_be_visible()

    # Back on the start page, what was done is no longer open.
    page = browser.visit("/geschaeftsstelle/")
    todos = page.locator("#aufgaben")
    expect(todos.locator("[data-counter='funding.expenses']")).to_contain_text("nichts offen")
    expect(todos.locator("[data-counter='evaluation.closing']")).to_contain_text("nichts offen")

    # A registration cancelled for a caller, with a reason the person is told.
    page = browser.visit(f"/veranstaltungen/geschaeftsstelle/{week['event'].pk}/")
    page.get_by_role("link", name="Anmeldung von Alex Beispiel absagen").click()
    browser.check_page()
    page.get_by_label("Grund der Absage").fill("Abgemeldet per Telefon")
    page.get_by_role("button", name="Anmeldung absagen").click()
    browser.check_page()
    expect(page.get_by_text("Die Anmeldung von Alex Beispiel ist abgesagt.")).to_be_visible()
    assert [m.to for m in mail.outbox[-1:]] == [["alex@example.org"]]

    # The audit trail says all of it in German, under the office person's name.
    page = browser.visit("/geschaeftsstelle/protokoll/")
    page.get_by_label("Person").fill("Olga")
    page.get_by_role("button", name="Filter anwenden").click()
    rows = page.locator("#protokoll tbody tr")
    expect(rows.filter(has_text="Ausgabe anerkannt")).to_have_count(2)
    expect(rows.filter(has_text="Entscheidungsbrief erneut zum Versand gegeben")).to_have_count(1)
    expect(rows.filter(has_text="Befragung geschlossen")).to_have_count(1)
    expect(
        rows.filter(has_text="Anmeldung zur Veranstaltung von der Geschäftsstelle abgesagt")
    ).to_have_count(1)
    expect(rows.filter(has_text="funding.")).to_have_count(0)
    browser.check_page()


def test_office_subscribes_to_the_programme_dates(browser, week):
    _log_in(browser, week["office"])

    page = browser.visit("/geschaeftsstelle/")
    page.get_by_role("link", name="Termine des Programms").first.click()
    browser.check_page()
    expect(page.locator("h1")).to_have_text("Termine des Programms")
    page.get_by_role("button", name="Neue Kalenderadresse erzeugen").click()
    browser.check_page()
    address = page.locator("#feed-url").inner_text()
    feed = page.request.get(address)
    assert feed.status == 200
    assert feed.body().startswith(b"BEGIN:VCALENDAR")

    page.get_by_role("button", name="Kalenderadresse sperren").click()
    browser.check_page()
    assert page.request.get(address).status == 404
