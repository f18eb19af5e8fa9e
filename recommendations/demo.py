"""The demo's recommendations: a short frozen version 1.0, so that the model
municipalities of the demo have something to try out in their field tests."""

from django.db import transaction

from recommendations import services
from recommendations.field_test_selectors import plannable_versions
from recommendations.models import Version

CHAPTERS = [
    (
        "Zugang zu Leistungen",
        [
            (
                "Bescheide verständlich schreiben",
                ["buergeramt", "auslaenderbehoerde", "jobcenter"],
                "Die Behörde schreibt Bescheide in einfacher Sprache und erklärt jede Frist.",
            ),
            (
                "Rückrufe statt Wartenummern",
                ["buergeramt", "jobcenter"],
                "Wer nicht durchkommt, wird binnen zwei Arbeitstagen zurückgerufen.",
            ),
        ],
    ),
    (
        "Personal",
        [
            (
                "Stellenausschreibungen diskriminierungsfrei fassen",
                ["personal"],
                "Anforderungen nennen nur, was die Stelle wirklich verlangt.",
            ),
        ],
    ),
]


@transaction.atomic
def ensure_demo_recommendations(*, actor=None) -> Version:
    """The latest frozen version of a document, written and frozen on first use."""
    existing = plannable_versions()
    if existing:
        return existing[0]
    document = services.document_create(
        slug="handlungsempfehlungen",
        title_de="Handlungsempfehlungen für eine rassismuskritische Verwaltung",
        title_en="Recommendations for an administration critical of racism",
        actor=actor,
    )
    draft = document.versions.get()
    for chapter_title, recommendations in CHAPTERS:
        chapter = services.chapter_add(version=draft, title=chapter_title, actor=actor)
        for title, departments, text in recommendations:
            recommendation = services.recommendation_add(
                chapter=chapter, title=title, departments=departments, actor=actor
            )
            services.paragraph_add(recommendation=recommendation, text=text, actor=actor)
    return services.version_freeze(version=draft, label="1.0", actor=actor)
