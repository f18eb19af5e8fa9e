"""The start page tells open calls from closed ones and past dates from coming ones."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from core.content import KEY_DATES, ensure_pages, key_dates_split
from tests.factories import CallFactory

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def calls(db):
    ensure_pages()
    now = timezone.now()
    closed = CallFactory(
        slug="vorbei",
        title_de="Geschlossene Runde",
        opens_at=now - dt.timedelta(days=90),
        deadline=now - dt.timedelta(days=30),
    )
    open_ = CallFactory(
        slug="offen",
        title_de="Offene Runde",
        opens_at=now - dt.timedelta(days=10),
        deadline=now + dt.timedelta(days=30),
    )
    return closed, open_


def card(html: str, title: str) -> str:
    """The text of the card of the call titled ``title``."""
    cards = re.findall(r'<div class="kern-card">(.*?)</div>\s*</div>\s*</div>', html, re.S)
    (found,) = [c for c in cards if title in c]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found))


def listed(html: str, which: str) -> list[str]:
    block = re.search(rf'<ul class="kern-list" data-dates="{which}">(.*?)</ul>', html, re.S)
    if block is None:
        return []
    return [
        re.sub(r"\s+", " ", item).strip() for item in re.findall(r"<li>(.*?)</li>", block[1], re.S)
    ]


def test_home_closed_call_is_marked_closed_without_an_invitation(client, calls):
    html = client.get("/").content.decode()

    closed = card(html, "Geschlossene Runde")
    assert "Bewerbungsfrist abgelaufen" in closed
    assert "Bewerbung möglich" not in closed
    assert "Fragenkatalog" not in closed
    assert "Die Ausschreibung „Geschlossene Runde“ nachlesen" in closed


def test_home_open_call_invites_to_apply(client, calls):
    html = client.get("/").content.decode()

    opened = card(html, "Offene Runde")
    assert "Bewerbung möglich" in opened
    assert "Zur Ausschreibung „Offene Runde“ und zum Fragenkatalog" in opened


def test_call_list_marks_closed_and_open_calls(client, calls):
    html = re.sub(r"\s+", " ", client.get("/ausschreibungen/").content.decode())

    assert re.search(
        r"Geschlossene Runde</a>[^<]*<span[^>]*><span[^>]*>Bewerbungsfrist abgelaufen", html
    )
    assert re.search(r"Offene Runde</a>[^<]*<span[^>]*><span[^>]*>Bewerbung möglich", html)


@time_machine.travel(dt.datetime(2026, 3, 15, 10, tzinfo=BERLIN), tick=False)
def test_home_lists_coming_dates_to_save_and_past_ones_under_rueckblick(client, db):
    ensure_pages()

    html = client.get("/").content.decode()

    assert listed(html, "upcoming") == [
        "20. April 2026 und 21. April 2026: Netzwerktreffen der deutschsprachigen "
        "ECCAR-Mitgliedsstädte in Jena",
        "31. Dezember 2028: Ende der ersten Runde",
    ]
    assert listed(html, "past")[0] == (
        "18. November 2025 und 19. November 2025: Auftakt des Netzwerks der Mitarbeitenden "
        "mit Migrationsgeschichte"
    )
    assert "3. November 2025, 14:00 bis 16:00 Uhr: Online-Auftakt der Modellkommunen" in (
        listed(html, "past")
    )
    assert html.index("Termine zum Vormerken") < html.index("Rückblick")


@time_machine.travel(dt.datetime(2029, 1, 10, 10, tzinfo=BERLIN), tick=False)
def test_home_without_coming_dates_shows_no_dates_to_save(client, db):
    ensure_pages()

    html = client.get("/").content.decode()

    assert 'id="termine"' not in html
    assert len(listed(html, "past")) == len(KEY_DATES)


@time_machine.travel(dt.datetime(2026, 3, 15, 10, tzinfo=BERLIN), tick=False)
def test_home_dates_in_english(client, db, settings):
    ensure_pages()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    html = client.get("/").content.decode()

    assert "Dates to save" in html
    assert "Looking back" in html
    assert listed(html, "upcoming")[0] == (
        "20 April 2026 and 21 April 2026: Network meeting of the German-speaking ECCAR member "
        "cities in Jena"
    )
    assert "3 November 2025, 14:00 to 16:00: Online kick-off of the model municipalities" in (
        listed(html, "past")
    )


def test_key_dates_split_counts_a_date_of_today_as_coming():
    upcoming, past = key_dates_split(today=dt.date(2026, 4, 21))

    assert upcoming[0].label_de.startswith("Netzwerktreffen")
    assert past[0].label_de.startswith("Auftakt des Netzwerks")


def test_questionnaire_of_a_closed_call_does_not_invite_to_apply(client, calls):
    from calls.demo import QUESTIONNAIRE, questionnaire_build

    closed, open_ = calls
    for call in (closed, open_):
        questionnaire_build(call=call, sections=QUESTIONNAIRE[:1])

    closed_html = text_of(client.get("/ausschreibungen/vorbei/fragenkatalog/").content.decode())
    open_html = text_of(client.get("/ausschreibungen/offen/fragenkatalog/").content.decode())

    assert "Die Bewerbungsfrist ist abgelaufen; Bewerbungen sind nicht mehr möglich." in (
        closed_html
    )
    assert "bewerben können Sie sich nach der Anmeldung" not in closed_html
    assert "bewerben können Sie sich nach der Anmeldung" in open_html


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@time_machine.travel(dt.datetime(2026, 12, 7, 10, tzinfo=BERLIN), tick=False)
def test_home_lists_the_dates_of_a_call_still_to_be_decided_from_the_call_itself(client, db):
    ensure_pages()
    call = CallFactory(
        slug="zweite-runde",
        title_de="Zweite Runde",
        opens_at=dt.datetime(2026, 11, 7, tzinfo=BERLIN),
        deadline=dt.datetime(2027, 1, 18, 23, 59, 59, tzinfo=BERLIN),
        decision_date=dt.date(2027, 1, 25),
        programme_start=dt.date(2027, 2, 1),
    )

    upcoming = listed(client.get("/").content.decode(), "upcoming")

    assert upcoming[:3] == [
        "18. Januar 2027: Bewerbungsschluss: Zweite Runde",
        "25. Januar 2027: Entscheidung über die Modellkommunen: Zweite Runde",
        "1. Februar 2027: Programmbeginn: Zweite Runde",
    ]
    # The office moves the deadline in the call: the start page follows at once.
    call.deadline = dt.datetime(2027, 1, 20, 12, tzinfo=BERLIN)
    call.save()
    upcoming = listed(client.get("/").content.decode(), "upcoming")
    assert upcoming[0] == "20. Januar 2027: Bewerbungsschluss: Zweite Runde"


@time_machine.travel(dt.datetime(2027, 3, 1, 10, tzinfo=BERLIN), tick=False)
def test_home_names_a_decided_calls_dates_no_more_and_the_first_round_once(client, db):
    ensure_pages()
    CallFactory(
        slug="zweite-runde",
        title_de="Zweite Runde",
        opens_at=dt.datetime(2026, 11, 7, tzinfo=BERLIN),
        deadline=dt.datetime(2027, 1, 18, 23, 59, 59, tzinfo=BERLIN),
        decision_date=dt.date(2027, 1, 25),
        programme_start=dt.date(2027, 2, 1),
    )
    html = client.get("/").content.decode()

    assert "Zweite Runde" not in " ".join(listed(html, "upcoming") + listed(html, "past"))
    assert len(listed(html, "upcoming") + listed(html, "past")) == len(KEY_DATES)
