import os
import re
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import override_settings

from core.models import Page
from tests.factories import CallFactory

CATALOGUE_DIR = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO_FILE = CATALOGUE_DIR / "django.po"
MO_FILE = CATALOGUE_DIR / "django.mo"

# A named printf placeholder with its conversion, e.g. %(name)s, %(count)d, %(seconds).1f.
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]")


def _read_catalogue():
    with PO_FILE.open("rb") as po:
        return read_po(po)


def _messages():
    return [message for message in _read_catalogue() if message.id]


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogue():
    """Compile the catalogue when the .mo is missing or stale, so `pytest` alone works.

    Re-applying LOCALE_PATHS makes Django drop the translations it may already have
    loaded from an older .mo in this process.
    """
    if not MO_FILE.exists() or MO_FILE.stat().st_mtime < PO_FILE.stat().st_mtime:
        # Written aside and moved into place: a parallel test worker reading the catalogue
        # sees the old file or the new one, never half of one.
        partial = MO_FILE.with_name(f"{MO_FILE.name}.{os.getpid()}")
        with partial.open("wb") as mo:
            write_mo(mo, _read_catalogue())
        partial.replace(MO_FILE)
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        yield


@pytest.fixture
def english_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_english_catalogue_has_no_untranslated_entries():
    untranslated = [
        message.id
        for message in _messages()
        if not all(message.string if message.pluralizable else [message.string])
    ]

    assert untranslated == []


def test_english_catalogue_has_no_fuzzy_entries():
    catalogue = _read_catalogue()

    fuzzy = [message.id for message in catalogue if message.fuzzy]

    assert fuzzy == []


def test_english_catalogue_keeps_every_placeholder():
    mismatched = []
    for message in _messages():
        if message.pluralizable:
            pairs = [(message.id[0], message.string[0]), (message.id[1], message.string[1])]
        else:
            pairs = [(message.id, message.string)]
        for msgid, msgstr in pairs:
            if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(msgstr)):
                mismatched.append(msgid)

    assert mismatched == []


def test_programme_page_in_english_shows_english_interface(english_client, db):
    Page.objects.create(
        slug=Page.Slug.PROGRAMME,
        title_de="Worum es geht",
        title_en="What it is about",
        body_de="Text",
        body_en="Text",
    )
    CallFactory(title_de="Modellkommunen 2027", title_en="Model municipalities 2027")

    html = english_client.get("/").content.decode()

    assert '<html lang="en">' in html
    assert '<h1 class="kern-heading-x-large">What it is about</h1>' in html
    assert "Skip to content" in html
    assert '<a class="kern-link" href="/konto/anmelden/">Log in</a>' in html
    assert "Challenging racism in local administrations" in html
    assert "Go to the call “Model municipalities 2027” and its questionnaire" in html
    assert "Application deadline" in html
    assert "Zum Inhalt springen" not in html


def test_login_page_in_english_shows_english_interface(english_client, db):
    html = english_client.get("/konto/anmelden/").content.decode()

    assert '<html lang="en">' in html
    assert '<span class="kern-label">Log in</span></button>' in html
    assert "Forgotten your password?" in html
    assert "No account yet? Register as a municipal coordinator" in html
    assert "Anmelden" not in html


def test_login_page_without_language_choice_stays_german(client, db):
    html = client.get("/konto/anmelden/").content.decode()

    assert '<html lang="de">' in html
    assert '<span class="kern-label">Anmelden</span></button>' in html
