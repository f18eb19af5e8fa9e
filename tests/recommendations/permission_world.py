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
    # "document_pk" and "version_pk" name other apps' objects too, so they are set per URL.
    from recommendations.urls import app_name, urlpatterns

    for pattern in urlpatterns:
        world["kwargs"]["per_url"][f"{app_name}:{pattern.name}"] = {
            "document_pk": first.document_id,
            "version_pk": draft.pk,
        }
    extend_published(world)


def extend_published(world: dict) -> None:
    """A published document for the public pages, its PDF already stored (the walk
    needs no rendering), and the keywords that reach its version and a recommendation."""
    from django.core.files.base import ContentFile

    from tests.helpers import minimal_pdf
    from tests.recommendations.helpers import published_version

    office = world["users"]["office"]
    version = published_version(actor=office, recommendations=2, slug="welt-veroeffentlicht")
    version.pdf.save("fassung.pdf", ContentFile(minimal_pdf()), save=True)
    kwargs = {
        "slug": version.document.slug,
        "sequence": version.sequence,
        "key": version.recommendations.get(position=1).key,
    }
    from recommendations.public_urls import app_name, urlpatterns

    for pattern in urlpatterns:
        world["kwargs"]["per_url"][f"{app_name}:{pattern.name}"] = kwargs
