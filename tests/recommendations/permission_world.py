"""The recommendations' objects for the role × URL test: a document whose version 1.0
is frozen and whose second draft changed a word, so that the editing pages and the
comparison have something to show."""

import datetime as dt

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


def extend_field_tests(world: dict) -> None:
    """A field test of municipality A with one evidence file, on the frozen version 1.0
    that ``extend`` made, for the municipality's and the office's field test pages."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from recommendations import field_tests
    from recommendations.field_test_office_urls import app_name, urlpatterns
    from recommendations.models import Version
    from tests.helpers import minimal_pdf

    coordinator = world["users"]["coordinator"]
    version = Version.objects.get(document__slug="welt-empfehlungen", label="1.0")
    recommendation = version.recommendations.get(position=1)
    test = field_tests.field_test_plan(
        call=world["call"],
        municipality=coordinator.municipality,
        recommendation=recommendation,
        department="buergeramt",
        plan_what="Bescheide in einfacher Sprache",
        plan_where="Bürgeramt",
        plan_who="Teamleitung",
        starts_on=dt.date(2026, 2, 1),
        ends_on=dt.date(2026, 3, 31),
        actor=coordinator,
    )
    evidence = field_tests.field_test_evidence_add(
        field_test=test,
        title="Vordruck",
        upload=SimpleUploadedFile("vordruck.pdf", minimal_pdf()),
        actor=coordinator,
    )
    world["kwargs"].update({"field_test_pk": test.pk, "evidence_pk": evidence.pk})
    for pattern in urlpatterns:
        world["kwargs"]["per_url"][f"{app_name}:{pattern.name}"] = {
            "document_pk": version.document_id,
            "recommendation_pk": recommendation.pk,
        }
