"""A staff member joins the network with consent, signs up for a workshop, leaves, and
is gone."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import Role
from core.content import ensure_pages
from network.consent import CONSENT_LABEL
from network.models import Membership, Workshop, WorkshopSignup
from tests import factories
from tests.programme_helpers import model_cohort

PASSWORD = "Netzwerk-Passwort-2025"


@pytest.fixture
def staff_member(transactional_db):
    ensure_pages()
    home = factories.MunicipalityFactory(name="Musterstadt")
    call = model_cohort([home, factories.MunicipalityFactory(name="Andersdorf")])
    Workshop.objects.create(
        call=call,
        municipality=None,
        title="Stark im Amt",
        format="empowerment",
        starts_at=timezone.now() + dt.timedelta(days=20),
        online=True,
        capacity=12,
    )
    return factories.UserFactory(
        role=Role.TEAM_MEMBER,
        municipality=home,
        municipality_approved_at=timezone.now(),
        email="deniz@musterstadt.example",
        full_name="Deniz Beispiel",
        password=PASSWORD,
    )


def test_staff_member_joins_signs_up_leaves_and_is_gone(browser, staff_member):
    page = browser.visit("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(staff_member.email)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    browser.check_page()

    page = browser.visit("/netzwerk/")
    assert (
        page.locator("#membership-state").inner_text() == "Sie sind nicht Mitglied des Netzwerks."
    )
    page.get_by_role("link", name="Zur Einwilligung und zum Beitritt").click()
    browser.check_page()
    assert page.get_by_role("heading", name="Was wir speichern").is_visible()
    assert page.get_by_role("heading", name="Wer Ihre Angaben sieht").is_visible()
    checkbox = page.get_by_label(str(CONSENT_LABEL))
    assert checkbox.is_checked() is False

    # Without the tick: an error at the field, nothing stored.
    page.get_by_role("button", name="Beitreten").click()
    browser.check_page()
    assert page.locator("#id_consent_error").inner_text() == (
        "Bitte bestätigen Sie Ihre Einwilligung, um dem Netzwerk beizutreten."
    )
    assert Membership.objects.count() == 0

    # Ticked with the keyboard.
    page.get_by_label("Fachbereich").fill("Bürgeramt")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.name")
    assert focused == "consent"
    page.keyboard.press("Space")
    assert page.get_by_label(str(CONSENT_LABEL)).is_checked() is True
    page.get_by_role("button", name="Beitreten").click()
    browser.check_page()
    assert page.get_by_text("Willkommen im Netzwerk! Sie sind jetzt Mitglied.").is_visible()
    membership = Membership.objects.get(user=staff_member)
    assert membership.department == "Bürgeramt"

    # Sign up for the national workshop.
    page.get_by_role("link", name="Workshops", exact=True).click()
    browser.check_page()
    page.get_by_role("button", name="Für „Stark im Amt“ anmelden").click()
    browser.check_page()
    assert page.get_by_text("Sie sind angemeldet.").is_visible()
    assert WorkshopSignup.objects.filter(membership=membership).count() == 1

    # Leave, confirm, gone.
    page = browser.visit("/netzwerk/")
    page.get_by_role("link", name="Aus dem Netzwerk austreten").click()
    browser.check_page()
    page.get_by_role("button", name="Jetzt austreten und Daten löschen").click()
    browser.check_page()
    assert (
        page.locator("#membership-state").inner_text() == "Sie sind nicht Mitglied des Netzwerks."
    )
    assert Membership.objects.filter(user=staff_member).exists() is False
    assert WorkshopSignup.objects.filter(membership__user=staff_member).exists() is False
    assert WorkshopSignup.objects.count() == 0

    # The closed pages are shut again.
    response = page.goto(browser.base_url + "/netzwerk/mitglieder/")
    assert response.status == 403


def log_in_by_cookie(browser, user):
    from django.test import Client

    from tests.helpers import login_verified

    client = Client()
    login_verified(client, user)
    browser.page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": browser.base_url}]
    )


@pytest.fixture
def network_world(transactional_db):
    """A member who also coordinates the network, with something on every page."""
    from django.core.files.base import ContentFile

    from network.models import Announcement, NetworkCoordinator, SharedDocument
    from network.services import counts_publish, membership_join, signup_add
    from tests.events.helpers import make_event, register
    from tests.helpers import minimal_pdf

    ensure_pages()
    home = factories.MunicipalityFactory(name="Musterstadt")
    call = model_cohort([home])
    person = factories.UserFactory(
        role=Role.TEAM_MEMBER, municipality=home, municipality_approved_at=timezone.now()
    )
    NetworkCoordinator.objects.create(user=person)
    membership = membership_join(user=person, department="Jugendamt")
    national = Workshop.objects.create(
        call=call,
        title="Bundesweit",
        format="workplace",
        starts_at=timezone.now() + dt.timedelta(days=3),
        online=True,
        capacity=5,
    )
    past = Workshop.objects.create(
        call=call,
        municipality=home,
        title="Vor Ort",
        format="representation",
        starts_at=timezone.now() - dt.timedelta(days=3),
        location="Rathaus",
    )
    signup_add(membership=membership, workshop=national)
    counts_publish(call=call)
    event = make_event(audience="network_members", title="Netzwerktreffen")
    register(event, name=person.full_name, email=person.email, user=person)
    hr_member = factories.UserFactory(
        role=Role.HR, municipality=home, municipality_approved_at=timezone.now()
    )
    membership_join(user=hr_member)
    Announcement.objects.create(title="Hallo", body="Erste Zeile\nZweite Zeile", author=person)
    document = SharedDocument(title="Leitfaden", file_name="leitfaden.pdf", uploaded_by=person)
    document.file.save("leitfaden.pdf", ContentFile(minimal_pdf()), save=True)
    coordinator = factories.UserFactory(
        role=Role.COORDINATOR, municipality=home, municipality_approved_at=timezone.now()
    )
    office = factories.UserFactory(role=Role.OFFICE)
    return {
        "person": person,
        "coordinator": coordinator,
        "office": office,
        "call": call,
        "national": national,
        "past": past,
        "event": event,
        "hr_member": hr_member,
    }


def test_every_network_page_passes_axe(browser, network_world):
    w = network_world
    log_in_by_cookie(browser, w["person"])
    for path in [
        "/netzwerk/",
        "/netzwerk/mitglieder/",
        "/netzwerk/workshops/",
        "/netzwerk/bereich/",
        "/netzwerk/bereich/mitteilungen/neu/",
        "/netzwerk/bereich/dokumente/neu/",
        "/netzwerk/austreten/",
        "/netzwerk/sichtbarkeit/",
        "/netzwerk/workshops/bundesweit/",
        "/netzwerk/workshops/bundesweit/neu/",
        f"/netzwerk/workshops/bundesweit/{w['national'].pk}/bearbeiten/",
        f"/netzwerk/workshops/bundesweit/{w['national'].pk}/stattgefunden/",
        f"/netzwerk/workshops/bundesweit/{w['national'].pk}/absagen/",
    ]:
        browser.visit(path)
    # A form with errors, as a person who left everything empty sees it.
    page = browser.visit("/netzwerk/workshops/bundesweit/neu/")
    page.get_by_role("button", name="Workshop speichern").click()
    browser.check_page()
    assert page.locator("#id_title_error").inner_text() == "Dieses Feld ist zwingend erforderlich."

    browser.page.context.clear_cookies()
    log_in_by_cookie(browser, w["coordinator"])
    for path in [
        "/netzwerk/",
        "/netzwerk/beitreten/",
        "/netzwerk/workshops/kommune/",
        "/netzwerk/workshops/kommune/neu/",
        f"/netzwerk/workshops/kommune/{w['past'].pk}/stattgefunden/",
    ]:
        browser.visit(path)

    browser.page.context.clear_cookies()
    log_in_by_cookie(browser, w["office"])
    for path in [
        "/geschaeftsstelle/netzwerk/",
        f"/geschaeftsstelle/netzwerk/mitglieder/{w['call'].pk}/",
        "/geschaeftsstelle/netzwerk/koordination/neu/",
        "/geschaeftsstelle/netzwerk/workshops/",
        "/veranstaltungen/geschaeftsstelle/",
        f"/veranstaltungen/geschaeftsstelle/{w['event'].pk}/",
    ]:
        browser.visit(path)

    browser.page.context.clear_cookies()
    log_in_by_cookie(browser, w["hr_member"])
    for path in ["/netzwerk/", "/netzwerk/mitglieder/", "/netzwerk/workshops/"]:
        browser.visit(path)
    assert browser.page.locator("#members-withheld").count() == 0  # the workshops page
    browser.visit("/netzwerk/mitglieder/")
    assert browser.page.locator("#members-withheld").is_visible()


def test_member_chooses_to_show_their_name_and_takes_it_back(browser, network_world):
    w = network_world
    log_in_by_cookie(browser, w["person"])
    page = browser.visit("/netzwerk/mitglieder/")
    land = w["person"].municipality.land.name
    assert page.locator("#member-list tbody th").all_inner_texts() == [
        f"ein Mitglied aus {land}",
        f"ein Mitglied aus {land}",
    ]
    page = browser.visit("/netzwerk/")
    page.get_by_role("link", name="Ändern, wer Ihren Namen sieht").click()
    browser.check_page()
    page.get_by_label(
        "Andere Mitglieder dürfen meinen Namen, meine Kommune und meinen Fachbereich sehen."
    ).check()
    page.get_by_role("button", name="Speichern").click()
    browser.check_page()
    assert page.get_by_text("Andere Mitglieder sehen jetzt Ihren Namen.").is_visible()
    page = browser.visit("/netzwerk/mitglieder/")
    assert page.locator("#member-list tbody th").all_inner_texts() == [
        w["person"].full_name,
        f"ein Mitglied aus {land}",
    ]
    page = browser.visit("/netzwerk/sichtbarkeit/")
    page.get_by_label(
        "Andere Mitglieder dürfen meinen Namen, meine Kommune und meinen Fachbereich sehen."
    ).uncheck()
    page.get_by_role("button", name="Speichern").click()
    browser.check_page()
    assert page.get_by_text(
        f"Andere Mitglieder sehen Sie jetzt als „ein Mitglied aus {land}“."
    ).is_visible()
