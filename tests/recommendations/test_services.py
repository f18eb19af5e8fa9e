"""The services of the recommendations document: drafts, copies with stable keys,
editing only while a draft, freezing, audit."""

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditEntry
from recommendations import services
from recommendations.models import Department, Paragraph, Recommendation, Version, VersionState
from tests.recommendations.helpers import document_with_draft, office_user
from trainings.models import TrainingModule

pytestmark = pytest.mark.django_db


def _frozen(draft, actor, label="1.0"):
    return services.version_freeze(version=draft, label=label, actor=actor)


def test_document_create_starts_with_an_empty_first_draft():
    actor = office_user()
    document = services.document_create(slug="he", title_de="Handlungsempfehlungen", actor=actor)
    draft = document.versions.get()
    assert (draft.sequence, draft.label, draft.state, draft.based_on) == (
        1,
        "Entwurf 1",
        VersionState.DRAFT,
        None,
    )
    assert draft.chapters.count() == 0


def test_document_create_refuses_a_slug_in_use():
    actor = office_user()
    services.document_create(slug="he", title_de="Eins", actor=actor)
    with pytest.raises(ValidationError) as caught:
        services.document_create(slug="he", title_de="Zwei", actor=actor)
    assert caught.value.message_dict == {"slug": ["Dieser Kurzname ist schon vergeben."]}


def test_recommendation_numbers_follow_chapter_and_position():
    actor = office_user()
    draft = document_with_draft(actor=actor, recommendations=2)
    second_chapter = services.chapter_add(version=draft, title="Personal", actor=actor)
    third = services.recommendation_add(chapter=second_chapter, title="Vielfalt", actor=actor)
    numbers = [r.number for r in draft.recommendations.select_related("chapter").order_by("pk")]
    assert numbers == ["1.1", "1.2", "2.1"]
    assert third.number == "2.1"


def test_version_draft_create_copies_the_frozen_version_keeping_every_key():
    actor = office_user()
    draft = document_with_draft(actor=actor, recommendations=2)
    module = TrainingModule.objects.create(code="grundlagen")
    first = draft.recommendations.order_by("position").first()
    services.recommendation_edit(
        recommendation=first,
        title=first.title,
        rationale=first.rationale,
        fields_of_action=["buergerservice", "personal"],
        departments=["schule"],
        training_modules=[module.pk],
        actor=actor,
    )
    frozen = _frozen(draft, actor)
    copy = services.version_draft_create(document=frozen.document, actor=actor)

    def text(version):
        return sorted(
            (r.chapter.key, r.key, r.position, r.title, p.key, p.position, p.text)
            for r in version.recommendations.select_related("chapter")
            for p in r.paragraphs.all()
        )

    assert (copy.sequence, copy.label, copy.based_on_id) == (2, "Entwurf 2", frozen.pk)
    assert text(copy) == text(frozen)
    copied = copy.recommendations.get(key=first.key)
    assert sorted(copied.fields_of_action.values_list("code", flat=True)) == [
        "buergerservice",
        "personal",
    ]
    assert list(copied.departments.values_list("code", flat=True)) == ["schule"]
    assert list(copied.training_modules.all()) == [module]
    assert Paragraph.objects.count() == 8


def test_version_draft_create_returns_the_open_draft_on_a_second_click():
    actor = office_user()
    draft = document_with_draft(actor=actor)
    again = services.version_draft_create(document=draft.document, actor=actor)
    assert again == draft
    assert Version.objects.count() == 1


