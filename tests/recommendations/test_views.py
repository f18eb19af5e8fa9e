"""The office's pages of the recommendations: forms, refusals, query counts."""

import pytest
from django.urls import reverse

from core.models import AuditEntry
from recommendations import services
from recommendations.models import Document, Paragraph, Recommendation, Version, VersionState
from tests.helpers import finish, login_verified
from tests.recommendations.helpers import document_with_draft

pytestmark = pytest.mark.django_db


def _url(name, **kwargs):
    return reverse(f"recommendations_office:{name}", kwargs=kwargs)


def _next_draft_with_changes(office_user, *, recommendations: int) -> tuple[Version, Version]:
    """1.0 frozen, then a draft in which every first paragraph says one word more."""
    first = document_with_draft(actor=office_user, recommendations=recommendations)
    services.version_freeze(version=first, label="1.0", actor=office_user)
    draft = services.version_draft_create(document=first.document, actor=office_user)
    for paragraph in Paragraph.objects.filter(recommendation__version=draft, position=1):
        services.paragraph_edit(
            paragraph=paragraph,
            text=paragraph.text.replace("Absatz", "Erster Absatz"),
            actor=office_user,
        )
    return first, draft


def test_pages_refuse_a_coordinator(client, coordinator):
    login_verified(client, coordinator)
    assert client.get(_url("document_list")).status_code == 403


