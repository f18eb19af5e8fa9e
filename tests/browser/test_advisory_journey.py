"""The local advisory board in a real browser: a member writes the minutes of a past
meeting, then the yearly assessment as a draft, which survives a reload, and submits it;
the coordination cancels a held meeting after a warning; a removed member is shut out.
axe-core runs on every page."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Role
from advisory import services
from advisory.models import Assessment, Board, BoardMember, Meeting
from core.content import ensure_pages
from tests import factories
from tests.advisory.conftest import periods_around_today
from tests.programme_helpers import model_cohort

pytestmark = pytest.mark.browser


def log_in(browser, email_address):
    page = browser.visit("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email_address)
    page.get_by_label("Passwort", exact=True).fill(factories.PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    browser.check_page()
    return page


@pytest.fixture
def board_world(transactional_db):
    ensure_pages()
    municipality = factories.MunicipalityFactory(name="Jena")
    call = model_cohort([municipality], periods=periods_around_today())
    member_user = factories.UserFactory(
        role=Role.ADVISORY,
        municipality=municipality,
        municipality_approved_at=timezone.now(),
        email="beirat@jena.example",
        full_name="Aylin Demir",
    )
    board = Board.objects.create(
        call=call,
        municipality=municipality,
        name="Runder Tisch Vielfalt Jena",
        basis="round_table",
        existing_body="Runder Tisch gegen Rassismus Jena",
    )
    BoardMember.objects.create(
        board=board,
        full_name="Aylin Demir",
        organisation="Migrantenorganisation Brückenschlag e. V.",
        function="Vorsitzende",
        user=member_user,
    )
    meeting = Meeting.objects.create(
        board=board, starts_at=timezone.now() - dt.timedelta(days=3), location="Rathaus Jena"
    )
    return {"board": board, "meeting": meeting, "user": member_user}


def test_board_member_writes_minutes_and_the_yearly_assessment(browser, board_world):
    meeting = board_world["meeting"]
    page = log_in(browser, "beirat@jena.example")

    # The board page, then the past meeting.
    browser.visit("/fachbeirat/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lokaler Fachbeirat Jena")
    page.get_by_role("link", name="Alle Sitzungen und Protokolle").click()
    browser.check_page()
    page.get_by_role("link", name=re.compile("^Sitzung am")).click()
    browser.check_page()

    # Minutes and decisions, saved and shown on the meeting page.
    page.get_by_role("link", name="Protokoll und Beschlüsse schreiben").click()
    browser.check_page()
    page.get_by_role("textbox", name=re.compile("^Protokoll")).fill(
        "Die Koordination berichtet über die ersten Schulungen."
    )
    page.get_by_label("Beschlüsse").fill("Der Fachbeirat besucht im Frühjahr eine Schulung.")
    page.get_by_role("button", name="Protokoll speichern").click()
    browser.check_page()
    expect(page.locator("#protokoll-text")).to_have_text(
        "Die Koordination berichtet über die ersten Schulungen."
    )
    expect(page.locator("#beschluesse-text")).to_have_text(
        "Der Fachbeirat besucht im Frühjahr eine Schulung."
    )
    meeting.refresh_from_db()
    assert (meeting.status, meeting.minutes_by_id) == ("held", board_world["user"].pk)

    # The assessment of the first programme year: a draft that survives a reload.
    browser.visit("/fachbeirat/")
    page.get_by_role("link", name="Einschätzung 1. Programmjahr öffnen").click()
    browser.check_page()
    page.get_by_label("Einschätzung", exact=True).fill("Der Prozess ist gut angelaufen.")
    page.get_by_role("button", name="Entwurf speichern").click()
    browser.check_page()
    expect(page.get_by_role("status").first).to_have_text(re.compile("Entwurf ist gespeichert"))
    page.reload()
    browser.check_page()
    expect(page.get_by_label("Einschätzung", exact=True)).to_have_value(
        "Der Prozess ist gut angelaufen."
    )

    # Submitted, it is read-only and shows when it was submitted.
    page.get_by_role("button", name="Einschätzung einreichen").click()
    browser.check_page()
    expect(page.locator("#eingereicht")).to_contain_text("Eingereicht am")
    expect(page.get_by_role("button", name="Einschätzung einreichen")).to_have_count(0)
    assessment = Assessment.objects.get()
    assert (assessment.text, assessment.submitted_at is not None) == (
        "Der Prozess ist gut angelaufen.",
        True,
    )


def test_coordinator_cancels_a_held_meeting_after_a_warning(browser, board_world):
    meeting = board_world["meeting"]
    Meeting.objects.filter(pk=meeting.pk).update(
        status="held", minutes="Die Sitzung fand nicht statt.", minutes_at=timezone.now()
    )
    coordinator = factories.UserFactory(
        role=Role.COORDINATOR,
        municipality=board_world["board"].municipality,
        municipality_approved_at=timezone.now(),
        email="koordination@jena.example",
    )
    page = log_in(browser, coordinator.email)

    browser.visit(f"/fachbeirat/sitzungen/{meeting.pk}/")
    page.get_by_role("link", name="Sitzung nachträglich absagen").click()
    browser.check_page()
    expect(page.locator("#zaehlt-nicht-mehr")).to_contain_text(
        "Nach der Absage zählt sie nicht mehr für die Zusage des Fachbeirats."
    )
    page.get_by_role("button", name="Ja, absagen").click()
    browser.check_page()
    expect(page.get_by_role("status").first).to_have_text(re.compile("Sitzung ist abgesagt"))
    expect(page.locator("#protokoll-text")).to_have_text("Die Sitzung fand nicht statt.")
    meeting.refresh_from_db()
    assert (meeting.status, meeting.minutes) == ("cancelled", "Die Sitzung fand nicht statt.")


def test_removed_board_member_no_longer_reaches_the_minutes(browser, board_world):
    member = BoardMember.objects.get(user=board_world["user"])
    coordinator = factories.UserFactory(
        role=Role.COORDINATOR,
        municipality=board_world["board"].municipality,
        municipality_approved_at=timezone.now(),
    )
    services.member_remove(member=member, actor=coordinator)
    page = log_in(browser, "beirat@jena.example")
    response = page.goto(
        browser.base_url + f"/fachbeirat/sitzungen/{board_world['meeting'].pk}/protokoll/"
    )
    assert response.status == 404