def test_edits_of_a_frozen_version_are_refused():
    actor = office_user()
    draft = document_with_draft(actor=actor)
    recommendation = draft.recommendations.get()
    paragraph = recommendation.paragraphs.first()
    _frozen(draft, actor)
    attempts = [
        lambda: services.chapter_add(version=draft, title="Neu", actor=actor),
        lambda: services.recommendation_add(
            chapter=recommendation.chapter, title="Neu", actor=actor
        ),
        lambda: services.paragraph_add(recommendation=recommendation, text="Neu", actor=actor),
        lambda: services.paragraph_edit(paragraph=paragraph, text="Anders", actor=actor),
        lambda: services.paragraph_delete(paragraph=paragraph, actor=actor),
        lambda: services.recommendation_delete(recommendation=recommendation, actor=actor),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert caught.value.messages == [
            "1.0 ist eingefroren und kann nicht mehr geändert werden. "
            "Legen Sie für Änderungen den nächsten Entwurf an."
        ]
    assert Paragraph.objects.get(pk=paragraph.pk).text == "Absatz 1 der Empfehlung 1."
    assert Recommendation.objects.count() == 1


def test_version_freeze_sets_label_state_and_date_once():
    actor = office_user()
    draft = document_with_draft(actor=actor)
    frozen = _frozen(draft, actor)
    again = services.version_freeze(version=draft, label="2.0", actor=actor)
    assert (frozen.label, frozen.state, frozen.frozen_at is not None) == (
        "1.0",
        VersionState.FROZEN,
        True,
    )
    assert again.label == "1.0"
    assert AuditEntry.objects.filter(action="recommendations.version_freeze").count() == 1


def test_version_freeze_refuses_a_label_of_another_version():
    actor = office_user()
    draft = document_with_draft(actor=actor)
    _frozen(draft, actor, label="1.0")
    second = services.version_draft_create(document=draft.document, actor=actor)
    with pytest.raises(ValidationError) as caught:
        _frozen(second, actor, label="1.0")
    assert caught.value.message_dict == {
        "label": ["Diese Bezeichnung trägt schon eine andere Fassung."]
    }


def test_paragraph_move_swaps_with_its_neighbour_once_under_a_double_click():
    actor = office_user()
    draft = document_with_draft(actor=actor, paragraphs=3)
    recommendation = draft.recommendations.get()
    last = recommendation.paragraphs.get(position=3)
    services.paragraph_move(paragraph=last, direction=services.UP, position=3, actor=actor)
    services.paragraph_move(paragraph=last, direction=services.UP, position=3, actor=actor)
    texts = list(recommendation.paragraphs.order_by("position").values_list("text", flat=True))
    assert texts == [
        "Absatz 1 der Empfehlung 1.",
        "Absatz 3 der Empfehlung 1.",
        "Absatz 2 der Empfehlung 1.",
    ]
    assert AuditEntry.objects.filter(action="recommendations.paragraph_move").count() == 1


def test_recommendation_delete_closes_the_gap_in_numbers():
    actor = office_user()
    draft = document_with_draft(actor=actor, recommendations=3, paragraphs=0)
    services.recommendation_delete(
        recommendation=draft.recommendations.get(position=1), actor=actor
    )
    rows = list(draft.recommendations.select_related("chapter").order_by("position"))
    assert [(r.number, r.title) for r in rows] == [
        ("1.1", "Empfehlung 2"),
        ("1.2", "Empfehlung 3"),
    ]


def test_paragraph_add_twice_at_once_stores_one():
    actor = office_user()
    draft = document_with_draft(actor=actor, paragraphs=0)
    recommendation = draft.recommendations.get()
    first = services.paragraph_add(recommendation=recommendation, text="Text.", actor=actor)
    second = services.paragraph_add(recommendation=recommendation, text="Text.", actor=actor)
    assert first == second
    assert recommendation.paragraphs.count() == 1


def test_chapter_delete_refuses_a_chapter_with_recommendations():
    actor = office_user()
    draft = document_with_draft(actor=actor)
    with pytest.raises(ValidationError) as caught:
        services.chapter_delete(chapter=draft.chapters.get(), actor=actor)
    assert caught.value.messages == [
        "Das Kapitel enthält noch Empfehlungen. Verschieben oder löschen Sie diese zuerst."
    ]


def test_paragraph_edit_records_the_length_not_the_text():
    actor = office_user()
    draft = document_with_draft(actor=actor, paragraphs=1)
    paragraph = Paragraph.objects.get()
    services.paragraph_edit(paragraph=paragraph, text="Kurz.", actor=actor)
    entry = AuditEntry.objects.get(action="recommendations.paragraph_edit")
    assert entry.changes == {"text": [26, 5]}
    assert draft.recommendations.get().paragraphs.get().text == "Kurz."


def test_changelog_edit_is_kept_after_freezing():
    actor = office_user()
    draft = document_with_draft(actor=actor)
    _frozen(draft, actor)
    services.version_changelog_edit(version=draft, changelog="Neue Kapitel.", actor=actor)
    assert Version.objects.get(pk=draft.pk).changelog == "Neue Kapitel."


def test_recommendation_add_keeps_the_chosen_department_when_its_row_is_missing():
    actor = office_user()
    draft = document_with_draft(actor=actor, recommendations=0)
    chapter = services.chapter_add(version=draft, title="Zugang", actor=actor)
    Department.objects.all().delete()
    added = services.recommendation_add(
        chapter=chapter, title="Bescheide", departments=["auslaenderbehoerde"], actor=actor
    )
    assert list(added.departments.values_list("code", flat=True)) == ["auslaenderbehoerde"]
