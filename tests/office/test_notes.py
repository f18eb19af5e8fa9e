"""Internal notes of the office on municipalities, applications and expenses: dated,
signed, append-only, audited, and never shown to a municipality."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from core.models import AuditEntry, Note
from core.notes import note_add, notes_for
from tests import factories
from tests.funding.helpers import draft, funded_cohort, grant_of, submitted
from tests.helpers import login_verified

pytestmark = pytest.mark.django_db

SECRET = "Vertraulich: Rückruf beim Kämmerer abwarten"


def _note_url(target) -> str:
    return reverse(
        "office:note_add",
        kwargs={"note_target": target._meta.label_lower, "note_target_pk": target.pk},
    )


def test_note_add_stores_a_signed_note_and_audits_it(office_user, municipality):
    note = note_add(actor=office_user, target=municipality, text="  Anruf der OB  ")

    entry = AuditEntry.objects.get(action="note.added")
    assert (note.text, note.author, note.target) == ("Anruf der OB", office_user, municipality)
    assert (entry.object_type, entry.object_id, entry.actor) == (
        "municipalities.municipality",
        str(municipality.pk),
        office_user,
    )


def test_note_add_sent_twice_stores_one_note(office_user, municipality):
    first = note_add(actor=office_user, target=municipality, text="Anruf der OB")
    second = note_add(actor=office_user, target=municipality, text="Anruf der OB")

    assert (second, Note.objects.count()) == (first, 1)


def test_notes_for_lists_the_newest_first_and_only_of_the_record(
    office_user, municipality, other_municipality
):
    note_add(actor=office_user, target=municipality, text="Erste")
    note_add(actor=office_user, target=municipality, text="Zweite")
    note_add(actor=office_user, target=other_municipality, text="Andere")

    assert [note.text for note in notes_for(target=municipality)] == ["Zweite", "Erste"]


def test_note_with_empty_text_is_refused_by_the_database(office_user, municipality):
    with pytest.raises(IntegrityError), transaction.atomic():
        Note.objects.create(target=municipality, author=office_user, text="")


def test_note_page_stores_the_note_and_returns_to_the_record(office_client, municipality):
    back = reverse("office:municipality", kwargs={"municipality_pk": municipality.pk})

    response = office_client.post(_note_url(municipality), {"text": SECRET, "next": back})

    assert (response.status_code, response["Location"]) == (302, f"{back}#notizen")
    assert [note.text for note in notes_for(target=municipality)] == [SECRET]


def test_note_page_never_returns_to_another_site(office_client, municipality):
    response = office_client.post(
        _note_url(municipality), {"text": SECRET, "next": "https://example.com/"}
    )

    assert response["Location"] == reverse("office:index") + "#notizen"


def test_note_page_with_empty_text_shows_the_error_at_the_field(office_client, municipality):
    response = office_client.post(_note_url(municipality), {"text": "   "})

    assert response.status_code == 400
    assert response.context["form"].errors == {"text": ["Bitte schreiben Sie eine Notiz."]}
    assert Note.objects.count() == 0


def test_note_page_for_a_model_without_notes_is_404(office_client, office_user):
    url = reverse(
        "office:note_add", kwargs={"note_target": "accounts.user", "note_target_pk": office_user.pk}
    )

    assert office_client.post(url, {"text": SECRET}).status_code == 404


def test_note_page_for_an_unknown_record_is_404(office_client):
    url = reverse(
        "office:note_add",
        kwargs={"note_target": "municipalities.municipality", "note_target_pk": 999999},
    )

    assert office_client.post(url, {"text": SECRET}).status_code == 404


def test_notes_are_shown_on_the_application_and_the_expense_of_the_office(
    office_client, office_user, municipality
):
    call = funded_cohort([municipality])
    application = municipality.applications.get()
    expense = submitted(grant_of(call, municipality, 2026), "80.00")
    note_add(actor=office_user, target=application, text="Zur Bewerbung")
    note_add(actor=office_user, target=expense, text="Zur Ausgabe")

    detail = office_client.get(reverse("office:application_detail", args=[application.pk]))
    expense_page = office_client.get(reverse("funding_office:expense", args=[expense.pk]))

    assert "Zur Bewerbung" in detail.content.decode()
    assert "Zur Ausgabe" in expense_page.content.decode()


def test_coordinator_sees_no_note_and_cannot_reach_the_note_page(client, office_user):
    municipality = factories.MunicipalityFactory(name="Lindenau")
    coordinator = factories.CoordinatorFactory(municipality=municipality)
    call = funded_cohort([municipality])
    application = municipality.applications.get()
    grant = grant_of(call, municipality, 2026)
    expense = draft(grant, "80.00", actor=coordinator)
    for target in (municipality, application, expense):
        note_add(actor=office_user, target=target, text=SECRET)
    login_verified(client, coordinator)

    pages = [
        reverse("core:dashboard"),
        reverse("applications:index"),
        reverse("applications:detail", args=[application.pk]),
        reverse("programme_area"),
        reverse("funding:overview"),
        reverse("funding:year", args=[2026]),
        reverse("funding:expense_detail", args=[expense.pk]),
    ]
    responses = {url: client.get(url, follow=True) for url in pages}

    assert {url: r.status_code for url, r in responses.items()} == dict.fromkeys(pages, 200)
    assert [url for url, r in responses.items() if SECRET in r.content.decode()] == []
    assert [
        client.post(_note_url(target), {"text": "x"}).status_code
        for target in (municipality, application, expense)
    ] == [403, 403, 403]
