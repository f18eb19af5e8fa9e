"""A reviewer scores an application in a real browser and then sees the other reviews."""

import re

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role
from reviews.demo import ensure_demo_criteria
from reviews.models import Assignment, Screening
from tests import factories
from tests.reviews.conftest import (
    RATSBESCHLUSS_CHOICES,
    assign,
    mark_eligible,
    submit_application,
    submit_review,
)

PASSWORD = "Gutachten-Passwort-2025"


@pytest.fixture
def review_world(transactional_db):
    call = factories.CallFactory(title_de="Modellkommunen 2025")
    section = factories.SectionFactory(version__call=call, title_de="Rückhalt und Motivation")
    factories.QuestionFactory(
        section=section,
        key="ratsbeschluss",
        label_de="Hat der Rat die Teilnahme beschlossen?",
        type="single_choice",
        choices=RATSBESCHLUSS_CHOICES,
        required=True,
    )
    factories.QuestionFactory(
        section=section,
        key="motivation",
        label_de="Warum möchten Sie Modellkommune werden?",
        type="long_text",
        required=True,
    )
    application = submit_application(
        call,
        municipality=factories.MunicipalityFactory(name="Beispielstadt"),
        answers={"ratsbeschluss": "ja", "motivation": "Wir wollen faire Bürgerbüros."},
    )
    mark_eligible(application)
    criteria = ensure_demo_criteria(call)
    reviewer = factories.UserFactory(
        role=Role.REVIEWER,
        email="gutachten@example.org",
        full_name="Rita Gutachterin",
        password=PASSWORD,
    )
    device = TOTPDevice.objects.create(user=reviewer, name="App", confirmed=True)
    for comment in ["Sehr klarer Rückhalt im Rat.", "Strukturen noch im Aufbau."]:
        other = assign(application, factories.UserFactory(role=Role.REVIEWER))
        submit_review(other, {c.key: 3 for c in criteria}, "maybe")
        other.scores.filter(criterion=criteria[0]).update(comment=comment)
    assignment = assign(application, reviewer)
    return {"assignment": assignment, "device": device, "criteria": criteria}


