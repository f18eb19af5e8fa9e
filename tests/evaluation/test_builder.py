"""The office's instrument builder, versioning, and opening a survey with link and QR code."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluation import services
from evaluation.models import Instrument, InstrumentVersion, Item, ItemType, Phase, Survey
from tests.evaluation import helpers

BASE = "/evaluation/geschaeftsstelle"


def test_office_builds_and_publishes_an_instrument(login, office):
    client = login(office)
    response = client.post(f"{BASE}/instrument/neu/", {"code": "neu", "title": "Neues Instrument"})
    version = InstrumentVersion.objects.get(instrument__code="neu")
    assert response["Location"] == f"{BASE}/versionen/{version.pk}/"
    client.post(f"{BASE}/versionen/{version.pk}/abschnitt/", {"title": "Eindruck"})
    section = version.sections.get()
    client.post(
        f"{BASE}/abschnitte/{section.pk}/frage/",
        {
            "text": "War es hilfreich?",
            "key": "hilfreich",
            "type": "likert",
            "required": "on",
            "options": "gar nicht\neher nicht\nteils\neher\nsehr",
        },
    )
    item = Item.objects.get(version=version)
    assert (item.type, item.required, item.options[-1]) == (ItemType.LIKERT, True, "sehr")
    client.post(f"{BASE}/versionen/{version.pk}/veroeffentlichen/")
    version.refresh_from_db()
    assert version.published_at is not None


def test_likert_item_without_labels_gets_a_german_error(login, office):
    version = helpers.instrument(published=False)
    section = version.sections.get()
    response = login(office).post(
        f"{BASE}/abschnitte/{section.pk}/frage/",
        {"text": "Skala?", "key": "skala", "type": "likert", "options": "nur einer"},
    )
    assert response.status_code == 200
    assert "Eine Skala braucht 2 bis 11 Punkte" in response.content.decode()


def test_duplicate_key_gets_a_german_error(login, office):
    version = helpers.instrument(published=False)
    section = version.sections.get()
    response = login(office).post(
        f"{BASE}/abschnitte/{section.pk}/frage/",
        {"text": "Nochmal", "key": "klar", "type": "text"},
    )
    assert "Diese Kennung gibt es in dieser Version schon." in response.content.decode()


def test_published_version_cannot_change(version):
    with pytest.raises(ValidationError, match="Diese Version ist veröffentlicht"):
        services.section_add(version=version, title="Neu")
    with pytest.raises(ValidationError, match="Diese Version ist veröffentlicht"):
        services.item_remove(item=helpers.item(version, "klar"))


def test_new_version_copies_the_published_one(version):
    draft = services.version_new_draft(instrument=version.instrument)
    assert (draft.number, draft.is_draft) == (2, True)
    assert list(draft.items.values_list("key", flat=True)) == [
        "klar",
        "themen",
        "stunden",
        "anregung",
    ]
    services.item_remove(item=draft.items.get(key="stunden"))
    assert version.items.count() == 4


def test_new_version_twice_returns_the_same_draft(version):
    first = services.version_new_draft(instrument=version.instrument)
    assert services.version_new_draft(instrument=version.instrument) == first
    assert version.instrument.versions.count() == 2


def test_survey_needs_a_published_version(muni_a):
    draft = helpers.instrument(published=False)
    now = timezone.now()
    with pytest.raises(
        ValidationError, match="Befragungen sind nur mit veröffentlichten Versionen möglich"
    ):
        services.survey_open(
            version=draft,
            title="x",
            phase=Phase.SINGLE,
            target_kind="municipality",
            opens_at=now,
            closes_at=now + dt.timedelta(days=1),
        )


def test_office_opens_a_survey_and_sees_link_and_qr(login, office, version, muni_a):
    client = login(office)
    response = client.post(
        f"{BASE}/versionen/{version.pk}/befragung/",
        {
            "title": "Rückmeldung März",
            "phase": "single",
            "target_kind": "municipality",
            "municipality": muni_a.pk,
            "opens_at": "2026-03-01T09:00",
            "closes_at": "2026-03-15T18:00",
        },
    )
    survey = Survey.objects.get()
    assert response["Location"] == f"{BASE}/befragungen/{survey.pk}/"
    assert (survey.municipality, timezone.localtime(survey.opens_at).hour) == (muni_a, 9)
    body = client.get(response["Location"]).content.decode()
    assert f"/evaluation/befragung/{survey.token}/" in body
    assert "<svg" in body and "QR-Code zur Befragung" in body


def test_post_survey_without_pre_gets_a_german_error(login, office, version, muni_a):
    response = login(office).post(
        f"{BASE}/versionen/{version.pk}/befragung/",
        {
            "title": "Nachher",
            "phase": "post",
            "target_kind": "municipality",
            "municipality": muni_a.pk,
            "opens_at": "2026-03-01T09:00",
            "closes_at": "2026-03-15T18:00",
        },
    )
    assert "Wählen Sie die Vorher-Befragung" in response.content.decode()
    assert Survey.objects.count() == 0


def test_survey_window_must_end_after_it_begins(login, office, version, muni_a):
    response = login(office).post(
        f"{BASE}/versionen/{version.pk}/befragung/",
        {
            "title": "Falsch",
            "phase": "single",
            "target_kind": "municipality",
            "municipality": muni_a.pk,
            "opens_at": "2026-03-15T09:00",
            "closes_at": "2026-03-01T18:00",
        },
    )
    assert "Das Ende muss nach dem Beginn liegen." in response.content.decode()


def test_threshold_form_refuses_four(login, office):
    response = login(office).post(f"{BASE}/mindestzahl/", {"threshold": "4"})
    assert response.status_code == 200
    assert "größer oder gleich 5" in response.content.decode()


def test_instrument_code_must_be_unique(login, office, version):
    response = login(office).post(
        f"{BASE}/instrument/neu/", {"code": version.instrument.code, "title": "Doppelt"}
    )
    assert "Dieses Kurzzeichen ist bereits vergeben." in response.content.decode()
    assert Instrument.objects.count() == 1
