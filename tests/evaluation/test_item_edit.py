"""Editing an item of a draft version in place; published versions stay as they are."""

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditEntry
from evaluation import services
from evaluation.models import Item
from tests.evaluation import helpers

BASE = "/evaluation/geschaeftsstelle/fragen"

pytestmark = pytest.mark.django_db


def test_office_changes_text_options_and_required_of_a_draft_item(login, office):
    version = helpers.instrument(published=False)
    item = helpers.item(version, "themen")
    response = login(office).post(
        f"{BASE}/{item.pk}/bearbeiten/",
        {"text": "Welche Themen?", "required": "on", "options": "Recht\n\nSprache\n Alltag "},
    )
    assert response["Location"] == f"/evaluation/geschaeftsstelle/versionen/{version.pk}/"
    item.refresh_from_db()
    assert (item.text, item.required, item.options) == (
        "Welche Themen?",
        True,
        ["Recht", "Sprache", "Alltag"],
    )


def test_edit_keeps_key_and_type(login, office):
    version = helpers.instrument(published=False)
    item = helpers.item(version, "klar")
    login(office).post(
        f"{BASE}/{item.pk}/bearbeiten/",
        {"text": "Klar?", "options": "nein\nja", "key": "anders", "type": "text"},
    )
    item.refresh_from_db()
    assert (item.key, item.type, item.options) == ("klar", "likert", ["nein", "ja"])


def test_edit_form_shows_the_current_values(login, office):
    version = helpers.instrument(published=False)
    item = helpers.item(version, "themen")
    page = login(office).get(f"{BASE}/{item.pk}/bearbeiten/").content.decode()
    assert "Frage themen" in page
    assert "A\nB\nC</textarea>" in page


def test_item_without_options_has_no_options_field(login, office):
    version = helpers.instrument(published=False)
    item = helpers.item(version, "anregung")
    page = login(office).get(f"{BASE}/{item.pk}/bearbeiten/").content.decode()
    assert 'name="options"' not in page


def test_scale_with_one_point_gets_a_german_error(login, office):
    version = helpers.instrument(published=False)
    item = helpers.item(version, "klar")
    response = login(office).post(
        f"{BASE}/{item.pk}/bearbeiten/", {"text": "Klar?", "options": "nur einer"}
    )
    assert response.status_code == 200
    assert "Eine Skala braucht 2 bis 11 Punkte" in response.content.decode()
    item.refresh_from_db()
    assert item.options == helpers.AGREE


def test_empty_text_gets_a_german_error(login, office):
    version = helpers.instrument(published=False)
    item = helpers.item(version, "anregung")
    response = login(office).post(f"{BASE}/{item.pk}/bearbeiten/", {"text": ""})
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()


def test_published_version_is_refused_by_the_page(login, office):
    version = helpers.instrument(published=True)
    item = helpers.item(version, "anregung")
    response = login(office).post(f"{BASE}/{item.pk}/bearbeiten/", {"text": "Neu"})
    page = response.content.decode()
    assert "Diese Version ist veröffentlicht." in page
    assert 'name="text"' not in page
    item.refresh_from_db()
    assert item.text == "Frage anregung"


def test_published_version_is_refused_by_the_service(office):
    item = helpers.item(helpers.instrument(published=True), "klar")
    with pytest.raises(ValidationError, match="Diese Version ist veröffentlicht"):
        services.item_update(item=item, text="Neu", required=False, options=["a", "b"])
    assert Item.objects.get(pk=item.pk).text == "Frage klar"


def test_edit_is_audited_with_the_changes(office):
    item = helpers.item(helpers.instrument(published=False), "anregung")
    services.item_update(item=item, text="Was noch?", required=True, options=[], actor=office)
    entry = AuditEntry.objects.get(action="evaluation.item_update")
    assert entry.changes == {"text": ["Frage anregung", "Was noch?"], "required": [False, True]}


def test_coordinator_may_not_edit(login, coordinator_a):
    item = helpers.item(helpers.instrument(published=False), "anregung")
    response = login(coordinator_a).post(f"{BASE}/{item.pk}/bearbeiten/", {"text": "Neu"})
    assert response.status_code == 403
    assert Item.objects.get(pk=item.pk).text == "Frage anregung"


def test_draft_version_page_links_to_the_edit(login, office):
    version = helpers.instrument(published=False)
    item = helpers.item(version, "klar")
    page = login(office).get(f"/evaluation/geschaeftsstelle/versionen/{version.pk}/")
    assert f"{BASE}/{item.pk}/bearbeiten/" in page.content.decode()
