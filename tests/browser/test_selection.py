"""The selection in a real browser: the office runs the assistant, reads why an
application stayed out, changes a rule, runs again, records and releases the decision;
then an applicant sees the result on the status page. axe-core runs on every page."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.models import Role
from selection import services
from selection.models import Outcome, OutcomeChange, SelectionRun
from tests import factories
from tests.selection.conftest import build_world
from tests.selection.test_run_explanations import old_result

pytestmark = pytest.mark.browser
PASSWORD = factories.PASSWORD


def log_in(browser, email_address):
    page = browser.visit("/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email_address)
    page.get_by_label("Passwort", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    browser.check_page()
    return page


@pytest.fixture
def selection_world(transactional_db):
    office = factories.UserFactory(role=Role.OFFICE, email="buero@eccar.example")
    world = build_world(office=office)
    services.selection_rules_save(
        call=world.call,
        actor=office,
        places=3,
        max_per_land=2,
        cover_needs=False,
        diversity_weight=Decimal("0"),
        limits={},
    )
    return world


def test_office_selects_releases_and_applicant_sees_result(browser, selection_world):
    world = selection_world
    device = TOTPDevice.objects.create(user=world.office, name="App", confirmed=True)
    page = log_in(browser, "buero@eccar.example")
    page.get_by_label(re.compile("Code")).first.fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Bestätigen").click()
    browser.check_page()

    # From the office's start page to the call's selection.
    browser.visit("/geschaeftsstelle/")
    page.get_by_role("link", name="Auswahl der Modellkommunen").click()
    browser.check_page()
    page.get_by_role("link", name="Modellkommunen 2025").click()
    browser.check_page()

    # First run: at most two per Land keeps the third from Nordrhein-Westfalen out.
    page.get_by_role("button", name="Auswahlassistent starten").click()
    browser.check_page()
    cohort = page.locator("section[aria-labelledby=cohort-title] tbody th[scope=row]")
    assert cohort.all_inner_texts() == ["Altstadt", "Bergdorf", "Dornburg"]
    why = page.locator("section[aria-labelledby=why-title] tbody tr")
    expect(why).to_have_count(1)
    assert why.first.locator("th").inner_text() == "Carlshafen"
    assert "Nordrhein-Westfalen" in why.first.locator("td").last.inner_text()

    # Change a rule and run again: without the limit per Land the best three win.
    page.get_by_role("link", name="Auswahlregeln").click()
    browser.check_page()
    page.get_by_label("Höchstens je Land").fill("")
    page.get_by_label("Gewicht der Vielfalt").fill("0")
    page.get_by_role("button", name="Regeln speichern").click()
    browser.check_page()
    expect(page.get_by_text("Die Auswahlregeln sind gespeichert.")).to_be_visible()
    page.get_by_role("link", name="Läufe des Auswahlassistenten").click()
    browser.check_page()
    page.get_by_role("button", name="Auswahlassistent starten").click()
    browser.check_page()
    assert cohort.all_inner_texts() == ["Altstadt", "Bergdorf", "Carlshafen"]

    # Adopt the cohort, then move Dornburg up by hand with a reason.
    page.get_by_label("Plätze auf der Warteliste").fill("2")
    page.get_by_role("button", name="Auswahl übernehmen").click()
    browser.check_page()
    page.get_by_role("link", name="Ergebnis für Dornburg ändern").click()
    browser.check_page()
    page.get_by_label("ausgewählt", exact=True).check()
    page.get_by_role("button", name="Änderung speichern").click()
    browser.check_page()
    expect(
        page.locator(".kern-error", has_text="Bitte begründen Sie die Änderung.")
    ).to_be_visible()
    page.get_by_label("Begründung der Änderung").fill("Einzige Bewerbung aus dem Osten")
    page.get_by_role("button", name="Änderung speichern").click()
    browser.check_page()
    assert OutcomeChange.objects.get().reason == "Einzige Bewerbung aus dem Osten"

    # Release: the letters go out in the background.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Entscheidung freigeben").click()
    browser.check_page()
    expect(page.locator("#decision-state")).to_contain_text("Freigegeben am")
    assert sorted(m.to for m in mail.outbox) == [
        ["eins@altstadt.de", "zwei@altstadt.de"],
        ["en@dornburg.de"],
    ]
    for message in mail.outbox:
        letters = [c for _n, c, mimetype in message.attachments if mimetype == "application/pdf"]
        assert len(letters) == 1
        assert letters[0].startswith(b"%PDF-")
    assert Outcome.objects.get(application=world.apps["Dornburg"]).kind == "selected"

    # Publish and read the public page.
    page.get_by_role("button", name="Modellkommunen veröffentlichen").click()
    browser.check_page()
    page.get_by_role("link", name="Öffentliche Seite ansehen").click()
    browser.check_page()
    expect(page.locator("#cohort-list tbody th")).to_have_count(4)

    # The applicant logs in and finds the result on the status page.
    page.context.clear_cookies()
    log_in(browser, "eins@altstadt.de")
    page = browser.visit(f"/bewerbung/{world.apps['Altstadt'].pk}/")
    expect(page.locator("#auswahl-ergebnis-text")).to_have_text(
        "Altstadt ist als Modellkommune ausgewählt."
    )
    page.get_by_role("link", name="Programmbereich").click()
    browser.check_page()
    expect(page.locator("h1")).to_have_text("Programmbereich")


def waiting_copy(run: SelectionRun, **fields) -> SelectionRun:
    """A copy of ``run`` as it was stored before its explanations were computed."""
    chosen = dict(run.result, why_out={}, why_out_rules={}, decisive=[], explanation_version=0)
    return SelectionRun.objects.create(
        call=run.call,
        created_by=run.created_by,
        inputs=run.inputs,
        result=chosen,
        status=run.status,
        objective=run.objective,
        top_objective=run.top_objective,
        seconds=run.seconds,
        explanation_status=fields.pop("explanation_status", SelectionRun.ExplanationStatus.RUNNING),
        **fields,
    )


def test_run_page_shows_progress_and_then_reloads_with_the_explanations(browser, selection_world):
    world = selection_world
    device = TOTPDevice.objects.create(user=world.office, name="App", confirmed=True)
    page = log_in(browser, "buero@eccar.example")
    page.get_by_label(re.compile("Code")).first.fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Bestätigen").click()
    browser.check_page()
    done = services.selection_run_create(call=world.call, actor=world.office)
    done.refresh_from_db()  # the task has stored the explanations on the commit
    run = waiting_copy(done, explanation_done=1, explanation_total=2)

    page = browser.visit(f"/geschaeftsstelle/auswahl/{world.call.pk}/laeufe/{run.pk}/")
    expect(page.get_by_role("status")).to_have_text("Begründung wird berechnet: 1 von 2 Prüfungen")
    SelectionRun.objects.filter(pk=run.pk).update(explanation_done=2)
    expect(page.get_by_role("status")).to_have_text("Begründung wird berechnet: 2 von 2 Prüfungen")
    SelectionRun.objects.filter(pk=run.pk).update(
        result=done.result, explanation_status=SelectionRun.ExplanationStatus.DONE
    )

    why = page.locator("section[aria-labelledby=why-title] tbody tr")
    expect(why).to_have_count(1)
    assert why.first.locator("th").inner_text() == "Carlshafen"
    browser.check_page()


def test_selection_pages_pass_axe(browser, selection_world):
    world = selection_world
    from django.conf import settings
    from django.test import Client

    from tests.helpers import login_verified

    client = Client()
    login_verified(client, world.office)
    browser.page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": browser.base_url,
            }
        ]
    )
    services.selection_run_create(call=world.call, actor=world.office)
    services.selection_rules_save(
        call=world.call,
        actor=world.office,
        places=3,
        max_per_land=None,
        cover_needs=False,
        diversity_weight=Decimal("0"),
        limits={"size:small": (2, None), "size:medium": (2, None)},
    )
    infeasible = services.selection_run_create(call=world.call, actor=world.office)
    # A run with decisive rules, rules at their limit and the price split, and one stored
    # before the explanations were checked by solving again.
    services.selection_rules_save(
        call=world.call,
        actor=world.office,
        places=3,
        max_per_land=2,
        cover_needs=True,
        diversity_weight=Decimal("0.20"),
        limits={"region:east": (1, None)},
    )
    explained = services.selection_run_create(call=world.call, actor=world.office)
    explained.refresh_from_db()  # the task has stored the explanations on the commit
    older = SelectionRun.objects.create(
        call=world.call,
        created_by=world.office,
        inputs=explained.inputs,
        result=old_result(explained),
        status=explained.status,
        objective=explained.objective,
        top_objective=explained.top_objective,
        seconds=Decimal("0.010"),
        explanation_status=SelectionRun.ExplanationStatus.DONE,
    )
    # Runs whose explanations are still computed, and whose computation failed.
    pending = waiting_copy(explained, explanation_done=12, explanation_total=50)
    failed = waiting_copy(
        explained,
        explanation_status=SelectionRun.ExplanationStatus.FAILED,
        explanation_error="KeyError",
    )
    call = world.call.pk
    for path in [
        "/geschaeftsstelle/auswahl/",
        f"/geschaeftsstelle/auswahl/{call}/",
        f"/geschaeftsstelle/auswahl/{call}/regeln/",
        f"/geschaeftsstelle/auswahl/{call}/laeufe/{infeasible.pk}/",
        f"/geschaeftsstelle/auswahl/{call}/laeufe/vergleich/",
        f"/geschaeftsstelle/auswahl/{call}/laeufe/{explained.pk}/",
        f"/geschaeftsstelle/auswahl/{call}/laeufe/{older.pk}/",
        f"/geschaeftsstelle/auswahl/{call}/laeufe/{pending.pk}/",
        f"/geschaeftsstelle/auswahl/{call}/laeufe/{failed.pk}/",
        f"/geschaeftsstelle/auswahl/{call}/entscheidung/",
        f"/geschaeftsstelle/auswahl/{call}/briefe/",
        f"/geschaeftsstelle/auswahl/{call}/briefe/waiting/",
    ]:
        page = browser.visit(path)
        assert page.locator("h1").count() == 1, path
    expect(page.locator("body")).to_contain_text("Platzhalter")
    # The rules form with errors at the fields.
    page = browser.visit(f"/geschaeftsstelle/auswahl/{call}/regeln/")
    page.get_by_label("Anzahl der Plätze").fill("0")
    page.get_by_role("button", name="Regeln speichern").click()
    browser.check_page()
    expect(
        page.locator(".kern-error", has_text="Es muss mindestens einen Platz geben.")
    ).to_be_visible()


def test_office_sees_a_letter_without_recipient_and_resends_it_after_a_late_link(
    browser, selection_world
):
    world = selection_world
    from django.conf import settings
    from django.test import Client

    from accounts.services.links import link_approve
    from tests.helpers import login_verified

    run = services.selection_run_create(call=world.call, actor=world.office)
    services.decision_adopt(run=run, actor=world.office)
    services.decision_release(call=world.call, actor=world.office)
    mail.outbox.clear()
    client = Client()
    login_verified(client, world.office)
    browser.page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": browser.base_url,
            }
        ]
    )
    bergdorf = world.apps["Bergdorf"]
    cell = f"#letter-{bergdorf.pk}"

    # Nobody at Bergdorf can receive the letter: not sent, and the PDF is there for the post.
    page = browser.visit(f"/geschaeftsstelle/auswahl/{world.call.pk}/entscheidung/")
    expect(page.locator(cell)).to_contain_text("nicht versandt: kein Empfänger")
    link = page.locator(cell).get_by_role("link", name="Brief an Bergdorf als PDF")
    pdf = page.request.get(browser.base_url + link.get_attribute("href"))
    assert (pdf.status, pdf.headers["content-type"]) == (200, "application/pdf")
    assert pdf.body().startswith(b"%PDF-")

    # A coordinator links to Bergdorf and the office approves the link; the office resends.
    late = factories.CoordinatorFactory(
        email="spaet@bergdorf.de", municipality=bergdorf.municipality, municipality_approved_at=None
    )
    link_approve(actor=world.office, municipality_id=bergdorf.municipality_id, user_id=late.pk)
    page.reload()
    browser.check_page()
    expect(page.locator(cell)).to_contain_text("wird versandt")
    page.get_by_role("button", name="Brief an Bergdorf erneut senden").click()
    browser.check_page()
    expect(page.get_by_text("Der Brief an Bergdorf wird erneut versandt.")).to_be_visible()
    expect(page.locator(cell)).to_contain_text("versandt an 1 Person")
    assert [m.to for m in mail.outbox] == [["spaet@bergdorf.de"]]
