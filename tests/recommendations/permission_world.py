"""The recommendations' objects for the role × URL test: a document whose version 1.0
is frozen and whose second draft changed a word, so that the editing pages and the
comparison have something to show."""

from recommendations import services
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
    extend_round_comparison(world, version=first)
    # "document_pk" and "version_pk" name other apps' objects too, so they are set per URL.
    from recommendations.urls import app_name, urlpatterns

    for pattern in urlpatterns:
        world["kwargs"]["per_url"][f"{app_name}:{pattern.name}"] = {
            "document_pk": first.document_id,
            "version_pk": draft.pk,
        }


def extend_round_comparison(world: dict, *, version) -> None:
    """A round open to everyone with an account on the frozen version, so every role
    may compare it with what came after."""
    import datetime as dt

    from django.utils import timezone

    from recommendations.models import ConsultationRound

    now = timezone.now()
    round = ConsultationRound.objects.create(
        version=version,
        title="Runde für alle",
        starts_at=now - dt.timedelta(days=10),
        ends_at=now - dt.timedelta(days=1),
        for_public=True,
    )
    world["kwargs"]["per_url"]["round_comparison:round_compare"] = {"round_pk": round.pk}