def test_reviewer_scores_submits_and_then_sees_the_other_reviews(browser, review_world):
    assignment, criteria = review_world["assignment"], review_world["criteria"]
    page = browser.visit("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill("gutachten@example.org")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    browser.check_page()
    page.get_by_label(re.compile("Code")).first.fill(f"{totp(review_world['device'].bin_key):06d}")
    page.get_by_role("button", name="Bestätigen").click()
    browser.check_page()

    browser.visit("/begutachtung/")
    page.get_by_role("link", name="Beispielstadt").click()
    browser.check_page()
    assert page.get_by_text("Wir wollen faire Bürgerbüros.").count() == 1
    assert page.get_by_text("Sehr klarer Rückhalt im Rat.").count() == 0

    # Submitting too early: the summary of what is missing is the first thing on the page.
    page.get_by_role("button", name="Gutachten abgeben").click()
    browser.check_page()
    summary_top = "document.querySelector('[data-error-summary]').getBoundingClientRect().top"
    assert page.evaluate(f"{summary_top} + window.scrollY") < 600
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")

    for criterion, label in zip(
        criteria, ["4 – gut", "3 – mittel", "5 – sehr gut", "2 – schwach", "4 – gut"], strict=True
    ):
        page.get_by_role("group", name=criterion.label_de).get_by_label(label).check()
    page.get_by_label("Kommentar zu „Motivation“").fill("Konkrete Ziele für drei Jahre.")
    page.get_by_role("group", name=re.compile("^Empfehlung")).get_by_label("Ja", exact=True).check()
    page.get_by_role("button", name="Gutachten abgeben").click()
    page.get_by_text("Ihr Gutachten ist abgegeben.").wait_for()
    browser.check_page()

    assert page.get_by_text("Sehr klarer Rückhalt im Rat.").count() == 1
    assert page.get_by_text("Strukturen noch im Aufbau.").count() == 1
    assert page.get_by_role("button", name="Gutachten abgeben").count() == 0
    assignment = Assignment.objects.get(pk=assignment.pk)
    assert assignment.recommendation == "yes"
    assert assignment.submitted_at <= timezone.now()
    assert sorted(assignment.scores.values_list("score", flat=True)) == [2, 3, 4, 4, 5]


def test_office_screens_sets_criteria_assigns_and_reads_scores(browser, transactional_db):
    call = factories.CallFactory(title_de="Modellkommunen 2025")
    section = factories.SectionFactory(version__call=call, title_de="Rückhalt")
    factories.QuestionFactory(
        section=section,
        key="ratsbeschluss",
        label_de="Hat der Rat die Teilnahme beschlossen?",
        type="single_choice",
        choices=RATSBESCHLUSS_CHOICES,
        required=True,
    )
    for name in ["Aachen", "Bonn", "Celle"]:
        submit_application(
            call,
            municipality=factories.MunicipalityFactory(name=name),
            answers={"ratsbeschluss": "nein" if name == "Celle" else "ja"},
        )
    for number in range(3):
        factories.UserFactory(role=Role.REVIEWER, full_name=f"Gutachter*in {number}")
    office = factories.UserFactory(role=Role.OFFICE, email="buero@eccar.example", password=PASSWORD)
    device = TOTPDevice.objects.create(user=office, name="App", confirmed=True)
    page = browser.visit("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill("buero@eccar.example")
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    browser.check_page()
    page.get_by_label(re.compile("Code")).first.fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Bestätigen").click()
    browser.check_page()

    browser.visit("/geschaeftsstelle/")
    page.get_by_role("link", name="Prüfung und Begutachtung").click()
    browser.check_page()
    page.get_by_role("link", name=re.compile("^Formale Prüfung")).first.click()
    browser.check_page()
    for name in ["Aachen", "Bonn", "Celle"]:
        page.get_by_role("row", name=re.compile(name)).get_by_role("checkbox").check()
    page.get_by_label("Als formal geeignet markieren").check()
    page.get_by_role("button", name="Auf die Auswahl anwenden").click()
    page.get_by_text("2 Bewerbungen sind als formal geeignet markiert.").wait_for()
    browser.check_page()

    page.get_by_role("link", name="Celle").click()
    browser.check_page()
    page.get_by_label("formal nicht geeignet").check()
    page.get_by_role("button", name="Entscheidung speichern").click()
    browser.check_page()
    reason_missing = "Bitte begründen Sie, warum die Bewerbung nicht geeignet ist."
    assert page.locator(".kern-error", has_text=reason_missing).count() == 1
    # The summary stands right below the heading, has the focus and leads to the field.
    summary_top = "document.querySelector('[data-error-summary]').getBoundingClientRect().top"
    assert page.evaluate(f"{summary_top} + window.scrollY") < 600
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    page.locator("[data-error-summary]").get_by_role("link", name=re.compile("^Begründung")).click()
    assert page.evaluate("document.activeElement.id") == "id_reason"
    page.get_by_label("Begründung").fill("Kein Ratsbeschluss geplant.")
    page.get_by_role("button", name="Entscheidung speichern").click()
    browser.check_page()
    assert Screening.objects.get(application__municipality__name="Celle").status == "not_eligible"

    page.get_by_role("link", name="Kriterien").first.click()
    browser.check_page()
    page.get_by_role("button", name="Vorgeschlagene Kriterien übernehmen").click()
    browser.check_page()
    page.get_by_role("link", name="Kriterium hinzufügen").click()
    browser.check_page()
    page.get_by_label(re.compile("^Bezeichnung \\(Deutsch\\)")).fill("Vernetzung")
    page.get_by_role("button", name="Speichern").click()
    browser.check_page()
    assert page.get_by_role("row", name=re.compile("Vernetzung")).count() == 1

    page.get_by_role("link", name="Gutachtende zuweisen").first.click()
    browser.check_page()
    page.get_by_label("Gutachtende je Bewerbung").fill("2")
    page.get_by_role("button", name="Zuweisungen anlegen").click()
    page.get_by_text("4 Zuweisungen sind angelegt.").wait_for()
    browser.check_page()

    page.get_by_role("link", name=re.compile("^KFA-")).first.click()
    browser.check_page()
    browser.visit(f"/begutachtung/geschaeftsstelle/{call.pk}/bewertungen/")
    page.get_by_role("link", name=re.compile("Gesamt")).click()
    browser.check_page()
    assert Assignment.objects.count() == 4
