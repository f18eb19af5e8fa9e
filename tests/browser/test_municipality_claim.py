"""A newcomer claims a municipality that already has records: they see nothing of them
until the programme office approves the claim in its queue. axe-core on every page."""

import re

import pytest
from django.core import mail
from django.test import Client

from accounts.models import MunicipalityClaim, Role, User
from applications.models import Application
from tests import factories
from tests.helpers import login_verified
from tests.programme_helpers import model_cohort

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def switch_to(browser, user):  # noqa: F811 -- the fixture's value is passed in
    """Continue in the browser as ``user`` (second factor passed where needed)."""
    client = Client()
    login_verified(client, user)
    context = browser.page.context
    context.clear_cookies()
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": browser.base_url}]
    )


def test_newcomer_claims_municipality_and_sees_records_after_office_approval(browser):  # noqa: F811
    jena = factories.MunicipalityFactory(name="Jena, Stadt")
    model_cohort([jena])
    application = Application.objects.get(municipality=jena)
    office = factories.UserFactory(role=Role.OFFICE, full_name="Büro")

    page = browser.visit("/konto/registrieren/")
    page.get_by_label("Ihr Name").fill("Klara Müller-Weiß")
    page.get_by_label("E-Mail-Adresse").fill("k.mueller-weiss@jena.example")
    page.get_by_label("Passwort", exact=True).fill("Gute-Verwaltung-2025")
    page.get_by_label("Passwort wiederholen").fill("Gute-Verwaltung-2025")
    page.get_by_label("Deutsch").check()
    page.get_by_label("Ich habe die Datenschutzerklärung gelesen").check()
    page.get_by_role("button", name="Konto anlegen").click()
    browser.check_page()
    browser.visit(re.search(r"(/konto/bestaetigen/\S+/)", mail.outbox[-1].body).group(1))
    page.get_by_role("button", name="E-Mail-Adresse bestätigen").click()
    browser.check_page()

    page = browser.visit("/bewerbung/kommune/?q=Jena")
    page.get_by_role("button", name="Jena, Stadt wählen").click()
    browser.check_page()
    claim_heading = page.locator("h1").inner_text()
    page.get_by_role("button", name="An die Geschäftsstelle senden").click()
    browser.check_page()
    errors = page.locator(".kern-error").all_inner_texts()
    page.get_by_label("Ihre Funktion in der Verwaltung").fill("Amt für Integration")
    page.get_by_label("Worauf beruht Ihre Befugnis?").fill("Beauftragt vom Oberbürgermeister")
    page.get_by_role("button", name="An die Geschäftsstelle senden").click()
    browser.check_page()
    waiting_heading = page.locator("h1").inner_text()
    blocked = page.goto(f"{browser.base_url}/bewerbung/{application.pk}/").status

    person = User.objects.get(email="k.mueller-weiss@jena.example")
    switch_to(browser, office)
    page = browser.visit("/geschaeftsstelle/ansprueche/")
    queue = page.locator("tbody tr").all_inner_texts()
    page.get_by_role("link", name="Jena, Stadt").click()
    browser.check_page()
    page.get_by_label("Bestätigen").check()
    page.get_by_label("Begründung").fill("Beim Büro des Oberbürgermeisters nachgefragt")
    page.get_by_role("button", name="Entscheidung speichern").click()
    browser.check_page()
    page = browser.visit(f"/geschaeftsstelle/kommunen/{jena.pk}/personen/")
    people = page.locator("tbody tr").all_inner_texts()

    switch_to(browser, person)
    page = browser.visit("/bewerbung/")
    listed = page.locator("tbody tr").all_inner_texts()
    page = browser.visit(f"/bewerbung/{application.pk}/")

    assert claim_heading == "Zuordnung zur Kommune bestätigen lassen"
    assert errors == [
        "Bitte nennen Sie Ihre Funktion in der Verwaltung.",
        "Bitte beschreiben Sie, worauf Ihre Befugnis beruht.",
    ]
    assert waiting_heading == "Ihr Anspruch wird geprüft"
    assert blocked == 404
    assert len(queue) == 1 and queue[0].startswith("Jena, Stadt")
    assert MunicipalityClaim.objects.get().status == "approved"
    assert len(people) == 1 and "Bestätigt" in people[0]
    assert len(listed) == 1 and application.reference in listed[0]
    assert page.locator("h1").count() == 1


def test_office_removes_a_squatter_and_other_new_pages_pass_axe(browser):  # noqa: F811
    from django.utils import timezone

    from accounts.services import invitation_create

    municipality = factories.MunicipalityFactory(name="Musterstadt")
    office = factories.UserFactory(role=Role.OFFICE)
    lead = factories.CoordinatorFactory(
        municipality=municipality, full_name="Lea Lead", municipality_lead=True
    )
    squatter = factories.CoordinatorFactory(municipality=municipality, full_name="Sam Squat")
    factories.UserFactory(municipality=municipality, full_name="Paul Pending")
    suspended = factories.CoordinatorFactory(
        municipality=municipality,
        full_name="Susi Suspended",
        municipality_approved_at=None,
        municipality_suspended_at=timezone.now(),
    )
    existing = factories.UserFactory(email="schon@musterstadt.de", role=Role.COORDINATOR)
    invitation_create(
        actor=office,
        email=existing.email,
        full_name="",
        role=Role.TEAM_MEMBER,
        municipality=municipality,
        language="de",
    )

    switch_to(browser, office)
    page = browser.visit(f"/geschaeftsstelle/kommunen/{municipality.pk}/personen/")
    page.get_by_role("button", name="Sam Squat von der Kommune entfernen").click()
    browser.check_page()
    message = page.locator(".kern-alert").first.inner_text()
    names = [row.split("\t")[0] for row in page.locator("tbody tr").all_inner_texts()]
    browser.visit("/geschaeftsstelle/ansprueche/")

    switch_to(browser, suspended)
    page = browser.visit("/bewerbung/")
    suspended_heading = page.locator("h1").inner_text()

    switch_to(browser, lead)
    page = browser.visit("/bewerbung/")
    page.get_by_role("button", name="Zuordnung zu Musterstadt aufheben").click()
    browser.check_page()
    corrected_heading = page.locator("h1").inner_text()

    token_path = re.search(r"(/konto/einladung/\S+/)", mail.outbox[-1].body).group(1)
    browser.page.context.clear_cookies()
    page = browser.visit(token_path)
    anonymous_text = page.locator("main").inner_text()
    switch_to(browser, existing)
    page = browser.visit(token_path)
    page.get_by_role("button", name="Einladung annehmen").click()
    browser.check_page()

    squatter.refresh_from_db()
    existing.refresh_from_db()
    assert "Sam Squat ist nicht mehr mit der Kommune verbunden." in message
    assert names == ["Lea Lead", "Paul Pending", "Susi Suspended"]
    assert squatter.municipality_id is None
    assert suspended_heading == "Zugang ausgesetzt"
    assert corrected_heading == "Für welche Kommune bewerben Sie sich?"
    assert "Bitte melden Sie sich mit dieser Adresse an" in anonymous_text
    assert (existing.role, existing.approved_municipality_id) == (
        Role.TEAM_MEMBER,
        municipality.pk,
    )
