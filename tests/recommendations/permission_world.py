"""The recommendations' objects for the role × URL test: a document whose version 1.0
is frozen and whose second draft changed a word, so that the editing pages and the
comparison have something to show."""

from recommendations import answers, services
from tests.recommendations.helpers import document_with_draft


def extend(world: dict) -> None:
    office = world["users"]["office"]
    first = document_with_draft(actor=office, recommendations=2, slug="welt-empfehlungen")
    services.version_freeze(version=first, label="1.0", actor=office)
    draft = services.version_draft_create(document=first.document, actor=office)
    recommendation = draft.recommendations.select_related("chapter").get(position=1)
    paragraph = recommendation.paragraphs.get(position=1)
    services.paragraph_edit(paragraph=paragraph, text="Absatz 1, neu gefasst.", actor=office)
    world["kwargs"].update(
        {
            "chapter_pk": recommendation.chapter_id,
            "recommendation_pk": recommendation.pk,
            "paragraph_pk": paragraph.pk,
        }
    )
    # "document_pk" and "version_pk" name other apps' objects too, so they are set per URL.
    from recommendations.urls import app_name, urlpatterns

    for pattern in urlpatterns:
        world["kwargs"]["per_url"][f"{app_name}:{pattern.name}"] = {
            "document_pk": first.document_id,
            "version_pk": draft.pk,
        }
    _answers_world(world)


def _answers_world(world: dict) -> None:
    """A round whose answers are published, open to everyone with an account, so that
    every role may read its Synopse; its comment for the office's answering pages."""
    from recommendations import answer_urls, synopsis_urls
    from tests.recommendations.answer_helpers import (
        comment,
        ended_round,
        frozen_version,
        paragraphs_of,
    )

    office = world["users"]["office"]
    version = frozen_version(actor=office, slug="welt-synopse")
    round = ended_round(version=version, title="Welt-Runde", for_public=True)
    answered = comment(round=round, paragraph=paragraphs_of(version)[0])
    answers.comment_answer(
        comment=answered, status="adopted", reason="Übernommen.", revision=0, actor=office
    )
    answers.round_evaluate(round=round, actor=office)
    answers.answers_publish(round=round, actor=office)
    for module in (answer_urls, synopsis_urls):
        for pattern in module.urlpatterns:
            world["kwargs"]["per_url"][f"{module.app_name}:{pattern.name}"] = {
                "round_pk": round.pk,
                "comment_pk": answered.pk,
            }
