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


def published_version(
    *, actor, recommendations: int = 1, paragraphs: int = 2, slug: str = "empfehlungen"
) -> Version:
    """A document whose first version is frozen as "1.0" and published under CC BY 4.0
    (without its PDF: the background render waits for a commit the test never makes)."""
    draft = document_with_draft(
        actor=actor, recommendations=recommendations, paragraphs=paragraphs, slug=slug
    )
    frozen = services.version_freeze(version=draft, label="1.0", actor=actor)
    return services.version_publish(version=frozen, licence="cc-by-4.0", actor=actor)


def next_published_version(*, previous: Version, actor, label: str = "2.0", edit=None) -> Version:
    """The document's next version, changed by ``edit(draft)``, frozen and published."""
    draft = services.version_draft_create(document=previous.document, actor=actor)
    if edit is not None:
        edit(draft)
    frozen = services.version_freeze(version=draft, label=label, actor=actor)
    return services.version_publish(version=frozen, licence="cc-by-4.0", actor=actor)