def test_document_create_makes_the_first_draft(office_client):
    response = office_client.post(
        _url("document_create"), {"title_de": "Handlungsempfehlungen", "slug": "he"}
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _url("document_detail", document_pk=document.pk)
    assert list(document.versions.values_list("label", "state")) == [("Entwurf 1", "draft")]


def test_document_create_with_a_bad_slug_says_so_at_the_field(office_client):
    response = office_client.post(
        _url("document_create"), {"title_de": "Handlungsempfehlungen", "slug": "mit leer"}
    )
    assert response.context["form"].errors == {
        "slug": ["Bitte nur Kleinbuchstaben, Ziffern, Binde- und Unterstriche verwenden."]
    }


def test_recommendation_add_stores_lookups_and_goes_to_its_anchor(office_client, office_user):
    draft = document_with_draft(actor=office_user, recommendations=0)
    chapter = draft.chapters.get()
    response = office_client.post(
        _url("recommendation_add", chapter_pk=chapter.pk),
        {
            "title": "Bescheide verständlich schreiben",
            "rationale": "",
            "fields_of_action": ["buergerservice"],
            "departments": ["auslaenderbehoerde", "sozialamt"],
        },
    )
    recommendation = Recommendation.objects.get()
    assert response["Location"] == (
        _url("version_detail", version_pk=draft.pk) + f"#empfehlung-{recommendation.key}"
    )
    assert sorted(recommendation.departments.values_list("code", flat=True)) == [
        "auslaenderbehoerde",
        "sozialamt",
    ]


def test_paragraph_edit_of_a_frozen_version_goes_back_with_the_refusal(office_client, office_user):
    draft = document_with_draft(actor=office_user)
    services.version_freeze(version=draft, label="1.0", actor=office_user)
    paragraph = Paragraph.objects.first()
    response = office_client.post(
        _url("paragraph_edit", paragraph_pk=paragraph.pk), {"text": "Anders."}, follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Diese Fassung ist eingefroren und kann nicht geändert werden."
    ]
    assert Paragraph.objects.get(pk=paragraph.pk).text == "Absatz 1 der Empfehlung 1."


def test_freeze_then_next_draft_by_post(office_client, office_user):
    draft = document_with_draft(actor=office_user)
    office_client.post(_url("version_freeze", version_pk=draft.pk), {"label": "1.0"})
    response = office_client.post(_url("draft_create", document_pk=draft.document_id))
    frozen = Version.objects.get(pk=draft.pk)
    second = Version.objects.get(sequence=2)
    assert (frozen.label, frozen.state) == ("1.0", VersionState.FROZEN)
    assert response["Location"] == _url("version_detail", version_pk=second.pk)
    assert second.state == VersionState.DRAFT


def test_move_form_sent_twice_moves_once(office_client, office_user):
    draft = document_with_draft(actor=office_user, recommendations=3, paragraphs=0)
    last = draft.recommendations.get(position=3)
    data = {"direction": "up", "position": "3"}
    office_client.post(_url("recommendation_move", recommendation_pk=last.pk), data)
    office_client.post(_url("recommendation_move", recommendation_pk=last.pk), data)
    titles = list(draft.recommendations.order_by("position").values_list("title", flat=True))
    assert titles == ["Empfehlung 1", "Empfehlung 3", "Empfehlung 2"]
    assert AuditEntry.objects.filter(action="recommendations.recommendation_move").count() == 1


def test_compare_shows_the_changed_word_marked(office_client, office_user):
    first, draft = _next_draft_with_changes(office_user, recommendations=1)
    response = office_client.get(
        _url("compare", document_pk=first.document_id), {"old": first.pk, "new": draft.pk}
    )
    body = finish(response).decode()
    assert response.context["changed_count"] == 1
    assert (
        '<ins class="diff diff--ins"><span class="kern-sr-only">eingefügt: </span>'
        '<span class="diff__sign" aria-hidden="true">+</span>Erster </ins>'
        "Absatz 1 der Empfehlung 1."
    ) in body


def test_compare_refuses_the_same_version_twice(office_client, office_user):
    first, draft = _next_draft_with_changes(office_user, recommendations=1)
    response = office_client.get(
        _url("compare", document_pk=first.document_id), {"old": draft.pk, "new": draft.pk}
    )
    assert response.context["form"].errors == {
        "new": ["Bitte wählen Sie zwei verschiedene Fassungen."]
    }
    assert response.context["changes"] is None


def _count(django_assert_num_queries, client, url, expected: int, **params):
    with django_assert_num_queries(expected):
        response = client.get(url, params)
    assert response.status_code == 200


@pytest.mark.parametrize("recommendations", [1, 3])
def test_version_page_query_count_is_constant(
    office_client, office_user, django_assert_num_queries, recommendations
):
    draft = document_with_draft(actor=office_user, recommendations=recommendations)
    # session, user, OTP device, version, chapters, recommendations and their four
    # prefetches (fields, departments, modules, paragraphs)
    _count(
        django_assert_num_queries, office_client, _url("version_detail", version_pk=draft.pk), 10
    )


def test_version_page_of_a_frozen_version_with_many_recommendations_keeps_its_count(
    office_client, office_user, django_assert_num_queries
):
    draft = document_with_draft(actor=office_user, recommendations=25, paragraphs=3)
    services.version_freeze(version=draft, label="1.0", actor=office_user)
    _count(
        django_assert_num_queries, office_client, _url("version_detail", version_pk=draft.pk), 10
    )


@pytest.mark.parametrize("recommendations", [1, 3])
def test_compare_page_query_count_is_constant(
    office_client, office_user, django_assert_num_queries, recommendations
):
    first, draft = _next_draft_with_changes(office_user, recommendations=recommendations)
    # session, user, OTP device, document, versions, and per version its recommendations
    # with their paragraphs
    _count(
        django_assert_num_queries,
        office_client,
        _url("compare", document_pk=first.document_id),
        9,
        old=first.pk,
        new=draft.pk,
    )


def test_version_page_of_a_frozen_version_offers_no_editing(office_client, office_user):
    draft = document_with_draft(actor=office_user)
    services.version_freeze(version=draft, label="1.0", actor=office_user)
    body = finish(office_client.get(_url("version_detail", version_pk=draft.pk))).decode()
    editing = [
        _url("chapter_add", version_pk=draft.pk),
        _url("version_freeze", version_pk=draft.pk),
        _url("paragraph_add", recommendation_pk=draft.recommendations.get().pk),
    ]
    assert [url for url in editing if url in body] == []
    assert "Diese Fassung ist eingefroren; ihr Text ändert sich nicht mehr." in body
