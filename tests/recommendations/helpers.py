"""A recommendations document for the tests, written through the services."""

from accounts.models import Role
from recommendations import services
from recommendations.models import Version
from tests import factories


def office_user():
    return factories.UserFactory(role=Role.OFFICE)


def document_with_draft(
    *, actor, recommendations: int = 1, paragraphs: int = 2, slug: str = "empfehlungen"
) -> Version:
    """A document whose first draft has one chapter with ``recommendations``
    recommendations of ``paragraphs`` paragraphs each."""
    document = services.document_create(
        slug=slug,
        title_de="Handlungsempfehlungen",
        actor=actor,
    )
    draft = document.versions.get()
    chapter = services.chapter_add(version=draft, title="Zugang zu Leistungen", actor=actor)
    for number in range(1, recommendations + 1):
        recommendation = services.recommendation_add(
            chapter=chapter,
            title=f"Empfehlung {number}",
            rationale="Weil es gerecht ist.",
            fields_of_action=["buergerservice"],
            departments=["buergeramt", "jobcenter"],
            actor=actor,
        )
        for index in range(1, paragraphs + 1):
            services.paragraph_add(
                recommendation=recommendation,
                text=f"Absatz {index} der Empfehlung {number}.",
                actor=actor,
            )
    return draft
